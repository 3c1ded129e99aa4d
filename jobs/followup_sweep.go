package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/due"
)

// FollowUpSweepArgs is the periodic safety net behind the due-minute jobs
// (due.Service.Sweep says what it catches).
type FollowUpSweepArgs struct{}

func (FollowUpSweepArgs) Kind() string { return "followup_sweep" }

// FollowUpSweepWorker runs the sweep (due.Service.Sweep).
type FollowUpSweepWorker struct {
	river.WorkerDefaults[FollowUpSweepArgs]
	Due *due.Service
	Now func() time.Time
}

func (w *FollowUpSweepWorker) Work(ctx context.Context, job *river.Job[FollowUpSweepArgs]) error {
	return w.Due.Sweep(ctx, nowFunc(w.Now)(), "job:followup_sweep")
}
