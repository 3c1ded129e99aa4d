package outbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
)

// Sender sends stored deliveries; jobs.WebhookDeliveryWorker runs it for
// each DeliveryArgs.
type Sender struct {
	pool *pgxpool.Pool
	http *http.Client
	now  func() time.Time
}

// SenderOpts configures NewSender.
type SenderOpts struct {
	Pool *pgxpool.Pool
	// HTTP sends the requests; nil means webhooks.NewHTTPClient with
	// AllowPrivate.
	HTTP *http.Client
	// AllowPrivate lets deliveries reach receivers on loopback and private
	// addresses (TAMAS_WEBHOOK_ALLOW_PRIVATE); it is unused when HTTP is set.
	AllowPrivate bool
	// Now stamps the requests and the attempts; nil means time.Now.
	Now func() time.Time
}

// NewSender returns the Sender for o.
func NewSender(o SenderOpts) *Sender {
	s := &Sender{pool: o.Pool, http: o.HTTP, now: o.Now}
	if s.http == nil {
		s.http = webhooks.NewHTTPClient(webhooks.HTTPClientOpts{AllowPrivate: o.AllowPrivate})
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// DroppedError is a delivery that is not to be tried again: its endpoint
// is gone or disabled, or it cannot be made into a request.
type DroppedError struct{ Err error }

func (e *DroppedError) Error() string { return e.Err.Error() }
func (e *DroppedError) Unwrap() error { return e.Err }

// Send sends delivery id and records the attempt on its row. A 2xx answer
// delivers it; anything else is recorded and returned as an error, for
// River to retry with its backoff. A delivered row is not sent again, and
// an endpoint disabled or deleted meanwhile drops the delivery rather than
// send it (a *DroppedError).
func (s *Sender) Send(ctx context.Context, id int64) error {
	q := store.New()
	d, err := q.WebhookDeliveryGetForSend(ctx, s.pool, id)
	if errors.Is(err, store.ErrNotFound) {
		return &DroppedError{fmt.Errorf("delivery %d is gone with its endpoint", id)}
	}
	if err != nil {
		return fmt.Errorf("reading delivery %d: %w", id, err)
	}
	if d.DeliveredAt != nil {
		return nil
	}
	if !d.Active {
		return &DroppedError{fmt.Errorf("delivery %d: the endpoint is disabled", id)}
	}
	now := s.now()
	req, err := webhooks.Delivery{ID: d.ID, URL: d.Url, Secret: d.Secret, EventType: d.EventType, Payload: d.Payload}.Request(ctx, now)
	if err != nil {
		return &DroppedError{err}
	}
	var status *int32
	code := 0
	resp, err := s.http.Do(req)
	if err == nil {
		code = resp.StatusCode
		c := int32(code)
		status = &c
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16)) // lets the connection be reused
		resp.Body.Close()
	}
	// Only a short reason is kept, never the answer's body or the error's
	// text: both would show the admin what a receiver's host chose to say.
	failure := webhooks.Failure(code, err)
	p := store.WebhookDeliveryRecordAttemptParams{ID: id, Status: status, Error: failure, At: &now}
	if failure == "" {
		p.DeliveredAt = &now
	}
	// The request's context may be done; the outcome must still be kept.
	if err := q.WebhookDeliveryRecordAttempt(context.WithoutCancel(ctx), s.pool, p); err != nil {
		return fmt.Errorf("recording delivery %d: %w", id, err)
	}
	if failure != "" {
		return fmt.Errorf("delivery %d to %s: %s", id, d.Url, failure)
	}
	return nil
}
