package casework_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/scripts"
)

func TestDeadline(t *testing.T) {
	t.Parallel()
	raised := time.Date(2026, 11, 24, 8, 30, 0, 0, time.UTC)
	tests := []struct {
		sev  scripts.Severity
		want time.Time
	}{
		{scripts.SeverityLow, raised.Add(5 * 24 * time.Hour)},
		{scripts.SeverityMedium, raised.Add(3 * 24 * time.Hour)},
		{scripts.SeverityHigh, raised.Add(24 * time.Hour)},
		{scripts.SeverityCritical, raised.Add(4 * time.Hour)},
	}
	for _, tt := range tests {
		got, err := casework.Deadline(tt.sev, raised)
		if err != nil || !got.Equal(tt.want) {
			t.Errorf("Deadline(%s) = %v, %v; want %v", tt.sev, got, err, tt.want)
		}
	}
	if _, err := casework.Deadline("urgent", raised); !refused(err, casework.CodeSeverity) {
		t.Errorf("Deadline(urgent): err = %v, want %s", err, casework.CodeSeverity)
	}
}

func TestTriggered(t *testing.T) {
	t.Parallel()
	v := scripts.Default("en")
	ans := func(kv ...string) []scripts.Answer {
		var out []scripts.Answer
		for i := 0; i < len(kv); i += 2 {
			out = append(out, scripts.Answer{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	tests := []struct {
		name    string
		answers []scripts.Answer
		want    string
	}{
		{"happy", ans("overall", "5", "working", "yes", "staff", "4"), "[]"},
		{"one", ans("overall", "4", "working", "no"), "[product_defect/medium:working]"},
		{"same category, worst severity", ans("overall", "1", "working", "no"), "[product_defect/high:overall,working]"},
		{"two categories", ans("overall", "2", "working", "yes", "staff", "1"), "[product_defect/high:overall staff_behaviour/medium:staff]"},
		{"text", ans("overall", "3", "working", "yes", "comments", "the lens arrived broken"), "[other/medium:comments]"},
		{"unknown key ignored", ans("colour", "1"), "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, r := range casework.Triggered(v, tt.answers) {
				keys := ""
				for i, h := range r.Hits {
					if i > 0 {
						keys += ","
					}
					keys += h.Answer.Key
				}
				got = append(got, fmt.Sprintf("%s/%s:%s", r.Category, r.Severity, keys))
			}
			if s := fmt.Sprint(got); s != tt.want {
				t.Errorf("Triggered = %s, want %s", s, tt.want)
			}
		})
	}
}

// refused reports whether err is invalid.Problems with code among them.
func refused(err error, code string) bool {
	ps, ok := invalid.From(err)
	return ok && ps.Has(code)
}

func TestCheck(t *testing.T) {
	t.Parallel()
	ok := func(from, to casework.State) casework.Change { return casework.Change{From: from, To: to} }
	resolve := func(from casework.State, rc casework.RootCause, note string) casework.Change {
		return casework.Change{From: from, To: casework.Resolved, RootCause: rc, RootCauseNote: note}
	}
	tests := []struct {
		name string
		c    casework.Change
		want string // the refusal's code, "" when allowed
	}{
		{"start work", ok(casework.Open, casework.InProgress), ""},
		{"resolve", resolve(casework.InProgress, casework.Delivery, "courier lost it; resent"), ""},
		{"resolve at once", resolve(casework.Open, casework.ProductDefect, "replaced the lens"), ""},
		{"resolve without cause", resolve(casework.InProgress, "", "fixed"), casework.CodeRootCause},
		{"resolve with a blank cause", resolve(casework.InProgress, "  ", "fixed"), casework.CodeRootCause},
		{"resolve without note", resolve(casework.InProgress, casework.Other, "  "), casework.CodeCauseNote},
		{"close", ok(casework.Resolved, casework.Closed), ""},
		{"close unresolved", ok(casework.Open, casework.Closed), casework.CodeTransition},
		{"won't fix", casework.Change{From: casework.Open, To: casework.WontFix, Reason: "customer withdrew"}, ""},
		{"won't fix without reason", ok(casework.InProgress, casework.WontFix), casework.CodeReason},
		{"reopen closed", ok(casework.Closed, casework.Open), casework.CodeTransition},
		{"back to open", ok(casework.InProgress, casework.Open), casework.CodeTransition},
		{"from won't fix", ok(casework.WontFix, casework.InProgress), casework.CodeTransition},
		{"to itself", ok(casework.Open, casework.Open), casework.CodeTransition},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := casework.Check(tt.c); (tt.want == "") != (err == nil) || (err != nil && !refused(err, tt.want)) {
				t.Errorf("Check(%+v) = %v, want %v", tt.c, err, tt.want)
			}
		})
	}
}

func TestPending(t *testing.T) {
	t.Parallel()
	for s, want := range map[casework.State]bool{
		casework.Open: true, casework.InProgress: true,
		casework.Resolved: false, casework.Closed: false, casework.WontFix: false,
	} {
		if got := s.Pending(); got != want {
			t.Errorf("%s.Pending() = %v, want %v", s, got, want)
		}
	}
}

func TestEscalate(t *testing.T) {
	t.Parallel()
	raised := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	lowDeadline := raised.Add(5 * 24 * time.Hour)
	tests := []struct {
		name         string
		cur          scripts.Severity
		deadline     time.Time
		hit          scripts.Severity
		now          time.Time
		wantSev      scripts.Severity
		wantDeadline time.Time
		wantChanged  bool
	}{
		{"milder hit changes nothing", scripts.SeverityHigh, raised.Add(24 * time.Hour), scripts.SeverityLow, raised.Add(time.Hour),
			scripts.SeverityHigh, raised.Add(24 * time.Hour), false},
		{"same severity changes nothing", scripts.SeverityLow, lowDeadline, scripts.SeverityLow, raised.Add(time.Hour),
			scripts.SeverityLow, lowDeadline, false},
		{"worse hit: deadline from now", scripts.SeverityLow, lowDeadline, scripts.SeverityCritical, raised.Add(48 * time.Hour),
			scripts.SeverityCritical, raised.Add(52 * time.Hour), true},
		{"worse hit late: deadline never moves later", scripts.SeverityLow, lowDeadline, scripts.SeverityMedium, raised.Add(4 * 24 * time.Hour),
			scripts.SeverityMedium, lowDeadline, true},
		{"unknown severity changes nothing", scripts.SeverityLow, lowDeadline, scripts.Severity("urgent"), raised,
			scripts.SeverityLow, lowDeadline, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sev, d, changed := casework.Escalate(tt.cur, tt.deadline, tt.hit, tt.now)
			if sev != tt.wantSev || !d.Equal(tt.wantDeadline) || changed != tt.wantChanged {
				t.Errorf("Escalate = %s, %s, %v; want %s, %s, %v", sev, d, changed, tt.wantSev, tt.wantDeadline, tt.wantChanged)
			}
		})
	}
}
