package outbox_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
	"github.com/tamas-app/tamas/jobs"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// now is a Tuesday, 12:00 in Tehran: inside the default calling window.
var now = time.Date(2026, 11, 24, 8, 30, 0, 0, time.UTC)

const secret = "whsec_outbox_test_secret"

type fixture struct {
	pool     *pgxpool.Pool
	client   *river.Client[pgx.Tx]
	intake   *intake.Service
	console  *console.Service
	issues   *issues.Service
	sourceID int64
	agent    console.User
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	pool := testdb.New(t)
	client, err := jobs.NewClient(pool, jobs.ClientOpts{})
	if err != nil {
		t.Fatal(err)
	}
	clock := func() time.Time { return now }
	norm := &sales.Normalizer{Region: "IR", MaxSkew: 5 * time.Minute, Now: clock}
	f := &fixture{pool: pool, client: client}
	f.intake = intake.New(intake.Opts{
		Pool: pool, River: client, Normalizer: norm, DefaultTimezone: "Asia/Tehran", DefaultLocale: "fa", Now: clock,
	})
	f.console = console.New(console.Opts{Pool: pool, River: client, ClaimTTL: 10 * time.Minute, Now: clock, Location: norm.Location})
	f.issues = issues.New(issues.Opts{Pool: pool, River: client, Now: clock, Location: norm.Location})
	src, err := store.New().SourceEnsure(ctx, pool, "shop")
	if err != nil {
		t.Fatal(err)
	}
	f.sourceID = src.ID
	uid, err := store.New().UserInsert(ctx, pool, store.UserInsertParams{
		Username: "agent-a", DisplayName: "agent-a", Role: "agent", Locale: "fa", Timezone: "Asia/Tehran", PasswordHash: "x",
	})
	if err != nil {
		t.Fatal(err)
	}
	f.agent = console.User{ID: uid, Name: "agent-a"}
	return f
}

// endpoint adds an endpoint for events, active or not, and returns its id.
func (f *fixture) endpoint(t *testing.T, url string, active bool, events ...string) int64 {
	t.Helper()
	ctx := context.Background()
	q := store.New()
	id, err := q.WebhookEndpointInsert(ctx, f.pool, store.WebhookEndpointInsertParams{Url: url, Secret: secret, Events: events, Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if !active {
		if err := q.WebhookEndpointUpdate(ctx, f.pool, store.WebhookEndpointUpdateParams{ID: id, Active: false, Events: events, Actor: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// claim sells to phone ten days ago, makes the follow-up due and has the
// agent claim it; it returns the follow-up and the call's script version.
func (f *fixture) claim(t *testing.T, externalID, phone string) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	out, err := f.intake.Ingest(ctx, f.sourceID, []sales.Input{{
		ExternalID: externalID,
		Customer:   sales.CustomerInput{Name: "مریم رضایی", Phone: phone, Timezone: "Asia/Tehran", Locale: "fa"},
		Product:    sales.ProductInput{SKU: "GL-1", Name: "عینک", Category: "glasses"},
		Branch:     "Tajrish",
		SoldAt:     now.Add(-10 * 24 * time.Hour).Format(time.RFC3339),
	}})
	if err != nil || out[0].Status != intake.StatusCreated {
		t.Fatalf("selling %s: %+v, %v", externalID, out, err)
	}
	if _, err := due.New(due.Opts{Pool: f.pool}).MakeDue(ctx, now, "test"); err != nil {
		t.Fatal(err)
	}
	id, err := f.console.ClaimNext(ctx, f.agent.ID, f.agent.Name)
	if err != nil || id != out[0].FollowUp.ID {
		t.Fatalf("claimed %d, %v; want %d", id, err, out[0].FollowUp.ID)
	}
	c, err := f.console.LoadCall(ctx, id, f.agent.ID)
	if err != nil {
		t.Fatal(err)
	}
	return id, c.ScriptVersionID
}

func (f *fixture) submit(t *testing.T, id int64, sub console.Submission) {
	t.Helper()
	if _, problems, err := f.console.Submit(context.Background(), id, f.agent, sub); err != nil || problems != nil {
		t.Fatalf("Submit(%s) = %+v, %v", sub.Disposition, problems, err)
	}
}

type delivery struct {
	ID         int64
	EndpointID int64
	Type       string
	Payload    map[string]any
	Raw        []byte
}

// deliveries lists the stored deliveries in order.
func (f *fixture) deliveries(t *testing.T) []delivery {
	t.Helper()
	rows, err := f.pool.Query(context.Background(), `SELECT id, endpoint_id, event_type, payload FROM webhook_deliveries ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []delivery
	for rows.Next() {
		var d delivery
		if err := rows.Scan(&d.ID, &d.EndpointID, &d.Type, &d.Raw); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(d.Raw, &d.Payload); err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func (f *fixture) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := f.pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func types(ds []delivery) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.Type)
	}
	return strings.Join(s, " ")
}

func data(d delivery) map[string]any { return d.Payload["data"].(map[string]any) }

func (f *fixture) worker(t *testing.T, clock func() time.Time) *rivertest.Worker[outbox.DeliveryArgs, pgx.Tx] {
	return rivertest.NewWorker(t, riverpgxv5.New(f.pool), &river.Config{}, &jobs.WebhookDeliveryWorker{Sender: outbox.NewSender(outbox.SenderOpts{Pool: f.pool, Now: clock})})
}
