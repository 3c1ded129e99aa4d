// Package app wires tamas together from its configuration and two pools:
// the services, the River clients, the web handler and the job dashboard.
// `tamas serve` and `tamas dev` run what New builds, and tests build the
// same thing, so a test of the wiring is a test of what ships. It is the one
// package besides cmd/tamas that imports jobs: jobs' workers call the
// services, so the services cannot import jobs, and something above both
// has to put them together.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"riverqueue.com/riverui"

	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/publicsurvey"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/users"
	"github.com/tamas-app/tamas/internal/web"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
	"github.com/tamas-app/tamas/jobs"
	"github.com/tamas-app/tamas/scripts"
)

// Opts is what New builds from.
type Opts struct {
	Config config.Config
	Logger *slog.Logger
	// WebPool serves requests; RiverPool holds River and the queries of
	// its workers (docs/design.md, "Connections"). A test may pass one pool
	// as both.
	WebPool, RiverPool *pgxpool.Pool
	// Web builds the HTTP handler and the job dashboard.
	Web bool
	// Work builds the River client that works jobs (Start runs it).
	Work bool
	// Guard is the non-sales guard of the script editor.
	Guard scripts.Guard
	// Metrics is recorded into; nil records nothing.
	Metrics *metrics.Metrics
	// Now is the clock of every service and worker; nil means time.Now.
	Now func() time.Time
	// SweepEvery is the period of the safety-net sweep and of the claim
	// release; zero means a minute (jobs.ClientOpts).
	SweepEvery time.Duration
	// TwilioHTTP carries the requests to Twilio, say to a fake; nil means
	// an ordinary client with Config.Twilio.Timeout.
	TwilioHTTP *http.Client
	// TwilioWorkers is the Twilio queue's workers; zero is jobs' default.
	TwilioWorkers int
	// VerifyPassword checks a sign-in; nil means the real check. Tests
	// slow it down or speed it up.
	VerifyPassword func(hash, password string) bool
}

// App is tamas wired together. The services answer the web on WebPool;
// the workers' services query RiverPool.
type App struct {
	// River inserts jobs. It is insert-only: it works none, elects no
	// leader and serves the job dashboard.
	River *river.Client[pgx.Tx]
	// Worker works jobs; nil unless Opts.Work.
	Worker *river.Client[pgx.Tx]

	Intake  *intake.Service
	Console *console.Service
	Issues  *issues.Service
	Editor  *editor.Service
	Due     *due.Service
	// Automated runs the automated channels for the web (Twilio's
	// webhooks); nil when Twilio is not configured.
	Automated *automated.Service
	// Surveys serves the public survey pages and signs their links.
	Surveys *publicsurvey.Service
	// Location loads time zones through intake's cache.
	Location func(name string) (*time.Location, error)
	// Handler serves every page, API and webhook; nil unless Opts.Web.
	Handler http.Handler

	log      *slog.Logger
	sessions *web.SessionStore
}

// New builds the app. Nothing runs until Start, except the job dashboard
// and the expiry of sessions, which stop with ctx and Close.
//
// There are two River clients because the services insert jobs and the
// workers call the services: the insert-only client exists first and is
// handed to every service, and the working client is built afterwards with
// workers that call them. Both are on RiverPool; jobs inserted by either
// notify the queues, and every working client on the database fetches
// them.
func New(ctx context.Context, o Opts) (*App, error) {
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.WebPool == nil || o.RiverPool == nil {
		return nil, errors.New("app: both pools are required")
	}
	cfg := o.Config
	inserter, err := jobs.NewClient(o.RiverPool, jobs.ClientOpts{Logger: o.Logger})
	if err != nil {
		return nil, err
	}
	a := &App{River: inserter, log: o.Logger}
	norm := &sales.Normalizer{Region: cfg.PhoneRegion, MaxSkew: cfg.SoldAtSkew, Now: o.Now}
	a.Location = norm.Location
	a.Intake = intake.New(intake.Opts{
		Pool: o.WebPool, River: inserter, Normalizer: norm,
		DefaultTimezone: cfg.DefaultTimezone, DefaultLocale: cfg.DefaultLocale, Now: o.Now,
	})
	a.Console = console.New(console.Opts{
		Pool: o.WebPool, River: inserter, ClaimTTL: cfg.ClaimTTL, Now: o.Now, Location: a.Location,
	})
	a.Issues = issues.New(issues.Opts{Pool: o.WebPool, River: inserter, Now: o.Now, Location: a.Location, Metrics: o.Metrics})
	a.Editor = editor.New(editor.Opts{Pool: o.WebPool, Guard: o.Guard})
	a.Due = due.New(due.Opts{Pool: o.RiverPool, River: inserter, Metrics: o.Metrics})
	a.Surveys = publicsurvey.New(publicsurvey.Opts{
		Pool: o.WebPool, River: inserter, Secret: cfg.LinkSecret, Now: o.Now, CardAnswersPerWindow: cfg.CardAnswersPerHour,
	})
	// Twilio's webhooks answer on the web's pool, its jobs on River's.
	a.Automated = automatedOn(o, o.WebPool, inserter, a.Location, a.Surveys)
	if o.Work {
		copts := jobs.ClientOpts{
			Logger: o.Logger, Work: true, SweepEvery: o.SweepEvery, Now: o.Now, TwilioWorkers: o.TwilioWorkers,
			Due:       a.Due,
			Issues:    issues.New(issues.Opts{Pool: o.RiverPool, River: inserter, Now: o.Now, Location: a.Location, Metrics: o.Metrics}),
			Reports:   reports.New(reports.Opts{Pool: o.RiverPool, Now: o.Now}),
			Outbox:    outbox.NewSender(outbox.SenderOpts{Pool: o.RiverPool, Now: o.Now, AllowPrivate: cfg.WebhookAllowPrivate}),
			Automated: automatedOn(o, o.RiverPool, inserter, a.Location, a.Surveys),
			Users:     users.New(users.Opts{Pool: o.RiverPool, Now: o.Now}),
		}
		if a.Worker, err = jobs.NewClient(o.RiverPool, copts); err != nil {
			return nil, err
		}
	}
	if o.Web {
		if a.Handler, err = a.handler(ctx, o); err != nil {
			a.Close()
			return nil, err
		}
	}
	return a, nil
}

// automatedOn is the automated channels' service on pool, or nil when
// Twilio is not configured.
func automatedOn(o Opts, pool *pgxpool.Pool, client *river.Client[pgx.Tx], loc func(string) (*time.Location, error), links *publicsurvey.Service) *automated.Service {
	if !o.Config.Twilio.Configured() {
		return nil
	}
	return automated.New(automated.Opts{
		Pool: pool, River: client, Config: o.Config.Twilio,
		Client: twilio.NewClient(o.Config.Twilio, o.TwilioHTTP), Now: o.Now, Location: loc, Metrics: o.Metrics,
		Links: links.Signer,
	})
}

func (a *App) handler(ctx context.Context, o Opts) (http.Handler, error) {
	jobsUI, err := riverui.NewHandler(&riverui.HandlerOpts{
		Endpoints: riverui.NewEndpoints(a.River, nil), Logger: o.Logger, Prefix: "/admin/jobs",
	})
	if err != nil {
		return nil, fmt.Errorf("creating the job dashboard: %w", err)
	}
	if err := jobsUI.Start(ctx); err != nil {
		return nil, fmt.Errorf("starting the job dashboard: %w", err)
	}
	a.sessions = web.NewSessionStore(o.WebPool, 10*time.Minute)
	return web.New(web.Opts{
		Logger: o.Logger, Pool: o.WebPool, Intake: a.Intake, Console: a.Console,
		Sessions: web.NewSessions(a.sessions, o.Config.SecureCookies),
		Editor:   a.Editor, Issues: a.Issues, Location: a.Location,
		River: a.River, Jobs: jobsUI,
		Twilio: o.Config.Twilio, Automated: a.Automated, Surveys: a.Surveys, WebhookAllowPrivate: o.Config.WebhookAllowPrivate,
		Metrics: o.Metrics, VerifyPassword: o.VerifyPassword,
		RequestTimeout: o.Config.RequestTimeout, AcquireTimeout: o.Config.DBAcquireTimeout,
		TrustedProxies: o.Config.TrustedProxies, Now: o.Now,
	}).Handler(), nil
}

// Start starts the workers, when there are any.
func (a *App) Start(ctx context.Context) error {
	if a.Worker == nil {
		return nil
	}
	if err := a.Worker.Start(ctx); err != nil {
		return fmt.Errorf("starting River workers: %w", err)
	}
	return nil
}

// Stop lets the running jobs finish, until ctx is done, and stops the
// workers.
func (a *App) Stop(ctx context.Context) error {
	if a.Worker == nil {
		return nil
	}
	return a.Worker.Stop(ctx)
}

// Close stops what New started: the expiry of sessions.
func (a *App) Close() {
	if a.sessions != nil {
		a.sessions.StopCleanup()
	}
}
