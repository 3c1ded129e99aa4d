package jobs

import (
	"context"

	"github.com/riverqueue/river"
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

// TwilioStepArgs starts step Step of a follow-up's ladder (an SMS survey or
// an automated call), queued by the due job or the previous step's
// LadderNextWorker with the follow-up's change. Unique by its args: a
// follow-up starts a step once. It only writes rows and queues the request
// jobs, so it runs on the default queue and leaves the twilio queue's
// workers to the requests.
type TwilioStepArgs struct {
	FollowUpID int64 `json:"follow_up_id"`
	Step       int   `json:"step"`
}

func (TwilioStepArgs) Kind() string { return "twilio_step" }

func (TwilioStepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

type TwilioStepWorker struct {
	river.WorkerDefaults[TwilioStepArgs]
	Twilio Automated
}

func (w *TwilioStepWorker) Work(ctx context.Context, job *river.Job[TwilioStepArgs]) error {
	return w.Twilio.StartStep(ctx, job.Args.FollowUpID, job.Args.Step)
}
