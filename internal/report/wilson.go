package report

import "math"

// z95 is the standard normal quantile of 0.975: a two-sided 95% interval.
const z95 = 1.959963984540054

// Interval is a proportion with the bounds of its 95% confidence interval,
// all in [0, 1].
type Interval struct {
	Rate, Lo, Hi float64
}

// Wilson is part of whole with its Wilson score 95% interval; ok is false
// when whole is 0. Unlike the normal approximation it stays inside [0, 1]
// and is honest about small groups and rates near 0 or 1, which is what
// a report of a few recovered customers per branch needs.
func Wilson(part, whole int64) (Interval, bool) {
	if whole <= 0 || part < 0 || part > whole {
		return Interval{}, false
	}
	n, p := float64(whole), float64(part)/float64(whole)
	z2 := z95 * z95
	d := 1 + z2/n
	center := (p + z2/(2*n)) / d
	half := z95 / d * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	// Rounding must not put the bounds on the wrong side of the rate at
	// 0 or 1.
	return Interval{Rate: p, Lo: max(0, min(p, center-half)), Hi: min(1, max(p, center+half))}, true
}
