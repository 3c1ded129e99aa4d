package jobs

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/tamas-app/tamas/internal/automated/autojobs"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/store"
)

// FollowUpDueArgs is the job for one due minute. One job per minute, not per
// follow-up: a River job row costs several times a sale row, and a minute
// holds many follow-ups on a busy day (docs/design.md).
type FollowUpDueArgs struct {
	Minute time.Time `json:"minute"`
}

func (FollowUpDueArgs) Kind() string { return "followup_due" }

func (FollowUpDueArgs) InsertOpts() river.InsertOpts {
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

// DueMinute is the bucket that makes a follow-up due at dueAt. Times in the
// past share the current minute's bucket, so importing old sales does not
// create one job per past minute.
func DueMinute(dueAt, now time.Time) time.Time {
	floorNow := now.UTC().Truncate(time.Minute)
	m := dueAt.UTC().Truncate(time.Minute)
	if m.Before(floorNow) {
		return floorNow
	}
	return m
}

// InsertDueBuckets makes sure a job exists for each minute, inside tx so
// that the follow-ups and the jobs that act on them commit together. The
// minutes are sorted so that two transactions lock bucket rows in the same
// order and cannot deadlock.
func InsertDueBuckets(ctx context.Context, client *river.Client[pgx.Tx], tx pgx.Tx, minutes []time.Time) error {
	if len(minutes) == 0 {
		return nil
	}
	params := make([]river.InsertManyParams, 0, len(minutes))
	for _, m := range sortedUnique(minutes) {
		params = append(params, river.InsertManyParams{
			Args:       FollowUpDueArgs{Minute: m},
			InsertOpts: &river.InsertOpts{ScheduledAt: m},
		})
	}
	if _, err := client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("inserting due-minute jobs: %w", err)
	}
	return nil
}

// FollowUpDueWorker makes every scheduled follow-up whose time has come due
// (or cancelled, when its sale was cancelled or its customer opted out
// since). It does not limit itself to its own minute: rows written while an
// earlier bucket job was running are picked up by the next one.
type FollowUpDueWorker struct {
	river.WorkerDefaults[FollowUpDueArgs]
	Pool    *pgxpool.Pool
	Now     func() time.Time
	Metrics *metrics.Metrics
}

func (w *FollowUpDueWorker) Work(ctx context.Context, job *river.Job[FollowUpDueArgs]) error {
	_, err := makeDue(ctx, w.Pool, nowFunc(w.Now)(), "job:followup_due", w.Metrics)
	return err
}

// batchSize bounds each transaction so that a minute with a huge backlog
// does not hold row locks for long.
const batchSize = 2000

// MakeDue moves every scheduled follow-up due by now and returns how many
// it moved. A follow-up whose step is automated (SMS, voice) gets the job
// that starts the step in the same transaction; that needs the River
// client in ctx, as a job's context has it.
func MakeDue(ctx context.Context, pool *pgxpool.Pool, now time.Time, actor string) (int, error) {
	return makeDue(ctx, pool, now, actor, nil)
}

// makeDue is MakeDue, recording in m how late each follow-up became due.
func makeDue(ctx context.Context, pool *pgxpool.Pool, now time.Time, actor string, m *metrics.Metrics) (int, error) {
	q := store.New()
	total := 0
	for {
		if err := ctx.Err(); err != nil {
			return total, err
		}
		var rows []store.FollowUpMakeDueRow
		err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
			var err error
			rows, err = q.FollowUpMakeDue(ctx, tx, store.FollowUpMakeDueParams{
				Now: now, MaxRows: batchSize, Actor: actor,
			})
			if err != nil {
				return fmt.Errorf("making follow-ups due: %w", err)
			}
			return startSteps(ctx, tx, rows)
		})
		if err != nil {
			return total, err
		}
		for _, r := range rows {
			if r.State == "due" {
				m.ObserveDueLag(now.Sub(r.DueAt))
			}
		}
		total += len(rows)
		if len(rows) < batchSize {
			return total, nil
		}
	}
}

// startSteps queues the start of every automated step among rows.
func startSteps(ctx context.Context, tx pgx.Tx, rows []store.FollowUpMakeDueRow) error {
	var params []river.InsertManyParams
	for _, r := range rows {
		if r.State == "due" && r.Channel != "agent" {
			params = append(params, river.InsertManyParams{Args: autojobs.StepArgs{FollowUpID: r.ID, Step: int(r.LadderStep)}})
		}
	}
	if len(params) == 0 {
		return nil
	}
	client, err := river.ClientFromContextSafely[pgx.Tx](ctx)
	if err != nil {
		return fmt.Errorf("starting automated follow-ups needs the River client: %w", err)
	}
	if _, err := client.InsertManyTx(ctx, tx, params); err != nil {
		return fmt.Errorf("queueing automated follow-ups: %w", err)
	}
	return nil
}

func nowFunc(f func() time.Time) func() time.Time {
	if f != nil {
		return f
	}
	return time.Now
}

func sortedUnique(ts []time.Time) []time.Time {
	out := slices.Clone(ts)
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return slices.CompactFunc(out, func(a, b time.Time) bool { return a.Equal(b) })
}
