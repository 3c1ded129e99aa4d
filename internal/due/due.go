// Package due makes follow-ups due when their time comes. The packages that
// write a follow-up (intake, console, issues) insert, in the same
// transaction, the job of the minute it becomes due (Insert); the workers in
// jobs run this package's Service when those jobs, the sweep and the claim
// release come round.
package due

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/store"
)

// MinuteArgs is the job for one due minute. One job per minute, not per
// follow-up: a River job row costs several times a sale row, and a minute
// holds many follow-ups on a busy day (docs/design.md).
type MinuteArgs struct {
	Minute time.Time `json:"minute"`
}

func (MinuteArgs) Kind() string { return "followup_due" }

func (MinuteArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{
		MaxAttempts: 25,
		UniqueOpts: river.UniqueOpts{
			ByArgs: true,
			// Without `completed` a follow-up written for a minute whose job
			// already ran gets a fresh job instead of being left behind.
			ByState: []rivertype.JobState{
				rivertype.JobStateAvailable,
				rivertype.JobStatePending,
				rivertype.JobStateRetryable,
				rivertype.JobStateRunning,
				rivertype.JobStateScheduled,
			},
		},
	}
}

// Minute is the bucket that makes a follow-up due at dueAt. Times in the
// past share the current minute's bucket, so importing old sales does not
// create one job per past minute.
func Minute(dueAt, now time.Time) time.Time {
	floorNow := now.UTC().Truncate(time.Minute)
	m := dueAt.UTC().Truncate(time.Minute)
	if m.Before(floorNow) {
		return floorNow
	}
	return m
}

// Insert makes sure a job exists for the minute of each of dueAts (Minute),
// inside tx so that the follow-ups and the jobs that act on them commit
// together. The minutes are sorted so that two transactions lock bucket
// rows in the same order and cannot deadlock.
func Insert(ctx context.Context, client *river.Client[pgx.Tx], tx pgx.Tx, now time.Time, dueAts ...time.Time) error {
	if len(dueAts) == 0 {
		return nil
	}
	minutes := make([]time.Time, len(dueAts))
	for i, d := range dueAts {
		minutes[i] = Minute(d, now)
	}
	slices.SortFunc(minutes, func(a, b time.Time) int { return a.Compare(b) })
	minutes = slices.CompactFunc(minutes, func(a, b time.Time) bool { return a.Equal(b) })
	params := make([]river.InsertManyParams, 0, len(minutes))
	for _, m := range minutes {
		params = append(params, river.InsertManyParams{
			Args:       MinuteArgs{Minute: m},
			InsertOpts: &river.InsertOpts{ScheduledAt: m},
		})
	}
	if _, err := client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("inserting due-minute jobs: %w", err)
	}
	return nil
}

// Service moves follow-ups between the queue and the schedule as time
// passes.
type Service struct {
	pool    *pgxpool.Pool
	river   *river.Client[pgx.Tx]
	metrics *metrics.Metrics
}

// Opts configures a Service.
type Opts struct {
	Pool *pgxpool.Pool
	// River inserts the start of automated steps with the follow-ups made
	// due; an insert-only client will do.
	River *river.Client[pgx.Tx]
	// Metrics records how late each follow-up became due; nil records
	// nothing.
	Metrics *metrics.Metrics
}

// New returns the Service for o.
func New(o Opts) *Service {
	return &Service{pool: o.Pool, river: o.River, metrics: o.Metrics}
}

// batchSize bounds each transaction so that a minute with a huge backlog
// does not hold row locks for long.
const batchSize = 2000

// MakeDue moves every scheduled follow-up due by now (or cancels it, when
// its sale was cancelled or its customer opted out since) and returns how
// many it moved. It does not limit itself to one minute: rows written while
// an earlier bucket job was running are picked up by the next one. A
// follow-up whose step is automated (SMS, voice) gets the job that starts
// the step in the same transaction.
func (s *Service) MakeDue(ctx context.Context, now time.Time, actor string) (int, error) {
	q := store.New()
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		var rows []store.FollowUpMakeDueRow
		err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
			var err error
			rows, err = q.FollowUpMakeDue(ctx, tx, store.FollowUpMakeDueParams{
				Now: now, MaxRows: batchSize, Actor: actor,
			})
			if err != nil {
				return fmt.Errorf("making follow-ups due: %w", err)
			}
			return s.startSteps(ctx, tx, rows)
		})
		if err != nil {
			return total, err
		}
		for _, r := range rows {
			if r.State == "due" {
				s.metrics.ObserveDueLag(now.Sub(r.DueAt))
			}
		}
		total += len(rows)
		if len(rows) < batchSize {
			return total, nil
		}
	}
}

// startSteps queues the start of every automated step among rows.
func (s *Service) startSteps(ctx context.Context, tx pgx.Tx, rows []store.FollowUpMakeDueRow) error {
	var params []river.InsertManyParams
	for _, r := range rows {
		if r.State == "due" && r.Channel != "agent" {
			params = append(params, river.InsertManyParams{Args: StepArgs{FollowUpID: r.ID, Step: int(r.LadderStep)}})
		}
	}
	if len(params) == 0 {
		return nil
	}
	if s.river == nil {
		return errors.New("starting automated follow-ups needs the River client")
	}
	if _, err := s.river.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("queueing automated follow-ups: %w", err)
	}
	return nil
}

// Sweep is the safety net behind the due-minute jobs: a follow-up committed
// while its minute's job was already running finds that job in state
// running, so no new one is inserted, and the running one could not see the
// uncommitted row. Sweep makes such rows due, then folds the follow-up
// counters of backends that have gone, which keeps the queue's counts a few
// hundred rows to sum.
func (s *Service) Sweep(ctx context.Context, now time.Time, actor string) error {
	if _, err := s.MakeDue(ctx, now, actor); err != nil {
		return err
	}
	return store.FoldFollowUpCounts(ctx, s.pool)
}

// ReleaseExpiredClaims puts follow-ups whose claim expired by now (an agent
// closed the tab or went home) back into the queue.
func (s *Service) ReleaseExpiredClaims(ctx context.Context, now time.Time) error {
	if _, err := store.New().FollowUpReleaseExpiredClaims(ctx, s.pool, now); err != nil {
		return fmt.Errorf("releasing expired claims: %w", err)
	}
	return nil
}

// StepArgs starts step Step of a follow-up's ladder (an SMS survey or an
// automated call); automated.Service.StartStep does it. It lives here, not
// in internal/automated, because MakeDue queues a follow-up's first step in
// the transaction that makes it due, and automated already depends on due's
// importers (responses → issues → due); automated queues the later steps
// with the follow-up's change. Unique by its args: a
// follow-up starts a step once. It only writes rows and queues the request
// jobs, so it runs on the default queue and leaves Queue's workers to the
// requests.
type StepArgs struct {
	FollowUpID int64 `json:"follow_up_id"`
	Step       int   `json:"step"`
}

func (StepArgs) Kind() string { return "twilio_step" }

func (StepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
