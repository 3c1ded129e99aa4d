package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/automated/autojobs"
)

// LadderNextWorker moves a follow-up still unanswered on the step to the
// next channel of its ladder, or ends it unreachable after the last; an
// answered one is left alone (automated.Service.Advance).
type LadderNextWorker struct {
	river.WorkerDefaults[autojobs.LadderNextArgs]
	Twilio Automated
}

func (w *LadderNextWorker) Work(ctx context.Context, job *river.Job[autojobs.LadderNextArgs]) error {
	return w.Twilio.Advance(ctx, job.Args.FollowUpID, job.Args.Step)
}
