package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"riverqueue.com/riverui"

	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/web"
	"github.com/tamas-app/tamas/jobs"
)

type serveOpts struct {
	role string // web, worker or all
	addr string
	// ready is told the listening address once the server accepts requests.
	ready func(addr string)
	// metrics is set by serveWith: nil unless TAMAS_METRICS_ADDR is set.
	metrics *metrics.Metrics
}

func (e *env) serve(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	role := fs.String("role", "all", "web (HTTP only), worker (River workers only) or all")
	addr := fs.String("addr", e.cfg.Addr, "listen address (env TAMAS_ADDR)")
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
	url, err := e.databaseURL()
	if err != nil {
		return err
	}
	return e.serveWith(ctx, url, serveOpts{role: *role, addr: *addr})
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
	o.metrics = m
	opts := jobs.ClientOpts{Logger: e.log, Work: work, Metrics: m}
	var webAutomated *automated.Service
	if e.cfg.Twilio.Configured() {
		// The automated service inserts its jobs through a client that
		// only inserts: the working client needs the service first.
		inserter, err := jobs.NewClient(riverPool, jobs.ClientOpts{Logger: e.log})
		if err != nil {
			return err
		}
		// Twilio's webhooks answer on the web's pool, its jobs on River's.
		webAutomated = e.automated(webPool, inserter, m)
		opts.Twilio = e.automated(riverPool, inserter, m)
	}
	client, err := jobs.NewClient(riverPool, opts)
	if err != nil {
		return err
	}
	if work {
		defer m.WatchJobs(client)()
		if err := client.Start(ctx); err != nil {
			return fmt.Errorf("starting River workers: %w", err)
		}
		e.log.Info("workers started")
	}
	var serveErr error
	if o.role != "worker" {
		serveErr = e.serveHTTP(ctx, webPool, client, webAutomated, o)
	} else {
		<-ctx.Done()
	}
	if work {
		stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		if err := client.Stop(stopCtx); err != nil {
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

// automated is the automated channels' service on pool.
func (e *env) automated(pool *pgxpool.Pool, inserter *river.Client[pgx.Tx], m *metrics.Metrics) *automated.Service {
	return automated.New(automated.Opts{
		Pool: pool, River: inserter, Config: e.cfg.Twilio, Client: twilio.NewClient(e.cfg.Twilio, nil), Metrics: m,
	})
}

func (e *env) serveHTTP(ctx context.Context, pool *pgxpool.Pool, client *river.Client[pgx.Tx], auto *automated.Service, o serveOpts) error {
	svc := intake.New(intake.Opts{
		Pool: pool, River: client,
		Normalizer:      &sales.Normalizer{Region: e.cfg.PhoneRegion, MaxSkew: e.cfg.SoldAtSkew},
		DefaultTimezone: e.cfg.DefaultTimezone, DefaultLocale: e.cfg.DefaultLocale,
	})
	sessionStore := web.NewSessionStore(pool, 10*time.Minute)
	defer sessionStore.StopCleanup()
	con := console.New(console.Opts{
		Pool: pool, River: client, ClaimTTL: e.cfg.ClaimTTL, Location: svc.Normalizer().Location,
	})
	guard, err := e.guard()
	if err != nil {
		return err
	}
	jobsUI, err := riverui.NewHandler(&riverui.HandlerOpts{
		Endpoints: riverui.NewEndpoints(client, nil), Logger: e.log, Prefix: "/admin/jobs",
	})
	if err != nil {
		return fmt.Errorf("creating the job dashboard: %w", err)
	}
	if err := jobsUI.Start(ctx); err != nil {
		return fmt.Errorf("starting the job dashboard: %w", err)
	}
	srv := &http.Server{
		Handler: web.New(web.Opts{
			Logger: e.log, Pool: pool, Intake: svc, Console: con,
			Sessions: web.NewSessions(sessionStore, e.cfg.SecureCookies),
			Editor:   editor.New(pool, guard),
			Issues:   issues.New(issues.Opts{Pool: pool, River: client, Location: svc.Normalizer().Location, Metrics: o.metrics}),
			Location: svc.Normalizer().Location,
			River:    client,
			Jobs:     jobsUI,
			Twilio:   e.cfg.Twilio, Automated: auto,
			Metrics:        o.metrics,
			RequestTimeout: e.cfg.RequestTimeout, AcquireTimeout: e.cfg.DBAcquireTimeout,
		}).Handler(),
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
