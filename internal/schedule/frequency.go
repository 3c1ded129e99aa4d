package schedule

import "time"

// Asked is one sale follow-up of a customer, as the contact-frequency rule
// sees it. Recovery follow-ups are never Asked: a call that checks a fix
// held is owed whatever else the customer was asked, and it asks nothing
// about new purchases.
type Asked struct {
	// Pending is true while the follow-up may still call (scheduled, due,
	// claimed, no answer yet, callback): the sale rides along with it.
	Pending bool
	// Ended is when a finished follow-up reached the customer or gave up
	// trying (completed, refused, unreachable); ignored while pending.
	// Cancelled and opted-out follow-ups asked nothing and are not Asked.
	Ended time.Time
}

// AskedRecently returns the index in asked of the follow-up that covers a
// sale sold at soldAt, or -1 when the sale needs a follow-up of its own.
//
// The window is days calendar days in the customer's zone, the sale's day
// included: with 30 days, a follow-up that ended on 1 Farvardin covers
// sales up to and including 30 Farvardin, whatever the hour. A follow-up
// that ended after the sale (an old sale sent late) covers it too: the
// customer has been asked since. A pending follow-up always covers; of
// several, the first in asked wins, so the caller decides the order. Zero
// days asks about every sale.
func AskedRecently(asked []Asked, soldAt time.Time, days int, loc *time.Location) int {
	if days <= 0 {
		return -1
	}
	for i, a := range asked {
		if a.Pending {
			return i
		}
	}
	first := dateOf(soldAt.In(loc)).addDays(-(days - 1))
	best := -1
	for i, a := range asked {
		if a.Pending || a.Ended.IsZero() {
			continue
		}
		if !dateOf(a.Ended.In(loc)).before(first) && (best < 0 || a.Ended.After(asked[best].Ended)) {
			best = i
		}
	}
	return best
}

func (d Date) before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}
