package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/automated/autojobs"
)

// TwilioQueue is the River queue of Twilio requests: its workers wait on
// Twilio and on the rate limit, so they get their own (at least rate ×
// 0.1 s workers: River fetches a queue at most every 100 ms, and a worker
// may wait up to 2 s for its slot).
const TwilioQueue = "twilio"

// Automated is what the Twilio jobs need from internal/twilio's Service.
type Automated interface {
	StartStep(ctx context.Context, followUpID int64, step int) error
	SendSMS(ctx context.Context, messageID int64) error
	Advance(ctx context.Context, followUpID int64, step int) error
	PlaceCall(ctx context.Context, callID int64) error
}

// TwilioStepWorker starts one step of a follow-up's ladder
// (twilio.Service.StartStep).
type TwilioStepWorker struct {
	river.WorkerDefaults[autojobs.StepArgs]
	Twilio Automated
}

func (w *TwilioStepWorker) Work(ctx context.Context, job *river.Job[autojobs.StepArgs]) error {
	return w.Twilio.StartStep(ctx, job.Args.FollowUpID, job.Args.Step)
}
