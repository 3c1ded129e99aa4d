package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/metrics/metricstest"
	"github.com/tamas-app/tamas/internal/testdb"
)

// Three agents claim from two due calls, open the call page and ask for
// pages that do not exist; a scrape shows the claims by outcome, the
// requests by the pattern that routed them (never the path), the
// follow-ups and River jobs counted from the database, and the pool.
func TestMetricsCountClaimsAndRequestsByRoute(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	m := metrics.New(metrics.Opts{DB: pool, Pools: map[string]*pgxpool.Pool{"web": pool}})
	s := openSiteWith(t, siteOpts{pool: pool, metrics: m})
	s.addUser(t, "ali", "agent", "fa", "Asia/Tehran")

	claimed := 0
	for _, name := range []string{"maryam", "emma", "ali"} {
		v := s.signedIn(t, name)
		r := v.post(t, "/queue/next", url.Values{})
		if r.status != http.StatusSeeOther {
			t.Fatalf("%s: POST /queue/next = %d, want 303", name, r.status)
		}
		if strings.HasPrefix(r.location(), "/calls/") {
			claimed++
			v.get(t, r.location()).wantStatus(t, name+"'s call page", http.StatusOK)
		}
		v.get(t, "/no-such-page-"+name).wantStatus(t, "a page that does not exist", http.StatusNotFound)
	}
	if claimed != s.claimed(t) || claimed == 0 || claimed == 3 {
		t.Fatalf("claimed %d calls (%d in the database); want one or two of the two due", claimed, s.claimed(t))
	}

	f := metricstest.Scrape(t, m.Handler())
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"tamas_claim_duration_seconds", []string{"outcome", "claimed"}, float64(claimed)},
		{"tamas_claim_duration_seconds", []string{"outcome", "nothing_due"}, float64(3 - claimed)},
		{"tamas_http_requests_total", []string{"route", "POST /queue/next", "code", "303"}, 3},
		{"tamas_http_requests_total", []string{"route", "GET /calls/{id}", "code", "200"}, float64(claimed)},
		{"tamas_http_requests_total", []string{"route", "POST /login", "code", "303"}, 3},
		{"tamas_http_requests_total", []string{"route", metrics.Unmatched, "code", "404"}, 3},
		{"tamas_http_request_duration_seconds", []string{"route", "GET /calls/{id}"}, float64(claimed)},
		{"tamas_follow_ups", []string{"state", "claimed", "channel", "agent"}, float64(claimed)},
		{"tamas_scrape_query_success", []string{"query", "follow_ups"}, 1},
		{"tamas_scrape_query_success", []string{"query", "river_jobs"}, 1},
	} {
		if got, ok := f.Value(c.name, c.labels...); !ok || got != c.want {
			t.Errorf("%s%v = %v (present %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
	for _, r := range f.LabelValues("tamas_http_requests_total", "route") {
		if strings.Contains(r, "no-such-page") || strings.HasPrefix(r, "/calls/") {
			t.Errorf("route label %q is a path, not a pattern", r)
		}
	}
	for _, c := range []struct {
		name   string
		labels []string
	}{
		{"tamas_river_jobs", []string{"kind", "followup_due"}},
		{"tamas_db_pool_acquires_total", []string{"pool", "web"}},
		{"tamas_db_pool_max_conns", []string{"pool", "web"}},
		{"tamas_db_pool_total_conns", []string{"pool", "web"}},
		{"go_goroutines", nil},
		{"process_cpu_seconds_total", nil},
	} {
		if got, ok := f.Value(c.name, c.labels...); !ok || got <= 0 {
			t.Errorf("%s%v = %v (present %v), want more than 0", c.name, c.labels, got, ok)
		}
	}
}

// /metrics is served on its own listener only: the app's listener must
// not show it, to a visitor or to a signed-in user.
func TestWebListenerDoesNotServeMetrics(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	s := openSiteWith(t, siteOpts{pool: pool, metrics: metrics.New(metrics.Opts{DB: pool})})
	for _, v := range []*visitor{s.visitor(t), s.signedIn(t, "boss")} {
		r := v.get(t, "/metrics")
		if r.status != http.StatusNotFound || strings.Contains(r.body, "tamas_") || strings.Contains(r.body, "# HELP") {
			t.Errorf("GET /metrics on the web listener = %d\n%.300s", r.status, r.body)
		}
	}
}
