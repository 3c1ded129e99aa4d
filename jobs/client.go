// Package jobs holds the River workers, one file per job kind, each calling
// the service that does the work, and the River client set-up. The job
// args live next to the packages that insert them (due.MinuteArgs,
// issues.SLAArgs, outbox.DeliveryArgs…); only the periodic jobs, which
// this package inserts itself, keep theirs here.
package jobs

import (
	"cmp"

	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/users"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
)

// ClientOpts configures NewClient.
type ClientOpts struct {
	Logger *slog.Logger
	// Work is false for an insert-only client: it inserts jobs but works
	// none, and needs none of the services below.
	Work       bool
	MaxWorkers int
	// SweepEvery is the period of the safety-net sweep and of the claim
	// release; a minute unless set (`serve --sweep-every`, which the
	// two-worker test in cmd/tamas shortens).
	SweepEvery time.Duration
	Now        func() time.Time
	// Due makes follow-ups due and releases expired claims; required to
	// work.
	Due *due.Service
	// Issues marks issues breached; required to work.
	Issues *issues.Service
	// Reports refreshes the report rollup; required to work.
	Reports *reports.Service
	// Outbox delivers webhook events; required to work.
	Outbox *outbox.Sender
	// Users forgets old sign-in failures; required to work.
	Users *users.Service
	// Automated runs the automated channels' jobs; nil (no Twilio
	// settings) means a service without Twilio, which moves the
	// follow-ups those jobs are for to the agents instead of failing them.
	Automated *automated.Service
	// TwilioWorkers is the twilio queue's workers; 0 means 10, which
	// River's 100 ms fetch cooldown caps at 100 sends a second.
	TwilioWorkers int
}

// PoolConns is the size of River's own pool (docs/design.md,
// "Connections"). River gets a pool apart from the web's so that a burst of
// requests cannot stop it fetching or cost it its leadership, and the
// workers query through it too, so a burst of jobs cannot take the
// connections agents' pages need. Without workers River only serves its
// dashboard and inserts outside transactions. With them it needs about six
// at once — a fetch per queue, the completer, the elector and the leader's
// maintenance; the notifier's listening connection leaves the pool — and the
// workers share ten: their statements are short and none holds a
// connection across a call to Twilio or a webhook endpoint, and a 2-core
// server runs only a few statements at once anyway.
func PoolConns(work bool) int32 {
	if !work {
		return 4
	}
	return 6 + 10
}

// NewClient builds a River client on River's own pool (PoolConns); its
// workers query through the same pool, and the services they call should
// too. Every copy of tamas that works jobs builds one; River elects a leader
// among them for periodic jobs. Without Work it is insert-only (see
// river.Config): no leader election, no fetching, and Start refuses; the
// jobs it inserts notify the queues, and the working clients on the same
// database work them.
func NewClient(pool *pgxpool.Pool, opts ClientOpts) (*river.Client[pgx.Tx], error) {
	cfg := &river.Config{Logger: opts.Logger}
	if opts.Work {
		if opts.Due == nil || opts.Issues == nil || opts.Reports == nil || opts.Outbox == nil || opts.Users == nil {
			return nil, errors.New("a River client that works jobs needs the due, issues, reports, outbox and users services")
		}
		workers := river.NewWorkers()
		river.AddWorker(workers, &FollowUpDueWorker{Due: opts.Due, Now: opts.Now})
		river.AddWorker(workers, &FollowUpSweepWorker{Due: opts.Due, Now: opts.Now})
		river.AddWorker(workers, &ClaimReleaseWorker{Due: opts.Due, Now: opts.Now})
		river.AddWorker(workers, &IssueSLAWorker{Issues: opts.Issues})
		river.AddWorker(workers, &WebhookDeliveryWorker{Sender: opts.Outbox})
		river.AddWorker(workers, &ReportDaysWorker{Reports: opts.Reports})
		river.AddWorker(workers, &RecoveryDaysWorker{Reports: opts.Reports})
		river.AddWorker(workers, &LoginForgetWorker{Users: opts.Users})
		auto := opts.Automated
		if auto == nil {
			auto = automated.New(automated.Opts{Pool: pool, Now: opts.Now})
		}
		river.AddWorker(workers, &TwilioStepWorker{Automated: auto})
		river.AddWorker(workers, &SMSSendWorker{Automated: auto})
		river.AddWorker(workers, &LadderNextWorker{Automated: auto})
		river.AddWorker(workers, &VoiceCallWorker{Automated: auto})
		maxWorkers := opts.MaxWorkers
		if maxWorkers <= 0 {
			maxWorkers = 20
		}
		every := opts.SweepEvery
		if every <= 0 {
			every = time.Minute
		}
		cfg.Workers = workers
		cfg.Queues = map[string]river.QueueConfig{
			river.QueueDefault: {MaxWorkers: maxWorkers},
			// Deliveries wait on other systems: their own workers keep a
			// slow endpoint from holding up follow-ups.
			outbox.Queue:    {MaxWorkers: 10},
			automated.Queue: {MaxWorkers: cmp.Or(opts.TwilioWorkers, 10)},
		}
		cfg.PeriodicJobs = []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(every),
				func() (river.JobArgs, *river.InsertOpts) { return FollowUpSweepArgs{}, nil },
				&river.PeriodicJobOpts{ID: "followup_sweep", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(every),
				func() (river.JobArgs, *river.InsertOpts) { return ClaimReleaseArgs{}, nil },
				&river.PeriodicJobOpts{ID: "claim_release", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
				func() (river.JobArgs, *river.InsertOpts) { return reports.DaysArgs{}, nil },
				&river.PeriodicJobOpts{ID: "report_days", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
				func() (river.JobArgs, *river.InsertOpts) { return reports.DaysArgs{Full: true}, nil },
				&river.PeriodicJobOpts{ID: "report_days_full"}),
			// Recounting 200 days of repeat purchases takes seconds on a
			// large organisation: a quarter of an hour is fresh enough for
			// windows measured in months.
			river.NewPeriodicJob(river.PeriodicInterval(15*time.Minute),
				func() (river.JobArgs, *river.InsertOpts) { return reports.RecoveryDaysArgs{}, nil },
				&river.PeriodicJobOpts{ID: "recovery_days", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
				func() (river.JobArgs, *river.InsertOpts) { return reports.RecoveryDaysArgs{Full: true}, nil },
				&river.PeriodicJobOpts{ID: "recovery_days_full"}),
			// Sign-in failure counts last auth.Window (an hour); deleting
			// the ended ones every ten minutes keeps the tables to little
			// more than an hour's failures.
			river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
				func() (river.JobArgs, *river.InsertOpts) { return LoginForgetArgs{}, nil },
				&river.PeriodicJobOpts{ID: "login_forget", RunOnStart: true}),
		}
	}
	client, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		return nil, fmt.Errorf("creating River client: %w", err)
	}
	return client, nil
}
