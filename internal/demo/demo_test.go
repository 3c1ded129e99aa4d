package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/demo"
	"github.com/tamas-app/tamas/internal/testdb"
)

// Whatever the day and hour, some demo zone is inside calling hours:
// every quarter hour of a year, through both DST seasons.
func TestDemoZonesAlwaysHaveSomeoneInsideCallingHours(t *testing.T) {
	t.Parallel()
	cal := demo.Calendar()
	var locs []*time.Location
	for _, z := range demo.Zones {
		loc, err := time.LoadLocation(z)
		if err != nil {
			t.Fatal(err)
		}
		locs = append(locs, loc)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for at := start; at.Before(start.AddDate(1, 0, 0)); at = at.Add(15 * time.Minute) {
		open := false
		for _, loc := range locs {
			open = open || cal.InWindow(at, loc)
		}
		if !open {
			t.Fatalf("at %s no demo zone is inside calling hours", at)
		}
	}
}

// A fresh demo loaded on a Friday, at any hour, gives agents calls to
// take and every page something true to show: silent customers, a breach
// in the inbox, issues at every stage, a recovered customer.
func TestDemoHasCallsAndVariety(t *testing.T) {
	t.Parallel()
	for _, now := range []time.Time{
		time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC),  // Friday evening in Tehran
		time.Date(2026, 12, 3, 23, 30, 0, 0, time.UTC), // Thursday night in Tehran and London
		time.Date(2026, 7, 10, 8, 15, 0, 0, time.UTC),  // a summer Friday morning
	} {
		t.Run(now.Format(time.DateTime), func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			a := apptest.Open(t, apptest.Opts{Pool: testdb.New(t), At: now})
			answered, err := demo.Load(ctx, a.Pool, a.Intake, a.River, 300, now)
			if err != nil {
				t.Fatal(err)
			}
			agent := a.User(t, "agent", "agent")
			q, err := a.Console.Queue(ctx, agent.ID, time.UTC, 8)
			if err != nil {
				t.Fatal(err)
			}
			if q.DueNow == 0 || len(q.Next) == 0 {
				t.Errorf("no call to take: %+v", q)
			}
			if answered < 30 {
				t.Errorf("%d answered calls", answered)
			}
			count := func(what, sql string) {
				t.Helper()
				if n := a.Count(t, sql, now); n == 0 {
					t.Errorf("the demo has no %s", what)
				}
			}
			count("unreachable customer", `SELECT count(*) FROM follow_ups WHERE state = 'unreachable' AND updated_at < $1`)
			count("neutral, uncommented answer", `SELECT count(*) FROM follow_ups WHERE state = 'completed' AND NOT commented AND rating_lo = 3 AND rating_hi = 3 AND due_at < $1`)
			count("breach in the inbox", `SELECT count(*) FROM inbox_entries e JOIN issues i ON i.id = e.issue_id WHERE i.deadline_at < $1`)
			for _, state := range []string{"open", "in_progress", "resolved", "closed", "wont_fix"} {
				count(state+" issue", `SELECT count(*) FROM issues WHERE state = '`+state+`' AND created_at < $1`)
			}
			count("second category", `SELECT count(DISTINCT category) - 1 FROM issues WHERE created_at < $1`)
			count("second severity", `SELECT count(DISTINCT severity) - 1 FROM issues WHERE created_at < $1`)
			count("recovered customer", `SELECT count(*) FROM issues i JOIN responses r ON r.follow_up_id = i.recovery_follow_up_id
				JOIN answers x ON x.response_id = r.id WHERE i.state = 'closed' AND x.question_key = 'fixed' AND x.value = 'yes' AND r.created_at < $1`)
			count("call answered days ago", `SELECT count(*) FROM responses WHERE created_at < $1::timestamptz - interval '3 days'`)
			count("reports day", `SELECT count(*) FROM report_days WHERE day < $1`)
			// Persian and English spellings of a shop are one branch, named
			// in both languages.
			if n := a.Count(t, `SELECT count(DISTINCT s.branch_id) FROM sales s JOIN branches b ON b.id = s.branch_id
				WHERE b.name_en <> '' AND b.name_fa <> '' AND s.created_at < $1::timestamptz + interval '1 year'`, now); n != 4 {
				t.Errorf("the demo's sales are in %d named branches, want 4", n)
			}
			if n := a.Count(t, `SELECT count(*) FROM sales WHERE branch_id IS NULL AND branch <> '' AND created_at < $1::timestamptz + interval '1 year'`, now); n != 0 {
				t.Errorf("%d demo sales have no branch", n)
			}
		})
	}
}
