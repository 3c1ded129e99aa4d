// Package jobs holds River job args and workers, one file per job kind, and
// the River client set-up.
package jobs

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/tamas-app/tamas/internal/webhooks/outbox"
)

type ClientOpts struct {
	Logger *slog.Logger
	// Work is false for a web-only process: it inserts jobs but works none.
	Work       bool
	MaxWorkers int
	// SweepEvery is the period of the safety-net sweep and of the claim
	// release; a minute unless a test wants it faster.
	SweepEvery time.Duration
	Now        func() time.Time
}

// NewClient builds the River client. Every copy of tamas builds one; River
// elects a leader among them for periodic jobs.
func NewClient(pool *pgxpool.Pool, opts ClientOpts) (*river.Client[pgx.Tx], error) {
	cfg := &river.Config{Logger: opts.Logger}
	if opts.Work {
		workers := river.NewWorkers()
		river.AddWorker(workers, &FollowUpDueWorker{Pool: pool, Now: opts.Now})
		river.AddWorker(workers, &FollowUpSweepWorker{Pool: pool, Now: opts.Now})
		river.AddWorker(workers, &ClaimReleaseWorker{Pool: pool, Now: opts.Now})
		river.AddWorker(workers, &IssueSLAWorker{Pool: pool, Now: opts.Now})
		river.AddWorker(workers, &WebhookDeliveryWorker{Pool: pool, Now: opts.Now})
		river.AddWorker(workers, &ReportDaysWorker{Pool: pool, Now: opts.Now})
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
			outbox.Queue: {MaxWorkers: 10},
		}
		cfg.PeriodicJobs = []*river.PeriodicJob{
			river.NewPeriodicJob(river.PeriodicInterval(every),
				func() (river.JobArgs, *river.InsertOpts) { return FollowUpSweepArgs{}, nil },
				&river.PeriodicJobOpts{ID: "followup_sweep", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(every),
				func() (river.JobArgs, *river.InsertOpts) { return ClaimReleaseArgs{}, nil },
				&river.PeriodicJobOpts{ID: "claim_release", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(10*time.Minute),
				func() (river.JobArgs, *river.InsertOpts) { return ReportDaysArgs{}, nil },
				&river.PeriodicJobOpts{ID: "report_days", RunOnStart: true}),
			river.NewPeriodicJob(river.PeriodicInterval(24*time.Hour),
				func() (river.JobArgs, *river.InsertOpts) { return ReportDaysArgs{Full: true}, nil },
				&river.PeriodicJobOpts{ID: "report_days_full"}),
		}
	}
	client, err := river.NewClient(riverpgxv5.New(pool), cfg)
	if err != nil {
		return nil, fmt.Errorf("creating River client: %w", err)
	}
	return client, nil
}
