// Package automatedtest opens tamas's automated channels against a fake
// Twilio for tests: a database with one Persian customer whose follow-up is
// due on an automated ladder, the service, and a loop that works the
// automated jobs as River's workers would.
package automatedtest

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertype"

	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

// PublicBase is the address Twilio is told to call back on; signatures
// are computed on it, whatever address a test server really has.
const PublicBase = "https://tamas.example"

// Sender is the number texts and calls come from.
const Sender = "+982191000000"

// SMSLadder starts with an SMS survey and, a day later without an answer,
// goes to the agent queue.
const SMSLadder = `[{"channel": "sms", "wait_minutes": 1440}, {"channel": "agent", "wait_minutes": 0}]`

// VoiceLadder starts with an automated call and, two days later without an
// answer, goes to the agent queue.
const VoiceLadder = `[{"channel": "voice", "wait_minutes": 2880}, {"channel": "agent", "wait_minutes": 0}]`

// Opts says what to open.
type Opts struct {
	// Now is the time the site starts at (SetNow moves it).
	Now time.Time
	// Timeout ends a request to the fake; 0 means 5 s.
	Timeout time.Duration
	// First is the ladder's first channel and Ladder the default rule's
	// ladder; empty means SMS and SMSLadder.
	First, Ladder string
	// PerSecond is the sender's rate; 0 means 1000, which never waits.
	PerSecond float64
	// Metrics counts what Twilio answered to texts; nil counts nothing.
	Metrics *metrics.Metrics
	// Scheduled leaves the follow-up scheduled, for a test that makes it
	// due the way the due job does.
	Scheduled bool
}

// Site is a database, a fake Twilio and the service between them.
type Site struct {
	Pool    *pgxpool.Pool
	Fake    *twiliofake.Server
	Config  twilio.Config
	Service *automated.Service
	// River only inserts: Work runs the jobs.
	River  *river.Client[pgx.Tx]
	Intake *intake.Service
	// FollowUp is the customer's follow-up, due on its first step; Phone
	// the customer's number.
	FollowUp int64
	Phone    string
	now      atomic.Pointer[time.Time]
}

// Open is a site whose follow-up has just become due, its first step
// queued and not yet worked (unless o.Scheduled).
func Open(t testing.TB, o Opts) *Site {
	t.Helper()
	if o.Timeout == 0 {
		o.Timeout = 5 * time.Second
	}
	if o.First == "" {
		o.First, o.Ladder = "sms", SMSLadder
	}
	if o.PerSecond == 0 {
		o.PerSecond = 1000
	}
	ctx := context.Background()
	pool := testdb.New(t)
	if err := editor.EnsureDefaultScripts(ctx, pool); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE followup_rules SET channel = $1, ladder = $2 WHERE category = ''`, o.First, o.Ladder); err != nil {
		t.Fatal(err)
	}
	s := &Site{Pool: pool, Fake: twiliofake.New(t, twiliofake.Options{}), Phone: "+989121234567"}
	s.SetNow(o.Now)
	s.Config = twilio.Config{
		AccountSID: s.Fake.AccountSid, AuthToken: s.Fake.AuthToken, From: Sender,
		PublicBaseURL: PublicBase, PerSecond: o.PerSecond, Timeout: o.Timeout,
	}
	var err error
	if s.River, err = river.NewClient(riverpgxv5.New(pool), &river.Config{}); err != nil {
		t.Fatal(err)
	}
	s.Service = automated.New(automated.Opts{
		Pool: pool, River: s.River, Config: s.Config, Now: s.Now, Metrics: o.Metrics,
		Client: twilio.NewClient(s.Config, s.Fake.HTTPClient(o.Timeout)),
	})
	s.Intake = intake.New(intake.Opts{
		Pool: pool, River: s.River, DefaultTimezone: "Asia/Tehran", DefaultLocale: "fa", Now: s.Now,
		Normalizer: &sales.Normalizer{Region: "IR", MaxSkew: 5 * time.Minute, Now: s.Now},
	})
	src, err := store.New().SourceEnsure(ctx, pool, "shop")
	if err != nil {
		t.Fatal(err)
	}
	out, err := s.Intake.Ingest(ctx, src.ID, []sales.Input{{
		ExternalID: "S-1", Customer: sales.CustomerInput{Name: "مریم رضایی", Phone: "09121234567", Timezone: "Asia/Tehran", Locale: "fa"},
		Product: sales.ProductInput{SKU: "GL-100", Name: "عینک مطالعه"}, Branch: "تجریش",
		SoldAt: o.Now.Add(-10 * 24 * time.Hour).Format(time.RFC3339),
	}})
	if err != nil || out[0].Status != intake.StatusCreated {
		t.Fatalf("ingest: %+v, %v", out, err)
	}
	s.FollowUp = out[0].FollowUp.ID
	if !o.Scheduled {
		s.makeDue(t)
	}
	return s
}

// makeDue makes the follow-up due and queues its first step, as the due
// job does.
func (s *Site) makeDue(t testing.TB) {
	t.Helper()
	ctx := context.Background()
	err := store.InTx(ctx, s.Pool, func(tx pgx.Tx) error {
		rows, err := store.New().FollowUpMakeDue(ctx, tx, store.FollowUpMakeDueParams{Now: s.Now(), MaxRows: 10, Actor: "test"})
		if err != nil {
			return err
		}
		if len(rows) != 1 || rows[0].State != "due" {
			t.Fatalf("made due: %+v; want the follow-up due", rows)
		}
		_, err = s.River.InsertTx(ctx, tx, due.StepArgs{FollowUpID: rows[0].ID, Step: int(rows[0].LadderStep)}, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Now is the site's clock.
func (s *Site) Now() time.Time { return *s.now.Load() }

// SetNow moves the site's clock to now.
func (s *Site) SetNow(now time.Time) { s.now.Store(&now) }

// Work runs the automated jobs that are available, as River's workers
// would, until none is left, and returns the errors of those that failed:
// a failed job waits as retryable until Retry makes it available again.
// Snoozed jobs wait as scheduled.
func (s *Site) Work(t testing.TB) []error {
	t.Helper()
	ctx := context.Background()
	var errs []error
	for {
		var id int64
		var kind string
		var args []byte
		err := s.Pool.QueryRow(ctx, `SELECT id, kind, args FROM river_job
			WHERE state = 'available' AND kind IN ('twilio_step', 'sms_send', 'ladder_next', 'voice_call') ORDER BY id LIMIT 1`).Scan(&id, &kind, &args)
		if errors.Is(err, pgx.ErrNoRows) {
			return errs
		}
		if err != nil {
			t.Fatal(err)
		}
		switch kind {
		case "twilio_step":
			var a due.StepArgs
			mustUnmarshal(t, args, &a)
			err = s.Service.StartStep(ctx, a.FollowUpID, a.Step)
		case "sms_send":
			var a automated.SMSSendArgs
			mustUnmarshal(t, args, &a)
			err = s.Service.SendSMS(ctx, a.MessageID)
		case "voice_call":
			var a automated.VoiceCallArgs
			mustUnmarshal(t, args, &a)
			err = s.Service.PlaceCall(ctx, a.CallID)
		case "ladder_next":
			var a automated.LadderNextArgs
			mustUnmarshal(t, args, &a)
			err = s.Service.Advance(ctx, a.FollowUpID, a.Step)
		}
		var snooze *rivertype.JobSnoozeError
		var cancel *rivertype.JobCancelError
		state := "completed"
		switch {
		case errors.As(err, &snooze):
			state = "scheduled"
		case errors.As(err, &cancel):
			state = "cancelled"
			errs = append(errs, err)
		case err != nil:
			state = "retryable"
			errs = append(errs, err)
		}
		if _, err := s.Pool.Exec(ctx, `UPDATE river_job SET state = $2::text::river_job_state, attempt = attempt + 1,
			finalized_at = CASE WHEN $2::text IN ('completed', 'cancelled') THEN now() END WHERE id = $1`, id, state); err != nil {
			t.Fatal(err)
		}
	}
}

// Retry makes failed and snoozed step and send jobs available again, as
// River does when their backoff is over.
func (s *Site) Retry(t testing.TB) {
	t.Helper()
	if _, err := s.Pool.Exec(context.Background(), `UPDATE river_job SET state = 'available'
		WHERE state IN ('retryable', 'scheduled') AND kind IN ('twilio_step', 'sms_send')`); err != nil {
		t.Fatal(err)
	}
}

func mustUnmarshal(t testing.TB, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// Count is the single number sql returns.
func (s *Site) Count(t testing.TB, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := s.Pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// State is the follow-up's state.
func (s *Site) State(t testing.TB) string {
	t.Helper()
	var st string
	if err := s.Pool.QueryRow(context.Background(), `SELECT state FROM follow_ups WHERE id = $1`, s.FollowUp).Scan(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

// GatherURL is the action URL of the TwiML's first Gather.
func GatherURL(t testing.TB, twiml string) string {
	t.Helper()
	i := strings.Index(twiml, `action="`)
	if i < 0 {
		t.Fatalf("no Gather in %s", twiml)
	}
	rest := twiml[i+len(`action="`):]
	raw := strings.ReplaceAll(rest[:strings.Index(rest, `"`)], "&amp;", "&")
	if !strings.HasPrefix(raw, PublicBase) {
		t.Fatalf("gather action %q is not on the public URL", raw)
	}
	return raw
}

// Bodies are the texts of ms.
func Bodies(ms []twiliofake.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Body)
	}
	return out
}
