package jobs

import (
	"context"
	"errors"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/webhooks/outbox"
)

// WebhookDeliveryWorker sends one stored delivery (outbox.Sender.Send). A
// failed attempt is retried with River's backoff; a dropped delivery
// (outbox.DroppedError) is cancelled.
type WebhookDeliveryWorker struct {
	river.WorkerDefaults[outbox.DeliveryArgs]
	Sender *outbox.Sender
}

func (w *WebhookDeliveryWorker) Work(ctx context.Context, job *river.Job[outbox.DeliveryArgs]) error {
	err := w.Sender.Send(ctx, job.Args.DeliveryID)
	if dropped := (*outbox.DroppedError)(nil); errors.As(err, &dropped) {
		return river.JobCancel(dropped.Err)
	}
	return err
}
