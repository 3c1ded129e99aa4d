package reports_test

import (
	"context"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// The rollup counts days up to two weeks ago; a refresh rechecks the last
// month before that, and only a full one reaches further back.
func TestRefreshDays(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	a := apptest.Open(t, apptest.Opts{At: now})
	pool := a.Pool
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	ids := a.Sell(t,
		sales.Input{ExternalID: "old", Customer: sales.CustomerInput{Name: "مشتری قدیم", Phone: "09121234500"},
			Product: sales.ProductInput{SKU: "SKU-1"}, SoldAt: "2026-11-23T10:00:00+03:30"},
		sales.Input{ExternalID: "recent", Customer: sales.CustomerInput{Name: "مشتری تازه", Phone: "09121234501"},
			Product: sales.ProductInput{SKU: "SKU-1"}, SoldAt: "2026-11-23T10:00:00+03:30"},
	)
	old, recent := ids[0], ids[1]
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
