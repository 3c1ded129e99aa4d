package schedule

import (
	"slices"
	"time"
)

// Reason says why nobody can be called now. The values double as the ends
// of message keys, so the words live with the other texts.
type Reason string

const (
	// NothingDue: no call is waiting at all.
	NothingDue Reason = "nothing_due"
	// DayOff: calls are due, but it is not a working weekday where the
	// customers live.
	DayOff Reason = "day_off"
	// Holiday: calls are due, but today is an organisation holiday where
	// the customers live.
	Holiday Reason = "holiday"
	// BeforeHours: calls are due, but today's window has not opened yet.
	BeforeHours Reason = "before_hours"
	// AfterHours: calls are due, but today's window has closed.
	AfterHours Reason = "after_hours"
)

// ClosedBecause says why instant t is outside the calendar's window in loc,
// or "" when t is inside it. A day off wins over a holiday that falls on
// it, because the weekly rest is the reason the reader can change least.
func (c Calendar) ClosedBecause(t time.Time, loc *time.Location) Reason {
	lt := t.In(loc)
	d := dateOf(lt)
	switch w := sinceMidnight(lt); {
	case !c.WorkingDays[d.weekday()]:
		return DayOff
	case slices.Contains(c.Holidays, d):
		return Holiday
	case w < c.WindowStart.sinceMidnight():
		return BeforeHours
	case w >= c.WindowEnd.sinceMidnight():
		return AfterHours
	}
	return ""
}

// ZoneDue is how many calls wait for customers of one zone.
type ZoneDue struct {
	Zone     string
	Location *time.Location
	Due      int64
}

// Waiting is the due calls that cannot be made now for one reason, and the
// earliest instant one of them may be made (zero if the calendar never
// opens again).
type Waiting struct {
	Reason Reason
	Due    int64
	Opens  time.Time
	Zones  []string
}

// Closed explains the due calls of zones outside their window at now:
// zones shut for the same reason that open at the same instant are one
// group, and groups come soonest opening first. Zones inside their window
// are left out; so is a zone whose location is nil (it cannot be judged).
func (c Calendar) Closed(now time.Time, zones []ZoneDue) []Waiting {
	var out []Waiting
	for _, z := range zones {
		if z.Location == nil || z.Due == 0 {
			continue
		}
		r := c.ClosedBecause(now, z.Location)
		if r == "" {
			continue
		}
		opens := c.NextCallable(now, z.Location)
		i := slices.IndexFunc(out, func(w Waiting) bool { return w.Reason == r && w.Opens.Equal(opens) })
		if i < 0 {
			out = append(out, Waiting{Reason: r, Opens: opens})
			i = len(out) - 1
		}
		out[i].Due += z.Due
		if !slices.Contains(out[i].Zones, z.Zone) {
			out[i].Zones = append(out[i].Zones, z.Zone)
		}
	}
	slices.SortStableFunc(out, func(a, b Waiting) int { return a.Opens.Compare(b.Opens) })
	return out
}
