package intake_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
)

const phone = "+989121234567"

func soldDaysAgo(id string, days int) sales.Input {
	return apptest.Sale(id, phone, now.Add(-time.Duration(days)*24*time.Hour))
}

func TestThreeSalesInTenDaysMakeOneFollowUp(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	var got []intake.Outcome
	for i, days := range []int{9, 5, 0} {
		out, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{soldDaysAgo(fmt.Sprintf("S-%d", i), days)})
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, out[0])
	}
	if n := f.Count(t, "SELECT count(*) FROM follow_ups"); n != 1 {
		t.Fatalf("%d follow-ups, want 1", n)
	}
	first := got[0].FollowUp
	if got[0].Status != intake.StatusCreated || first.Outcome != intake.FollowUpCreated {
		t.Fatalf("first sale: %+v %+v, want created with its own follow-up", got[0], first)
	}
	for i, o := range got[1:] {
		if o.Status != intake.StatusCreated || o.FollowUp.ID != first.ID || o.FollowUp.Outcome != intake.FollowUpLinkedRecent {
			t.Errorf("sale %d: %+v %+v, want created and linked to follow-up %d", i+1, o, o.FollowUp, first.ID)
		}
	}
	if n := f.Count(t, "SELECT count(*) FROM sales WHERE covered_by = $1", first.ID); n != 2 {
		t.Errorf("%d sales linked to the follow-up, want 2", n)
	}
	// Reading a linked sale back, or sending it again, names the follow-up
	// it is linked to.
	v, err := f.Intake.Sale(ctx, f.Shop, "S-2")
	if err != nil {
		t.Fatal(err)
	}
	if v.FollowUp.ID != first.ID || v.FollowUp.Outcome != intake.FollowUpLinkedRecent {
		t.Errorf("sale S-2 reads follow-up %+v, want %d linked_recent", v.FollowUp, first.ID)
	}
	again, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{soldDaysAgo("S-1", 5)})
	if err != nil {
		t.Fatal(err)
	}
	if again[0].Status != intake.StatusExisting || again[0].FollowUp.ID != first.ID || again[0].FollowUp.Outcome != intake.FollowUpLinkedRecent {
		t.Errorf("S-1 sent again: %+v %+v, want existing, linked to %d", again[0], again[0].FollowUp, first.ID)
	}
}

func TestOneBatchOfACustomersSalesMakesOneFollowUpForTheEarliest(t *testing.T) {
	t.Parallel()
	f := setup(t)
	out, err := f.Intake.Ingest(context.Background(), f.Shop, []sales.Input{
		soldDaysAgo("late", 1), soldDaysAgo("early", 8), soldDaysAgo("middle", 4),
	})
	if err != nil {
		t.Fatal(err)
	}
	if out[1].FollowUp.Outcome != intake.FollowUpCreated {
		t.Fatalf("the earliest sale: %+v, want its own follow-up", out[1].FollowUp)
	}
	for _, i := range []int{0, 2} {
		if out[i].FollowUp.ID != out[1].FollowUp.ID || out[i].FollowUp.Outcome != intake.FollowUpLinkedRecent {
			t.Errorf("sale %d: %+v, want linked to %d", i, out[i].FollowUp, out[1].FollowUp.ID)
		}
	}
	if n := f.Count(t, "SELECT count(*) FROM follow_ups f JOIN sales s ON s.id = f.sale_id WHERE s.external_id = 'early'"); n != 1 {
		t.Errorf("the earliest sale has %d follow-ups, want 1", n)
	}
}

func TestAskedCustomerIsAskedAgainOnlyAfterTheWindow(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.Sell(t, soldDaysAgo("old", 60))[0]
	// Completed 31 days ago at noon Tehran: the window of 30 days ends
	// yesterday.
	if _, err := f.Pool.Exec(ctx, "UPDATE follow_ups SET state = 'completed', updated_at = $2 WHERE id = $1",
		id, now.Add(-31*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	out, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{soldDaysAgo("outside", 0), soldDaysAgo("inside", 2)})
	if err != nil {
		t.Fatal(err)
	}
	if out[1].FollowUp.ID != id || out[1].FollowUp.Outcome != intake.FollowUpLinkedRecent {
		t.Errorf("a sale 29 days after the answer: %+v, want linked to %d", out[1].FollowUp, id)
	}
	if out[0].FollowUp.ID == id || out[0].FollowUp.Outcome != intake.FollowUpCreated {
		t.Errorf("a sale 31 days after the answer: %+v, want a follow-up of its own", out[0].FollowUp)
	}
}

func TestCancelledOrOptedOutFollowUpsDoNotCoverAndRecoveriesAreExempt(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.Sell(t, soldDaysAgo("A", 20))[0]
	if _, err := f.Pool.Exec(ctx, "UPDATE follow_ups SET state = 'opted_out' WHERE id = $1", id); err != nil {
		t.Fatal(err)
	}
	if _, err := store.New().FollowUpInsertRecovery(ctx, f.Pool, store.FollowUpInsertRecoveryParams{
		FromFollowUpID: id, DueAt: now.Add(24 * time.Hour), ScriptName: "default",
	}); err != nil {
		t.Fatal(err)
	}
	out, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{soldDaysAgo("B", 1)})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].FollowUp.Outcome != intake.FollowUpCreated {
		t.Errorf("sale B: %+v, want its own follow-up: an opted-out follow-up and a recovery call do not cover it", out[0].FollowUp)
	}
}

func TestZeroAskOnceDaysAsksAboutEverySale(t *testing.T) {
	t.Parallel()
	f := setup(t)
	apptest.AskAlways(t, f.Pool)
	ids := f.Sell(t, soldDaysAgo("A", 3), soldDaysAgo("B", 2), soldDaysAgo("C", 1))
	if ids[0] == ids[1] || ids[1] == ids[2] || ids[0] == ids[2] {
		t.Errorf("follow-ups %v, want three", ids)
	}
}

func TestCancelledSaleHandsItsFollowUpToTheSalesItCovers(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	ids := f.Sell(t, soldDaysAgo("A", 6), soldDaysAgo("B", 4), soldDaysAgo("C", 2))
	fu := ids[0]
	owner := func() string {
		t.Helper()
		var ext, state string
		if err := f.Pool.QueryRow(ctx, "SELECT s.external_id, f.state FROM follow_ups f JOIN sales s ON s.id = f.sale_id WHERE f.id = $1", fu).Scan(&ext, &state); err != nil {
			t.Fatal(err)
		}
		return ext + " " + state
	}

	got, err := f.Intake.Cancel(ctx, f.Shop, "A")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != fu || got.State != "scheduled" || got.Outcome != intake.FollowUpLinkedRecent {
		t.Errorf("cancelling A answers %+v, want follow-up %d still scheduled, A linked to it", got, fu)
	}
	if o := owner(); o != "B scheduled" {
		t.Errorf("after cancelling A the follow-up belongs to %q, want B scheduled", o)
	}
	if n := f.Count(t, "SELECT count(*) FROM sales WHERE covered_by = $1 AND external_id IN ('A', 'C')", fu); n != 2 {
		t.Errorf("%d of A and C linked to the follow-up, want 2", n)
	}
	if n := f.Count(t, "SELECT count(*) FROM sales WHERE covered_by IS NOT NULL AND external_id = 'B'"); n != 0 {
		t.Error("B is still linked, want it to own the follow-up")
	}

	// Cancelling a linked sale leaves the follow-up alone.
	if _, err := f.Intake.Cancel(ctx, f.Shop, "C"); err != nil {
		t.Fatal(err)
	}
	if o := owner(); o != "B scheduled" {
		t.Errorf("after cancelling C the follow-up is %q, want B scheduled", o)
	}
	// With no sale left standing, the follow-up is cancelled.
	got, err = f.Intake.Cancel(ctx, f.Shop, "B")
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != fu || got.State != "cancelled" {
		t.Errorf("cancelling B answers %+v, want follow-up %d cancelled", got, fu)
	}
	if n := f.Count(t, "SELECT count(*) FROM follow_ups"); n != 1 {
		t.Errorf("%d follow-ups, want the one", n)
	}
}

func TestConcurrentSalesOfOneCustomerMakeOneFollowUp(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	for i := range n {
		wg.Go(func() {
			_, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{soldDaysAgo(fmt.Sprintf("S-%d", i), i)})
			errs <- err
		})
		// Batches sharing customers in opposite orders must not deadlock
		// into an error.
		wg.Go(func() {
			a, b := fmt.Sprintf("+98912000%04d", i), fmt.Sprintf("+98912000%04d", n-1-i)
			_, err := f.Intake.Ingest(ctx, f.Shop, []sales.Input{
				apptest.Sale(fmt.Sprintf("X-%d-a", i), a, now), apptest.Sale(fmt.Sprintf("X-%d-b", i), b, now),
			})
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if got := f.Count(t, "SELECT count(*) FROM follow_ups f JOIN customers c ON c.id = f.customer_id WHERE c.phone = $1", phone); got != 1 {
		t.Errorf("%d follow-ups for one customer's %d concurrent sales, want 1", got, n)
	}
	if got := f.Count(t, "SELECT count(*) FROM follow_ups f JOIN customers c ON c.id = f.customer_id WHERE c.phone <> $1", phone); got != n {
		t.Errorf("%d follow-ups for %d customers of the batches, want one each", got, n)
	}
}
