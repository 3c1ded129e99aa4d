package jobs

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/store"
)

// FollowUpSweepArgs is a periodic safety net behind the due-minute jobs: a
// follow-up committed while its minute's job was already running finds that
// job in state running, so no new one is inserted, and the running one could
// not see the uncommitted row. The sweep catches such rows within a minute.
// It also folds the follow-up counters of backends that have gone, which
// keeps the queue's counts a few hundred rows to sum.
type FollowUpSweepArgs struct{}

func (FollowUpSweepArgs) Kind() string { return "followup_sweep" }

type FollowUpSweepWorker struct {
	river.WorkerDefaults[FollowUpSweepArgs]
	Pool    *pgxpool.Pool
	Now     func() time.Time
	Metrics *metrics.Metrics
}

func (w *FollowUpSweepWorker) Work(ctx context.Context, job *river.Job[FollowUpSweepArgs]) error {
	if _, err := makeDue(ctx, w.Pool, nowFunc(w.Now)(), "job:followup_sweep", w.Metrics); err != nil {
		return err
	}
	return store.FoldFollowUpCounts(ctx, w.Pool)
}
