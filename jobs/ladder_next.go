package jobs

import (
	"context"

	"github.com/riverqueue/river"
)

// LadderNextArgs runs when step Step's wait is over.
type LadderNextArgs struct {
	FollowUpID int64 `json:"follow_up_id"`
	Step       int   `json:"step"`
}

func (LadderNextArgs) Kind() string { return "ladder_next" }

func (LadderNextArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 25, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// LadderNextWorker moves a follow-up still unanswered on the step to the
// next channel of its ladder, or ends it unreachable after the last; an
// answered one is left alone.
type LadderNextWorker struct {
	river.WorkerDefaults[LadderNextArgs]
	Twilio Automated
}

func (w *LadderNextWorker) Work(ctx context.Context, job *river.Job[LadderNextArgs]) error {
	return w.Twilio.Advance(ctx, job.Args.FollowUpID, job.Args.Step)
}
