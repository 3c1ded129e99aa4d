package jobs

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
)

// FollowUpSweepArgs is a periodic safety net behind the due-minute jobs: a
// follow-up committed while its minute's job was already running finds that
// job in state running, so no new one is inserted, and the running one could
// not see the uncommitted row. The sweep catches such rows within a minute.
type FollowUpSweepArgs struct{}

func (FollowUpSweepArgs) Kind() string { return "followup_sweep" }

type FollowUpSweepWorker struct {
	river.WorkerDefaults[FollowUpSweepArgs]
	Pool *pgxpool.Pool
	Now  func() time.Time
}

func (w *FollowUpSweepWorker) Work(ctx context.Context, job *river.Job[FollowUpSweepArgs]) error {
	_, err := MakeDue(ctx, w.Pool, nowFunc(w.Now)(), "job:followup_sweep")
	return err
}
