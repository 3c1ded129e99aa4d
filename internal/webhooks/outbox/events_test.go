package outbox_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
	"github.com/tamas-app/tamas/jobs"
)

func (f *fixture) customer(t *testing.T, phone string) int64 {
	t.Helper()
	var id int64
	if err := f.Pool.QueryRow(context.Background(), `SELECT id FROM customers WHERE phone = $1`, phone).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func (f *fixture) deliveryJobs(t *testing.T) int {
	return f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'webhook_delivery' AND queue = 'webhooks'`)
}

func TestEventExistsOnlyWhenItsCauseCommits(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	f.endpoint(t, "https://crm.example/in", true, webhooks.Events...)
	f.claim(t, "S-1", "+989120000001")
	customer := f.customer(t, "+989120000001")

	tx, err := f.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := outbox.CustomerOptedOut(ctx, tx, f.River, customer, nil, now); err != nil || n != 1 {
		t.Fatalf("CustomerOptedOut = %d, %v; want 1 endpoint", n, err)
	}
	if err := tx.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	if ds, jobs := f.deliveries(t), f.deliveryJobs(t); len(ds) != 0 || jobs != 0 {
		t.Fatalf("after a rollback: %d deliveries, %d jobs; want none", len(ds), jobs)
	}

	if err := store.InTx(ctx, f.Pool, func(tx pgx.Tx) error {
		_, err := outbox.CustomerOptedOut(ctx, tx, f.River, customer, nil, now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if ds, jobs := f.deliveries(t), f.deliveryJobs(t); len(ds) != 1 || jobs != 1 {
		t.Fatalf("after a commit: %d deliveries, %d jobs; want one of each", len(ds), jobs)
	}
}

func TestOnlyActiveSubscribedEndpointsGetAnEvent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	f.endpoint(t, "https://a.example/in", true, webhooks.IssueCreated)
	f.endpoint(t, "https://b.example/in", false, webhooks.Events...)
	c := f.endpoint(t, "https://c.example/in", true, webhooks.CustomerOptedOut, webhooks.IssueResolved)
	f.claim(t, "S-1", "+989120000001")
	customer := f.customer(t, "+989120000001")
	if err := store.InTx(ctx, f.Pool, func(tx pgx.Tx) error {
		_, err := outbox.CustomerOptedOut(ctx, tx, f.River, customer, nil, now)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	ds := f.deliveries(t)
	if len(ds) != 1 || ds[0].EndpointID != c {
		t.Fatalf("deliveries %+v; want one, to endpoint %d", ds, c)
	}
}

// TestEverySourceEmitsItsEvent walks the console, the issue service and
// the SLA job through each event's cause.
func TestEverySourceEmitsItsEvent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := setup(t)
	f.endpoint(t, "https://crm.example/in", true, webhooks.Events...)

	// A completed call with a bad rating: its response and the issue it opens.
	fu, version := f.claim(t, "S-1", "+989120000001")
	f.submit(t, fu, console.Submission{Disposition: "completed", ScriptVersionID: version,
		Answers: map[string]string{"overall": "1", "working": "yes"}})
	ds := f.deliveries(t)
	if got := types(ds); got != "response.created issue.created" {
		t.Fatalf("after a bad call: %q, want response.created issue.created", got)
	}
	resp, issue := data(ds[0]), data(ds[1])
	customer := resp["customer"].(map[string]any)
	sale := resp["sale"].(map[string]any)
	if resp["follow_up_id"] != float64(fu) || customer["phone"] != "+989120000001" || customer["name"] != "مریم رضایی" ||
		sale["external_id"] != "S-1" || sale["source"] != "shop" || sale["branch"] != "Tajrish" ||
		sale["product"].(map[string]any)["sku"] != "GL-1" {
		t.Errorf("response.created data %v", resp)
	}
	if answers := resp["answers"].([]any); len(answers) != 2 {
		t.Errorf("answers %v, want the two given", answers)
	}
	if issue["category"] != "product_defect" || issue["state"] != "open" || issue["severity"] == "" ||
		issue["customer"].(map[string]any)["phone"] != "+989120000001" {
		t.Errorf("issue.created data %v", issue)
	}
	if ds[0].Payload["id"] == ds[1].Payload["id"] || ds[0].Payload["type"] != "response.created" {
		t.Errorf("envelopes %v and %v", ds[0].Payload, ds[1].Payload)
	}
	issueID := int64(issue["issue_id"].(float64))

	// Resolution.
	if err := f.Issues.Resolve(ctx, issueID, "service-a", casework.ProductDefect, "replaced the frame"); err != nil {
		t.Fatal(err)
	}
	ds = f.deliveries(t)
	if last := ds[len(ds)-1]; last.Type != "issue.resolved" || data(last)["state"] != "resolved" ||
		data(last)["root_cause"] != "product_defect" || data(last)["recovery_follow_up_id"] == nil {
		t.Errorf("after Resolve: %s %v", last.Type, data(last))
	}

	// A second customer's issue passes its deadline.
	fu, version = f.claim(t, "S-2", "+989120000002")
	f.submit(t, fu, console.Submission{Disposition: "completed", ScriptVersionID: version,
		Answers: map[string]string{"overall": "1", "working": "yes"}})
	ds = f.deliveries(t)
	breaching := int64(data(ds[len(ds)-1])["issue_id"].(float64))
	late := now.Add(30 * 24 * time.Hour)
	w := rivertest.NewWorker(t, riverpgxv5.New(f.Pool), &river.Config{}, &jobs.IssueSLAWorker{Issues: issues.New(issues.Opts{Pool: f.Pool, River: f.River, Now: func() time.Time { return late }})})
	tx, err := f.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	for range 2 { // the second run changes nothing, and announces nothing
		if res, err := w.Work(ctx, t, tx, issues.SLAArgs{IssueID: breaching}, nil); err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("SLA job: %v, %v", res, err)
		}
	}
	ds = f.deliveries(t)
	if got := types(ds[len(ds)-2:]); got != "issue.created issue.breached" {
		t.Errorf("after the SLA job: %q", got)
	} else if b := data(ds[len(ds)-1]); b["issue_id"] != float64(breaching) || b["breached_at"] == nil {
		t.Errorf("issue.breached data %v", b)
	}

	// A wrong number makes the customer unreachable.
	fu, _ = f.claim(t, "S-3", "+989120000003")
	f.submit(t, fu, console.Submission{Disposition: "wrong_number"})
	ds = f.deliveries(t)
	if last := ds[len(ds)-1]; last.Type != "followup.unreachable" || data(last)["state"] != "unreachable" ||
		data(last)["disposition"] != "wrong_number" || data(last)["follow_up_id"] != float64(fu) {
		t.Errorf("after a wrong number: %s %v", last.Type, data(last))
	}

	// Do not contact: the customer opts out, once.
	fu, _ = f.claim(t, "S-4", "+989120000004")
	f.submit(t, fu, console.Submission{Disposition: "do_not_contact"})
	ds = f.deliveries(t)
	last := ds[len(ds)-1]
	if last.Type != "customer.opted_out" || data(last)["customer"].(map[string]any)["phone"] != "+989120000004" ||
		data(last)["follow_up_id"] != float64(fu) || data(last)["opted_out_at"] == nil {
		t.Errorf("after do not contact: %s %v", last.Type, data(last))
	}
	want := "response.created issue.created issue.resolved response.created issue.created issue.breached followup.unreachable customer.opted_out"
	if got := types(ds); got != want {
		t.Errorf("events\n got %s\nwant %s", got, want)
	}
	if n := f.deliveryJobs(t); n != len(ds) {
		t.Errorf("%d delivery jobs for %d deliveries", n, len(ds))
	}
}
