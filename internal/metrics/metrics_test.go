package metrics_test

import (
	"context"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/metrics/metricstest"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// A scrape-time query that cannot answer (its table locked) gives up after
// its timeout: the scrape still answers, in time, with the failure in
// tamas_scrape_query_success and the other query's families intact.
func TestScrapeDoesNotWaitForABlockedQuery(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, "LOCK TABLE follow_up_counts IN ACCESS EXCLUSIVE MODE"); err != nil {
		t.Fatal(err)
	}
	m := metrics.New(metrics.Opts{DB: pool, QueryTimeout: 200 * time.Millisecond})
	start := time.Now()
	f := metricstest.Scrape(t, m.Handler())
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("scrape took %v with a blocked query", d)
	}
	if v, _ := f.Value("tamas_scrape_query_success", "query", "follow_ups"); v != 0 {
		t.Errorf("follow_ups query success = %v, want 0", v)
	}
	if v, _ := f.Value("tamas_scrape_query_success", "query", "river_jobs"); v != 1 {
		t.Errorf("river_jobs query success = %v, want 1", v)
	}
	if _, ok := f["go_goroutines"]; !ok {
		t.Error("the Go collector's families are missing")
	}
}

// Code built without metrics passes nil; every method must accept it.
func TestNilMetricsRecordsNothing(t *testing.T) {
	t.Parallel()
	var m *metrics.Metrics
	m.ObserveClaim(metrics.ClaimClaimed, time.Millisecond)
	m.ObserveDueLag(time.Second)
	m.SLABreached(metrics.BreachBySLAJob)
	m.Text(metrics.TextSent)
	m.ObserveRequest("GET /queue", 200, time.Millisecond)
	m.WatchJobs(nil)()
}
