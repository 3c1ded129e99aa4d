package jobs

import (
	"context"

	"github.com/riverqueue/river"
)

// VoiceCallArgs places one stored automated call (a twilio_calls row).
type VoiceCallArgs struct {
	CallID int64 `json:"call_id"`
}

func (VoiceCallArgs) Kind() string { return "voice_call" }

func (VoiceCallArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: TwilioQueue, MaxAttempts: 12, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// VoiceCallWorker places the call at most once, as SMSSendWorker sends a
// message (twilio.Service.PlaceCall).
type VoiceCallWorker struct {
	river.WorkerDefaults[VoiceCallArgs]
	Twilio Automated
}

func (w *VoiceCallWorker) Work(ctx context.Context, job *river.Job[VoiceCallArgs]) error {
	return w.Twilio.PlaceCall(ctx, job.Args.CallID)
}
