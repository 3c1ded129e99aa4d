package schedule_test

import (
	"slices"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/schedule"
)

// Why the Iranian week's window is shut, in Tehran: 2026-12-03 is a
// Thursday, 12-04 a Friday, 12-06 a Sunday.
func TestClosedBecause(t *testing.T) {
	tehran := mustLoad(t, "Asia/Tehran")
	cal := schedule.IranCalendar()
	cal.Holidays = []schedule.Date{mustDate(t, "2026-12-07")}
	for _, c := range []struct {
		at   string
		want schedule.Reason
	}{
		{"2026-12-03T12:00:00+03:30", schedule.DayOff},      // Thursday, inside the hours
		{"2026-12-04T12:00:00+03:30", schedule.DayOff},      // Friday
		{"2026-12-06T09:59:00+03:30", schedule.BeforeHours}, // Sunday, a minute early
		{"2026-12-06T10:00:00+03:30", ""},
		{"2026-12-06T18:59:00+03:30", ""},
		{"2026-12-06T19:00:00+03:30", schedule.AfterHours},
		{"2026-12-07T12:00:00+03:30", schedule.Holiday}, // a Monday holiday
	} {
		if got := cal.ClosedBecause(mustTime(t, c.at), tehran); got != c.want {
			t.Errorf("%s: %q, want %q", c.at, got, c.want)
		}
	}
}

// Due calls in several zones on a Friday noon in Tehran: Tehran is off
// until Saturday 10:00, London (09:30 there, Friday is a working day for
// the calendar's week) opens at 10:00, and a zone inside its window is not
// explained at all.
func TestClosedGroupsZonesByReasonAndOpening(t *testing.T) {
	cal := schedule.IranCalendar()
	cal.WorkingDays[time.Friday] = false
	cal.WorkingDays[time.Thursday] = true
	tehran, london, dubai := mustLoad(t, "Asia/Tehran"), mustLoad(t, "Europe/London"), mustLoad(t, "Asia/Dubai")
	now := mustTime(t, "2026-12-03T09:30:00Z") // Thursday: 13:00 Tehran, 13:30 Dubai, 09:30 London
	got := cal.Closed(now, []schedule.ZoneDue{
		{Zone: "Europe/London", Location: london, Due: 4},
		{Zone: "Asia/Tehran", Location: tehran, Due: 7},
		{Zone: "Asia/Dubai", Location: dubai, Due: 2},
	})
	want := []schedule.Waiting{{Reason: schedule.BeforeHours, Due: 4, Opens: mustTime(t, "2026-12-03T10:00:00Z"), Zones: []string{"Europe/London"}}}
	if !equalWaiting(got, want) {
		t.Fatalf("Thursday: %+v, want %+v", got, want)
	}

	friday := mustTime(t, "2026-12-04T08:30:00Z") // 12:00 Tehran, 12:30 Dubai, 08:30 London
	got = cal.Closed(friday, []schedule.ZoneDue{
		{Zone: "Europe/London", Location: london, Due: 4},
		{Zone: "Asia/Tehran", Location: tehran, Due: 7},
		{Zone: "Asia/Dubai", Location: dubai, Due: 2},
		{Zone: "Nowhere/Unknown", Location: nil, Due: 9},
	})
	want = []schedule.Waiting{
		{Reason: schedule.DayOff, Due: 2, Opens: mustTime(t, "2026-12-05T06:00:00Z"), Zones: []string{"Asia/Dubai"}},
		{Reason: schedule.DayOff, Due: 7, Opens: mustTime(t, "2026-12-05T06:30:00Z"), Zones: []string{"Asia/Tehran"}},
		{Reason: schedule.DayOff, Due: 4, Opens: mustTime(t, "2026-12-05T10:00:00Z"), Zones: []string{"Europe/London"}},
	}
	if !equalWaiting(got, want) {
		t.Fatalf("Friday: %+v, want %+v", got, want)
	}
}

// Two zones shut for the same reason and opening at the same instant are
// one group.
func TestClosedMergesZonesOpeningTogether(t *testing.T) {
	cal := schedule.IranCalendar()
	now := mustTime(t, "2026-12-06T20:00:00Z") // Sunday 23:30 in Tehran, Monday 00:00 in Dubai
	got := cal.Closed(now, []schedule.ZoneDue{
		{Zone: "Asia/Tehran", Location: mustLoad(t, "Asia/Tehran"), Due: 3},
		{Zone: "Asia/Tehran", Location: mustLoad(t, "Asia/Tehran"), Due: 1}, // a second language
	})
	want := []schedule.Waiting{{Reason: schedule.AfterHours, Due: 4, Opens: mustTime(t, "2026-12-07T06:30:00Z"), Zones: []string{"Asia/Tehran"}}}
	if !equalWaiting(got, want) {
		t.Fatalf("%+v, want %+v", got, want)
	}
}

func equalWaiting(a, b []schedule.Waiting) bool {
	return slices.EqualFunc(a, b, func(x, y schedule.Waiting) bool {
		return x.Reason == y.Reason && x.Due == y.Due && x.Opens.Equal(y.Opens) && slices.Equal(x.Zones, y.Zones)
	})
}
