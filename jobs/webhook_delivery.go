package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
)

// WebhookDeliveryWorker sends one stored delivery (outbox.DeliveryArgs) and
// records the attempt on its row. A 2xx answer delivers it; anything else
// is recorded and returned as an error, so River retries with its backoff.
// A delivered row is not sent again, and an endpoint disabled or deleted
// meanwhile drops the delivery rather than send it.
type WebhookDeliveryWorker struct {
	river.WorkerDefaults[outbox.DeliveryArgs]
	Pool *pgxpool.Pool
	// HTTP sends the requests; nil means webhooks.NewHTTPClient().
	HTTP *http.Client
	Now  func() time.Time
}

// maxErrorLen bounds what an endpoint's answer can put in our database.
const maxErrorLen = 500

func (w *WebhookDeliveryWorker) Work(ctx context.Context, job *river.Job[outbox.DeliveryArgs]) error {
	q := store.New()
	id := job.Args.DeliveryID
	d, err := q.WebhookDeliveryGetForSend(ctx, w.Pool, id)
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(fmt.Errorf("delivery %d is gone with its endpoint", id))
	}
	if err != nil {
		return fmt.Errorf("reading delivery %d: %w", id, err)
	}
	if d.DeliveredAt != nil {
		return nil
	}
	if !d.Active {
		return river.JobCancel(fmt.Errorf("delivery %d: the endpoint is disabled", id))
	}
	now := nowFunc(w.Now)()
	req, err := webhooks.Delivery{ID: d.ID, URL: d.Url, Secret: d.Secret, EventType: d.EventType, Payload: d.Payload}.Request(ctx, now)
	if err != nil {
		return river.JobCancel(err)
	}
	client := w.HTTP
	if client == nil {
		client = webhooks.NewHTTPClient()
	}
	var status *int32
	var failure string
	resp, err := client.Do(req)
	if err != nil {
		failure = err.Error()
	} else {
		code := int32(resp.StatusCode)
		status = &code
		if code < 200 || code > 299 {
			snippet, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorLen))
			failure = strings.TrimSpace(resp.Status + " " + string(snippet))
		}
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16)) // lets the connection be reused
		resp.Body.Close()
	}
	p := store.WebhookDeliveryRecordAttemptParams{ID: id, Status: status, Error: truncate(failure, maxErrorLen), At: &now}
	if failure == "" {
		p.DeliveredAt = &now
	}
	// The request's context may be done; the outcome must still be kept.
	if err := q.WebhookDeliveryRecordAttempt(context.WithoutCancel(ctx), w.Pool, p); err != nil {
		return fmt.Errorf("recording delivery %d: %w", id, err)
	}
	if failure != "" {
		return fmt.Errorf("delivery %d to %s: %s", id, d.Url, p.Error)
	}
	return nil
}

// truncate cuts s to at most n bytes of valid UTF-8.
func truncate(s string, n int) string {
	s = strings.ToValidUTF8(s, "�")
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s + "…"
}
