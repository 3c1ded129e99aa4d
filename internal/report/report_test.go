package report

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParseRange(t *testing.T) {
	today := day("2026-11-23")
	for _, c := range []struct {
		name, from, to string
		want           Range
		fields         []string
	}{
		{"defaults", "", "", Range{day("2026-10-25"), today}, nil},
		{"given", "2026-01-01", "2026-01-31", Range{day("2026-01-01"), day("2026-01-31")}, nil},
		{"persian digits", "۲۰۲۶-۰۱-۰۱", "2026-01-02", Range{day("2026-01-01"), day("2026-01-02")}, nil},
		{"bad from", "yesterday", "", Range{}, []string{"from"}},
		{"bad both", "2026-02-30", "x", Range{}, []string{"from", "to"}},
		{"backwards", "2026-02-01", "2026-01-01", Range{}, []string{"to"}},
		{"too long", "2024-01-01", "2026-01-01", Range{}, []string{"from"}},
		{"a year", "2025-11-24", "2026-11-23", Range{day("2025-11-24"), today}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, probs := ParseRange(i18n.EN, c.from, c.to, today)
			var fields []string
			for _, p := range probs {
				fields = append(fields, p.Field)
			}
			if !slices.Equal(fields, c.fields) {
				t.Fatalf("problems %v, want fields %v", probs, c.fields)
			}
			if c.fields == nil && r != c.want {
				t.Errorf("range %v, want %v", r, c.want)
			}
		})
	}
	if d := DefaultRange(today).Days(); d != DefaultDays {
		t.Errorf("default range has %d days, want %d", d, DefaultDays)
	}
}

func TestInstants(t *testing.T) {
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	from, to := Range{day("2026-11-01"), day("2026-11-02")}.Instants(tehran)
	if got := from.UTC().Format(time.RFC3339); got != "2026-10-31T20:30:00Z" {
		t.Errorf("from %s", got)
	}
	if got := to.Sub(from); got != 48*time.Hour {
		t.Errorf("span %v, want 48h", got)
	}
}

func TestBucketing(t *testing.T) {
	for _, c := range []struct {
		name      string
		r         Range
		weekStart time.Weekday
		stride    int
		first     string
		n         int
	}{
		{"30 days daily", Range{day("2026-10-25"), day("2026-11-23")}, time.Saturday, 1, "2026-10-25", 30},
		{"62 days daily", Range{day("2026-09-23"), day("2026-11-23")}, time.Saturday, 1, "2026-09-23", 62},
		// 2026-09-22 is a Tuesday; the Saturday before is 2026-09-19.
		{"63 days weekly from Saturday", Range{day("2026-09-22"), day("2026-11-23")}, time.Saturday, 7, "2026-09-19", 10},
		{"weekly from Monday", Range{day("2026-09-22"), day("2026-11-23")}, time.Monday, 7, "2026-09-21", 10},
		{"a year", Range{day("2025-11-24"), day("2026-11-23")}, time.Saturday, 7, "2025-11-22", 53},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := Bucketing(c.r, c.weekStart)
			if b.StrideDays != c.stride || len(b.Starts) != c.n || b.Starts[0] != day(c.first) {
				t.Fatalf("stride %d, %d buckets from %s; want %d, %d from %s", b.StrideDays, len(b.Starts),
					b.Starts[0].Format(time.DateOnly), c.stride, c.n, c.first)
			}
			for i, s := range b.Starts {
				if c.stride == 7 && s.Weekday() != c.weekStart {
					t.Errorf("bucket %d starts on %s", i, s.Weekday())
				}
				if b.Index(s) != i || b.Start(s.AddDate(0, 0, c.stride-1)) != s {
					t.Errorf("bucket %d: index %d", i, b.Index(s))
				}
			}
			if b.Index(day("1999-01-01")) != -1 {
				t.Error("a day outside the range has a bucket")
			}
		})
	}
}

func TestRates(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, c := range []struct {
		name string
		got  func() (float64, bool)
		want float64
		ok   bool
	}{
		{"ratio", func() (float64, bool) { return Ratio(1, 4) }, 0.25, true},
		{"ratio of nothing", func() (float64, bool) { return Ratio(0, 0) }, 0, false},
		{"csat", func() (float64, bool) { return CSAT(3, 4) }, 0.75, true},
		{"nps", func() (float64, bool) { return NPS(5, 2, 10) }, 30, true},
		{"nps all detractors", func() (float64, bool) { return NPS(0, 4, 4) }, -100, true},
		{"nps none", func() (float64, bool) { return NPS(0, 0, 0) }, 0, false},
	} {
		got, ok := c.got()
		if ok != c.ok || !near(got, c.want) {
			t.Errorf("%s: %v %v, want %v %v", c.name, got, ok, c.want, c.ok)
		}
	}
}

func TestParseSilence(t *testing.T) {
	for _, c := range []struct {
		name   string
		in     SilenceInput
		want   Silence
		fields []string
	}{
		{"defaults", SilenceInput{"3", "3", "7", "8"}, DefaultSilence, nil},
		{"persian digits", SilenceInput{"۲", "۳", "۶", "۸"}, Silence{2, 3, 6, 8}, nil},
		{"out of scale", SilenceInput{"0", "6", "-1", "11"}, Silence{}, []string{"rating_lo", "rating_hi", "nps_lo", "nps_hi"}},
		{"backwards", SilenceInput{"4", "3", "8", "7"}, Silence{}, []string{"rating_hi", "nps_hi"}},
		{"not a number", SilenceInput{"three", "3", "7", "8"}, Silence{}, []string{"rating_lo"}},
		{"every problem at once", SilenceInput{"0", "5", "9", "3"}, Silence{}, []string{"rating_lo", "nps_hi"}},
	} {
		s, probs := ParseSilence(c.in)
		var fields []string
		for _, p := range probs {
			fields = append(fields, p.Field)
		}
		if !slices.Equal(fields, c.fields) || (c.fields == nil && s != c.want) {
			t.Errorf("%s: %v %v, want %v %v", c.name, s, probs, c.want, c.fields)
		}
	}
}

func TestRollupPlan(t *testing.T) {
	today := day("2026-11-23")
	for _, c := range []struct {
		name     string
		built    time.Time
		full     bool
		from, to string
	}{
		{"first build", time.Time{}, false, "2000-01-01", "2026-11-09"},
		{"full", day("2026-11-01"), true, "2000-01-01", "2026-11-09"},
		{"refresh rechecks the last month", day("2026-11-08"), false, "2026-10-09", "2026-11-09"},
	} {
		from, to := RollupPlan(c.built, today, c.full)
		if from != day(c.from) || to != day(c.to) {
			t.Errorf("%s: [%s, %s), want [%s, %s)", c.name, from.Format(time.DateOnly), to.Format(time.DateOnly), c.from, c.to)
		}
	}
}

func TestRecoveryRollupPlanRechecksTwoHundredDaysUpToToday(t *testing.T) {
	today := day("2026-11-23")
	for _, c := range []struct {
		name     string
		built    time.Time
		full     bool
		from, to string
	}{
		{"first build", time.Time{}, false, "2000-01-01", "2026-11-23"},
		{"full", day("2026-11-23"), true, "2000-01-01", "2026-11-23"},
		{"refresh rechecks 200 days", day("2026-11-23"), false, "2026-05-07", "2026-11-23"},
		{"refresh after a long pause starts where it ended", day("2026-01-10"), false, "2026-01-10", "2026-11-23"},
	} {
		from, to := RecoveryRollupPlan(c.built, today, c.full)
		if from != day(c.from) || to != day(c.to) {
			t.Errorf("%s: [%s, %s), want [%s, %s)", c.name, from.Format(time.DateOnly), to.Format(time.DateOnly), c.from, c.to)
		}
	}
}

func TestRangeSplit(t *testing.T) {
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	year := Range{day("2025-11-24"), day("2026-11-23")}
	// Nothing rolled up: all live.
	live, rf, rt := year.Split(tehran, time.Time{})
	if from, _ := year.Instants(tehran); !live.Equal(from) || rf != rt {
		t.Errorf("no rollup: live from %v, rolled [%v, %v)", live, rf, rt)
	}
	// Rolled up to 9 November: the days before from the rollup, the rest live from UTC midnight.
	built := day("2026-11-09")
	live, rf, rt = year.Split(tehran, built)
	if !live.Equal(built) || rf != year.From || rt != built {
		t.Errorf("year: live from %v, rolled [%v, %v)", live, rf, rt)
	}
	// A range entirely after the rollup's end reads follow-ups alone.
	month := Range{day("2026-11-10"), day("2026-11-23")}
	live, rf, rt = month.Split(tehran, built)
	if from, _ := month.Instants(tehran); !live.Equal(from) || rt != rf {
		t.Errorf("recent: live from %v, rolled [%v, %v)", live, rf, rt)
	}
}

func TestParseRangeJalali(t *testing.T) {
	today := day("2026-12-04")
	r, probs := ParseRange(i18n.FA, "۱۴۰۵/۰۹/۰۱", "۱۴۰۵/۰۹/۱۳", today)
	if probs != nil || r != (Range{day("2026-11-22"), today}) {
		t.Errorf("1 to 13 Azar 1405 = %v, %v; want 2026-11-22 to 2026-12-04", r, probs)
	}
	_, probs = ParseRange(i18n.FA, "۱۴۰۵/۰۷/۳۱", "۱۴۰۵/۱۳/۰۱", today)
	if len(probs) != 2 || probs[0].Code != "date.day" || probs[0].Field != "from" || probs[1].Code != "date.month" || probs[1].Field != "to" {
		t.Errorf("31 Mehr and month 13: problems %v", probs)
	}
}
