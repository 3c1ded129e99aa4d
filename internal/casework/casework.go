// Package casework is the issue domain: which answers raise an issue, how
// long service staff have to act on one, and which status changes are
// allowed. It does no I/O; internal/issues stores what it decides.
package casework

import (
	"slices"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/scripts"
)

// State is where an issue is in its life.
type State string

const (
	Open       State = "open"
	InProgress State = "in_progress"
	Resolved   State = "resolved"
	Closed     State = "closed"
	WontFix    State = "wont_fix"
)

// Pending reports whether service staff still owe the customer something:
// only a pending issue gathers new triggers and can breach its deadline.
func (s State) Pending() bool { return s == Open || s == InProgress }

// SLA is how long service staff have to resolve an issue of each severity.
// A table rather than settings: changing a promise to customers is a code
// review, not a click.
var SLA = map[scripts.Severity]time.Duration{
	scripts.SeverityLow:      5 * 24 * time.Hour,
	scripts.SeverityMedium:   3 * 24 * time.Hour,
	scripts.SeverityHigh:     24 * time.Hour,
	scripts.SeverityCritical: 4 * time.Hour,
}

// The codes of casework's refusals (invalid.Problem), each on the form
// field of the same name.
const (
	// CodeSeverity: a severity the SLA table does not know ("severity").
	CodeSeverity = "issue.severity"
	// CodeTransition: the status change is not allowed from where the
	// issue is now ("state").
	CodeTransition = "issue.transition"
	// CodeRootCause: resolving needs a root cause from the list
	// ("root_cause").
	CodeRootCause = "issue.root_cause"
	// CodeCauseNote: resolving needs a note on what happened
	// ("root_cause_note").
	CodeCauseNote = "issue.cause_note"
	// CodeReason: won't fix needs a reason ("reason").
	CodeReason = "issue.reason"
)

// Deadline is when an issue of severity sev raised at raised must be
// resolved. It is plain elapsed time, not working hours: a customer with a
// broken product waits through the weekend too.
func Deadline(sev scripts.Severity, raised time.Time) (time.Time, error) {
	d, ok := SLA[sev]
	if !ok {
		return time.Time{}, invalid.New("severity", CodeSeverity)
	}
	return raised.Add(d), nil
}

// rank orders severities so that the worst of several triggers wins.
func rank(s scripts.Severity) int {
	return slices.Index([]scripts.Severity{scripts.SeverityLow, scripts.SeverityMedium, scripts.SeverityHigh, scripts.SeverityCritical}, s)
}

// Worse returns the more urgent of two severities.
func Worse(a, b scripts.Severity) scripts.Severity {
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// Hit is one answer that fired its question's trigger.
type Hit struct {
	Answer   scripts.Answer
	Severity scripts.Severity
}

// Raise is what one response asks of one category: an issue of the worst
// severity among its hits, carrying every hit.
type Raise struct {
	Category string
	Severity scripts.Severity
	Hits     []Hit
}

// Triggered groups the answers that fire a trigger of v by category, in the
// order the questions are asked, so that "rated 1" and "not working" about
// the same product make one issue, not two.
func Triggered(v scripts.Version, answers []scripts.Answer) []Raise {
	var out []Raise
	for _, a := range answers {
		q, ok := v.Question(a.Key)
		if !ok || !q.Triggered(a) {
			continue
		}
		cat := strings.TrimSpace(q.Trigger.Category)
		hit := Hit{Answer: a, Severity: q.Trigger.Severity}
		i := slices.IndexFunc(out, func(r Raise) bool { return r.Category == cat })
		if i < 0 {
			out = append(out, Raise{Category: cat, Severity: hit.Severity, Hits: []Hit{hit}})
			continue
		}
		out[i].Severity = Worse(out[i].Severity, hit.Severity)
		out[i].Hits = append(out[i].Hits, hit)
	}
	return out
}

// Escalate is what a further trigger does to a pending issue: a worse
// severity makes the issue more urgent, so its deadline moves to what the
// new severity allows from now, if that is sooner. A milder or equal
// severity changes nothing; a deadline never moves later.
func Escalate(cur scripts.Severity, deadline time.Time, hit scripts.Severity, now time.Time) (scripts.Severity, time.Time, bool) {
	if Worse(cur, hit) == cur {
		return cur, deadline, false
	}
	d, err := Deadline(hit, now)
	if err != nil {
		return cur, deadline, false
	}
	if deadline.Before(d) {
		d = deadline
	}
	return hit, d, true
}

// RootCause is why the customer had the problem, chosen from a list
// supervisors manage (root_causes, seeded with the ones below) so that
// reports can count causes; the free text says what happened.
type RootCause string

const (
	ProductDefect  RootCause = "product_defect"
	Delivery       RootCause = "delivery"
	StaffBehaviour RootCause = "staff_behaviour"
	PriceBilling   RootCause = "price_billing"
	Information    RootCause = "information"
	Other          RootCause = "other"
)

// Change is a requested status change with what it must carry.
type Change struct {
	From, To      State
	RootCause     RootCause // resolved
	RootCauseNote string    // resolved
	Reason        string    // wont_fix
}

// next lists the allowed moves. An open issue may be resolved at once: a
// quick fix need not pass through in_progress to be honest.
var next = map[State][]State{
	Open:       {InProgress, Resolved, WontFix},
	InProgress: {Resolved, WontFix},
	Resolved:   {Closed},
}

// Check reports why c may not happen as invalid.Problems; nil means it
// may.
func Check(c Change) error {
	if !slices.Contains(next[c.From], c.To) {
		return invalid.New("state", CodeTransition)
	}
	var ps invalid.Problems
	switch c.To {
	case Resolved:
		// Whether the cause is on the list (and not retired) is the
		// store's to say; here it only must be chosen.
		if strings.TrimSpace(string(c.RootCause)) == "" {
			ps = append(ps, invalid.Problem{Field: "root_cause", Code: CodeRootCause})
		}
		if strings.TrimSpace(c.RootCauseNote) == "" {
			ps = append(ps, invalid.Problem{Field: "root_cause_note", Code: CodeCauseNote})
		}
	case WontFix:
		if strings.TrimSpace(c.Reason) == "" {
			ps = append(ps, invalid.Problem{Field: "reason", Code: CodeReason})
		}
	}
	return ps.Err()
}

// RecoveryDelayDays is how long after resolving we call back to ask whether
// the fix held: long enough to have used the product again.
const RecoveryDelayDays = 3
