package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/metrics"
)

// startMetrics serves /metrics on TAMAS_METRICS_ADDR, on a listener of its
// own so that it is never reachable where the app is. With the setting
// unset it measures nothing and returns a nil *Metrics, which every
// caller accepts. stop shuts the listener down.
func (e *env) startMetrics(db *pgxpool.Pool, pools map[string]*pgxpool.Pool) (m *metrics.Metrics, stop func(), err error) {
	if e.cfg.MetricsAddr == "" {
		return nil, func() {}, nil
	}
	m = metrics.New(metrics.Opts{
		DB: db, Logger: e.log, Pools: pools,
	})
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Handler())
	srv := &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	ln, err := net.Listen("tcp", e.cfg.MetricsAddr)
	if err != nil {
		return nil, nil, fmt.Errorf("TAMAS_METRICS_ADDR: listening on %s: %w", e.cfg.MetricsAddr, err)
	}
	e.log.Info("serving metrics", "addr", ln.Addr().String(), "path", "/metrics")
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			e.log.Error("serving metrics", "err", err)
		}
	}()
	return m, func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(ctx); err != nil {
			e.log.Error("shutting down metrics", "err", err)
		}
	}, nil
}
