// Package schedule holds the calendar and due-time arithmetic of follow-ups:
// when, after a sale or a failed attempt, a customer may next be called.
//
// Calendars are evaluated in the customer's time zone, because a call at 21:00
// is rude wherever the call centre happens to be. Results are UTC instants on
// a whole minute, ready to be stored as timestamptz and bucketed one River job
// per due minute.
package schedule

import "time"

// DueAt is when the first attempt of a follow-up is due: delayDays calendar
// days after soldAt at the same wall-clock time in loc, so a week is a week
// across a DST change, then the next callable minute.
//
// If that wall time does not exist (a spring-forward gap), the first real
// instant after it is used; if it occurs twice (fall back), the first one.
func DueAt(soldAt time.Time, delayDays int, cal Calendar, loc *time.Location) time.Time {
	l := soldAt.In(loc)
	due := atWall(l.Year(), l.Month(), l.Day()+delayDays, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), loc)
	// A sale in the second pass of a repeated hour would otherwise, with no
	// delay, become due an hour before it happened.
	if due.Before(soldAt) {
		due = soldAt
	}
	return cal.NextCallable(due, loc)
}

// RetryAt is when the attempt after a failed one at last is due. The spacing
// is elapsed time, not wall-clock time: it exists to leave the customer alone
// for a while, and "a while" does not change with DST.
func RetryAt(last time.Time, spacing time.Duration, cal Calendar, loc *time.Location) time.Time {
	return cal.NextCallable(last.Add(spacing), loc)
}

// atWall is time.Date with a defined answer in a spring-forward gap, for which
// time.Date keeps the offset from before the gap and so lands before it. The
// first real instant after the gap is where that offset ends.
func atWall(year int, month time.Month, day, hour, min, sec, nsec int, loc *time.Location) time.Time {
	t := time.Date(year, month, day, hour, min, sec, nsec, loc)
	want := time.Date(year, month, day, hour, min, sec, nsec, time.UTC)
	got := time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	if got.Before(want) {
		_, end := t.ZoneBounds()
		return end
	}
	return t
}
