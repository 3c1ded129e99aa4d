package jobs

import (
	"context"

	"github.com/riverqueue/river"
)

// SMSSendArgs sends one stored outbound message (a twilio_messages row).
type SMSSendArgs struct {
	MessageID int64 `json:"message_id"`
}

func (SMSSendArgs) Kind() string { return "sms_send" }

func (SMSSendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: TwilioQueue, MaxAttempts: 12, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// SMSSendWorker sends the message at most once, inside the sender's rate
// limit; Twilio's 429, 5xx and timeouts come back as errors for River's
// backoff (twilio.Service.SendSMS).
type SMSSendWorker struct {
	river.WorkerDefaults[SMSSendArgs]
	Twilio Automated
}

func (w *SMSSendWorker) Work(ctx context.Context, job *river.Job[SMSSendArgs]) error {
	return w.Twilio.SendSMS(ctx, job.Args.MessageID)
}
