// Package outbox stores webhook events: one delivery row per subscribed
// endpoint and the River job that sends it, both inside the transaction of
// the event's cause, so an event exists exactly when its cause commits.
// Sender sends them, run by jobs.WebhookDeliveryWorker.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
)

// Queue is River's queue for deliveries, apart from follow-up work so a
// slow or dead endpoint never delays a call.
const Queue = "webhooks"

// DeliveryArgs sends one stored delivery (Sender.Send), inserted here with
// the delivery row.
type DeliveryArgs struct {
	DeliveryID int64 `json:"delivery_id"`
}

func (DeliveryArgs) Kind() string { return "webhook_delivery" }

// InsertOpts: ten attempts with River's backoff (attempt⁴ seconds after
// the attempt-th failure) spread retries over about four and a quarter
// hours.
func (DeliveryArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: 10}
}

// Client is the River client events are enqueued with.
type Client = *river.Client[pgx.Tx]

// emit stores an event of type typ for every active endpoint subscribed to
// it. data is only built when some endpoint listens, so an installation
// without webhooks pays one indexless query on a tiny table per event.
func emit(ctx context.Context, tx pgx.Tx, client Client, typ string, now time.Time, data func() (any, error)) (int, error) {
	q := store.New()
	endpoints, err := q.WebhookEndpointsForEvent(ctx, tx, typ)
	if err != nil {
		return 0, fmt.Errorf("finding endpoints for %s: %w", typ, err)
	}
	if len(endpoints) == 0 {
		return 0, nil
	}
	d, err := data()
	if err != nil {
		return 0, fmt.Errorf("building %s: %w", typ, err)
	}
	return insert(ctx, tx, client, endpoints, typ, now, d)
}

func insert(ctx context.Context, tx pgx.Tx, client Client, endpoints []int64, typ string, now time.Time, data any) (int, error) {
	if client == nil {
		return 0, errors.New("webhooks: no River client to enqueue deliveries with")
	}
	ev, err := webhooks.NewEvent(typ, now, data)
	if err != nil {
		return 0, err
	}
	payload, err := ev.Payload()
	if err != nil {
		return 0, err
	}
	q := store.New()
	jobs := make([]river.InsertManyParams, 0, len(endpoints))
	for _, e := range endpoints {
		id, err := q.WebhookDeliveryInsert(ctx, tx, store.WebhookDeliveryInsertParams{
			EndpointID: e, EventType: typ, EventID: ev.ID, Payload: payload,
		})
		if err != nil {
			return 0, fmt.Errorf("storing %s for endpoint %d: %w", typ, e, err)
		}
		jobs = append(jobs, river.InsertManyParams{Args: DeliveryArgs{DeliveryID: id}})
	}
	if _, err := client.InsertManyTx(ctx, tx, jobs); err != nil {
		return 0, fmt.Errorf("enqueueing %s: %w", typ, err)
	}
	return len(endpoints), nil
}

// SendTest stores a webhook.test event for endpoint id alone, whatever it
// subscribes to.
func SendTest(ctx context.Context, tx pgx.Tx, client Client, endpointID int64, actor string, now time.Time) error {
	_, err := insert(ctx, tx, client, []int64{endpointID}, webhooks.Test, now,
		webhooks.TestData{EndpointID: endpointID, RequestedBy: actor})
	return err
}
