package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/automated/autojobs"
)

// Automated is what the automated channels' jobs need from
// internal/automated's Service.
type Automated interface {
	StartStep(ctx context.Context, followUpID int64, step int) error
	SendSMS(ctx context.Context, messageID int64) error
	Advance(ctx context.Context, followUpID int64, step int) error
	PlaceCall(ctx context.Context, callID int64) error
}

// TwilioStepWorker starts a ladder step (automated.Service.StartStep).
type TwilioStepWorker struct {
	river.WorkerDefaults[autojobs.StepArgs]
	Twilio Automated
}

func (w *TwilioStepWorker) Work(ctx context.Context, job *river.Job[autojobs.StepArgs]) error {
	return w.Twilio.StartStep(ctx, job.Args.FollowUpID, job.Args.Step)
}
