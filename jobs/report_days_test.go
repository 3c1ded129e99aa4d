package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/tamas-app/tamas/jobs"
)

// The rollup counts days up to two weeks ago; a refresh rechecks the last
// month before that, and only a full one reaches further back.
func TestReportDaysWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t, "old", "recent")
	f.exec(t, "UPDATE follow_ups SET state = 'completed', due_at = '2026-09-01 10:00Z' WHERE id = $1", f.ids["old"])
	f.exec(t, "UPDATE follow_ups SET state = 'completed', due_at = '2026-11-20 10:00Z' WHERE id = $1", f.ids["recent"])
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	w := rivertest.NewWorker(t, riverpgxv5.New(f.pool), &river.Config{}, &jobs.ReportDaysWorker{Pool: f.pool, Now: func() time.Time { return now }})
	work := func(full bool) {
		t.Helper()
		tx, err := f.pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		if _, err := w.Work(ctx, t, tx, jobs.ReportDaysArgs{Full: full}, nil); err != nil {
			t.Fatal(err)
		}
	}
	counts := func() (days int, completed, unreachable int64, built string) {
		t.Helper()
		if err := f.pool.QueryRow(ctx, `SELECT count(*), coalesce(sum(completed), 0), coalesce(sum(unreachable), 0),
			(SELECT built_through::text FROM report_days_state) FROM report_days`).Scan(&days, &completed, &unreachable, &built); err != nil {
			t.Fatal(err)
		}
		return
	}

	work(false)
	if days, completed, _, built := counts(); days != 1 || completed != 1 || built != "2026-11-09" {
		t.Fatalf("first build: %d days, %d completed, built through %s; want the September day only, through 2026-11-09", days, completed, built)
	}
	// A state change long after the day is not seen by a refresh…
	f.exec(t, "UPDATE follow_ups SET state = 'unreachable' WHERE id = $1", f.ids["old"])
	work(false)
	if _, completed, unreachable, _ := counts(); completed != 1 || unreachable != 0 {
		t.Errorf("refresh recounted September: %d completed, %d unreachable", completed, unreachable)
	}
	// …but by the daily full one.
	work(true)
	if _, completed, unreachable, _ := counts(); completed != 0 || unreachable != 1 {
		t.Errorf("full rebuild: %d completed, %d unreachable; want 0 and 1", completed, unreachable)
	}
}
