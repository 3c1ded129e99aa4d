package outbox_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
	"github.com/tamas-app/tamas/jobs"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// now is apptest.Now, a Tuesday, 12:00 in Tehran: inside the default
// calling window.
var now = apptest.Now

const secret = "whsec_outbox_test_secret"

type fixture struct {
	*apptest.App
	agent console.User
}

// setup gives the test its own database with the seeded scripts, the app on
// a clock pinned to now, and an agent.
func setup(t *testing.T) *fixture {
	t.Helper()
	a := apptest.Open(t, apptest.Opts{At: now})
	return &fixture{App: a, agent: a.User(t, "agent-a", "agent")}
}

// endpoint adds an endpoint for events, active or not, and returns its id.
func (f *fixture) endpoint(t *testing.T, url string, active bool, events ...string) int64 {
	t.Helper()
	ctx := context.Background()
	q := store.New()
	id, err := q.WebhookEndpointInsert(ctx, f.Pool, store.WebhookEndpointInsertParams{Url: url, Secret: secret, Events: events, Actor: "test"})
	if err != nil {
		t.Fatal(err)
	}
	if !active {
		if err := q.WebhookEndpointUpdate(ctx, f.Pool, store.WebhookEndpointUpdateParams{ID: id, Active: false, Events: events, Actor: "test"}); err != nil {
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
	id := f.Claim(t, f.agent, externalID, phone)
	c, err := f.Console.LoadCall(ctx, id, f.agent.ID)
	if err != nil {
		t.Fatal(err)
	}
	return id, c.ScriptVersionID
}

func (f *fixture) submit(t *testing.T, id int64, sub console.Submission) {
	t.Helper()
	if _, problems, err := f.Console.Submit(context.Background(), id, f.agent, sub); err != nil || problems != nil {
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
	rows, err := f.Pool.Query(context.Background(), `SELECT id, endpoint_id, event_type, payload FROM webhook_deliveries ORDER BY id`)
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

func types(ds []delivery) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.Type)
	}
	return strings.Join(s, " ")
}

func data(d delivery) map[string]any { return d.Payload["data"].(map[string]any) }

// worker delivers to the tests' receivers, which listen on loopback: the
// setup of a receiver on the same network, with private addresses allowed.
func (f *fixture) worker(t *testing.T, clock func() time.Time) *rivertest.Worker[outbox.DeliveryArgs, pgx.Tx] {
	return f.workerWith(t, outbox.SenderOpts{Pool: f.Pool, Now: clock, AllowPrivate: true})
}

func (f *fixture) workerWith(t *testing.T, o outbox.SenderOpts) *rivertest.Worker[outbox.DeliveryArgs, pgx.Tx] {
	return rivertest.NewWorker(t, riverpgxv5.New(f.Pool), &river.Config{}, &jobs.WebhookDeliveryWorker{Sender: outbox.NewSender(o)})
}
