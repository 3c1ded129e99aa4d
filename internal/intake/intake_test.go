package intake_test

import (
	"context"
	"errors"
	"fmt"
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
	// The sales share a phone; this counts one follow-up per sale.
	apptest.AskAlways(t, f.Pool)
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

// customerRow is the one customer of a test, as stored.
type customerRow struct {
	Name, Timezone, Locale string
	Owner                  *int64
}

func (c customerRow) String() string {
	owner := "nobody"
	if c.Owner != nil {
		owner = fmt.Sprint(*c.Owner)
	}
	return fmt.Sprintf("%s %s %s, owned by %s", c.Name, c.Timezone, c.Locale, owner)
}

func onlyCustomer(t *testing.T, f *apptest.App) customerRow {
	t.Helper()
	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM customers"); n != 1 {
		t.Fatalf("customers = %d, want 1 (one per phone)", n)
	}
	var c customerRow
	if err := f.Pool.QueryRow(context.Background(), "SELECT name, timezone, locale, source_id FROM customers").
		Scan(&c.Name, &c.Timezone, &c.Locale, &c.Owner); err != nil {
		t.Fatal(err)
	}
	return c
}

// A shop's sale to a phone another shop already sold to shares the
// customer (one customer, one follow-up per sale) but changes nothing of
// it: the call is in the first shop's customer's zone and language, and
// each shop reads back only what it sent itself (#13).
func TestIngestNeverChangesAnotherSourcesCustomer(t *testing.T) {
	t.Parallel()
	f := setup(t)
	// The sales share a phone; this counts one follow-up per sale.
	apptest.AskAlways(t, f.Pool)
	ctx := context.Background()
	other := apptest.Source(t, f.Pool, "other-shop")
	a, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{sale("A-1")})
	if err != nil {
		t.Fatal(err)
	}
	fromB := sale("B-1")
	fromB.Customer = sales.CustomerInput{Name: "Maryam R.", Phone: "+98 912 123 4567", Timezone: "Europe/London", Locale: "en"}
	omitted := sale("B-0")
	omitted.Customer = sales.CustomerInput{Name: "M. Rezaei", Phone: "09121234567"}
	// Sales are stored in external-id order, so B-1 would win in the batch.
	b, err := f.Intake.Ingest(ctx, other, []sales.Input{omitted, fromB})
	if err != nil {
		t.Fatal(err)
	}
	if b[0].Status != intake.StatusCreated || b[1].Status != intake.StatusCreated {
		t.Fatalf("B's sales: %+v", b)
	}

	c := onlyCustomer(t, f)
	if c.Name != "مریم رضایی" || c.Timezone != "Asia/Tehran" || c.Locale != "fa" || c.Owner == nil || *c.Owner != f.Shop {
		t.Errorf("customer after B's sales = %+v, want A's name, zone and language, owned by A (%d)", c, f.Shop)
	}
	// Same sale time, so the same due time: in Tehran, not London.
	if !b[1].FollowUp.DueAt.Equal(a[0].FollowUp.DueAt) {
		t.Errorf("B's follow-up due %v, want %v like A's (the customer's zone)", b[1].FollowUp.DueAt, a[0].FollowUp.DueAt)
	}
	if n := f.Count(t, "SELECT count(*) FROM follow_ups WHERE timezone = 'Asia/Tehran' AND locale = 'fa'"); n != 3 {
		t.Errorf("follow-ups in the customer's zone and language = %d, want 3 (one per sale)", n)
	}

	wantA := intake.CustomerView{Name: "مریم رضایی", Phone: "+989121234567", Timezone: "Asia/Tehran", Locale: "fa"}
	wantB := intake.CustomerView{Name: "Maryam R.", Phone: "+989121234567", Timezone: "Europe/London", Locale: "en"}
	// Left out, zone and language are the defaults a new customer gets,
	// not A's.
	wantOmitted := intake.CustomerView{Name: "M. Rezaei", Phone: "+989121234567", Timezone: "Asia/Tehran", Locale: "fa"}
	if *a[0].Customer != wantA || *b[0].Customer != wantOmitted || *b[1].Customer != wantB {
		t.Errorf("outcomes' customers = %+v, %+v, %+v; want %+v, %+v, %+v", *a[0].Customer, *b[0].Customer, *b[1].Customer, wantA, wantOmitted, wantB)
	}
	for _, r := range []struct {
		source int64
		id     string
		want   intake.CustomerView
	}{{f.Shop, "A-1", wantA}, {other, "B-1", wantB}, {other, "B-0", wantOmitted}} {
		v, err := f.Intake.Sale(ctx, r.source, r.id)
		if err != nil {
			t.Fatal(err)
		}
		if v.Customer != r.want {
			t.Errorf("sale %s reads customer %+v, want %+v", r.id, v.Customer, r.want)
		}
	}
	again, err := f.Intake.Ingest(ctx, other, []sales.Input{fromB})
	if err != nil {
		t.Fatal(err)
	}
	if again[0].Status != intake.StatusExisting || *again[0].Customer != wantB {
		t.Errorf("B's sale sent again: %s with customer %+v, want existing with %+v", again[0].Status, again[0].Customer, wantB)
	}
	// A sale of B's alone, in London, leaves nothing to win a batch over:
	// its call is still at Tehran's hour.
	london := sale("B-2")
	london.Customer = fromB.Customer
	alone, err := f.Intake.Ingest(ctx, other, []sales.Input{london})
	if err != nil {
		t.Fatal(err)
	}
	if c := onlyCustomer(t, f); c.Timezone != "Asia/Tehran" || c.Locale != "fa" {
		t.Errorf("customer after B's London sale alone = %+v, want A's zone and language", c)
	}
	if !alone[0].FollowUp.DueAt.Equal(a[0].FollowUp.DueAt) {
		t.Errorf("B's London sale is due %v, want %v like A's (the customer's zone)", alone[0].FollowUp.DueAt, a[0].FollowUp.DueAt)
	}
}

// The owner's own later sales still change the customer, and the change
// moves the calls of every shop's sales; the other shop still reads what
// it sent.
func TestIngestOwnerStillChangesItsCustomer(t *testing.T) {
	t.Parallel()
	f := setup(t)
	// The sales share a phone; this counts one follow-up per sale.
	apptest.AskAlways(t, f.Pool)
	ctx := context.Background()
	other := apptest.Source(t, f.Pool, "other-shop")
	if _, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{sale("A-1")}); err != nil {
		t.Fatal(err)
	}
	fromB := sale("B-1")
	fromB.Customer.Name = "Maryam R."
	if _, err := f.Intake.Ingest(ctx, other, []sales.Input{fromB}); err != nil {
		t.Fatal(err)
	}
	renamed := sale("A-2")
	renamed.Customer = sales.CustomerInput{Name: "Maryam Rezaei", Phone: "09121234567", Timezone: "Europe/London", Locale: "en"}
	if _, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{renamed}); err != nil {
		t.Fatal(err)
	}
	c := onlyCustomer(t, f)
	if c.Name != "Maryam Rezaei" || c.Timezone != "Europe/London" || c.Locale != "en" {
		t.Errorf("customer after A's second sale = %+v, want A's new name, zone and language", c)
	}
	if n := f.Count(t, "SELECT count(*) FROM follow_ups WHERE timezone = 'Europe/London'"); n != 3 {
		t.Errorf("follow-ups moved to the new zone = %d, want 3", n)
	}
	v, err := f.Intake.Sale(ctx, other, "B-1")
	if err != nil {
		t.Fatal(err)
	}
	if v.Customer.Name != "Maryam R." || v.Customer.Timezone != "Asia/Tehran" {
		t.Errorf("B reads %+v, want what B sent", v.Customer)
	}
}

// A customer no shop's sale created (demo or hand-made data) is claimed by
// the first shop that sells to it; the next shop changes nothing.
func TestIngestClaimsACustomerNobodyOwns(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	if _, err := f.Pool.Exec(ctx, `INSERT INTO customers (phone, name, timezone, locale) VALUES ('+989121234567', 'Old', 'UTC', 'en')`); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{sale("A-1")}); err != nil {
		t.Fatal(err)
	}
	fromB := sale("B-1")
	fromB.Customer.Name = "Maryam R."
	if _, err := f.Intake.Ingest(ctx, apptest.Source(t, f.Pool, "other-shop"), []sales.Input{fromB}); err != nil {
		t.Fatal(err)
	}
	c := onlyCustomer(t, f)
	if c.Name != "مریم رضایی" || c.Timezone != "Asia/Tehran" || c.Owner == nil || *c.Owner != f.Shop {
		t.Errorf("customer = %+v, want A's values, owned by A (%d)", c, f.Shop)
	}
}
