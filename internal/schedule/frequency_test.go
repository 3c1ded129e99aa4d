package schedule_test

import (
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/schedule"
)

func TestAskedRecently(t *testing.T) {
	t.Parallel()
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	at := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	ended := func(s string) schedule.Asked { return schedule.Asked{Ended: at(s)} }
	pending := schedule.Asked{Pending: true}
	tests := []struct {
		name  string
		asked []schedule.Asked
		sold  string
		days  int
		loc   *time.Location
		want  int
	}{
		{"no follow-up yet asks", nil, "2026-03-10T10:00:00+03:30", 30, tehran, -1},
		{"a pending follow-up covers", []schedule.Asked{pending}, "2026-03-10T10:00:00+03:30", 30, tehran, 0},
		{"a pending follow-up covers however old the ended ones are", []schedule.Asked{ended("2020-01-01T10:00:00Z"), pending}, "2026-03-10T10:00:00+03:30", 30, tehran, 1},
		{"zero days asks every sale", []schedule.Asked{pending}, "2026-03-10T10:00:00+03:30", 0, tehran, -1},
		{"ended on the window's first day covers", []schedule.Asked{ended("2026-03-01T23:59:00+03:30")}, "2026-03-30T00:01:00+03:30", 30, tehran, 0},
		{"ended the day before the window asks", []schedule.Asked{ended("2026-02-28T23:59:00+03:30")}, "2026-03-30T00:01:00+03:30", 30, tehran, -1},
		// 20:00 UTC on 1 March is 23:30 in Tehran (still 1 March); 21:00 UTC
		// on 30 March is 00:30 on 31 March there: the window has moved on,
		// though in UTC both are inside one 30-day window.
		{"Tehran's midnight moves the window", []schedule.Asked{ended("2026-03-01T20:00:00Z")}, "2026-03-30T21:00:00Z", 30, tehran, -1},
		{"the same instants in UTC fall in one window", []schedule.Asked{ended("2026-03-01T20:00:00Z")}, "2026-03-30T21:00:00Z", 30, time.UTC, 0},
		{"one day means the same local day only", []schedule.Asked{ended("2026-03-10T00:10:00+03:30")}, "2026-03-10T23:50:00+03:30", 1, tehran, 0},
		{"one day does not reach the next local day", []schedule.Asked{ended("2026-03-10T23:50:00+03:30")}, "2026-03-11T00:10:00+03:30", 1, tehran, -1},
		{"ended after an old sale covers it", []schedule.Asked{ended("2026-03-20T10:00:00Z")}, "2026-03-01T10:00:00Z", 30, tehran, 0},
		{"the latest ended follow-up covers", []schedule.Asked{ended("2026-03-02T10:00:00Z"), ended("2026-03-08T10:00:00Z"), ended("2026-03-05T10:00:00Z")}, "2026-03-10T10:00:00Z", 30, tehran, 1},
		{"a pending follow-up wins over an ended one", []schedule.Asked{ended("2026-03-08T10:00:00Z"), pending}, "2026-03-10T10:00:00Z", 30, tehran, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := schedule.AskedRecently(tc.asked, at(tc.sold), tc.days, tc.loc); got != tc.want {
				t.Errorf("AskedRecently = %d, want %d", got, tc.want)
			}
		})
	}
}
