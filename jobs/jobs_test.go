package jobs_test

import (
	"context"
	"net/netip"
	"strconv"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/metrics/metricstest"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/internal/users"
	"github.com/tamas-app/tamas/jobs"
)

func TestMain(m *testing.M) { testdb.Main(m) }

type fixture struct {
	*apptest.App
	ids map[string]int64 // external id → follow-up id
}

// setup stores sales sold on a fixed day, with the default rule (7 days,
// Monday–Friday 10:00–19:00), so their follow-ups fall due on 2026-11-30.
func setup(t *testing.T, externalIDs ...string) fixture {
	t.Helper()
	f := fixture{App: apptest.Open(t, apptest.Opts{At: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)}), ids: map[string]int64{}}
	var inputs []sales.Input
	for i, id := range externalIDs {
		inputs = append(inputs, sales.Input{
			ExternalID: id,
			Customer:   sales.CustomerInput{Name: "مشتری " + id, Phone: "0912123450" + string(rune('0'+i))},
			Product:    sales.ProductInput{SKU: "SKU-1"},
			SoldAt:     "2026-11-23T10:00:00+03:30",
		})
	}
	for i, id := range f.Sell(t, inputs...) {
		f.ids[externalIDs[i]] = id
	}
	return f
}

func (f fixture) exec(t *testing.T, sql string, args ...any) {
	t.Helper()
	if _, err := f.Pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

func (f fixture) state(t *testing.T, externalID string) string {
	t.Helper()
	var s string
	if err := f.Pool.QueryRow(context.Background(), "SELECT state FROM follow_ups WHERE id = $1", f.ids[externalID]).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func (f fixture) events(t *testing.T) int {
	t.Helper()
	return f.Count(t, "SELECT count(*) FROM follow_up_events")
}

var dueDay = time.Date(2026, 11, 30, 6, 30, 0, 0, time.UTC) // Monday 10:00 Tehran

func TestFollowUpDueWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t, "plain", "returned", "opted-out")
	f.exec(t, "UPDATE sales SET cancelled_at = now() WHERE external_id = 'returned'")
	f.exec(t, "UPDATE customers SET opted_out_at = now() WHERE id = (SELECT customer_id FROM follow_ups WHERE id = $1)", f.ids["opted-out"])

	driver := riverpgxv5.New(f.Pool)
	work := func(now time.Time) {
		t.Helper()
		w := rivertest.NewWorker(t, driver, &river.Config{}, &jobs.FollowUpDueWorker{Due: f.Due, Now: func() time.Time { return now }})
		tx, err := f.Pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		res, err := w.Work(ctx, t, tx, due.MinuteArgs{Minute: dueDay}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("job ended %s, want completed", res.EventKind)
		}
	}

	work(dueDay.Add(-time.Minute))
	for id := range f.ids {
		if s := f.state(t, id); s != "scheduled" {
			t.Errorf("a minute early: %s is %s, want scheduled", id, s)
		}
	}
	work(dueDay)
	want := map[string]string{"plain": "due", "returned": "cancelled", "opted-out": "opted_out"}
	for id, w := range want {
		if s := f.state(t, id); s != w {
			t.Errorf("%s is %s, want %s", id, s, w)
		}
	}
	if n := f.events(t); n != 3 {
		t.Errorf("events = %d, want 3", n)
	}
	work(dueDay.Add(time.Hour))
	if n := f.events(t); n != 3 {
		t.Errorf("events after a second run = %d, want still 3: the job must be idempotent", n)
	}
}

func TestClaimReleaseWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t, "expired", "held")
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	f.exec(t, "UPDATE follow_ups SET state = 'claimed', claimed_by = 1, claim_expires_at = $1 WHERE id = $2", now.Add(-time.Second), f.ids["expired"])
	f.exec(t, "UPDATE follow_ups SET state = 'claimed', claimed_by = 2, claim_expires_at = $1 WHERE id = $2", now.Add(time.Minute), f.ids["held"])

	w := rivertest.NewWorker(t, riverpgxv5.New(f.Pool), &river.Config{}, &jobs.ClaimReleaseWorker{Due: f.Due, Now: func() time.Time { return now }})
	tx, err := f.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := w.Work(ctx, t, tx, jobs.ClaimReleaseArgs{}, nil); err != nil {
		t.Fatal(err)
	}
	if s := f.state(t, "expired"); s != "due" {
		t.Errorf("expired claim: %s, want due", s)
	}
	if s := f.state(t, "held"); s != "claimed" {
		t.Errorf("live claim: %s, want claimed", s)
	}
}

// The due-minute job records how late each follow-up it makes due is;
// the ones it cancels are not due and are not counted.
func TestFollowUpDueWorkerRecordsDueLag(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t, "late", "returned")
	f.exec(t, "UPDATE sales SET cancelled_at = now() WHERE external_id = 'returned'")
	m := metrics.New(metrics.Opts{})
	at := dueDay.Add(90 * time.Second)
	w := rivertest.NewWorker(t, riverpgxv5.New(f.Pool), &river.Config{}, &jobs.FollowUpDueWorker{Due: due.New(due.Opts{Pool: f.Pool, Metrics: m}), Now: func() time.Time { return at }})
	tx, err := f.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := w.Work(ctx, t, tx, due.MinuteArgs{Minute: dueDay}, nil); err != nil {
		t.Fatal(err)
	}
	got := metricstest.Scrape(t, m.Handler())
	if n, _ := got.Value("tamas_due_lag_seconds"); n != 1 {
		t.Errorf("due lag observations = %v, want 1 (the cancelled follow-up is not due)", n)
	}
	if s := got.Sum("tamas_due_lag_seconds"); s != 90 {
		t.Errorf("due lag = %vs, want 90s", s)
	}
}

// Sign-in failure counts end an hour after they began; the periodic job
// deletes the ended ones, so every unknown name ever tried does not keep
// a row, and keeps the ones still slowing someone down.
func TestLoginForgetWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := apptest.Open(t, apptest.Opts{})
	start := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	now := start
	svc := users.New(users.Opts{Pool: f.Pool, Now: func() time.Time { return now }})
	fail := func(username, addr string) {
		t.Helper()
		if _, err := svc.BeginLogin(ctx, username, netip.MustParseAddr(addr)); err != nil {
			t.Fatal(err)
		}
	}
	for i := range 3 {
		fail("unknown"+strconv.Itoa(i), "203.0.113.1")
	}
	now = start.Add(auth.Window - time.Minute)
	fail("recent", "203.0.113.2")

	now = start.Add(auth.Window + time.Second)
	w := rivertest.NewWorker(t, riverpgxv5.New(f.Pool), &river.Config{}, &jobs.LoginForgetWorker{Users: svc})
	tx, err := f.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := w.Work(ctx, t, tx, jobs.LoginForgetArgs{}, nil); err != nil {
		t.Fatal(err)
	}
	if n := f.Count(t, `SELECT count(*) FROM login_failures WHERE username LIKE 'unknown%'`); n != 0 {
		t.Errorf("%d ended counts of unknown names left", n)
	}
	if n := f.Count(t, `SELECT count(*) FROM login_client_failures WHERE client = '203.0.113.1'`); n != 0 {
		t.Error("the ended count of 203.0.113.1 is left")
	}
	if n := f.Count(t, `SELECT count(*) FROM login_failures WHERE username = 'recent'`) +
		f.Count(t, `SELECT count(*) FROM login_client_failures WHERE client = '203.0.113.2'`); n != 2 {
		t.Errorf("%d of the 2 counts still running are left", n)
	}
}
