package reports_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// The rollup counts days up to two weeks ago; a refresh rechecks the last
// month before that, and only a full one reaches further back.
func TestRefreshDays(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	// An insert-only River client: intake queues the follow-ups' jobs.
	client, err := river.NewClient[pgx.Tx](riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		t.Fatal(err)
	}
	in := intake.New(intake.Opts{
		Pool: pool, River: client,
		Normalizer:      &sales.Normalizer{Region: "IR", MaxSkew: time.Minute, Now: func() time.Time { return now }},
		DefaultTimezone: "Asia/Tehran", DefaultLocale: "fa", Now: func() time.Time { return now },
	})
	src, err := store.New().SourceEnsure(ctx, pool, "shop")
	if err != nil {
		t.Fatal(err)
	}
	out, err := in.Ingest(ctx, src.ID, []sales.Input{
		{ExternalID: "old", Customer: sales.CustomerInput{Name: "مشتری قدیم", Phone: "09121234500"},
			Product: sales.ProductInput{SKU: "SKU-1"}, SoldAt: "2026-11-23T10:00:00+03:30"},
		{ExternalID: "recent", Customer: sales.CustomerInput{Name: "مشتری تازه", Phone: "09121234501"},
			Product: sales.ProductInput{SKU: "SKU-1"}, SoldAt: "2026-11-23T10:00:00+03:30"},
	})
	if err != nil {
		t.Fatal(err)
	}
	old, recent := out[0].FollowUp.ID, out[1].FollowUp.ID
	exec("UPDATE follow_ups SET state = 'completed', due_at = '2026-09-01 10:00Z' WHERE id = $1", old)
	exec("UPDATE follow_ups SET state = 'completed', due_at = '2026-11-20 10:00Z' WHERE id = $1", recent)

	svc := reports.New(reports.Opts{Pool: pool, Now: func() time.Time { return now }})
	work := func(full bool) {
		t.Helper()
		if err := svc.Refresh(ctx, full); err != nil {
			t.Fatal(err)
		}
	}
	counts := func() (days int, completed, unreachable int64, built string) {
		t.Helper()
		if err := pool.QueryRow(ctx, `SELECT count(*), coalesce(sum(completed), 0), coalesce(sum(unreachable), 0),
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
	exec("UPDATE follow_ups SET state = 'unreachable' WHERE id = $1", old)
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
