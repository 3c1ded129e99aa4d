package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/due"
)

// TwilioStepWorker starts a ladder step (automated.Service.StartStep).
type TwilioStepWorker struct {
	river.WorkerDefaults[due.StepArgs]
	// Automated is a service without a client on a server without the
	// Twilio settings: it moves the follow-up to the agents.
	Automated *automated.Service
}

func (w *TwilioStepWorker) Work(ctx context.Context, job *river.Job[due.StepArgs]) error {
	return w.Automated.StartStep(ctx, job.Args.FollowUpID, job.Args.Step)
}

// SMSSendWorker sends the message at most once, inside the sender's rate
// limit; Twilio's 429, 5xx and timeouts come back as errors for River's
// backoff (automated.Service.SendSMS).
type SMSSendWorker struct {
	river.WorkerDefaults[automated.SMSSendArgs]
	Automated *automated.Service
}

func (w *SMSSendWorker) Work(ctx context.Context, job *river.Job[automated.SMSSendArgs]) error {
	return w.Automated.SendSMS(ctx, job.Args.MessageID)
}

// LadderNextWorker moves a follow-up still unanswered on the step to the
// next channel of its ladder, or ends it unreachable after the last; an
// answered one is left alone (automated.Service.Advance).
type LadderNextWorker struct {
	river.WorkerDefaults[automated.LadderNextArgs]
	Automated *automated.Service
}

func (w *LadderNextWorker) Work(ctx context.Context, job *river.Job[automated.LadderNextArgs]) error {
	return w.Automated.Advance(ctx, job.Args.FollowUpID, job.Args.Step)
}

// VoiceCallWorker places the call at most once, as SMSSendWorker sends a
// message (automated.Service.PlaceCall).
type VoiceCallWorker struct {
	river.WorkerDefaults[automated.VoiceCallArgs]
	Automated *automated.Service
}

func (w *VoiceCallWorker) Work(ctx context.Context, job *river.Job[automated.VoiceCallArgs]) error {
	return w.Automated.PlaceCall(ctx, job.Args.CallID)
}
