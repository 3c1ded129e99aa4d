package main

import (
	"net/http"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/metrics/metricstest"
	"github.com/tamas-app/tamas/internal/testdb"
)

// Every role serves /metrics on TAMAS_METRICS_ADDR, its own listener; the
// app's listener does not. A worker counts the jobs it works (the periodic
// jobs run on start).
func TestServeMetricsOnItsOwnListener(t *testing.T) {
	t.Parallel()
	bin := tamasBinary(t)
	dbURL := testdb.URL(t)
	client := &http.Client{Timeout: 5 * time.Second}
	defer client.CloseIdleConnections()
	scrape := func(addr string) metricstest.Families {
		t.Helper()
		resp, err := client.Get("http://" + addr + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s/metrics = %d", addr, resp.StatusCode)
		}
		return metricstest.Parse(t, resp.Body)
	}
	for _, role := range []string{"all", "worker"} {
		t.Run(role, func(t *testing.T) {
			addr, metricsAddr := freeAddr(t), freeAddr(t)
			p := start(t, bin, childEnv(dbURL, "TAMAS_METRICS_ADDR="+metricsAddr), "serve", "--role", role, "--addr", addr)
			defer p.stop(t)
			var f metricstest.Families
			waitFor(t, 60*time.Second, "the periodic jobs to be counted", func() (bool, error) {
				if p.Exited() {
					t.Fatalf("%s exited: %v\n%s", p.Name, p.Err(), p.Stderr.Tail(4000))
				}
				resp, err := client.Get("http://" + metricsAddr + "/metrics")
				if err != nil {
					return false, nil
				}
				resp.Body.Close()
				f = scrape(metricsAddr)
				_, ok := f.Value("tamas_river_jobs_worked_total", "kind", "followup_sweep", "outcome", "completed")
				return ok, nil
			})
			for _, c := range []struct {
				name   string
				labels []string
			}{
				{"tamas_db_pool_max_conns", []string{"pool", "web"}},
				{"tamas_db_pool_acquires_total", []string{"pool", "web"}},
				{"tamas_scrape_query_success", []string{"query", "follow_ups"}},
				{"tamas_scrape_query_success", []string{"query", "river_jobs"}},
				{"process_resident_memory_bytes", nil},
			} {
				if v, ok := f.Value(c.name, c.labels...); !ok || v <= 0 {
					t.Errorf("%s%v = %v (present %v), want more than 0", c.name, c.labels, v, ok)
				}
			}
			if role == "worker" {
				return
			}
			for _, path := range []string{"/healthz", "/metrics"} {
				resp, err := client.Get("http://" + addr + path)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if want := map[string]int{"/healthz": 200, "/metrics": 404}[path]; resp.StatusCode != want {
					t.Errorf("GET %s on the app's listener = %d, want %d", path, resp.StatusCode, want)
				}
			}
			f = scrape(metricsAddr)
			if v, _ := f.Value("tamas_http_requests_total", "route", "GET /healthz", "code", "200"); v < 1 {
				t.Errorf("GET /healthz counted %v times, want at least 1", v)
			}
		})
	}
}
