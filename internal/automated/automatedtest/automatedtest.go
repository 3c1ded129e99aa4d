// Package automatedtest opens tamas's automated channels against a fake
// Twilio for tests: the app from apptest with one Persian customer whose
// follow-up is due on an automated ladder, and a loop that works the
// automated jobs as River's workers would.
package automatedtest

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river/rivertype"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

// PublicBase is the address Twilio is told to call back on.
const PublicBase = apptest.PublicBase

// Sender is the number texts and calls come from.
const Sender = apptest.Sender

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
	// Metrics is the app's; nil counts nothing.
	Metrics *metrics.Metrics
	// Scheduled leaves the follow-up scheduled, for a test that makes it
	// due the way the due job does.
	Scheduled bool
	// Serve serves the web handler, Twilio's webhooks among it, at URL.
	Serve bool
}

// Site is the app with Twilio configured against a fake, and one
// customer.
type Site struct {
	*apptest.App
	// Service is the automated channels' service the web uses.
	Service *automated.Service
	// FollowUp is the customer's follow-up, due on its first step; Phone
	// the customer's number.
	FollowUp int64
	Phone    string
}

// Open is a site whose follow-up has just become due, its first step
// queued and not yet worked (unless o.Scheduled).
func Open(t testing.TB, o Opts) *Site {
	t.Helper()
	if o.First == "" {
		o.First, o.Ladder = "sms", SMSLadder
	}
	a := apptest.Open(t, apptest.Opts{
		At: o.Now, Twilio: true, Serve: o.Serve, Metrics: o.Metrics,
		Configure: func(c *config.Config) {
			c.Twilio.Timeout = cmp.Or(o.Timeout, c.Twilio.Timeout)
			c.Twilio.PerSecond = cmp.Or(o.PerSecond, c.Twilio.PerSecond)
		},
	})
	if _, err := a.Pool.Exec(context.Background(), `UPDATE followup_rules SET channel = $1, ladder = $2 WHERE category = ''`, o.First, o.Ladder); err != nil {
		t.Fatal(err)
	}
	s := &Site{App: a, Service: a.Automated, Phone: "+989121234567"}
	s.FollowUp = a.Sell(t, sales.Input{
		ExternalID: "S-1", Customer: sales.CustomerInput{Name: "مریم رضایی", Phone: "09121234567", Timezone: "Asia/Tehran", Locale: "fa"},
		Product: sales.ProductInput{SKU: "GL-100", Name: "عینک مطالعه"}, Branch: "تجریش",
		SoldAt: o.Now.Add(-10 * 24 * time.Hour).Format(time.RFC3339),
	})[0]
	if !o.Scheduled {
		s.makeDue(t)
	}
	return s
}

// makeDue makes the follow-up due and queues its first step, as the due
// job does.
func (s *Site) makeDue(t testing.TB) {
	t.Helper()
	if n := s.MakeDue(t, s.Now()); n != 1 {
		t.Fatalf("made %d due; want the follow-up due", n)
	}
}

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
