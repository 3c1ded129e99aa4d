package outbox_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
)

// receiver is another system's endpoint: it checks every request with
// webhooks.Verify and answers from a list of status codes.
type receiver struct {
	mu      sync.Mutex
	answers []int
	got     []received
	srv     *httptest.Server
}

type received struct {
	delivery, event string
	body            []byte
	verified        error
}

func newReceiver(t *testing.T, clock func() time.Time, answers ...int) *receiver {
	rc := &receiver{answers: answers}
	rc.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			t.Error(err)
		}
		verified := webhooks.Verify(secret, r.Header.Get(webhooks.HeaderTimestamp), r.Header.Get(webhooks.HeaderSignature), body, clock(), 5*time.Minute)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		rc.got = append(rc.got, received{r.Header.Get(webhooks.HeaderDelivery), r.Header.Get(webhooks.HeaderEvent), body, verified})
		status := http.StatusOK
		if len(rc.answers) > 0 {
			status, rc.answers = rc.answers[0], rc.answers[1:]
		}
		if verified != nil {
			status = http.StatusUnauthorized
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, "receiver says "+http.StatusText(status))
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

type deliveryRow struct {
	Attempts    int
	Status      *int32
	Error       string
	DeliveredAt *time.Time
}

func (f *fixture) delivery(t *testing.T, id int64) deliveryRow {
	t.Helper()
	var d deliveryRow
	if err := f.Pool.QueryRow(context.Background(),
		`SELECT attempts, last_status, last_error, delivered_at FROM webhook_deliveries WHERE id = $1`, id,
	).Scan(&d.Attempts, &d.Status, &d.Error, &d.DeliveredAt); err != nil {
		t.Fatal(err)
	}
	return d
}

// sendTest stores a webhook.test delivery for endpoint and returns its id.
func (f *fixture) sendTest(t *testing.T, endpoint int64) int64 {
	t.Helper()
	ctx := context.Background()
	if err := store.InTx(ctx, f.Pool, func(tx pgx.Tx) error {
		return outbox.SendTest(ctx, tx, f.River, endpoint, "boss", now)
	}); err != nil {
		t.Fatal(err)
	}
	ds := f.deliveries(t)
	return ds[len(ds)-1].ID
}

func TestDeliveryIsRetriedUntilTheReceiverAccepts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	clock := now
	tick := func() time.Time { return clock }
	rc := newReceiver(t, tick, http.StatusInternalServerError, http.StatusOK)
	id := f.sendTest(t, f.endpoint(t, rc.srv.URL+"/hooks", true, webhooks.IssueCreated))
	w := f.worker(t, tick)

	tx, err := f.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	// The worker's error comes back as Work's, for River to retry.
	first, err := w.Work(ctx, t, tx, outbox.DeliveryArgs{DeliveryID: id}, nil)
	if err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("first attempt's error: %v, want the 500", err)
	}
	if first == nil {
		t.Fatal("no result")
	}
	if first.EventKind != river.EventKindJobFailed || first.Job.Attempt != 1 || len(first.Job.Errors) != 1 {
		t.Fatalf("first attempt: %s, job %+v; want failed, to be retried", first.EventKind, first.Job)
	}
	d := f.delivery(t, id)
	// The status only: the receiver's body is not the admin's to read.
	if d.Attempts != 1 || d.Status == nil || *d.Status != 500 || d.Error != "HTTP 500" || d.DeliveredAt != nil {
		t.Errorf("after the 500: %+v; want the error HTTP 500", d)
	}

	// River's backoff has passed; the retry is signed with its own time.
	clock = now.Add(20 * time.Second)
	second, err := w.WorkJob(ctx, t, tx, first.Job)
	if err != nil {
		t.Fatal(err)
	}
	if second.EventKind != river.EventKindJobCompleted {
		t.Fatalf("retry: %s, want completed", second.EventKind)
	}
	d = f.delivery(t, id)
	if d.Attempts != 2 || d.Status == nil || *d.Status != 200 || d.Error != "" || d.DeliveredAt == nil || !d.DeliveredAt.Equal(clock) {
		t.Errorf("after the 200: %+v", d)
	}
	if n := f.Count(t, `SELECT count(*) FROM webhook_deliveries WHERE delivered_at IS NOT NULL`); n != 1 {
		t.Errorf("%d delivered rows, want 1", n)
	}

	// Run once more (a job rescued after a crash): nothing is sent again.
	if third, err := w.Work(ctx, t, tx, outbox.DeliveryArgs{DeliveryID: id}, nil); err != nil || third.EventKind != river.EventKindJobCompleted {
		t.Errorf("third run: %v, %v", third, err)
	}

	rc.mu.Lock()
	defer rc.mu.Unlock()
	if len(rc.got) != 2 {
		t.Fatalf("receiver got %d requests, want 2", len(rc.got))
	}
	stored := f.deliveries(t)[0].Raw
	for i, g := range rc.got {
		if g.verified != nil {
			t.Errorf("request %d: Verify: %v", i, g.verified)
		}
		if g.delivery != strconv.FormatInt(id, 10) || g.event != webhooks.Test || string(g.body) != string(stored) {
			t.Errorf("request %d: delivery %s, event %s, body %s; want %d, %s, the stored payload", i, g.delivery, g.event, g.body, id, webhooks.Test)
		}
	}
}

func TestRedirectIsAFailure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	elsewhere := newReceiver(t, time.Now)
	moved := httptest.NewServer(http.RedirectHandler(elsewhere.srv.URL, http.StatusFound))
	t.Cleanup(moved.Close)
	id := f.sendTest(t, f.endpoint(t, moved.URL, true, webhooks.IssueCreated))
	tx, err := f.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	res, err := f.worker(t, func() time.Time { return now }).Work(ctx, t, tx, outbox.DeliveryArgs{DeliveryID: id}, nil)
	if err == nil || res == nil || res.EventKind != river.EventKindJobFailed {
		t.Fatalf("Work = %v, %v; want failed", res, err)
	}
	if d := f.delivery(t, id); d.Status == nil || *d.Status != http.StatusFound || d.DeliveredAt != nil {
		t.Errorf("after a redirect: %+v", d)
	}
	if len(elsewhere.got) != 0 {
		t.Error("the redirect was followed")
	}
}

func TestDisabledOrDeletedEndpointDropsItsDeliveries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	rc := newReceiver(t, time.Now)
	disabled := f.endpoint(t, rc.srv.URL, true, webhooks.IssueCreated)
	deleted := f.endpoint(t, rc.srv.URL, true, webhooks.IssueCreated)
	toDisabled, toDeleted := f.sendTest(t, disabled), f.sendTest(t, deleted)
	q := store.New()
	if err := q.WebhookEndpointUpdate(ctx, f.Pool, store.WebhookEndpointUpdateParams{ID: disabled, Events: []string{webhooks.IssueCreated}, Actor: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := q.WebhookEndpointDelete(ctx, f.Pool, deleted); err != nil {
		t.Fatal(err)
	}
	tx, err := f.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	w := f.worker(t, func() time.Time { return now })
	for _, id := range []int64{toDisabled, toDeleted} {
		res, err := w.Work(ctx, t, tx, outbox.DeliveryArgs{DeliveryID: id}, nil)
		if err != nil || res.EventKind != river.EventKindJobCancelled {
			t.Errorf("delivery %d: %v, %v; want cancelled", id, res, err)
		}
	}
	if len(rc.got) != 0 {
		t.Errorf("%d requests sent to disabled or deleted endpoints", len(rc.got))
	}
	if d := f.delivery(t, toDisabled); d.Attempts != 0 {
		t.Errorf("dropped delivery recorded an attempt: %+v", d)
	}
}

func TestDeliveryToAPrivateAddressIsRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	rc := newReceiver(t, time.Now)
	_, port, err := net.SplitHostPort(rc.srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	// By address, and by a name that resolves to it.
	for _, url := range []string{rc.srv.URL, "http://localhost:" + port + "/in"} {
		id := f.sendTest(t, f.endpoint(t, url, true, webhooks.IssueCreated))
		tx, err := f.Pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := f.workerWith(t, outbox.SenderOpts{Pool: f.Pool}).Work(ctx, t, tx, outbox.DeliveryArgs{DeliveryID: id}, nil)
		_ = tx.Rollback(ctx)
		if err == nil || res == nil || res.EventKind != river.EventKindJobFailed {
			t.Fatalf("%s: Work = %v, %v; want failed", url, res, err)
		}
		if d := f.delivery(t, id); d.Status != nil || d.Error != "refused: private address" || d.DeliveredAt != nil {
			t.Errorf("%s: %+v; want no status and the error refused: private address", url, d)
		}
	}
	if len(rc.got) != 0 {
		t.Errorf("the receiver on loopback got %d requests", len(rc.got))
	}
}
