package issues_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/metrics/metricstest"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/jobs"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// now is apptest.Now, a Tuesday, 12:00 in Tehran: inside the default
// calling window.
var now = apptest.Now

type fixture struct {
	*apptest.App
	agent   console.User
	metrics *metrics.Metrics
}

// setup gives the test its own database with the seeded scripts, the app on
// a clock pinned to now, and an agent. Its tests call one customer about
// several sales, so every sale gets its own follow-up (contact frequency is
// intake's to test).
func setup(t *testing.T) *fixture {
	t.Helper()
	a := apptest.Open(t, apptest.Opts{At: now})
	apptest.AskAlways(t, a.Pool)
	return &fixture{App: a, agent: a.User(t, "agent-a", "agent"), metrics: metrics.New(metrics.Opts{})}
}

// call sells to the customer with phone ten days ago, makes the follow-up
// due, and has the agent complete it with answers. It returns the
// follow-up's id.
func (f *fixture) call(t *testing.T, externalID, phone string, answers map[string]string) int64 {
	t.Helper()
	ctx := context.Background()
	id := f.hold(t, externalID, phone)
	c, err := f.Console.LoadCall(ctx, id, f.agent.ID)
	if err != nil {
		t.Fatal(err)
	}
	state, problems, err := f.Console.Submit(ctx, id, f.agent, console.Submission{
		Disposition: "completed", ScriptVersionID: c.ScriptVersionID, Answers: answers,
	})
	if err != nil || problems != nil || state != "completed" {
		t.Fatalf("Submit = %q, %+v, %v; want completed", state, problems, err)
	}
	return id
}

type issue struct {
	ID                 int64
	Category, Severity string
	State              string
	Deadline           time.Time
	Breached           *time.Time
}

// list returns the issues by category.
func (f *fixture) list(t *testing.T) map[string]issue {
	t.Helper()
	rows, err := f.Pool.Query(context.Background(), `SELECT id, category, severity, state, deadline_at, breached_at FROM issues`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]issue{}
	for rows.Next() {
		var i issue
		if err := rows.Scan(&i.ID, &i.Category, &i.Severity, &i.State, &i.Deadline, &i.Breached); err != nil {
			t.Fatal(err)
		}
		out[i.Category] = i
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func (f *fixture) audits(t *testing.T, id int64) int {
	t.Helper()
	return f.Count(t, `SELECT count(*) FROM audit_log WHERE entity = 'issue' AND entity_key = $1`, fmt.Sprint(id))
}

func TestSubmitRaisesOneIssuePerCategory(t *testing.T) {
	t.Parallel()
	f := setup(t)
	// "overall" and "working" both fire product_defect, "staff" fires
	// staff_behaviour: two issues, the first as urgent as its worst answer.
	f.call(t, "S-1", "+989120000001", map[string]string{"overall": "1", "working": "no", "staff": "1"})
	got := f.list(t)
	if len(got) != 2 {
		t.Fatalf("issues %+v, want product_defect and staff_behaviour", got)
	}
	pd, sb := got["product_defect"], got["staff_behaviour"]
	if pd.Severity != "high" || !pd.Deadline.Equal(now.Add(24*time.Hour)) || pd.State != "open" {
		t.Errorf("product_defect %+v, want open, high, due in a day", pd)
	}
	if sb.Severity != "medium" || !sb.Deadline.Equal(now.Add(72*time.Hour)) || sb.State != "open" {
		t.Errorf("staff_behaviour %+v, want open, medium, due in three days", sb)
	}
	if n := f.Count(t, `SELECT count(*) FROM issue_triggers WHERE issue_id = $1`, pd.ID); n != 2 {
		t.Errorf("product_defect has %d triggers, want 2", n)
	}
	for _, is := range []issue{pd, sb} {
		if n := f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'issue_sla' AND (args->>'issue_id')::bigint = $1 AND scheduled_at = $2`,
			is.ID, is.Deadline); n != 1 {
			t.Errorf("issue %d has %d SLA jobs at its deadline, want 1", is.ID, n)
		}
		if n := f.audits(t, is.ID); n != 1 {
			t.Errorf("issue %d has %d audit rows, want 1", is.ID, n)
		}
	}

	// The same customer complains about the product again: the pending
	// issue gathers the answer, no second one opens.
	f.call(t, "S-2", "+989120000001", map[string]string{"overall": "2", "working": "yes"})
	again := f.list(t)
	if len(again) != 2 || again["product_defect"].ID != pd.ID {
		t.Fatalf("issues after a second complaint %+v, want the same two", again)
	}
	if n := f.Count(t, `SELECT count(*) FROM issues WHERE state IN ('open', 'in_progress')`); n != 2 {
		t.Errorf("%d pending issues, want 2", n)
	}
	if n := f.Count(t, `SELECT count(*) FROM issue_triggers WHERE issue_id = $1`, pd.ID); n != 3 {
		t.Errorf("product_defect has %d triggers, want 3", n)
	}
	if n := f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'issue_sla'`); n != 2 {
		t.Errorf("%d SLA jobs, want still 2", n)
	}
	if n := f.audits(t, pd.ID); n != 2 {
		t.Errorf("product_defect has %d audit rows, want 2", n)
	}

	// A happy customer raises nothing.
	f.call(t, "S-3", "+989120000002", map[string]string{"overall": "5", "working": "yes"})
	if n := f.Count(t, `SELECT count(*) FROM issues`); n != 2 {
		t.Errorf("%d issues after a happy call, want 2", n)
	}
}

// sla runs the SLA job of issue id at instant at.
func (f *fixture) sla(t *testing.T, id int64, at time.Time) river.EventKind {
	t.Helper()
	ctx := context.Background()
	w := rivertest.NewWorker(t, riverpgxv5.New(f.Pool), &river.Config{}, &jobs.IssueSLAWorker{Issues: issues.New(issues.Opts{Pool: f.Pool, River: f.River, Now: func() time.Time { return at }, Metrics: f.metrics})})
	tx, err := f.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	res, err := w.Work(ctx, t, tx, issues.SLAArgs{IssueID: id}, nil)
	if err != nil {
		t.Fatalf("SLA job of issue %d: %v", id, err)
	}
	return res.EventKind
}

func TestSLAJobMarksAnUnresolvedIssueBreached(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.call(t, "S-1", "+989120000001", map[string]string{"overall": "1", "working": "yes", "staff": "1"})
	got := f.list(t)
	pd, sb := got["product_defect"], got["staff_behaviour"]
	if err := f.Issues.Resolve(context.Background(), sb.ID, "service-a", casework.StaffBehaviour, "apologised; coached the branch"); err != nil {
		t.Fatal(err)
	}
	after := now.Add(4 * 24 * time.Hour)

	if k := f.sla(t, pd.ID, now.Add(time.Hour)); k != river.EventKindJobSnoozed {
		t.Errorf("SLA job before the deadline: %s, want snoozed", k)
	}
	if f.list(t)["product_defect"].Breached != nil {
		t.Error("breached before the deadline")
	}
	for range 2 {
		if k := f.sla(t, pd.ID, after); k != river.EventKindJobCompleted {
			t.Errorf("SLA job: %s, want completed", k)
		}
		b := f.list(t)["product_defect"].Breached
		if b == nil || !b.Equal(after) {
			t.Errorf("breached at %v, want %v", b, after)
		}
	}
	if n := f.audits(t, pd.ID); n != 2 {
		t.Errorf("product_defect has %d audit rows, want raised and breached", n)
	}
	// A breach is audited as any change is: the whole issue before and after.
	if n := f.Count(t, `SELECT count(*) FROM audit_log WHERE entity = 'issue' AND entity_key = $1::bigint::text AND actor = 'job:issue_sla'
		AND before->>'breached_at' IS NULL AND after->>'breached_at' IS NOT NULL AND after ? 'severity' AND after ? 'deadline_at'`, pd.ID); n != 1 {
		t.Errorf("%d audit rows of the breach with the issue's snapshot, want 1", n)
	}
	if n := f.Count(t, `SELECT count(*) FROM inbox_entries WHERE issue_id = $1 AND kind = 'issue_breached' AND read_at IS NULL`, pd.ID); n != 1 {
		t.Errorf("%d unread inbox entries for the breach, want 1", n)
	}

	// Resolved in time: the deadline passes quietly.
	auditsBefore := f.audits(t, sb.ID)
	if k := f.sla(t, sb.ID, after); k != river.EventKindJobCompleted {
		t.Errorf("SLA job of a resolved issue: %s, want completed", k)
	}
	if b := f.list(t)["staff_behaviour"].Breached; b != nil {
		t.Errorf("resolved issue breached at %v", b)
	}
	if n := f.audits(t, sb.ID); n != auditsBefore {
		t.Errorf("SLA job audited a resolved issue: %d rows, had %d", n, auditsBefore)
	}
	if n := f.Count(t, `SELECT count(*) FROM inbox_entries WHERE issue_id = $1`, sb.ID); n != 0 {
		t.Errorf("%d inbox entries for an issue resolved in time, want 0", n)
	}
	if n, _ := metricstest.Scrape(t, f.metrics.Handler()).Value("tamas_sla_breaches_total", "noticed_by", "sla_job"); n != 1 {
		t.Errorf("breaches counted = %v, want 1: one issue, its job run twice", n)
	}

	if k := f.sla(t, 1<<40, after); k != river.EventKindJobCancelled {
		t.Errorf("SLA job of a missing issue: %s, want cancelled", k)
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	fu := f.call(t, "S-1", "+989120000001", map[string]string{"overall": "1", "working": "no"})
	is := f.list(t)["product_defect"]
	recoveries := func() int { return f.Count(t, `SELECT count(*) FROM follow_ups WHERE kind = 'recovery'`) }

	if err := f.Issues.UpdateRootCause(ctx, "boss", issues.RootCause{Key: "delivery", LabelEN: "Delivery", LabelFA: "ارسال"}); err != nil {
		t.Fatal(err) // retired: no longer offered
	}
	for _, tt := range []struct {
		cause casework.RootCause
		note  string
		want  error
	}{
		{"", "fixed", invalid.New("root_cause", casework.CodeRootCause)},
		{casework.ProductDefect, " ", invalid.New("root_cause_note", casework.CodeCauseNote)},
		{"weather", "fixed", invalid.New("root_cause", casework.CodeRootCause)},
		{casework.Delivery, "fixed", invalid.New("root_cause", casework.CodeRootCause)},
		{casework.ProductDefect, strings.Repeat("x", issues.MaxNote+1), invalid.New("root_cause_note", issues.CodeNote, issues.MaxNote)},
	} {
		if err := f.Issues.Resolve(ctx, is.ID, "service-a", tt.cause, tt.note); !sameRefusal(err, tt.want) {
			t.Errorf("Resolve(%q, %q): err = %v, want %v", tt.cause, tt.note, err, tt.want)
		}
	}
	if err := f.Issues.Close(ctx, is.ID, "service-a"); !sameRefusal(err, invalid.New("state", casework.CodeTransition)) {
		t.Errorf("closing an open issue: err = %v, want %s", err, casework.CodeTransition)
	}
	if s := f.list(t)["product_defect"].State; s != "open" || recoveries() != 0 || f.audits(t, is.ID) != 1 {
		t.Fatalf("after refused changes: state %s, %d recoveries, %d audit rows; want open, none, 1", s, recoveries(), f.audits(t, is.ID))
	}

	if err := f.Issues.Start(ctx, is.ID, "service-a"); err != nil {
		t.Fatal(err)
	}
	if err := f.Issues.Resolve(ctx, is.ID, "service-a", casework.ProductDefect, "replaced the frame"); err != nil {
		t.Fatal(err)
	}
	var (
		kind, state, script string
		saleMatches         bool
		due                 time.Time
		versionID           *int64
		recoveryID          int64
	)
	if err := f.Pool.QueryRow(ctx, `
		SELECT r.id, r.kind, r.state, r.script_name, r.script_version_id, r.due_at,
		       r.sale_id = o.sale_id AND r.customer_id = o.customer_id
		FROM follow_ups r JOIN follow_ups o ON o.id = $1
		WHERE r.kind = 'recovery'`, fu).Scan(&recoveryID, &kind, &state, &script, &versionID, &due, &saleMatches); err != nil {
		t.Fatal(err)
	}
	// Tuesday noon in Tehran plus three days is Friday noon, a working day
	// inside the window of the default calendar.
	wantDue := now.AddDate(0, 0, 3)
	if state != "scheduled" || script != "recovery" || versionID == nil || !saleMatches || !due.Equal(wantDue) {
		t.Errorf("recovery %s %s script %s version %v due %v, same sale %v; want scheduled recovery due %v",
			kind, state, script, versionID, due, saleMatches, wantDue)
	}
	if n := f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'followup_due' AND (args->>'minute')::timestamptz = $1`, due); n != 1 {
		t.Errorf("%d due-minute jobs for the recovery's minute, want 1", n)
	}
	var linked *int64
	var cause, stateAfter string
	if err := f.Pool.QueryRow(ctx, `SELECT recovery_follow_up_id, root_cause, state FROM issues WHERE id = $1`, is.ID).Scan(&linked, &cause, &stateAfter); err != nil {
		t.Fatal(err)
	}
	if linked == nil || *linked != recoveryID || cause != "product_defect" || stateAfter != "resolved" {
		t.Errorf("issue links %v cause %s state %s; want %d product_defect resolved", linked, cause, stateAfter, recoveryID)
	}

	if err := f.Issues.Close(ctx, is.ID, "service-b"); err != nil {
		t.Fatal(err)
	}
	if recoveries() != 1 {
		t.Errorf("%d recovery follow-ups, want exactly 1", recoveries())
	}
	// Raised, started, resolved, closed.
	if n := f.audits(t, is.ID); n != 4 {
		t.Errorf("%d audit rows, want 4", n)
	}
	var actor, before, after string
	if err := f.Pool.QueryRow(ctx, `SELECT actor, before->>'state', after->>'state' FROM audit_log
		WHERE entity = 'issue' AND entity_key = $1 ORDER BY id DESC LIMIT 1`, fmt.Sprint(is.ID)).Scan(&actor, &before, &after); err != nil {
		t.Fatal(err)
	}
	if actor != "service-b" || before != "resolved" || after != "closed" {
		t.Errorf("last audit row %s: %s → %s, want service-b: resolved → closed", actor, before, after)
	}

	// A new complaint after the case closed opens a new case.
	f.call(t, "S-2", "+989120000001", map[string]string{"overall": "2", "working": "yes"})
	if n := f.Count(t, `SELECT count(*) FROM issues WHERE category = 'product_defect'`); n != 2 {
		t.Errorf("%d product_defect issues, want a new one after the first closed", n)
	}
}

func TestWontFixNeedsAReason(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.call(t, "S-1", "+989120000001", map[string]string{"overall": "4", "working": "yes", "staff": "2"})
	is := f.list(t)["staff_behaviour"]
	if err := f.Issues.WontFix(ctx, is.ID, "service-a", "  "); !sameRefusal(err, invalid.New("reason", casework.CodeReason)) {
		t.Errorf("WontFix without reason: err = %v, want %s", err, casework.CodeReason)
	}
	if err := f.Issues.WontFix(ctx, is.ID, "service-a", "customer asked us not to follow up"); err != nil {
		t.Fatal(err)
	}
	if s := f.list(t)["staff_behaviour"].State; s != "wont_fix" {
		t.Errorf("state %s, want wont_fix", s)
	}
	if n := f.Count(t, `SELECT count(*) FROM follow_ups WHERE kind = 'recovery'`); n != 0 {
		t.Errorf("%d recovery follow-ups for won't fix, want none", n)
	}
	if n := f.audits(t, is.ID); n != 2 {
		t.Errorf("%d audit rows, want 2", n)
	}
}
