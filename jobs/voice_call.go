package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/automated/autojobs"
)

// VoiceCallWorker places the call at most once, as SMSSendWorker sends a
// message (automated.Service.PlaceCall).
type VoiceCallWorker struct {
	river.WorkerDefaults[autojobs.VoiceCallArgs]
	Twilio Automated
}

func (w *VoiceCallWorker) Work(ctx context.Context, job *river.Job[autojobs.VoiceCallArgs]) error {
	return w.Twilio.PlaceCall(ctx, job.Args.CallID)
}
