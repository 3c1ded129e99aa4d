package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/jobs"
)

type serveOpts struct {
	role string // web, worker or all
	addr string
	// ready is told the listening address once the server accepts requests.
	ready func(addr string)
	// sweepEvery is the period of the sweep and the claim release; zero
	// means a minute.
	sweepEvery time.Duration
}

func (e *env) serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	role := fs.String("role", "all", "web (HTTP only), worker (River workers only) or all")
	addr := fs.String("addr", e.cfg.Addr, "listen address (env TAMAS_ADDR)")
	sweepEvery := fs.Duration("sweep-every", time.Minute, "how often workers sweep for follow-ups the due-minute jobs missed and release expired claims")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("serve: unexpected argument %q", fs.Arg(0))}
	}
	if *role != "web" && *role != "worker" && *role != "all" {
		return usageError{fmt.Sprintf("--role: %q is not one of web, worker, all", *role)}
	}
	if err := config.CheckAddr(*addr); err != nil {
		return usageError{"--addr: " + err.Error()}
	}
	if *sweepEvery <= 0 {
		return usageError{fmt.Sprintf("--sweep-every: %s is not a positive duration", *sweepEvery)}
	}
	url, err := e.databaseURL()
	if err != nil {
		return err
	}
	return e.serveWith(ctx, url, serveOpts{role: *role, addr: *addr, sweepEvery: *sweepEvery})
}

// serveWith runs until ctx is cancelled, then shuts down gracefully. The
// web and River get pools of their own (docs/design.md, "Connections").
func (e *env) serveWith(ctx context.Context, url string, o serveOpts) error {
	work := o.role != "web"
	webPool, err := openPool(ctx, url, e.webPoolOpts())
	if err != nil {
		return err
	}
	defer webPool.Close()
	riverPool, err := openPool(ctx, url, store.PoolOpts{Name: "tamas-river", MaxConns: jobs.PoolConns(work), ConnectTimeout: 30 * time.Second})
	if err != nil {
		return err
	}
	defer riverPool.Close()
	st, err := store.NewMigrator(riverPool).Status(ctx)
	if err != nil {
		return err
	}
	if !st.Current {
		return errors.New("the database schema is older than this binary: run `tamas migrate`")
	}
	// Scrapes read on River's pool, so a saturated web pool does not hide
	// its own figures.
	m, stopMetrics, err := e.startMetrics(riverPool, map[string]*pgxpool.Pool{"web": webPool, "river": riverPool})
	if err != nil {
		return err
	}
	defer stopMetrics()
	guard, err := e.guard()
	if err != nil {
		return err
	}
	a, err := app.New(ctx, app.Opts{
		Config: e.cfg, Logger: e.log, WebPool: webPool, RiverPool: riverPool,
		Web: o.role != "worker", Work: work, Guard: guard, Metrics: m, SweepEvery: o.sweepEvery,
	})
	if err != nil {
		return err
	}
	defer a.Close()
	if work {
		defer m.WatchJobs(a.Worker)()
		if err := a.Start(ctx); err != nil {
			return err
		}
		e.log.Info("workers started")
	}
	var serveErr error
	if a.Handler != nil {
		serveErr = e.serveHTTP(ctx, a.Handler, o)
	} else {
		<-ctx.Done()
	}
	if work {
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if err := a.Stop(stopCtx); err != nil {
			e.log.Error("stopping River workers", "err", err)
		}
	}
	return serveErr
}

// webPoolOpts bounds the web's statements by the request's deadline, since
// no answer can use a result that comes later; the pools of River, the
// migrator, imports and demo data run long statements and keep the
// server's defaults.
func (e *env) webPoolOpts() store.PoolOpts {
	d := e.cfg.RequestTimeout
	return store.PoolOpts{
		Name: "tamas-web", MaxConns: e.cfg.DBMaxConns, UseDefault: true,
		StatementTimeout: d,
		ConnectTimeout:   d,
		// A lock wait alone must leave the request time to answer.
		LockTimeout: d / 2,
		// Only a stuck process leaves a transaction idle this long.
		IdleInTxTimeout: 2 * d,
	}
}

// serveHTTP serves handler on o.addr until ctx is cancelled, then shuts
// down gracefully.
func (e *env) serveHTTP(ctx context.Context, handler http.Handler, o serveOpts) error {
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", o.addr, err)
	}
	e.log.Info("listening", "addr", ln.Addr().String(), "role", o.role)
	if o.ready != nil {
		o.ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving HTTP: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("shutting down HTTP: %w", err)
	}
	return nil
}
