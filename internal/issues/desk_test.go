package issues_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/metrics/metricstest"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
)

func TestWorseAnswerEscalatesThePendingIssue(t *testing.T) {
	t.Parallel()
	f := setup(t)
	// "Not working" alone is a medium product defect: three days.
	f.call(t, "S-1", "+989120000001", map[string]string{"overall": "4", "working": "no"})
	pd := f.list(t)["product_defect"]
	if pd.Severity != "medium" || !pd.Deadline.Equal(now.Add(72*time.Hour)) {
		t.Fatalf("first issue %+v, want medium due in three days", pd)
	}
	// A mild answer later changes nothing but the answers on file.
	f.call(t, "S-2", "+989120000001", map[string]string{"overall": "4", "working": "no"})
	if got := f.list(t)["product_defect"]; got.Severity != "medium" || !got.Deadline.Equal(pd.Deadline) {
		t.Errorf("after a second medium answer: %+v, want unchanged", got)
	}
	// Rated 1: high, one day from now, which is sooner.
	f.call(t, "S-3", "+989120000001", map[string]string{"overall": "1", "working": "yes"})
	got := f.list(t)["product_defect"]
	if got.ID != pd.ID || got.Severity != "high" || !got.Deadline.Equal(now.Add(24*time.Hour)) {
		t.Errorf("after a rating of 1: %+v, want issue %d high due in a day", got, pd.ID)
	}
	if n := f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'issue_sla' AND (args->>'issue_id')::bigint = $1 AND scheduled_at = $2`,
		pd.ID, got.Deadline); n != 1 {
		t.Errorf("%d SLA jobs at the new deadline, want 1", n)
	}
	var before, after string
	if err := f.Pool.QueryRow(context.Background(), `SELECT before->>'severity', after->>'severity' FROM audit_log
		WHERE entity = 'issue' AND entity_key = $1::bigint::text AND before IS NOT NULL ORDER BY id DESC LIMIT 1`, pd.ID).Scan(&before, &after); err != nil {
		t.Fatal(err)
	}
	if before != "medium" || after != "high" {
		t.Errorf("escalation audited as %s → %s, want medium → high", before, after)
	}
}

// answerRecovery lets three days pass and has the agent answer the
// recovery call of issue id.
func (f *fixture) answerRecovery(t *testing.T, id int64, answers map[string]string) {
	t.Helper()
	ctx := context.Background()
	var fu int64
	if err := f.Pool.QueryRow(ctx, `UPDATE follow_ups SET due_at = $2 FROM issues i
		WHERE i.id = $1 AND follow_ups.id = i.recovery_follow_up_id RETURNING follow_ups.id`, id, now.Add(-time.Minute)).Scan(&fu); err != nil {
		t.Fatal(err)
	}
	if _, err := due.New(due.Opts{Pool: f.Pool}).MakeDue(ctx, now, "test"); err != nil {
		t.Fatal(err)
	}
	got, err := f.Console.ClaimNext(ctx, f.agent.ID, f.agent.Name)
	if err != nil || got != fu {
		t.Fatalf("claimed %d, %v; want the recovery call %d", got, err, fu)
	}
	c, err := f.Console.LoadCall(ctx, fu, f.agent.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Script.Name != issues.RecoveryScript {
		t.Fatalf("the recovery call shows script %q", c.Script.Name)
	}
	if _, problems, err := f.Console.Submit(ctx, fu, f.agent, console.Submission{
		Disposition: "completed", ScriptVersionID: c.ScriptVersionID, Answers: answers,
	}); err != nil || problems != nil {
		t.Fatalf("answering the recovery call: %+v, %v", problems, err)
	}
}

func TestRecoveredCustomersAreCounted(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.call(t, "S-1", "+989120000001", map[string]string{"overall": "1", "working": "yes"})
	f.call(t, "S-2", "+989120000002", map[string]string{"overall": "1", "working": "yes"})
	var happy, unhappy int64
	if err := f.Pool.QueryRow(ctx, `SELECT min(id), max(id) FROM issues`).Scan(&happy, &unhappy); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{happy, unhappy} {
		if err := f.Issues.Resolve(ctx, id, "service-a", casework.ProductDefect, "replaced it"); err != nil {
			t.Fatal(err)
		}
		d, err := f.Issues.Load(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Recovery == nil || d.Recovery.State != "scheduled" || d.Recovery.Recovered {
			t.Fatalf("issue %d right after resolving: recovery %+v, want scheduled, not yet recovered", id, d.Recovery)
		}
	}

	f.answerRecovery(t, happy, map[string]string{"fixed": "yes"})
	d, err := f.Issues.Load(ctx, happy)
	if err != nil {
		t.Fatal(err)
	}
	if d.Recovery == nil || !d.Recovery.Recovered || d.Recovery.NewIssueID != 0 {
		t.Errorf("satisfied after the fix: recovery %+v, want recovered", d.Recovery)
	}

	f.answerRecovery(t, unhappy, map[string]string{"fixed": "no", "comments": "still broken"})
	d, err = f.Issues.Load(ctx, unhappy)
	if err != nil {
		t.Fatal(err)
	}
	if d.Recovery == nil || d.Recovery.Recovered || d.Recovery.NewIssueID == 0 {
		t.Fatalf("still unhappy: recovery %+v, want not recovered with a new issue", d.Recovery)
	}
	var category, severity string
	if err := f.Pool.QueryRow(ctx, `SELECT category, severity FROM issues WHERE id = $1`, d.Recovery.NewIssueID).Scan(&category, &severity); err != nil {
		t.Fatal(err)
	}
	if category != "not_fixed" || severity != "high" {
		t.Errorf("the recovery raised %s/%s, want not_fixed/high", category, severity)
	}
}

func TestRaiseByHand(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.call(t, "S-1", "+989120000001", map[string]string{"overall": "5", "working": "yes"})
	// A second sale to the same customer: the agent holds its call.
	fu := f.hold(t, "S-2", "+989120000001")
	manual := func(m issues.Manual) (issues.Raised, error) {
		if m.FollowUpID == 0 {
			m.FollowUpID = fu
		}
		if m.UserID == 0 {
			m.UserID = f.agent.ID
		}
		m.Actor = f.agent.Name
		return f.Issues.RaiseByHand(ctx, m)
	}
	for _, tt := range []struct {
		name string
		m    issues.Manual
		want error
	}{
		{"no note", issues.Manual{Category: "delivery", Severity: scripts.SeverityHigh, Note: "  "}, invalid.New("note", issues.CodeNote, issues.MaxNote)},
		{"unknown category", issues.Manual{Category: "weather", Severity: scripts.SeverityHigh, Note: "late"}, invalid.New("category", issues.CodeCategory)},
		{"unknown severity", issues.Manual{Category: "delivery", Severity: "urgent", Note: "late"}, invalid.New("severity", casework.CodeSeverity)},
		{"a call held by nobody", issues.Manual{FollowUpID: 1 << 40, Category: "delivery", Severity: scripts.SeverityHigh, Note: "late"}, issues.ErrNotHeld},
	} {
		if _, err := manual(tt.m); !sameRefusal(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if n := f.Count(t, `SELECT count(*) FROM issues`); n != 0 {
		t.Fatalf("%d issues after refusals, want none", n)
	}

	first, err := manual(issues.Manual{Category: "delivery", Severity: scripts.SeverityMedium, Note: "the courier left it outside in the rain"})
	if err != nil || !first.Opened {
		t.Fatalf("raising by hand: %+v, %v", first, err)
	}
	var origin, severity string
	var deadline time.Time
	if err := f.Pool.QueryRow(ctx, `SELECT origin, severity, deadline_at FROM issues WHERE id = $1`, first.IssueID).Scan(&origin, &severity, &deadline); err != nil {
		t.Fatal(err)
	}
	if origin != "manual" || severity != "medium" || !deadline.Equal(now.Add(72*time.Hour)) {
		t.Errorf("manual issue %s/%s due %v, want manual/medium due in three days", origin, severity, deadline)
	}
	if n := f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'issue_sla' AND (args->>'issue_id')::bigint = $1`, first.IssueID); n != 1 {
		t.Errorf("%d SLA jobs for the manual issue, want 1", n)
	}

	second, err := manual(issues.Manual{Category: "delivery", Severity: scripts.SeverityCritical, Note: "and the box was open"})
	if err != nil || second.Opened || second.IssueID != first.IssueID {
		t.Fatalf("a second report of the same category: %+v, %v; want it added to %d", second, err, first.IssueID)
	}
	if n := f.Count(t, `SELECT count(*) FROM issue_notes WHERE issue_id = $1`, first.IssueID); n != 2 {
		t.Errorf("%d notes, want 2", n)
	}
	if err := f.Pool.QueryRow(ctx, `SELECT severity FROM issues WHERE id = $1`, first.IssueID).Scan(&severity); err != nil || severity != "critical" {
		t.Errorf("severity after a critical report: %s, %v; want critical", severity, err)
	}

	if err := f.Issues.UpdateRootCause(ctx, "boss", issues.RootCause{Key: "information", LabelEN: "Information", LabelFA: "اطلاعات"}); err != nil {
		t.Fatal(err)
	}
	if _, err := manual(issues.Manual{Category: "information", Severity: scripts.SeverityLow, Note: "wrong size advised"}); !sameRefusal(err, invalid.New("category", issues.CodeCategory)) {
		t.Errorf("a retired category: err = %v, want %s", err, issues.CodeCategory)
	}
}

// sameRefusal reports whether err is want: the same invalid.Problems, or
// want in err's chain.
func sameRefusal(err, want error) bool {
	if ps, ok := invalid.From(want); ok {
		got, _ := invalid.From(err)
		return reflect.DeepEqual(got, ps)
	}
	return errors.Is(err, want)
}

// hold sells to phone and has the agent claim the follow-up.
func (f *fixture) hold(t *testing.T, externalID, phone string) int64 {
	t.Helper()
	return f.Claim(t, f.agent, externalID, phone)
}

func TestAssignAndNotes(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.call(t, "S-1", "+989120000001", map[string]string{"overall": "1", "working": "yes"})
	is := f.list(t)["product_defect"]
	q := store.New()
	desk, err := q.UserInsert(ctx, f.Pool, store.UserInsertParams{Username: "desk", Role: "service", Locale: "en", Timezone: "UTC", PasswordHash: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Issues.Assign(ctx, is.ID, "boss", f.agent.ID, time.Time{}); !sameRefusal(err, invalid.New("assignee", issues.CodeAssignee)) {
		t.Errorf("assigning to an agent: err = %v, want %s", err, issues.CodeAssignee)
	}
	if err := f.Issues.Assign(ctx, is.ID, "boss", desk, time.Time{}); err != nil {
		t.Fatal(err)
	}
	if err := f.Issues.Assign(ctx, is.ID, "boss", desk, time.Time{}); err != nil {
		t.Fatal(err)
	}
	var assignee *int64
	if err := f.Pool.QueryRow(ctx, `SELECT assignee_id FROM issues WHERE id = $1`, is.ID).Scan(&assignee); err != nil {
		t.Fatal(err)
	}
	if assignee == nil || *assignee != desk {
		t.Errorf("assignee %v, want %d", assignee, desk)
	}
	// Raised, assigned; assigning again to the same person is no change.
	if n := f.audits(t, is.ID); n != 2 {
		t.Errorf("%d audit rows, want 2", n)
	}
	if err := f.Issues.AddNote(ctx, is.ID, desk, "desk", " \n "); !sameRefusal(err, invalid.New("body", issues.CodeNote, issues.MaxNote)) {
		t.Errorf("an empty note: err = %v, want %s", err, issues.CodeNote)
	}
	if err := f.Issues.AddNote(ctx, is.ID, desk, "desk", "Called; a new frame is on its way."); err != nil {
		t.Fatal(err)
	}
	d, err := f.Issues.Load(ctx, is.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Notes) != 1 || d.Notes[0].Author != "desk" || len(d.Triggers) != 1 || d.Triggers[0].Value != "1" {
		t.Errorf("loaded notes %+v and triggers %+v, want one note by desk and the rating of 1", d.Notes, d.Triggers)
	}
	// Someone who saw the issue before it was assigned cannot unassign it
	// unknowingly.
	if err := f.Issues.Assign(ctx, is.ID, "boss", 0, now.Add(-time.Hour)); !errors.Is(err, issues.ErrStale) {
		t.Errorf("assigning from a stale page: err = %v, want ErrStale", err)
	}
	var seen time.Time
	if err := f.Pool.QueryRow(ctx, `SELECT updated_at FROM issues WHERE id = $1`, is.ID).Scan(&seen); err != nil {
		t.Fatal(err)
	}
	if err := f.Issues.Transition(ctx, is.ID, "boss", casework.Change{To: casework.InProgress}, seen.Add(-time.Second)); !errors.Is(err, issues.ErrStale) {
		t.Errorf("starting from a stale page: err = %v, want ErrStale", err)
	}
	if err := f.Issues.Assign(ctx, is.ID, "boss", 0, seen); err != nil {
		t.Fatal(err)
	}
	if err := f.Pool.QueryRow(ctx, `SELECT assignee_id FROM issues WHERE id = $1`, is.ID).Scan(&assignee); err != nil || assignee != nil {
		t.Errorf("after unassigning: %v, %v; want nobody", assignee, err)
	}
}

func TestRootCauseList(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	for _, tt := range []struct {
		c    issues.RootCause
		want string
	}{
		{issues.RootCause{Key: "Warranty", LabelEN: "Warranty", LabelFA: "گارانتی"}, issues.CodeCauseKey},
		{issues.RootCause{Key: "warranty", LabelEN: "Warranty", LabelFA: " "}, issues.CodeCauseLabels},
		{issues.RootCause{Key: "delivery", LabelEN: "Delivery", LabelFA: "ارسال"}, issues.CodeCauseTaken},
	} {
		err := f.Issues.AddRootCause(ctx, "boss", tt.c)
		if ps, ok := invalid.From(err); !ok || !ps.Has(tt.want) {
			t.Errorf("AddRootCause(%+v): err = %v, want problem %s", tt.c, err, tt.want)
		}
	}
	if err := f.Issues.AddRootCause(ctx, "boss", issues.RootCause{Key: "warranty", LabelEN: "Warranty terms", LabelFA: "شرایط گارانتی"}); err != nil {
		t.Fatal(err)
	}
	list, err := f.Issues.RootCauses(ctx)
	if err != nil {
		t.Fatal(err)
	}
	last := list[len(list)-1]
	if len(list) != 7 || last.Key != "warranty" || !last.Active || last.LabelFa != "شرایط گارانتی" {
		t.Errorf("list %+v, want the six seeded causes then warranty", list)
	}
	if n := f.Count(t, `SELECT count(*) FROM audit_log WHERE entity = 'root_cause' AND entity_key = 'warranty'`); n != 1 {
		t.Errorf("%d audit rows for the added cause, want 1", n)
	}
	if err := f.Issues.UpdateRootCause(ctx, "boss", issues.RootCause{Key: "nope", LabelEN: "x", LabelFA: "ی"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("updating a missing cause: err = %v, want ErrNotFound", err)
	}
}

func TestResolvingAfterTheDeadlineCountsAsBreached(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.call(t, "S-1", "+989120000001", map[string]string{"overall": "1", "working": "yes", "staff": "1"})
	got := f.list(t)
	pd, sb := got["product_defect"], got["staff_behaviour"]
	// Two days on, with no SLA job run: product_defect (one day) is late,
	// staff_behaviour (three days) is not.
	m := metrics.New(metrics.Opts{})
	late := issues.New(issues.Opts{Pool: f.Pool, River: f.River, Now: func() time.Time { return now.Add(48 * time.Hour) }, Metrics: m})
	for _, id := range []int64{pd.ID, sb.ID} {
		if err := late.Resolve(ctx, id, "service-a", casework.Other, "sorted out"); err != nil {
			t.Fatal(err)
		}
	}
	got = f.list(t)
	if b := got["product_defect"].Breached; b == nil || !b.Equal(pd.Deadline) {
		t.Errorf("product_defect resolved late: breached at %v, want its deadline %v", b, pd.Deadline)
	}
	if b := got["staff_behaviour"].Breached; b != nil {
		t.Errorf("staff_behaviour resolved in time: breached at %v", b)
	}
	if n := f.Count(t, `SELECT count(*) FROM inbox_entries WHERE issue_id = $1`, pd.ID); n != 1 {
		t.Errorf("%d inbox entries for the late issue, want 1", n)
	}
	if n, _ := metricstest.Scrape(t, m.Handler()).Value("tamas_sla_breaches_total", "noticed_by", "state_change"); n != 1 {
		t.Errorf("breaches counted = %v, want 1", n)
	}
	// Both issues of the customer share one recovery call.
	if n := f.Count(t, `SELECT count(DISTINCT recovery_follow_up_id) FROM issues WHERE recovery_follow_up_id IS NOT NULL`); n != 1 {
		t.Errorf("%d recovery calls for one customer's two issues, want 1", n)
	}
}

func TestNoRecoveryCallForAnOptedOutCustomer(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.call(t, "S-1", "+989120000001", map[string]string{"overall": "1", "working": "yes"})
	pd := f.list(t)["product_defect"]
	if _, err := f.Pool.Exec(ctx, `UPDATE customers SET opted_out_at = now()`); err != nil {
		t.Fatal(err)
	}
	if err := f.Issues.Resolve(ctx, pd.ID, "service-a", casework.ProductDefect, "refunded"); err != nil {
		t.Fatal(err)
	}
	if n := f.Count(t, `SELECT count(*) FROM follow_ups WHERE kind = 'recovery'`); n != 0 {
		t.Errorf("%d recovery calls for a customer who asked not to be called", n)
	}
	if s := f.list(t)["product_defect"].State; s != "resolved" {
		t.Errorf("state %s, want resolved", s)
	}
}
