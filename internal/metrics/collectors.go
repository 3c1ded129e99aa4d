package metrics

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/tamas-app/tamas/internal/store"
)

// poolCollector reports pgxpool.Stat of each named pool when scraped.
type poolCollector struct {
	pools map[string]*pgxpool.Pool
	names []string

	acquired, idle, total, constructing, max *prometheus.Desc
	acquires, emptyAcquires, canceled        *prometheus.Desc
	acquireSeconds, emptyWaitSeconds         *prometheus.Desc
}

func newPoolCollector(pools map[string]*pgxpool.Pool) *poolCollector {
	desc := func(name, help string) *prometheus.Desc {
		return prometheus.NewDesc(prometheus.BuildFQName(namespace, "db_pool", name), help, []string{"pool"}, nil)
	}
	return &poolCollector{
		pools:            pools,
		names:            slices.Sorted(maps.Keys(pools)),
		acquired:         desc("acquired_conns", "Connections in use."),
		idle:             desc("idle_conns", "Connections open and idle."),
		total:            desc("total_conns", "Connections open: acquired, idle and being opened."),
		constructing:     desc("constructing_conns", "Connections being opened."),
		max:              desc("max_conns", "The most connections the pool opens."),
		acquires:         desc("acquires_total", "Connections handed out."),
		emptyAcquires:    desc("empty_acquires_total", "Acquires that found no idle connection and waited for one to be opened or released."),
		canceled:         desc("canceled_acquires_total", "Acquires given up because their context ended first."),
		acquireSeconds:   desc("acquire_seconds_total", "Time spent in successful acquires."),
		emptyWaitSeconds: desc("empty_acquire_wait_seconds_total", "Time successful acquires spent waiting because no connection was idle."),
	}
}

func (c *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.acquired, c.idle, c.total, c.constructing, c.max,
		c.acquires, c.emptyAcquires, c.canceled, c.acquireSeconds, c.emptyWaitSeconds} {
		ch <- d
	}
}

func (c *poolCollector) Collect(ch chan<- prometheus.Metric) {
	for _, name := range c.names {
		s := c.pools[name].Stat()
		gauge := func(d *prometheus.Desc, v int32) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(v), name)
		}
		counter := func(d *prometheus.Desc, v float64) {
			ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, v, name)
		}
		gauge(c.acquired, s.AcquiredConns())
		gauge(c.idle, s.IdleConns())
		gauge(c.total, s.TotalConns())
		gauge(c.constructing, s.ConstructingConns())
		gauge(c.max, s.MaxConns())
		counter(c.acquires, float64(s.AcquireCount()))
		counter(c.emptyAcquires, float64(s.EmptyAcquireCount()))
		counter(c.canceled, float64(s.CanceledAcquireCount()))
		counter(c.acquireSeconds, s.AcquireDuration().Seconds())
		counter(c.emptyWaitSeconds, s.EmptyAcquireWaitTime().Seconds())
	}
}

// dbCollector counts follow-ups and River's jobs when scraped. Each query
// has its own short timeout; one that fails or times out leaves its family
// out of this scrape, sets its tamas_scrape_query_success to 0 and is
// logged, and the rest of the scrape goes on.
type dbCollector struct {
	db      store.DBTX
	timeout time.Duration
	log     *slog.Logger

	followUps, riverJobs, success, duration *prometheus.Desc
}

func newDBCollector(db store.DBTX, timeout time.Duration, log *slog.Logger) *dbCollector {
	return &dbCollector{
		db: db, timeout: timeout, log: log,
		followUps: prometheus.NewDesc("tamas_follow_ups", "Follow-ups by state and channel.",
			[]string{"state", "channel"}, nil),
		riverJobs: prometheus.NewDesc("tamas_river_jobs", "River jobs waiting or running, by kind and state (available, scheduled, retryable, running).",
			[]string{"kind", "state"}, nil),
		success: prometheus.NewDesc("tamas_scrape_query_success", "1 when this scrape's query answered in time, 0 when it failed or timed out.",
			[]string{"query"}, nil),
		duration: prometheus.NewDesc("tamas_scrape_query_duration_seconds", "Time this scrape's query took.",
			[]string{"query"}, nil),
	}
}

func (c *dbCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.followUps
	ch <- c.riverJobs
	ch <- c.success
	ch <- c.duration
}

func (c *dbCollector) Collect(ch chan<- prometheus.Metric) {
	c.query(ch, "follow_ups", func(ctx context.Context) ([]prometheus.Metric, error) {
		rows, err := store.New().FollowUpCountByStateChannel(ctx, c.db)
		if err != nil {
			return nil, err
		}
		out := make([]prometheus.Metric, 0, len(rows))
		for _, r := range rows {
			out = append(out, prometheus.MustNewConstMetric(c.followUps, prometheus.GaugeValue, float64(r.Count), r.State, r.Channel))
		}
		return out, nil
	})
	c.query(ch, "river_jobs", func(ctx context.Context) ([]prometheus.Metric, error) {
		rows, err := store.RiverJobCountByKindState(ctx, c.db)
		if err != nil {
			return nil, err
		}
		out := make([]prometheus.Metric, 0, len(rows))
		for _, r := range rows {
			out = append(out, prometheus.MustNewConstMetric(c.riverJobs, prometheus.GaugeValue, float64(r.Count), r.Kind, r.State))
		}
		return out, nil
	})
}

// query runs one scrape-time query and sends its metrics only when it
// answered in full, so a scrape never shows half a family.
func (c *dbCollector) query(ch chan<- prometheus.Metric, name string, run func(context.Context) ([]prometheus.Metric, error)) {
	ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
	defer cancel()
	start := time.Now()
	ms, err := run(ctx)
	ok := 1.0
	if err != nil {
		ok = 0
		c.log.Error("metrics query failed", "query", name, "err", err)
	} else {
		for _, m := range ms {
			ch <- m
		}
	}
	ch <- prometheus.MustNewConstMetric(c.success, prometheus.GaugeValue, ok, name)
	ch <- prometheus.MustNewConstMetric(c.duration, prometheus.GaugeValue, time.Since(start).Seconds(), name)
}
