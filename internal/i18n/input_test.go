package i18n

import (
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/invalid"
)

// invalidOne is the first of a parse's problems.
func invalidOne(_ int, ps invalid.Problems) invalid.Problem { return ps[0] }

func TestParseDate(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	ok := []struct {
		l    Lang
		in   string
		want time.Time
	}{
		{FA, "۱۴۰۵/۰۹/۱۳", day(2026, time.December, 4)},
		{FA, "١٤٠٥/٠٩/١٣", day(2026, time.December, 4)}, // Arabic-Indic digits
		{FA, "1405-9-13", day(2026, time.December, 4)},
		{FA, " ۱۴۰۵/۰۹-۱۳ ", day(2026, time.December, 4)},
		{FA, "۱۴۰۳/۱۲/۳۰", day(2025, time.March, 20)}, // 1403 is a leap year
		{FA, "۱۴۰۴/۱۲/۲۹", day(2026, time.March, 20)}, // 1404 is not: Esfand has 29 days
		{FA, "۱۴۰۵/۰۱/۰۱", day(2026, time.March, 21)},
		{FA, "۱۴۰۵/۰۶/۳۱", day(2026, time.September, 22)}, // the first six months have 31 days
		{FA, "۱۴۰۵/۰۷/۳۰", day(2026, time.October, 22)},   // the next five 30
		{FA, "2026-12-04", day(2026, time.December, 4)},   // a Gregorian year reads as Gregorian
		{EN, "2026-12-04", day(2026, time.December, 4)},
		{EN, "۲۰۲۸-۰۲-۲۹", day(2028, time.February, 29)},
	}
	for _, c := range ok {
		got, probs := ParseDate(c.l, "from", c.in)
		if probs != nil || !got.Equal(c.want) {
			t.Errorf("ParseDate(%s, %q) = %v, %v; want %v", c.l, c.in, got, probs, c.want)
		}
	}
	bad := []struct {
		l    Lang
		in   string
		code string
		msg  string
	}{
		{FA, "۱۴۰۵/۱۳/۰۱", "date.month", "«۱۴۰۵/۱۳/۰۱» تاریخ درستی نیست: ماه باید از ۱ تا ۱۲ باشد."},
		{FA, "1405/13/01", "date.month", "«۱۴۰۵/۱۳/۰۱» تاریخ درستی نیست: ماه باید از ۱ تا ۱۲ باشد."},
		{FA, "۱۴۰۴/۱۲/۳۰", "date.day", "«۱۴۰۴/۱۲/۳۰» تاریخ درستی نیست: اسفند ۱۴۰۴، ۲۹ روز دارد."},
		{FA, "۱۴۰۵/۰۷/۳۱", "date.day", "«۱۴۰۵/۰۷/۳۱» تاریخ درستی نیست: مهر ۱۴۰۵، ۳۰ روز دارد."},
		{FA, "۱۴۰۵/۰۱/۰۰", "date.day", ""},
		{FA, "۱۳/۰۹/۱۴۰۵", "date.format", ""},
		{FA, "۱۴۰۵//۰۹/۱۳", "date.format", ""},
		{FA, "۱۴۰۵/۰۹/۱۳/", "date.format", ""},
		{FA, "۱۴۰۵ ۰۹ ۱۳", "date.format", ""},
		{FA, "", "date.format", ""},
		{EN, "2026/12/04", "date.format", "“2026/12/04” is not a date; please write it as YYYY-MM-DD, e.g. 2026-03-21."},
		{EN, "2026-02-29", "date.day", "“2026-02-29” is not a date: February 2026 has 28 days."},
		{EN, "2026-00-10", "date.month", ""},
		{EN, "26-12-04", "date.format", ""},
		{EN, "2026-12-04x", "date.format", ""},
	}
	for _, c := range bad {
		_, probs := ParseDate(c.l, "from", c.in)
		if len(probs) != 1 || probs[0].Field != "from" || probs[0].Code != c.code {
			t.Errorf("ParseDate(%s, %q): problems %v, want one %s on from", c.l, c.in, probs, c.code)
			continue
		}
		if got := Problem(c.l, probs[0]); c.msg != "" && got != c.msg {
			t.Errorf("ParseDate(%s, %q) says %q, want %q", c.l, c.in, got, c.msg)
		}
	}
}

func TestDateValueRoundTrips(t *testing.T) {
	for _, l := range []Lang{EN, FA} {
		for d := time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2029; d = d.AddDate(0, 0, 1) {
			shown := DateValue(l, d)
			back, probs := ParseDate(l, "d", shown)
			if probs != nil || !back.Equal(d) {
				t.Fatalf("%s: %s shows as %q, which reads back as %v, %v", l, d.Format(time.DateOnly), shown, back, probs)
			}
		}
	}
	if got := DateValue(FA, time.Date(2026, time.December, 4, 0, 0, 0, 0, time.UTC)); got != "۱۴۰۵/۰۹/۱۳" {
		t.Errorf("DateValue(fa, 2026-12-04) = %q", got)
	}
	if got := DateValue(EN, time.Date(2026, time.December, 4, 0, 0, 0, 0, time.UTC)); got != "2026-12-04" {
		t.Errorf("DateValue(en, 2026-12-04) = %q", got)
	}
}

func TestParseClock(t *testing.T) {
	ok := map[string]int{"۱۴:۳۰": 870, "14:30": 870, "٠٩:٠٥": 545, "9:05": 545, "00:00": 0, "23:59": 1439}
	for in, want := range ok {
		if got, probs := ParseClock(FA, "t", in); probs != nil || got != want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d", in, got, probs, want)
		}
		if ClockValue(FA, want) != Digits(FA, time.Date(1, 1, 1, want/60, want%60, 0, 0, time.UTC).Format("15:04")) {
			t.Errorf("ClockValue(fa, %d) = %q", want, ClockValue(FA, want))
		}
	}
	bad := map[string]string{"24:00": "time.range", "۱۲:۶۰": "time.range", "2:30 PM": "time.format", "1430": "time.format", "14:3": "time.format", "": "time.format"}
	for in, code := range bad {
		if _, probs := ParseClock(EN, "t", in); len(probs) != 1 || probs[0].Code != code {
			t.Errorf("ParseClock(%q): problems %v, want %s", in, probs, code)
		}
	}
	if got := Problem(FA, invalidOne(ParseClock(FA, "t", "۲۵:۰۰"))); got != "«۲۵:۰۰» ساعت درستی نیست: ساعت از ۰ تا ۲۳ و دقیقه از ۰ تا ۵۹ است." {
		t.Errorf("25:00 in Persian: %q", got)
	}
}

func TestParseDateTime(t *testing.T) {
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, time.December, 4, 14, 30, 0, 0, tehran)
	for _, c := range []struct {
		l  Lang
		in string
	}{
		{FA, "۱۴۰۵/۰۹/۱۳ ۱۴:۳۰"}, {FA, "1405/9/13  14:30"}, {FA, "۱۴۰۵-۰۹-۱۳T۱۴:۳۰"},
		{EN, "2026-12-04T14:30"}, {EN, "2026-12-04 14:30"},
	} {
		got, probs := ParseDateTime(c.l, "callback_at", c.in, tehran)
		if probs != nil || !got.Equal(want) || got.Location() != tehran {
			t.Errorf("ParseDateTime(%s, %q) = %v, %v; want %v", c.l, c.in, got, probs, want)
		}
	}
	for in, code := range map[string]string{"۱۴۰۵/۰۹/۱۳": "datetime.format", "۱۴۰۵/۰۹/۳۱ ۱۴:۳۰": "date.day", "۱۴۰۵/۰۹/۱۳ ۲:۳۰ ب.ظ": "time.format", "": "datetime.format"} {
		if _, probs := ParseDateTime(FA, "callback_at", in, tehran); len(probs) != 1 || probs[0].Code != code || probs[0].Field != "callback_at" {
			t.Errorf("ParseDateTime(fa, %q): problems %v, want %s", in, probs, code)
		}
	}
}
