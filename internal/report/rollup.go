package report

import "time"

// The rollup (report_days) counts follow-ups by UTC day for every day
// before its end; reports read the days since from follow-ups.
const (
	// LiveDays are the most recent days never rolled up: their
	// follow-ups are still being called.
	LiveDays = 14
	// RecheckDays are recounted on every refresh before the rollup's
	// end moves on, for answers that come late.
	RecheckDays = 30
)

// rollupStart is before any follow-up.
var rollupStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// RollupPlan is which UTC days [from, to) a refresh recounts, given where
// the rollup ends (zero: nothing rolled up) and today's UTC date. A full
// refresh recounts everything, as after the neutral ranges change.
func RollupPlan(builtThrough, today time.Time, full bool) (from, to time.Time) {
	to = today.AddDate(0, 0, -LiveDays)
	if full || builtThrough.IsZero() {
		return rollupStart, to
	}
	from = builtThrough.AddDate(0, 0, -RecheckDays)
	if to.Before(from) {
		from = to
	}
	return from, to
}

// Split divides a range read in loc between the rollup and follow_ups:
// rolled-up UTC days [rolledFrom, rolledTo) and follow-ups due from
// liveFrom on. Rolled-up days are whole UTC days, so a range that reaches
// into them is counted from the UTC day of its start: off by the reader's
// offset from UTC at that one edge, which a range long enough to reach the
// rollup (two weeks back) can bear.
func (r Range) Split(loc *time.Location, builtThrough time.Time) (liveFrom, rolledFrom, rolledTo time.Time) {
	from, _ := r.Instants(loc)
	if builtThrough.IsZero() {
		return from, r.From, r.From
	}
	rolledFrom, rolledTo = r.From, r.To.AddDate(0, 0, 1)
	if builtThrough.Before(rolledTo) {
		rolledTo = builtThrough
	}
	if rolledTo.Before(rolledFrom) {
		rolledTo = rolledFrom
	}
	liveFrom = from
	if edge := builtThrough; edge.After(liveFrom) {
		liveFrom = edge
	}
	return liveFrom, rolledFrom, rolledTo
}

// RecoveryRecheckDays are the due days the recovery rollup
// (recovery_days) recounts on every refresh: a unit's repeat purchase
// can still change for 180 days after its outcome, which comes up to a
// few weeks after the day it was due when a recovery call confirms it.
const RecoveryRecheckDays = 200

// RecoveryRollupPlan is which UTC due days [from, to) a refresh of the
// recovery rollup recounts, given where it ends (zero: nothing rolled up)
// and today's UTC date. Unlike report_days it reaches up to today: units
// due in the last days have no window passed yet, so the page's live
// tail stays a day long.
func RecoveryRollupPlan(builtThrough, today time.Time, full bool) (from, to time.Time) {
	if full || builtThrough.IsZero() {
		return rollupStart, today
	}
	from = today.AddDate(0, 0, -RecoveryRecheckDays)
	if builtThrough.Before(from) {
		from = builtThrough
	}
	return from, today
}
