package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/due"
)

// FollowUpDueWorker works a due-minute job (due.MinuteArgs): it makes every
// scheduled follow-up whose time has come due (due.Service.MakeDue).
type FollowUpDueWorker struct {
	river.WorkerDefaults[due.MinuteArgs]
	Due *due.Service
	Now func() time.Time
}

func (w *FollowUpDueWorker) Work(ctx context.Context, job *river.Job[due.MinuteArgs]) error {
	_, err := w.Due.MakeDue(ctx, nowFunc(w.Now)(), "job:followup_due")
	return err
}

func nowFunc(f func() time.Time) func() time.Time {
	if f != nil {
		return f
	}
	return time.Now
}
