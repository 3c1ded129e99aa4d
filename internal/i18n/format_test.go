package i18n

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the tests must not depend on the machine's zoneinfo

	jalaali "github.com/jalaali/go-jalaali"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("loading %s: %v", name, err)
	}
	return loc
}

func mustParse(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatalf("parsing %s: %v", s, err)
	}
	return tm
}

func TestNumber(t *testing.T) {
	t.Parallel()
	tests := []struct {
		n      int64
		en, fa string
	}{
		{0, "0", "۰"},
		{7, "7", "۷"},
		{123, "123", "۱۲۳"},
		{1000, "1000", "۱۰۰۰"},
		{1405, "1405", "۱۴۰۵"},
		{9999, "9999", "۹۹۹۹"},
		{10000, "10,000", "۱۰٬۰۰۰"},
		{12345, "12,345", "۱۲٬۳۴۵"},
		{123456, "123,456", "۱۲۳٬۴۵۶"},
		{1234567, "1,234,567", "۱٬۲۳۴٬۵۶۷"},
		{-5, "-5", "\u200e−۵"},
		{-9999, "-9999", "\u200e−۹۹۹۹"},
		{-12345, "-12,345", "\u200e−۱۲٬۳۴۵"},
		{math.MaxInt64, "9,223,372,036,854,775,807", "۹٬۲۲۳٬۳۷۲٬۰۳۶٬۸۵۴٬۷۷۵٬۸۰۷"},
		{math.MinInt64, "-9,223,372,036,854,775,808", "\u200e−۹٬۲۲۳٬۳۷۲٬۰۳۶٬۸۵۴٬۷۷۵٬۸۰۸"},
	}
	for _, tt := range tests {
		t.Run(tt.en, func(t *testing.T) {
			t.Parallel()
			if got := Number(EN, tt.n); got != tt.en {
				t.Errorf("Number(EN, %d) = %q, want %q", tt.n, got, tt.en)
			}
			if got := Number(FA, tt.n); got != tt.fa {
				t.Errorf("Number(FA, %d) = %q, want %q", tt.n, got, tt.fa)
			}
		})
	}
}

func TestDigits(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang Lang
		in   string
		want string
	}{
		{FA, "0123456789", "۰۱۲۳۴۵۶۷۸۹"},
		{FA, "09121234567", "۰۹۱۲۱۲۳۴۵۶۷"},
		{FA, "14:05", "۱۴:۰۵"},
		{FA, "Room 12b", "Room ۱۲b"},
		{FA, "بدون رقم", "بدون رقم"},
		{FA, "۱۲ already", "۱۲ already"},
		{FA, "", ""},
		{EN, "0123456789", "0123456789"},
		{EN, "۱۲", "۱۲"},
		{Lang("de"), "42", "42"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang)+"/"+tt.in, func(t *testing.T) {
			t.Parallel()
			if got := Digits(tt.lang, tt.in); got != tt.want {
				t.Errorf("Digits(%q, %q) = %q, want %q", tt.lang, tt.in, got, tt.want)
			}
		})
	}
}

// TestNames pins the month and weekday names byte for byte: the zero-width
// non-joiner is invisible in an editor, so it is spelled out here.
func TestNames(t *testing.T) {
	t.Parallel()
	wantMonths := [12]string{
		"فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور",
		"مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
	}
	if faMonths != wantMonths {
		t.Errorf("faMonths = %q, want %q", faMonths, wantMonths)
	}
	wantWeekdays := map[time.Weekday]string{
		time.Saturday:  "\u0634\u0646\u0628\u0647",                         // شنبه
		time.Sunday:    "\u06cc\u06a9\u0634\u0646\u0628\u0647",             // یکشنبه
		time.Monday:    "\u062f\u0648\u0634\u0646\u0628\u0647",             // دوشنبه
		time.Tuesday:   "\u0633\u0647\u200c\u0634\u0646\u0628\u0647",       // سه‌شنبه
		time.Wednesday: "\u0686\u0647\u0627\u0631\u0634\u0646\u0628\u0647", // چهارشنبه
		time.Thursday:  "\u067e\u0646\u062c\u0634\u0646\u0628\u0647",       // پنجشنبه
		time.Friday:    "\u062c\u0645\u0639\u0647",                         // جمعه
	}
	for d, want := range wantWeekdays {
		if got := faWeekdays[d]; got != want {
			t.Errorf("faWeekdays[%s] = %q (%+q), want %q (%+q)", d, got, got, want, want)
		}
	}
	for _, name := range append(faMonths[:], faWeekdays[:]...) {
		for _, p := range persianProblems(name) {
			t.Errorf("%q: %s", name, p)
		}
	}
}

func TestDateTime(t *testing.T) {
	t.Parallel()
	tehran := mustLoad(t, "Asia/Tehran")
	london := mustLoad(t, "Europe/London")
	tests := []struct {
		name     string
		instant  string
		loc      *time.Location
		lang     Lang
		wantDate string
		wantTime string
	}{
		// The brief's example. Checked by hand: 1 Farvardin 1405 is
		// 21 March 2026; six 31-day months put 1 Mehr on 23 September,
		// 1 Aban on 23 October, 1 Azar on 22 November.
		{"example en", "2026-11-23T10:35:00Z", tehran, EN, "Mon 23 Nov 2026", "14:05"},
		{"example fa", "2026-11-23T10:35:00Z", tehran, FA, "دوشنبه ۲ آذر ۱۴۰۵", "۱۴:۰۵"},
		{"example fa utc", "2026-11-23T10:35:00Z", time.UTC, FA, "دوشنبه ۲ آذر ۱۴۰۵", "۱۰:۳۵"},

		// The March 2026 equinox (14:46 UTC, 18:16 in Tehran) is after
		// Tehran noon, so 1405 starts the next day: the equinox itself is
		// still 29 Esfand 1404 (1404 is not a leap year).
		{"equinox 2026 en", "2026-03-20T14:46:00Z", tehran, EN, "Fri 20 Mar 2026", "18:16"},
		{"equinox 2026 fa", "2026-03-20T14:46:00Z", tehran, FA, "جمعه ۲۹ اسفند ۱۴۰۴", "۱۸:۱۶"},
		{"last second of 1404 fa", "2026-03-20T20:29:59Z", tehran, FA, "جمعه ۲۹ اسفند ۱۴۰۴", "۲۳:۵۹"},
		{"nowruz 1405 fa", "2026-03-20T20:30:00Z", tehran, FA, "شنبه ۱ فروردین ۱۴۰۵", "۰۰:۰۰"},

		// One instant, either side of midnight: already Nowruz in Tehran,
		// still the last day of 1404 in UTC.
		{"midnight tehran en", "2026-03-20T21:00:00Z", tehran, EN, "Sat 21 Mar 2026", "00:30"},
		{"midnight tehran fa", "2026-03-20T21:00:00Z", tehran, FA, "شنبه ۱ فروردین ۱۴۰۵", "۰۰:۳۰"},
		{"midnight utc en", "2026-03-20T21:00:00Z", time.UTC, EN, "Fri 20 Mar 2026", "21:00"},
		{"midnight utc fa", "2026-03-20T21:00:00Z", time.UTC, FA, "جمعه ۲۹ اسفند ۱۴۰۴", "۲۱:۰۰"},
		{"nil loc is utc", "2026-03-20T21:00:00Z", nil, FA, "جمعه ۲۹ اسفند ۱۴۰۴", "۲۱:۰۰"},

		// 1403 was a leap year: 30 Esfand exists.
		{"30 esfand 1403", "2025-03-20T09:01:00Z", tehran, FA, "پنجشنبه ۳۰ اسفند ۱۴۰۳", "۱۲:۳۱"},
		{"nowruz 1403", "2024-03-20T03:06:00Z", tehran, FA, "چهارشنبه ۱ فروردین ۱۴۰۳", "۰۶:۳۶"},

		// Gregorian leap days. By hand: 1 Esfand 1402 is 20 February
		// 2024, so 29 February is 10 Esfand.
		{"leap day 2024 en", "2024-02-29T12:00:00Z", tehran, EN, "Thu 29 Feb 2024", "15:30"},
		{"leap day 2024 fa", "2024-02-29T12:00:00Z", tehran, FA, "پنجشنبه ۱۰ اسفند ۱۴۰۲", "۱۵:۳۰"},
		{"leap day 2028 fa", "2028-02-29T12:00:00Z", tehran, FA, "سه\u200cشنبه ۱۰ اسفند ۱۴۰۶", "۱۵:۳۰"},
		{"day after leap day 2028 fa", "2028-03-01T12:00:00Z", tehran, FA, "چهارشنبه ۱۱ اسفند ۱۴۰۶", "۱۵:۳۰"},

		// Iran has kept +03:30 all year since 2023; London moves.
		{"tehran summer", "2026-07-01T12:00:00Z", tehran, FA, "چهارشنبه ۱۰ تیر ۱۴۰۵", "۱۵:۳۰"},
		{"london summer", "2026-07-01T12:00:00Z", london, EN, "Wed 1 Jul 2026", "13:00"},
		{"gregorian new year fa", "2026-01-01T00:00:00Z", tehran, FA, "پنجشنبه ۱۱ دی ۱۴۰۴", "۰۳:۳۰"},
		{"sunday fa", "2026-11-22T08:00:00Z", tehran, FA, "یکشنبه ۱ آذر ۱۴۰۵", "۱۱:۳۰"},

		// Beyond the Jalali algorithm's range: Gregorian, Persian digits.
		{"out of range fa", "4000-01-01T00:00:00Z", time.UTC, FA, "شنبه ۴۰۰۰-۰۱-۰۱", "۰۰:۰۰"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tm := mustParse(t, tt.instant)
			if got := Date(tt.lang, tm, tt.loc); got != tt.wantDate {
				t.Errorf("Date(%s, %s, %v) = %q, want %q", tt.lang, tt.instant, tt.loc, got, tt.wantDate)
			}
			if got := Time(tt.lang, tm, tt.loc); got != tt.wantTime {
				t.Errorf("Time(%s, %s, %v) = %q, want %q", tt.lang, tt.instant, tt.loc, got, tt.wantTime)
			}
			want := tt.wantDate + " " + tt.wantTime
			if got := DateTime(tt.lang, tm, tt.loc); got != want {
				t.Errorf("DateTime(%s, %s, %v) = %q, want %q", tt.lang, tt.instant, tt.loc, got, want)
			}
		})
	}
}

// TestNowruzNoonRule cross-checks go-jalaali against the rule Iran's
// calendar is defined by: the year starts on the day whose Tehran noon
// (the 52.5°E meridian, UTC+03:30) follows the March equinox. Equinox
// instants are from published astronomical tables (to the minute).
func TestNowruzNoonRule(t *testing.T) {
	t.Parallel()
	tehran := time.FixedZone("IRST", 3*3600+30*60) // the meridian, not the civil zone
	tests := []struct {
		jy      int
		equinox string
	}{
		{1403, "2024-03-20T03:06:00Z"},
		{1404, "2025-03-20T09:01:00Z"},
		{1405, "2026-03-20T14:46:00Z"},
		{1406, "2027-03-20T20:24:00Z"},
		{1407, "2028-03-20T02:17:00Z"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.jy), func(t *testing.T) {
			t.Parallel()
			eq := mustParse(t, tt.equinox).In(tehran)
			nowruz := time.Date(eq.Year(), eq.Month(), eq.Day(), 0, 0, 0, 0, tehran)
			if eq.Hour() >= 12 {
				nowruz = nowruz.AddDate(0, 0, 1)
			}
			gy, gm, gd, err := jalaali.ToGregorian(tt.jy, jalaali.Farvardin, 1)
			if err != nil {
				t.Fatal(err)
			}
			if gy != nowruz.Year() || gm != nowruz.Month() || gd != nowruz.Day() {
				t.Errorf("1 Farvardin %d: go-jalaali says %d-%02d-%02d, noon rule says %s", tt.jy, gy, gm, gd, nowruz.Format(time.DateOnly))
			}
			wantDay := "۱ فروردین " + Number(FA, int64(tt.jy))
			if got := Date(FA, nowruz, tehran); !strings.Contains(got, wantDay) {
				t.Errorf("Date(FA, %s) = %q, want it to contain %q", nowruz.Format(time.DateOnly), got, wantDay)
			}
			eve := Date(FA, nowruz.Add(-time.Minute), tehran)
			if !strings.Contains(eve, "اسفند "+Number(FA, int64(tt.jy-1))) {
				t.Errorf("the minute before Nowruz %d is %q, want Esfand %d", tt.jy, eve, tt.jy-1)
			}
		})
	}
}

func TestZone(t *testing.T) {
	t.Parallel()
	winter := mustParse(t, "2026-01-15T12:00:00Z")
	summer := mustParse(t, "2026-07-15T12:00:00Z")
	tests := []struct {
		name   string
		t      time.Time
		loc    *time.Location
		en, fa string
	}{
		{"tehran winter", winter, mustLoad(t, "Asia/Tehran"), "Tehran +03:30", "تهران \u200e+۰۳:۳۰"},
		{"tehran summer 2021 dst", mustParse(t, "2021-07-15T12:00:00Z"), mustLoad(t, "Asia/Tehran"), "Tehran +04:30", "تهران \u200e+۰۴:۳۰"},
		{"london winter", winter, mustLoad(t, "Europe/London"), "London +00:00", "لندن \u200e+۰۰:۰۰"},
		{"london summer", summer, mustLoad(t, "Europe/London"), "London +01:00", "لندن \u200e+۰۱:۰۰"},
		{"sao paulo negative", winter, mustLoad(t, "America/Sao_Paulo"), "São Paulo -03:00", "سائوپائولو \u200e−۰۳:۰۰"},
		{"zone without a name here", winter, mustLoad(t, "Asia/Tokyo"), "Tokyo +09:00", "Tokyo \u200e+۰۹:۰۰"},
		{"nil is utc", winter, nil, "UTC +00:00", "UTC \u200e+۰۰:۰۰"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Zone(EN, tt.t, tt.loc); got != tt.en {
				t.Errorf("Zone(EN, %s, %v) = %q, want %q", tt.t, tt.loc, got, tt.en)
			}
			if got := Zone(FA, tt.t, tt.loc); got != tt.fa {
				t.Errorf("Zone(FA, %s, %v) = %q, want %q", tt.t, tt.loc, got, tt.fa)
			}
		})
	}
}

func TestShortDate(t *testing.T) {
	d := time.Date(2026, 11, 2, 0, 0, 0, 0, time.UTC)
	if got := ShortDate(EN, d); got != "2 Nov" {
		t.Errorf("EN %q", got)
	}
	if got := ShortDate(FA, d); got != "۱۱ آبان" {
		t.Errorf("FA %q", got)
	}
}

func TestASCIIDigits(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"۱۴۰۵-۰۹-۰۲": "1405-09-02", "١٢:٣٠": "12:30", "10:00": "10:00", "ab۳c": "ab3c", "": "",
	} {
		if got := ASCIIDigits(in); got != want {
			t.Errorf("ASCIIDigits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		l    Lang
		v    float64
		want string
	}{
		{EN, 2.0 / 3, "66.7%"},
		{FA, 2.0 / 3, "۶۶٫۷٪"},
		{FA, 1, "۱۰۰٫۰٪"},
		{EN, 0, "0.0%"},
	} {
		if got := Percent(c.l, c.v); got != c.want {
			t.Errorf("Percent(%s, %v) = %q, want %q", c.l, c.v, got, c.want)
		}
	}
}
