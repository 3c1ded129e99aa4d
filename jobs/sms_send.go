package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/automated/autojobs"
)

// SMSSendWorker sends the message at most once, inside the sender's rate
// limit; Twilio's 429, 5xx and timeouts come back as errors for River's
// backoff (automated.Service.SendSMS).
type SMSSendWorker struct {
	river.WorkerDefaults[autojobs.SMSSendArgs]
	Twilio Automated
}

func (w *SMSSendWorker) Work(ctx context.Context, job *river.Job[autojobs.SMSSendArgs]) error {
	return w.Twilio.SendSMS(ctx, job.Args.MessageID)
}
