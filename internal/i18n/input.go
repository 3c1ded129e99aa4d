package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	jalaali "github.com/jalaali/go-jalaali"

	"github.com/tamas-app/tamas/internal/invalid"
)

// Dates and times as people type them into forms. Persian readers type the
// Jalali calendar and the 24-hour clock in whichever digits their keyboard
// gives; browsers offer no Jalali picker, so Persian forms show plain text
// fields and the server converts. English readers keep ISO dates, which
// their browser's date and time pickers send.

// firstGregorianYear splits a Persian reader's four-digit years: below it a
// year is Jalali (today about 1405), from it on Gregorian, so a Gregorian
// date pasted from elsewhere, or a link built in ISO form, still reads.
const firstGregorianYear = 1700

// DateValue is the civil date of t (its own year, month and day, whatever
// its zone) as a date field shows it: "2026-12-04", "۱۴۰۵/۰۹/۱۳". ParseDate
// reads it back to the same day.
func DateValue(l Lang, t time.Time) string {
	if l != FA {
		return t.Format(time.DateOnly)
	}
	jy, jm, jd, err := jalaali.ToJalaali(t.Year(), t.Month(), t.Day())
	if err != nil || jy < 1 {
		return Digits(FA, t.Format(time.DateOnly))
	}
	return Digits(FA, fmt.Sprintf("%04d/%02d/%02d", jy, int(jm), jd))
}

// ClockValue is a time of day, minutes since midnight, as a time field
// shows it: "14:30", "۱۴:۳۰".
func ClockValue(l Lang, minutes int) string {
	return Digits(l, fmt.Sprintf("%02d:%02d", minutes/60, minutes%60))
}

// ParseDate reads a date typed in l as the civil date it names, at
// midnight UTC. English reads ISO "2026-12-04"; Persian reads Jalali
// "۱۴۰۵/۰۹/۱۳" with "/" or "-" between the parts, and a year from 1700 on
// as Gregorian. Any digits (Latin, Persian, Arabic-Indic) do. Problems are
// on field and quote what was typed in the reader's digits.
func ParseDate(l Lang, field, s string) (time.Time, invalid.Problems) {
	s = strings.TrimSpace(s)
	y, m, d, ok := splitDate(l, ASCIIDigits(s))
	if !ok {
		return time.Time{}, invalid.New(field, "date.format", echo(l, s))
	}
	if m < 1 || m > 12 {
		return time.Time{}, invalid.New(field, "date.month", echo(l, s))
	}
	if l == FA && y < firstGregorianYear {
		last, _ := jalaali.MonthLength(y, m) // four-digit years are all in range
		if d < 1 || d > last {
			return time.Time{}, invalid.New(field, "date.day", echo(l, s), faMonths[m-1], y, last)
		}
		gy, gm, gd, err := jalaali.ToGregorian(y, jalaali.Month(m), d)
		if err != nil {
			return time.Time{}, invalid.New(field, "date.format", echo(l, s))
		}
		return time.Date(gy, gm, gd, 0, 0, 0, 0, time.UTC), nil
	}
	// Day 0 of the next month is the last day of this one.
	last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d < 1 || d > last {
		return time.Time{}, invalid.New(field, "date.day", echo(l, s), time.Month(m).String(), y, last)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// ParseClock reads a time of day on the 24-hour clock, "14:30" or "9:05"
// in any digits, as minutes since midnight.
func ParseClock(l Lang, field, s string) (int, invalid.Problems) {
	s = strings.TrimSpace(s)
	h, m, ok := splitClock(ASCIIDigits(s))
	if !ok {
		return 0, invalid.New(field, "time.format", echo(l, s))
	}
	if h > 23 || m > 59 {
		return 0, invalid.New(field, "time.range", echo(l, s))
	}
	return h*60 + m, nil
}

// ParseDateTime reads a date and a time of day typed in l, as the instant
// they name in loc. The two are separated by spaces or, as an HTML
// datetime-local field sends them, a "T": "2026-12-04T14:30",
// "۱۴۰۵/۰۹/۱۳ ۱۴:۳۰".
func ParseDateTime(l Lang, field, s string, loc *time.Location) (time.Time, invalid.Problems) {
	s = strings.TrimSpace(s)
	date, clock, found := strings.Cut(s, "T")
	if !found {
		i := strings.IndexFunc(s, unicode.IsSpace)
		if i < 0 {
			return time.Time{}, invalid.New(field, "datetime.format", echo(l, s))
		}
		date, clock = s[:i], s[i:]
	}
	day, probs := ParseDate(l, field, date)
	if probs != nil {
		return time.Time{}, probs
	}
	minutes, probs := ParseClock(l, field, clock)
	if probs != nil {
		return time.Time{}, probs
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(day.Year(), day.Month(), day.Day(), minutes/60, minutes%60, 0, 0, loc), nil
}

// splitDate reads year, month and day from ASCII digits: "YYYY-MM-DD" in
// English, also "/" between them in Persian; month and day may have one
// digit.
func splitDate(l Lang, s string) (y, m, d int, ok bool) {
	seps := "-"
	if l == FA {
		seps = "-/"
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(seps, r) })
	// FieldsFunc drops empty parts, so the length check also refuses a
	// doubled, leading or trailing separator.
	if len(parts) != 3 || len(s) != len(parts[0])+len(parts[1])+len(parts[2])+2 ||
		len(parts[0]) != 4 || !allDigits(parts[0]) || !shortNumber(parts[1]) || !shortNumber(parts[2]) {
		return 0, 0, 0, false
	}
	y, _ = strconv.Atoi(parts[0])
	m, _ = strconv.Atoi(parts[1])
	d, _ = strconv.Atoi(parts[2])
	return y, m, d, true
}

// splitClock reads "H:MM" or "HH:MM" in ASCII digits.
func splitClock(s string) (h, m int, ok bool) {
	hs, ms, found := strings.Cut(s, ":")
	if !found || !shortNumber(hs) || len(ms) != 2 || !allDigits(ms) {
		return 0, 0, false
	}
	h, _ = strconv.Atoi(hs)
	m, _ = strconv.Atoi(ms)
	return h, m, true
}

// shortNumber is one or two ASCII digits.
func shortNumber(s string) bool {
	return (len(s) == 1 || len(s) == 2) && allDigits(s)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// echo is what was typed, shortened, in the reader's digits, for a message
// to quote.
func echo(l Lang, s string) string {
	if r := []rune(s); len(r) > 30 {
		s = string(r[:30]) + "…"
	}
	return Digits(l, ASCIIDigits(s))
}
