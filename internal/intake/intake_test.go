package intake_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// now is the pinned clock, a Tuesday noon in Tehran.
var now = apptest.Now

func setup(t *testing.T) *apptest.App {
	t.Helper()
	return apptest.Open(t, apptest.Opts{At: now})
}

func sale(id string) sales.Input {
	return sales.Input{
		ExternalID: id,
		Customer:   sales.CustomerInput{Name: "مریم رضایی", Phone: "۰۹۱۲۱۲۳۴۵۶۷", Timezone: "Asia/Tehran", Locale: "fa"},
		Product:    sales.ProductInput{SKU: "GL-1", Name: "عینک", Category: "Glasses"},
		Branch:     "Tajrish",
		SoldAt:     "2026-11-22T10:00:00+03:30",
	}
}

func TestIngestCreatesSaleFollowUpAndJob(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	out, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{sale("A-1")})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Status != intake.StatusCreated || out[0].FollowUp == nil {
		t.Fatalf("outcome = %+v, want created with a follow-up", out[0])
	}
	// Sunday 2026-11-22 10:00 Tehran + 7 days is a Sunday; the default
	// calendar works Monday–Friday, so it moves to Monday 10:00 Tehran.
	want := time.Date(2026, 11, 30, 6, 30, 0, 0, time.UTC)
	if !out[0].FollowUp.DueAt.Equal(want) {
		t.Errorf("due_at = %v, want %v", out[0].FollowUp.DueAt, want)
	}
	if out[0].FollowUp.State != "scheduled" {
		t.Errorf("state = %q, want scheduled", out[0].FollowUp.State)
	}
	var phone string
	if err := f.Pool.QueryRow(ctx, "SELECT phone FROM customers").Scan(&phone); err != nil {
		t.Fatal(err)
	}
	if phone != "+989121234567" {
		t.Errorf("phone = %q, want +989121234567", phone)
	}
	job := rivertest.RequireInserted[*riverpgxv5.Driver](ctx, t, riverpgxv5.New(f.Pool), &due.MinuteArgs{}, nil)
	if !job.Args.Minute.Equal(want) || !job.ScheduledAt.Equal(want) {
		t.Errorf("job minute %v scheduled %v, want %v", job.Args.Minute, job.ScheduledAt, want)
	}
}

func TestIngestIsIdempotentAndDetectsConflicts(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	first, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{sale("A-1")})
	if err != nil {
		t.Fatal(err)
	}
	changed := sale("A-1")
	changed.Product.SKU = "GL-2"
	again, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{sale("A-1"), changed, sale("A-2"), sale("A-2")})
	if err != nil {
		t.Fatal(err)
	}
	want := []intake.Status{intake.StatusExisting, intake.StatusConflict, intake.StatusCreated, intake.StatusExisting}
	for i, w := range want {
		if again[i].Status != w {
			t.Errorf("item %d: status %q, want %q", i, again[i].Status, w)
		}
	}
	if again[0].FollowUp.ID != first[0].FollowUp.ID {
		t.Errorf("existing sale reports follow-up %d, want %d", again[0].FollowUp.ID, first[0].FollowUp.ID)
	}
	if again[3].FollowUp.ID != again[2].FollowUp.ID {
		t.Errorf("repeat in batch reports follow-up %d, want %d", again[3].FollowUp.ID, again[2].FollowUp.ID)
	}
	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM sales"); n != 2 {
		t.Errorf("sales = %d, want 2", n)
	}
	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM follow_ups"); n != 2 {
		t.Errorf("follow-ups = %d, want 2", n)
	}
	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM customers"); n != 1 {
		t.Errorf("customers = %d, want 1 (same phone)", n)
	}
	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM river_job WHERE kind = 'followup_due'"); n != 1 {
		t.Errorf("due jobs = %d, want 1 (same minute)", n)
	}
}

func TestIngestKeepsGoodRowsBesideBadOnes(t *testing.T) {
	t.Parallel()
	f := setup(t)
	bad := sale("B-1")
	bad.Customer.Phone = "12"
	bad.SoldAt = "yesterday"
	out, err := f.Intake.Ingest(context.Background(), f.Shop, []sales.Input{bad, sale("B-2")})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Status != intake.StatusInvalid || len(out[0].Errors) != 2 {
		t.Fatalf("bad item: %+v, want invalid with 2 errors", out[0])
	}
	fields := map[string]bool{}
	for _, e := range out[0].Errors {
		fields[e.Field] = true
	}
	if !fields["customer.phone"] || !fields["sold_at"] {
		t.Errorf("errors name %v, want customer.phone and sold_at", fields)
	}
	if out[1].Status != intake.StatusCreated {
		t.Errorf("good item: %q, want created", out[1].Status)
	}
}

// A failure after the sales are written leaves neither sale, follow-up,
// customer nor job behind.
func TestIngestIsOneTransaction(t *testing.T) {
	t.Parallel()
	f := setup(t)
	boom := errors.New("disk on fire")
	f.Intake.SetFailAfterSales(func() error { return boom })
	_, err := f.Intake.Ingest(context.Background(), f.Shop, []sales.Input{sale("C-1"), sale("C-2")})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want the injected failure", err)
	}
	for _, table := range []string{"sales", "customers", "follow_ups", "river_job"} {
		if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM "+table); n != 0 {
			t.Errorf("%s has %d rows after a failed ingest, want 0", table, n)
		}
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	if _, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{sale("D-1")}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		fu, err := f.Intake.Cancel(ctx, f.Shop, "D-1")
		if err != nil {
			t.Fatal(err)
		}
		if fu.State != "cancelled" {
			t.Errorf("state = %q, want cancelled", fu.State)
		}
	}
	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM follow_up_events WHERE to_state = 'cancelled'"); n != 1 {
		t.Errorf("cancel events = %d, want 1 (second cancel changes nothing)", n)
	}
	if _, err := f.Intake.Cancel(ctx, f.Shop, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("cancel unknown: err = %v, want ErrNotFound", err)
	}
	other, err := store.New().SourceEnsure(ctx, f.Pool, "other-shop")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Intake.Cancel(ctx, other.ID, "D-1"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("cancel another shop's sale: err = %v, want ErrNotFound", err)
	}
}
