package i18n

import (
	"strconv"
	"strings"
	"time"

	jalaali "github.com/jalaali/go-jalaali"
)

// Persian (Extended Arabic-Indic) digits, U+06F0–U+06F9, as Iran writes
// them; not the Arabic-Indic U+0660–U+0669 used in Arabic.
var faDigits = strings.NewReplacer(
	"0", "۰", "1", "۱", "2", "۲", "3", "۳", "4", "۴",
	"5", "۵", "6", "۶", "7", "۷", "8", "۸", "9", "۹",
)

const (
	// faGroupSep is ARABIC THOUSANDS SEPARATOR, CLDR's grouping sign for fa.
	faGroupSep = "٬"
	// faMinus is CLDR's minus sign for fa: LEFT-TO-RIGHT MARK + MINUS SIGN.
	// Persian digits are bidi class EN, so in a right-to-left line a bare
	// "-" before them would be drawn on their right ("۵-"); the mark keeps
	// the sign on the left.
	faMinus = "\u200e−"
)

// Digits replaces ASCII digits in s by Persian ones when l is Persian and
// returns s unchanged otherwise.
func Digits(l Lang, s string) string {
	if l != FA {
		return s
	}
	return faDigits.Replace(s)
}

// ASCIIDigits turns Persian (۰–۹) and Arabic-Indic (٠–٩) digits into ASCII
// ones, so a number, date or time typed on a Persian keyboard reads the
// same as one typed on a Latin one.
func ASCIIDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		}
		return r
	}, s)
}

// Number formats n for l: Persian digits for Persian. Numbers of five digits
// or more are grouped by thousands ("12,345", "۱۲٬۳۴۵"); four-digit ones are
// not ("1234"), as CLDR's minimum grouping of two digits prescribes for
// short numbers, so years and counts stay compact.
func Number(l Lang, n int64) string {
	neg := n < 0
	u := uint64(n)
	if neg {
		u = -u // two's complement: right for math.MinInt64 too
	}
	digits := strconv.FormatUint(u, 10)

	sep, minus := ",", "-"
	if l == FA {
		sep, minus = faGroupSep, faMinus
	}

	var b strings.Builder
	if neg {
		b.WriteString(minus)
	}
	if len(digits) < 5 {
		b.WriteString(digits)
	} else {
		head := len(digits) % 3
		if head == 0 {
			head = 3
		}
		b.WriteString(digits[:head])
		for i := head; i < len(digits); i += 3 {
			b.WriteString(sep)
			b.WriteString(digits[i : i+3])
		}
	}
	return Digits(l, b.String())
}

// Persian month names, Farvardin first.
var faMonths = [12]string{
	"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
	"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
}

// Persian weekday names indexed by time.Weekday (Sunday = 0). The Persian
// week starts on Saturday; the index is Go's so no arithmetic is needed.
// Spelling follows the Academy of Persian Language and Literature: a
// zero-width non-joiner (U+200C) in سه‌شنبه, where ه would otherwise join
// ش; none in چهارشنبه, since ر never joins the next letter; یکشنبه and
// پنجشنبه written joined. (go-jalaali spells two of them differently, which
// is why its Weekday.String is not used.)
var faWeekdays = [7]string{
	time.Sunday:    "یکشنبه",
	time.Monday:    "دوشنبه",
	time.Tuesday:   "سه\u200cشنبه",
	time.Wednesday: "چهارشنبه",
	time.Thursday:  "پنجشنبه",
	time.Friday:    "جمعه",
	time.Saturday:  "شنبه",
}

// Weekday names d in l: "Monday", "دوشنبه".
func Weekday(l Lang, d time.Weekday) string {
	d = (d%7 + 7) % 7
	if l == FA {
		return faWeekdays[d]
	}
	return d.String()
}

// in returns t in loc; a nil loc means UTC rather than a panic in a view.
func in(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc)
}

// Date formats the calendar day of t as seen in loc: "Mon 23 Nov 2026" in
// English, "دوشنبه ۲ آذر ۱۴۰۵" (Jalali) in Persian. The day is taken in loc
// before converting, so an instant shortly after midnight in Tehran is
// already the next Jalali day although it is still the previous day in UTC.
func Date(l Lang, t time.Time, loc *time.Location) string {
	t = in(t, loc)
	if l != FA {
		return t.Format("Mon 2 Jan 2006")
	}
	jy, jm, jd, err := jalaali.ToJalaali(t.Year(), t.Month(), t.Day())
	if err != nil || jy < 1 {
		// Outside the years the Jalali algorithm covers (3799 AD on) or
		// before the Jalali era (622 AD): show the Gregorian date, in
		// Persian digits, rather than nothing or a negative year.
		return faWeekdays[t.Weekday()] + " " + Digits(FA, t.Format("2006-01-02"))
	}
	return faWeekdays[t.Weekday()] + " " +
		Digits(FA, strconv.Itoa(jd)) + " " +
		faMonths[jm-1] + " " +
		Digits(FA, strconv.Itoa(jy))
}

// Time formats the wall-clock time of t in loc on the 24-hour clock:
// "14:05", "۱۴:۰۵".
func Time(l Lang, t time.Time, loc *time.Location) string {
	return Digits(l, in(t, loc).Format("15:04"))
}

// DateTime is Date and Time separated by a space.
func DateTime(l Lang, t time.Time, loc *time.Location) string {
	return Date(l, t, loc) + " " + Time(l, t, loc)
}
