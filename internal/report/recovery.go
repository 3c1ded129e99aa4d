package report

// Outcomes of a sale's follow-up as the recovery report groups them, in
// the order it shows them (docs/recovery.md defines each).
var Outcomes = []string{"recovered", "satisfied", "unhappy", "silent"}

// Windows are the days after an outcome within which the recovery report
// looks for a repeat purchase.
var Windows = []int{30, 90, 180}

// Repeat is one cell of the recovery report: of Units follow-ups whose
// window has passed, Bought were followed by a purchase within it.
type Repeat struct {
	Bought, Units int64
}

// Interval is the repeat rate with its Wilson 95% interval; ok is false
// when no follow-up's window has passed.
func (r Repeat) Interval() (Interval, bool) { return Wilson(r.Bought, r.Units) }
