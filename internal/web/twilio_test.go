package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertest"
	"github.com/riverqueue/river/rivertype"

	"github.com/tamas-app/tamas/internal/automated/autojobs"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/metrics/metricstest"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/twiliofake"
	"github.com/tamas-app/tamas/internal/web"
	"github.com/tamas-app/tamas/jobs"
)

// publicBase is the address Twilio is told to call back on; signatures
// are computed on it, whatever address the test server really has.
const publicBase = "https://tamas.example"

const smsSender = "+982191000000"

// smsSite is tamas with Twilio configured against the fake: one Persian
// customer whose follow-up starts with an SMS survey and, a day later
// without an answer, goes to the agent queue.
type smsSite struct {
	url      string
	pool     *pgxpool.Pool
	fake     *twiliofake.Server
	svc      *twilio.Service
	river    *river.Client[pgx.Tx]
	followUp int64
	phone    string
}

func openSMSSite(t *testing.T, timeout time.Duration) *smsSite {
	t.Helper()
	return openAutomatedSite(t, timeout, "sms", `[{"channel": "sms", "wait_minutes": 1440}, {"channel": "agent", "wait_minutes": 0}]`)
}

// openAutomatedSite is smsSite with another ladder, first is its first
// channel.
func openAutomatedSite(t *testing.T, timeout time.Duration, first, ladder string) *smsSite {
	t.Helper()
	ctx := context.Background()
	pool := testdb.New(t)
	if err := console.EnsureDefaultScripts(ctx, pool); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE followup_rules SET channel = $1, ladder = $2 WHERE category = ''`, first, ladder); err != nil {
		t.Fatal(err)
	}
	fake := twiliofake.New(t, twiliofake.Options{})
	cfg := twilio.Config{
		AccountSID: fake.AccountSid, AuthToken: fake.AuthToken, From: smsSender,
		PublicBaseURL: publicBase, PerSecond: 1000, Timeout: timeout,
	}
	clock := func() time.Time { return pagesNow }
	svc := &twilio.Service{Pool: pool, Config: cfg, Client: twilio.NewClient(cfg, fake.HTTPClient(timeout)), Now: clock}
	client, err := jobs.NewClient(pool, jobs.ClientOpts{Twilio: svc})
	if err != nil {
		t.Fatal(err)
	}
	svc.River = client
	norm := &sales.Normalizer{Region: "IR", MaxSkew: 5 * time.Minute, Now: clock}
	in := intake.New(intake.Opts{Pool: pool, River: client, Normalizer: norm, DefaultTimezone: "Asia/Tehran", DefaultLocale: "fa", Now: clock})
	sessions := pgxstore.NewWithCleanupInterval(pool, time.Hour)
	t.Cleanup(sessions.StopCleanup)
	h := web.New(web.Opts{
		Logger: slog.New(slog.NewTextHandler(t.Output(), nil)), Pool: pool, Intake: in,
		Console:  console.New(console.Opts{Pool: pool, River: client, ClaimTTL: 10 * time.Minute, Now: clock, Location: norm.Location}),
		Sessions: web.NewSessions(sessions, false),
		Issues:   issues.New(issues.Opts{Pool: pool, River: client, Now: clock, Location: norm.Location}),
		River:    client, Twilio: cfg, Automated: svc,
	}).Handler()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)

	src, err := store.New().SourceEnsure(ctx, pool, "shop")
	if err != nil {
		t.Fatal(err)
	}
	out, err := in.Ingest(ctx, src.ID, []sales.Input{{
		ExternalID: "S-1", Customer: sales.CustomerInput{Name: "مریم رضایی", Phone: "09121234567", Timezone: "Asia/Tehran", Locale: "fa"},
		Product: sales.ProductInput{SKU: "GL-100", Name: "عینک مطالعه"}, Branch: "تجریش",
		SoldAt: pagesNow.Add(-10 * 24 * time.Hour).Format(time.RFC3339),
	}})
	if err != nil || out[0].Status != intake.StatusCreated {
		t.Fatalf("ingest: %+v, %v", out, err)
	}
	s := &smsSite{url: srv.URL, pool: pool, fake: fake, svc: svc, river: client, followUp: out[0].FollowUp.ID, phone: "+989121234567"}
	if n, err := due.New(due.Opts{Pool: pool, River: client}).MakeDue(ctx, pagesNow, "test"); err != nil || n != 1 {
		t.Fatalf("MakeDue: %d, %v; want 1", n, err)
	}
	return s
}

// work runs the Twilio jobs that are available, as River's workers would,
// until none is left, and returns the errors of those that failed: a
// failed job waits as retryable until retry makes it available again.
// Snoozed jobs wait as scheduled.
func (s *smsSite) work(t *testing.T) []error {
	t.Helper()
	ctx := rivertest.WorkContext(t.Context(), s.river)
	var errs []error
	for {
		var id int64
		var kind string
		var args []byte
		err := s.pool.QueryRow(ctx, `SELECT id, kind, args FROM river_job
			WHERE state = 'available' AND kind IN ('twilio_step', 'sms_send', 'ladder_next', 'voice_call') ORDER BY id LIMIT 1`).Scan(&id, &kind, &args)
		if errors.Is(err, pgx.ErrNoRows) {
			return errs
		}
		if err != nil {
			t.Fatal(err)
		}
		switch kind {
		case "twilio_step":
			var a autojobs.StepArgs
			mustUnmarshal(t, args, &a)
			err = s.svc.StartStep(ctx, a.FollowUpID, a.Step)
		case "sms_send":
			var a jobs.SMSSendArgs
			mustUnmarshal(t, args, &a)
			err = s.svc.SendSMS(ctx, a.MessageID)
		case "voice_call":
			var a jobs.VoiceCallArgs
			mustUnmarshal(t, args, &a)
			err = s.svc.PlaceCall(ctx, a.CallID)
		case "ladder_next":
			var a jobs.LadderNextArgs
			mustUnmarshal(t, args, &a)
			err = s.svc.Advance(ctx, a.FollowUpID, a.Step)
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
		if _, err := s.pool.Exec(ctx, `UPDATE river_job SET state = $2::text::river_job_state, attempt = attempt + 1,
			finalized_at = CASE WHEN $2::text IN ('completed', 'cancelled') THEN now() END WHERE id = $1`, id, state); err != nil {
			t.Fatal(err)
		}
	}
}

// retry makes failed and snoozed Twilio jobs available again, as River
// does when their backoff is over.
func (s *smsSite) retry(t *testing.T) {
	t.Helper()
	if _, err := s.pool.Exec(t.Context(), `UPDATE river_job SET state = 'available'
		WHERE state IN ('retryable', 'scheduled') AND kind IN ('twilio_step', 'sms_send')`); err != nil {
		t.Fatal(err)
	}
}

func mustUnmarshal(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// webhook posts params to path as Twilio would, signed with token for the
// public URL; the request also looks cross-site, as a server's does to the
// cross-origin check.
func (s *smsSite) webhook(t *testing.T, path string, params url.Values, token string) int {
	t.Helper()
	code, _ := s.webhookBody(t, path, params, token)
	return code
}

// webhookBody is webhook with the answer's body, the TwiML.
func (s *smsSite) webhookBody(t *testing.T, path string, params url.Values, token string) (int, string) {
	t.Helper()
	signed := twiliofake.SignedRequest(token, publicBase+path, params)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.url+path, strings.NewReader(params.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header = signed.Header.Clone()
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// text is the customer texting body; the webhook must answer 200.
func (s *smsSite) text(t *testing.T, body string) url.Values {
	t.Helper()
	p := s.fake.InboundSMS(s.phone, smsSender, body)
	if code := s.webhook(t, "/webhooks/twilio/sms", p, s.fake.AuthToken); code != http.StatusOK {
		t.Fatalf("inbound %q: status %d", body, code)
	}
	if errs := s.work(t); len(errs) > 0 {
		t.Fatalf("jobs after %q: %v", body, errs)
	}
	return p
}

func (s *smsSite) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := s.pool.QueryRow(t.Context(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func (s *smsSite) state(t *testing.T) string {
	t.Helper()
	var st string
	if err := s.pool.QueryRow(t.Context(), `SELECT state FROM follow_ups WHERE id = $1`, s.followUp).Scan(&st); err != nil {
		t.Fatal(err)
	}
	return st
}

func bodies(ms []twiliofake.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Body)
	}
	return out
}

func TestSMSSurveyInPersian(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	if errs := s.work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	ms := s.fake.Messages()
	if len(ms) != 1 || ms[0].To != s.phone || ms[0].From != smsSender {
		t.Fatalf("first message: %+v", ms)
	}
	if !strings.Contains(ms[0].Body, "مریم رضایی") || !strings.Contains(ms[0].Body, "۱") || !strings.Contains(ms[0].StatusCallback, publicBase+"/webhooks/twilio/status?m=") {
		t.Errorf("intro lacks the name, Persian digits or the callback: %q, %q", ms[0].Body, ms[0].StatusCallback)
	}

	// A low rating in Persian digits, yes in Persian, an unreadable
	// reply that gets help, an optional rating, then a comment.
	s.text(t, "۲")
	s.text(t, "بله")
	s.text(t, "شاید")
	s.text(t, "٤")
	s.text(t, "لنز کمی خط دارد")
	ms = s.fake.Messages()
	if len(ms) != 6 {
		t.Fatalf("%d messages, want intro, 3 questions, 1 help and the closing: %q", len(ms), bodies(ms))
	}
	if !strings.Contains(ms[3].Body, "لطفاً") {
		t.Errorf("the unreadable reply got %q, want the help text", ms[3].Body)
	}
	if s.state(t) != "completed" {
		t.Fatalf("follow-up %s, want completed", s.state(t))
	}
	rows, err := s.pool.Query(t.Context(), `SELECT a.question_key, a.value, r.channel FROM answers a
		JOIN responses r ON r.id = a.response_id WHERE r.follow_up_id = $1 ORDER BY a.question_key`, s.followUp)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var k, v, ch string
		if err := rows.Scan(&k, &v, &ch); err != nil {
			t.Fatal(err)
		}
		got = append(got, ch+":"+k+"="+v)
	}
	want := []string{"sms:comments=لنز کمی خط دارد", "sms:overall=2", "sms:staff=4", "sms:working=yes"}
	if !slices.Equal(got, want) {
		t.Errorf("answers %q, want %q", got, want)
	}
	if n := s.count(t, `SELECT count(*) FROM issues WHERE follow_up_id = $1`, s.followUp); n != 1 {
		t.Errorf("%d issues raised by the rating of 2, want 1", n)
	}
	if n := s.count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND channel = 'sms'`, s.followUp); n != 2 {
		t.Errorf("%d SMS attempts in the history, want sent and completed", n)
	}
	// The day's wait passes: the answered follow-up stays answered.
	if err := s.svc.Advance(t.Context(), s.followUp, 0); err != nil || s.state(t) != "completed" {
		t.Errorf("advance after the answer: %v, state %s", err, s.state(t))
	}
}

func TestSMSOptOutInTheMiddle(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	// A second purchase, followed up next month.
	var second int64
	if err := s.pool.QueryRow(t.Context(), `WITH sale AS (
			INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name, branch, sold_at, content_hash)
			SELECT source_id, 'S-2', customer_id, product_sku, product_name, branch, sold_at, content_hash FROM sales WHERE external_id = 'S-1'
			RETURNING id, customer_id)
		INSERT INTO follow_ups (sale_id, customer_id, due_at, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes)
		SELECT sale.id, sale.customer_id, $1, 'sms', f.ladder, f.script_name, f.priority, f.max_attempts, f.retry_spacing_minutes
		FROM sale, follow_ups f WHERE f.id = $2
		RETURNING id`, pagesNow.Add(30*24*time.Hour), s.followUp).Scan(&second); err != nil {
		t.Fatal(err)
	}
	s.work(t)
	s.text(t, "5")
	s.text(t, "لغو")
	if s.state(t) != "opted_out" {
		t.Errorf("follow-up %s, want opted_out", s.state(t))
	}
	if n := s.count(t, `SELECT count(*) FROM follow_ups WHERE id = $1 AND state = 'opted_out'`, second); n != 1 {
		t.Error("the customer's other pending follow-up did not end with the opt-out")
	}
	if n := s.count(t, `SELECT count(*) FROM customers WHERE phone = $1 AND opted_out_at IS NOT NULL`, s.phone); n != 1 {
		t.Error("the customer is not opted out")
	}
	if n := s.count(t, `SELECT count(*) FROM responses`); n != 0 {
		t.Errorf("%d responses stored for an opted-out survey", n)
	}
	ms := s.fake.Messages()
	if len(ms) != 3 || ms[2].Body != i18n.T(i18n.FA, "survey.sms.opted_out") {
		t.Fatalf("messages %q, want intro, second question and the opt-out confirmation", bodies(ms))
	}
	// Another reply asks nothing more; START opts back in.
	s.text(t, "3")
	if len(s.fake.Messages()) != 3 {
		t.Errorf("an opted-out customer was texted again: %q", bodies(s.fake.Messages()))
	}
	s.text(t, "START")
	if n := s.count(t, `SELECT count(*) FROM customers WHERE phone = $1 AND opted_out_at IS NULL`, s.phone); n != 1 {
		t.Error("START did not opt the customer back in")
	}
	if ms := s.fake.Messages(); len(ms) != 4 || ms[3].Body != i18n.T(i18n.FA, "survey.sms.opted_in") {
		t.Errorf("messages %q, want the opt-in confirmation last", bodies(ms))
	}
}

func TestSMSWebhookSignature(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.work(t)
	p := s.fake.InboundSMS(s.phone, smsSender, "5")
	if code := s.webhook(t, "/webhooks/twilio/sms", p, "wrongtoken0000000000000000000000"); code != http.StatusForbidden {
		t.Errorf("wrong signature: status %d, want 403", code)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.url+"/webhooks/twilio/sms", strings.NewReader(p.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("unsigned: status %d, want 403", resp.StatusCode)
	}
	// Signed for other parameters than those sent.
	forged := s.fake.InboundSMS(s.phone, smsSender, "1")
	signed := twiliofake.SignedRequest(s.fake.AuthToken, publicBase+"/webhooks/twilio/sms", p)
	req, _ = http.NewRequestWithContext(t.Context(), http.MethodPost, s.url+"/webhooks/twilio/sms", strings.NewReader(forged.Encode()))
	req.Header = signed.Header.Clone()
	if resp, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("tampered body: status %d, want 403", resp.StatusCode)
	}
	if n := s.count(t, `SELECT count(*) FROM twilio_messages WHERE direction = 'inbound'`); n != 0 {
		t.Errorf("%d inbound texts stored from refused webhooks", n)
	}
	if len(s.fake.Messages()) != 1 {
		t.Errorf("refused webhooks sent messages: %q", bodies(s.fake.Messages()))
	}
}

func TestSMSWebhookTwice(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.work(t)
	p := s.text(t, "۵")
	if code := s.webhook(t, "/webhooks/twilio/sms", p, s.fake.AuthToken); code != http.StatusOK {
		t.Fatalf("retried webhook: status %d", code)
	}
	s.work(t)
	if n := s.count(t, `SELECT count(*) FROM twilio_messages WHERE direction = 'inbound'`); n != 1 {
		t.Errorf("%d inbound rows, want 1", n)
	}
	var st string
	if err := s.pool.QueryRow(t.Context(), `SELECT survey_state::text FROM follow_ups WHERE id = $1`, s.followUp).Scan(&st); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(st, `"next": 1`) || strings.Count(st, `"key"`) != 1 {
		t.Errorf("survey state %s, want one answer", st)
	}
	if len(s.fake.Messages()) != 2 {
		t.Errorf("messages %q, want the intro and one question", bodies(s.fake.Messages()))
	}
}

func TestSMSTwilio500Then201(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	m := metrics.New(metrics.Opts{})
	s.svc.Metrics = m
	s.fake.Fail(twiliofake.CreateMessage, 1, http.StatusInternalServerError)
	if errs := s.work(t); len(errs) != 1 {
		t.Fatalf("errors %v, want the 500", errs)
	}
	// Ambiguous: the retry looks the message up first (after the look-up
	// delay), finds nothing, and sends it on the retry after.
	for range 3 {
		s.pool.Exec(t.Context(), `UPDATE twilio_messages SET sending_at = sending_at - interval '1 minute'`)
		s.retry(t)
		s.work(t)
	}
	if n := len(s.fake.Messages()); n != 1 {
		t.Fatalf("%d messages, want exactly 1", n)
	}
	if n := len(s.fake.RequestsTo(twiliofake.ListMessages)); n != 1 {
		t.Errorf("%d look-ups, want 1 before resending after a 500", n)
	}
	if n := s.count(t, `SELECT count(*) FROM twilio_messages WHERE state = 'sent' AND sid IS NOT NULL`); n != 1 {
		t.Errorf("%d messages stored as sent", n)
	}
	f := metricstest.Scrape(t, m.Handler())
	for _, outcome := range []string{"unknown", "sent"} {
		if n, _ := f.Value("tamas_texts_total", "outcome", outcome); n != 1 {
			t.Errorf("texts %s = %v, want 1", outcome, n)
		}
	}
}

func TestSMSRefusedIsCounted(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	m := metrics.New(metrics.Opts{})
	s.svc.Metrics = m
	s.fake.Fail(twiliofake.CreateMessage, 1, http.StatusBadRequest)
	s.work(t)
	f := metricstest.Scrape(t, m.Handler())
	if n, _ := f.Value("tamas_texts_total", "outcome", "refused"); n != 1 {
		t.Errorf("texts refused = %v, want 1", n)
	}
	if n, ok := f.Value("tamas_texts_total", "outcome", "sent"); ok {
		t.Errorf("texts sent = %v after a refusal, want none", n)
	}
}

func TestSMSTimeoutAfterAccepted(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 300*time.Millisecond)
	s.fake.Hang(twiliofake.CreateMessage, 1)
	if errs := s.work(t); len(errs) != 1 {
		t.Fatalf("errors %v, want the timeout", errs)
	}
	// Too soon to look up: snoozed, nothing sent.
	s.retry(t)
	s.work(t)
	if n := len(s.fake.RequestsTo(twiliofake.ListMessages)); n != 0 {
		t.Errorf("looked up %d times before the look-up delay", n)
	}
	s.pool.Exec(t.Context(), `UPDATE twilio_messages SET sending_at = sending_at - interval '1 minute'`)
	s.retry(t)
	if errs := s.work(t); len(errs) != 0 {
		t.Fatal(errs)
	}
	if n := len(s.fake.Messages()); n != 1 {
		t.Fatalf("%d messages, want 1: the look-up found the accepted one", n)
	}
	if n := len(s.fake.RequestsTo(twiliofake.CreateMessage)); n != 1 {
		t.Errorf("%d create requests, want 1", n)
	}
	if n := s.count(t, `SELECT count(*) FROM twilio_messages WHERE state = 'sent' AND sid = $1`, s.fake.Messages()[0].Sid); n != 1 {
		t.Error("the found message's sid was not stored")
	}
}

func TestSMSUnansweredGoesToAgents(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.work(t)
	if n := s.count(t, `SELECT count(*) FROM river_job WHERE kind = 'ladder_next'`); n != 1 {
		t.Fatalf("%d ladder jobs, want 1", n)
	}
	if err := s.svc.Advance(t.Context(), s.followUp, 0); err != nil {
		t.Fatal(err)
	}
	var st, ch string
	if err := s.pool.QueryRow(t.Context(), `SELECT state, channel FROM follow_ups WHERE id = $1`, s.followUp).Scan(&st, &ch); err != nil {
		t.Fatal(err)
	}
	if st != "due" || ch != "agent" {
		t.Errorf("follow-up %s on %s, want due for an agent", st, ch)
	}
	// A late reply no longer reaches the survey.
	s.text(t, "5")
	if len(s.fake.Messages()) != 1 {
		t.Errorf("a reply after the SMS step got %q", bodies(s.fake.Messages()))
	}
	if n := s.count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'sms_no_answer'`, s.followUp); n != 1 {
		t.Errorf("%d no-answer attempts, want 1", n)
	}
}

func TestSMSStatusCallback(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.work(t)
	m := s.fake.Messages()[0]
	path := strings.TrimPrefix(m.StatusCallback, publicBase)
	for _, st := range []string{"sent", "delivered", "sent", "delivered"} {
		if code := s.webhook(t, path, s.fake.MessageStatus(m, st), s.fake.AuthToken); code != http.StatusOK {
			t.Fatalf("status %s: %d", st, code)
		}
	}
	var status string
	if err := s.pool.QueryRow(t.Context(), `SELECT status FROM twilio_messages WHERE sid = $1`, m.Sid).Scan(&status); err != nil {
		t.Fatal(err)
	}
	if status != "delivered" {
		t.Errorf("status %q, want delivered (never back to sent)", status)
	}
	if code := s.webhook(t, path, s.fake.MessageStatus(m, "failed"), "wrongtoken0000000000000000000000"); code != http.StatusForbidden {
		t.Errorf("unsigned status callback: %d, want 403", code)
	}
}

const voiceLadder = `[{"channel": "voice", "wait_minutes": 2880}, {"channel": "agent", "wait_minutes": 0}]`

// gatherPath is the path of the action URL of the TwiML's first Gather.
func gatherPath(t *testing.T, twiml string) string {
	t.Helper()
	i := strings.Index(twiml, `action="`)
	if i < 0 {
		t.Fatalf("no Gather in %s", twiml)
	}
	rest := twiml[i+len(`action="`):]
	raw := strings.ReplaceAll(rest[:strings.Index(rest, `"`)], "&amp;", "&")
	if !strings.HasPrefix(raw, publicBase) {
		t.Fatalf("gather action %q is not on the public URL", raw)
	}
	return strings.TrimPrefix(raw, publicBase)
}

func TestVoiceSurveyGathers(t *testing.T) {
	t.Parallel()
	s := openAutomatedSite(t, 5*time.Second, "voice", voiceLadder)
	if errs := s.work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	cs := s.fake.Calls()
	if len(cs) != 1 || cs[0].To != s.phone || !strings.HasPrefix(cs[0].URL, publicBase+"/webhooks/twilio/voice/start?f=") {
		t.Fatalf("calls %+v", cs)
	}
	call := cs[0]
	code, x := s.webhookBody(t, strings.TrimPrefix(call.URL, publicBase), s.fake.CallStatus(call, "in-progress", 0), s.fake.AuthToken)
	if code != http.StatusOK || !strings.Contains(x, `language="fa-IR"`) || !strings.Contains(x, "مریم رضایی") {
		t.Fatalf("start: %d %s", code, x)
	}
	// A key that answers nothing repeats the question; then 2, yes (1),
	// and 4 for the optional rating; the text question is left out.
	path := gatherPath(t, x)
	for _, step := range []struct{ digits, want string }{{"9", "step=0"}, {"2", "step=1"}, {"1", "step=2"}} {
		code, x = s.webhookBody(t, path, s.fake.Gather(call, step.digits), s.fake.AuthToken)
		if code != http.StatusOK {
			t.Fatalf("gather %s: %d %s", step.digits, code, x)
		}
		if path = gatherPath(t, x); !strings.Contains(path, step.want) {
			t.Fatalf("after %s the call asks %s, want %s", step.digits, path, step.want)
		}
	}
	last := s.fake.Gather(call, "4")
	code, x = s.webhookBody(t, path, last, s.fake.AuthToken)
	if code != http.StatusOK || strings.Contains(x, "<Gather") || !strings.Contains(x, "<Hangup") {
		t.Fatalf("last gather: %d %s, want the closing", code, x)
	}
	// Twilio retries the last webhook: the same TwiML, nothing stored twice.
	if code, again := s.webhookBody(t, path, last, s.fake.AuthToken); code != http.StatusOK || again != x {
		t.Errorf("retried gather: %d %s", code, again)
	}
	if s.state(t) != "completed" {
		t.Fatalf("follow-up %s, want completed", s.state(t))
	}
	if n := s.count(t, `SELECT count(*) FROM answers a JOIN responses r ON r.id = a.response_id
		WHERE r.follow_up_id = $1 AND r.channel = 'voice'`, s.followUp); n != 3 {
		t.Errorf("%d voice answers, want 3", n)
	}
	if n := s.count(t, `SELECT count(*) FROM issues WHERE follow_up_id = $1`, s.followUp); n != 1 {
		t.Errorf("%d issues from the rating of 2, want 1", n)
	}
	// The call's end changes nothing more.
	s.webhook(t, strings.TrimPrefix(call.StatusCallback, publicBase), s.fake.CallStatus(call, "completed", 40), s.fake.AuthToken)
	if n := s.count(t, `SELECT count(*) FROM twilio_calls`); n != 1 {
		t.Errorf("%d calls after the answered one ended, want 1", n)
	}
}

func TestVoiceBusyIsRetried(t *testing.T) {
	t.Parallel()
	s := openAutomatedSite(t, 5*time.Second, "voice", voiceLadder)
	s.work(t)
	call := s.fake.Calls()[0]
	status := s.fake.CallStatus(call, "busy", 0)
	for range 2 { // Twilio retries the callback
		if code := s.webhook(t, strings.TrimPrefix(call.StatusCallback, publicBase), status, s.fake.AuthToken); code != http.StatusOK {
			t.Fatalf("status: %d", code)
		}
	}
	if n := s.count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'voice_busy'`, s.followUp); n != 1 {
		t.Errorf("%d busy attempts, want 1", n)
	}
	var at time.Time
	if err := s.pool.QueryRow(t.Context(), `SELECT scheduled_at FROM river_job WHERE kind = 'voice_call' ORDER BY id DESC LIMIT 1`).Scan(&at); err != nil {
		t.Fatal(err)
	}
	if n := s.count(t, `SELECT count(*) FROM twilio_calls`); n != 2 || !at.After(pagesNow.Add(23*time.Hour)) {
		t.Errorf("%d calls, next at %s; want a second one after the rule's spacing (a day)", n, at)
	}
	if s.state(t) != "due" {
		t.Errorf("follow-up %s, want due on its voice step", s.state(t))
	}
}

func TestAutomatedPage(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.work(t)
	s.text(t, "۵")
	m := s.fake.Messages()[0]
	s.webhook(t, strings.TrimPrefix(m.StatusCallback, publicBase), s.fake.MessageStatus(m, "delivered"), s.fake.AuthToken)
	pages := &site{url: s.url, pool: s.pool}
	pages.addUser(t, "sima", "supervisor", "fa", "Asia/Tehran")
	pages.addUser(t, "ali", "agent", "fa", "Asia/Tehran")
	r := pages.signedIn(t, "sima").get(t, "/automated")
	r.wantStatus(t, "supervisor GET /automated", http.StatusOK)
	for _, want := range []string{
		`<h1>پیامک‌ها و تماس‌های خودکار</h1>`, `href="/automated"`, "delivered", "دریافتی", "ارسالی", "مریم رضایی", "۱۴۰۵",
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if n := strings.Count(r.body, `data-testid="message"`); n != 3 {
		t.Errorf("%d message rows, want intro, reply and the next question", n)
	}
	pages.signedIn(t, "ali").get(t, "/automated").wantStatus(t, "agent GET /automated", http.StatusForbidden)
}

func TestRulesLadderWithTwilio(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	pages := &site{url: s.url, pool: s.pool}
	pages.addUser(t, "sima", "supervisor", "en", "UTC")
	v := pages.signedIn(t, "sima")
	r := v.get(t, "/rules")
	r.wantStatus(t, "GET /rules", http.StatusOK)
	for _, want := range []string{`<option value="sms" selected>SMS survey</option>`, `name="channel2"`, `data-testid="channels-ladder"`, `data-testid="sms-parts"`, "Persian 6 parts"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the rules page lacks %s", want)
		}
	}
	if strings.Contains(r.body, `value="voice" disabled`) {
		t.Error("voice is disabled although Twilio is configured")
	}
	// The agent before an automated channel is refused, naming the ladder.
	bad := v.post(t, "/rules", ruleForm("channel", "agent", "wait_hours", "5", "channel2", "sms"))
	bad.wantStatus(t, "agent first", http.StatusUnprocessableEntity)
	if !strings.Contains(bad.body, `data-testid="problem-ladder"`) || !strings.Contains(bad.body, `name="wait_hours" value="5"`) {
		t.Error("the refused ladder lacks its problem or what was typed")
	}
	ok := v.post(t, "/rules", ruleForm("channel", "sms", "wait_hours", "24", "channel2", "voice", "wait2_hours", "48", "channel3", "agent"))
	ok.wantRedirect(t, "save ladder", "/rules")
	var channel, ladder string
	if err := s.pool.QueryRow(t.Context(), `SELECT channel, ladder::text FROM followup_rules WHERE category = ''`).Scan(&channel, &ladder); err != nil {
		t.Fatal(err)
	}
	if channel != "sms" || ladder != `[{"channel": "sms", "wait_minutes": 1440}, {"channel": "voice", "wait_minutes": 2880}, {"channel": "agent", "wait_minutes": 0}]` {
		t.Errorf("stored %s %s", channel, ladder)
	}
	if n := s.count(t, `SELECT count(*) FROM audit_log WHERE entity = 'rule' AND after->'ladder' IS NOT NULL`); n != 1 {
		t.Errorf("%d audited ladder changes, want 1", n)
	}
	r = v.get(t, "/rules")
	if !strings.Contains(r.body, "after 24 h without an answer Voice survey") {
		t.Error("the change list does not show the new ladder")
	}
	// The follow-up scheduled before keeps its own ladder.
	var fl string
	if err := s.pool.QueryRow(t.Context(), `SELECT ladder::text FROM follow_ups WHERE id = $1`, s.followUp).Scan(&fl); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(fl, "voice") {
		t.Errorf("a scheduled follow-up's ladder changed with its rule: %s", fl)
	}
}

func TestSMSWaitsForTheCallingWindow(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	// 22:30 in Tehran: the survey is started but its text waits.
	s.svc.Now = func() time.Time { return pagesNow.Add(10 * time.Hour) }
	if errs := s.work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	if n := len(s.fake.Messages()); n != 0 {
		t.Fatalf("%d messages sent outside the calling window", n)
	}
	if n := s.count(t, `SELECT count(*) FROM river_job WHERE kind = 'sms_send' AND state = 'scheduled'`); n != 1 {
		t.Errorf("%d snoozed sends, want 1", n)
	}
	s.svc.Now = func() time.Time { return pagesNow }
	s.retry(t)
	s.work(t)
	if n := len(s.fake.Messages()); n != 1 {
		t.Errorf("%d messages once the window opened, want 1", n)
	}
}

func TestSMSThenVoice(t *testing.T) {
	t.Parallel()
	s := openAutomatedSite(t, 5*time.Second, "sms",
		`[{"channel": "sms", "wait_minutes": 60}, {"channel": "voice", "wait_minutes": 60}, {"channel": "agent", "wait_minutes": 0}]`)
	s.work(t)
	if err := s.svc.Advance(t.Context(), s.followUp, 0); err != nil {
		t.Fatal(err)
	}
	if errs := s.work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(s.fake.Messages()) != 1 || len(s.fake.Calls()) != 1 {
		t.Fatalf("%d messages, %d calls; want the text, then one call", len(s.fake.Messages()), len(s.fake.Calls()))
	}
	// The same wait job running twice moves nothing further.
	if err := s.svc.Advance(t.Context(), s.followUp, 0); err != nil {
		t.Fatal(err)
	}
	var step int
	if err := s.pool.QueryRow(t.Context(), `SELECT ladder_step FROM follow_ups WHERE id = $1`, s.followUp).Scan(&step); err != nil || step != 1 {
		t.Errorf("ladder step %d (%v), want 1", step, err)
	}
}

func TestSMSSurveyTextAfterItsStepIsNotSent(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	// 22:30 in Tehran: the first text waits for the window, and so does the
	// step's wait, which starts when the text goes out.
	s.svc.Now = func() time.Time { return pagesNow.Add(10 * time.Hour) }
	if errs := s.work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	if n := s.count(t, `SELECT count(*) FROM river_job WHERE kind = 'ladder_next'`); n != 0 {
		t.Errorf("%d ladder waits started before the text was sent, want 0", n)
	}
	// Meanwhile the follow-up moved on to the agents.
	if err := s.svc.Advance(t.Context(), s.followUp, 0); err != nil {
		t.Fatal(err)
	}
	s.svc.Now = func() time.Time { return pagesNow }
	s.retry(t)
	s.work(t)
	if n := len(s.fake.Messages()); n != 0 {
		t.Errorf("%q sent after the follow-up left its SMS step", bodies(s.fake.Messages()))
	}
	if n := s.count(t, `SELECT count(*) FROM twilio_messages WHERE state = 'cancelled'`); n != 1 {
		t.Errorf("%d cancelled texts, want 1", n)
	}
}

func TestSMSStepWaitStartsWhenSent(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.svc.Now = func() time.Time { return pagesNow.Add(10 * time.Hour) }
	s.work(t)
	sentAt := pagesNow.Add(time.Hour)
	s.svc.Now = func() time.Time { return sentAt }
	s.retry(t)
	s.work(t)
	if len(s.fake.Messages()) != 1 {
		t.Fatalf("%d messages once the window opened, want 1", len(s.fake.Messages()))
	}
	var at time.Time
	if err := s.pool.QueryRow(t.Context(), `SELECT scheduled_at FROM river_job WHERE kind = 'ladder_next'`).Scan(&at); err != nil {
		t.Fatal(err)
	}
	if !at.Equal(sentAt.Add(24 * time.Hour)) {
		t.Errorf("next step at %s, want a day after the text was sent (%s)", at, sentAt)
	}
	// The reply and the next question do not start another wait.
	s.text(t, "۵")
	if n := s.count(t, `SELECT count(*) FROM river_job WHERE kind = 'ladder_next'`); n != 1 {
		t.Errorf("%d ladder waits, want 1", n)
	}
}

func TestLadderWaitsForAConversation(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.work(t)
	s.text(t, "۵")
	var snooze *rivertype.JobSnoozeError
	if err := s.svc.Advance(t.Context(), s.followUp, 0); !errors.As(err, &snooze) {
		t.Fatalf("advancing mid-conversation: %v, want a snooze", err)
	}
	var ch string
	var answers int
	if err := s.pool.QueryRow(t.Context(), `SELECT channel, jsonb_array_length(survey_state->'answers') FROM follow_ups WHERE id = $1`, s.followUp).Scan(&ch, &answers); err != nil {
		t.Fatal(err)
	}
	if ch != "sms" || answers != 1 {
		t.Errorf("follow-up on %s with %d answers, want still on sms with its answer", ch, answers)
	}
	// Quiet for longer than the conversation lasts: the ladder moves on.
	s.pool.Exec(t.Context(), `UPDATE twilio_messages SET created_at = created_at - interval '31 minutes' WHERE direction = 'inbound'`)
	if err := s.svc.Advance(t.Context(), s.followUp, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.pool.QueryRow(t.Context(), `SELECT channel FROM follow_ups WHERE id = $1`, s.followUp).Scan(&ch); err != nil || ch != "agent" {
		t.Errorf("follow-up on %s (%v), want agent after the silence", ch, err)
	}

	v := openAutomatedSite(t, 5*time.Second, "voice", voiceLadder)
	v.work(t)
	if err := v.svc.Advance(t.Context(), v.followUp, 0); !errors.As(err, &snooze) {
		t.Fatalf("advancing during a call: %v, want a snooze", err)
	}
	call := v.fake.Calls()[0]
	v.webhook(t, strings.TrimPrefix(call.StatusCallback, publicBase), v.fake.CallStatus(call, "completed", 20), v.fake.AuthToken)
	if err := v.svc.Advance(t.Context(), v.followUp, 0); err != nil {
		t.Errorf("advancing after the call ended: %v", err)
	}
}

func TestSMSRateSlotIsNotKeptStale(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.svc.Config.PerSecond = 1
	s.svc.Now = func() time.Time { return pagesNow.Add(10 * time.Hour) }
	// A slot taken before the window closed is given back while the text
	// waits for the window.
	s.work(t)
	s.pool.Exec(t.Context(), `UPDATE twilio_messages SET slot_at = now() - interval '1 hour'`)
	s.retry(t)
	s.work(t)
	if n := s.count(t, `SELECT count(*) FROM twilio_messages WHERE slot_at IS NOT NULL`); n != 0 {
		t.Errorf("%d texts keep a slot while they wait for the window", n)
	}
	// A slot long past when the job wakes is taken again, not reused.
	s.svc.Now = func() time.Time { return pagesNow }
	s.pool.Exec(t.Context(), `UPDATE twilio_messages SET slot_at = now() - interval '1 hour'`)
	s.pool.Exec(t.Context(), `INSERT INTO twilio_senders (sender, next_at) VALUES ($1, now() + interval '1 minute')`, smsSender)
	s.retry(t)
	s.work(t)
	if n := len(s.fake.Messages()); n != 0 {
		t.Errorf("sent on a slot an hour old, with the sender's next slot a minute away")
	}
	if n := s.count(t, `SELECT count(*) FROM twilio_messages WHERE slot_at > now() + interval '50 seconds'`); n != 1 {
		t.Error("the text did not take the sender's next slot")
	}
}

func TestAutomatedLastStepEnds(t *testing.T) {
	t.Parallel()
	s := openAutomatedSite(t, 5*time.Second, "sms", `[{"channel": "sms", "wait_minutes": 0}]`)
	s.work(t)
	var at time.Time
	if err := s.pool.QueryRow(t.Context(), `SELECT scheduled_at FROM river_job WHERE kind = 'ladder_next'`).Scan(&at); err != nil {
		t.Fatalf("no closing timer on an SMS-only ladder: %v", err)
	}
	if !at.Equal(pagesNow.Add(24 * time.Hour)) {
		t.Errorf("closing timer at %s, want the rule's retry spacing (a day) after the text", at)
	}
	if err := s.svc.Advance(t.Context(), s.followUp, 0); err != nil {
		t.Fatal(err)
	}
	if s.state(t) != "unreachable" {
		t.Errorf("follow-up %s after its only step went unanswered, want unreachable", s.state(t))
	}

	// A call Twilio refuses for good moves the ladder on at once.
	v := openAutomatedSite(t, 5*time.Second, "voice", voiceLadder)
	v.fake.Fail(twiliofake.CreateCall, 1, http.StatusBadRequest)
	v.work(t)
	var ch string
	if err := v.pool.QueryRow(t.Context(), `SELECT channel FROM follow_ups WHERE id = $1`, v.followUp).Scan(&ch); err != nil || ch != "agent" {
		t.Errorf("follow-up on %s (%v) after a refused call, want agent", ch, err)
	}
	if n := v.count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'voice_failed'`, v.followUp); n != 1 {
		t.Errorf("%d failed-call attempts, want 1", n)
	}
}

func TestVoiceAttemptsAreNotTheAgents(t *testing.T) {
	t.Parallel()
	s := openAutomatedSite(t, 5*time.Second, "voice", voiceLadder)
	s.work(t)
	for i := range 3 {
		calls := s.fake.Calls()
		if len(calls) != i+1 {
			t.Fatalf("%d calls, want %d", len(calls), i+1)
		}
		call := calls[i]
		s.webhook(t, strings.TrimPrefix(call.StatusCallback, publicBase), s.fake.CallStatus(call, "no-answer", 0), s.fake.AuthToken)
		s.pool.Exec(t.Context(), `UPDATE river_job SET state = 'available' WHERE kind = 'voice_call' AND state = 'scheduled'`)
		s.work(t)
	}
	var ch string
	var count int
	if err := s.pool.QueryRow(t.Context(), `SELECT channel, attempt_count FROM follow_ups WHERE id = $1`, s.followUp).Scan(&ch, &count); err != nil {
		t.Fatal(err)
	}
	if ch != "agent" || count != 0 {
		t.Errorf("follow-up on %s with %d attempts used, want agent with all of them left", ch, count)
	}
	if n := s.count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'voice_no_answer'`, s.followUp); n != 3 {
		t.Errorf("%d unanswered calls in the history, want 3", n)
	}
}

func TestVoiceCallAfterOptOutSaysGoodbye(t *testing.T) {
	t.Parallel()
	s := openAutomatedSite(t, 5*time.Second, "voice", voiceLadder)
	s.work(t)
	call := s.fake.Calls()[0]
	_, x := s.webhookBody(t, strings.TrimPrefix(call.URL, publicBase), s.fake.CallStatus(call, "in-progress", 0), s.fake.AuthToken)
	path := gatherPath(t, x)
	// The customer texts STOP while the call rings.
	s.text(t, "STOP")
	for _, p := range []string{strings.TrimPrefix(call.URL, publicBase), path} {
		code, x := s.webhookBody(t, p, s.fake.Gather(call, "2"), s.fake.AuthToken)
		if code != http.StatusOK || strings.Contains(x, "<Gather") || !strings.Contains(x, "<Hangup") || !strings.Contains(x, i18n.T(i18n.FA, "survey.voice.goodbye")) {
			t.Errorf("%s after opt-out: %d %s, want a goodbye and hang-up", p, code, x)
		}
	}
	if n := s.count(t, `SELECT count(*) FROM twilio_gathers`); n != 0 {
		t.Errorf("%d keypad answers stored after opt-out", n)
	}
	code, x := s.webhookBody(t, "/webhooks/twilio/voice/start?f=999999", s.fake.CallStatus(call, "in-progress", 0), s.fake.AuthToken)
	if code != http.StatusOK || !strings.Contains(x, "<Hangup") {
		t.Errorf("a call for no follow-up: %d %s, want a hang-up", code, x)
	}
}

func TestSMSOneSurveyAtATime(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.work(t)
	var second int64
	if err := s.pool.QueryRow(t.Context(), `WITH sale AS (
			INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name, branch, sold_at, content_hash)
			SELECT source_id, 'S-2', customer_id, product_sku, product_name, branch, sold_at, content_hash FROM sales WHERE external_id = 'S-1'
			RETURNING id, customer_id)
		INSERT INTO follow_ups (sale_id, customer_id, due_at, state, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes)
		SELECT sale.id, sale.customer_id, $1, 'due', 'sms', f.ladder, f.script_name, f.priority, f.max_attempts, f.retry_spacing_minutes
		FROM sale, follow_ups f WHERE f.id = $2
		RETURNING id`, pagesNow, s.followUp).Scan(&second); err != nil {
		t.Fatal(err)
	}
	var snooze *rivertype.JobSnoozeError
	if err := s.svc.StartStep(t.Context(), second, 0); !errors.As(err, &snooze) {
		t.Fatalf("starting a second survey while one is open: %v, want a snooze", err)
	}
	if n := len(s.fake.Messages()); n != 1 {
		t.Errorf("%d texts, want only the first survey's", n)
	}
	// Once the first survey is answered, the second starts.
	for _, reply := range []string{"۵", "بله", "۴", "همه چیز عالی بود"} {
		s.text(t, reply)
	}
	if s.state(t) != "completed" {
		t.Fatalf("first follow-up %s, want completed", s.state(t))
	}
	if err := s.svc.StartStep(t.Context(), second, 0); err != nil {
		t.Fatalf("starting the second survey after the first: %v", err)
	}
}

func TestSMSAttemptIsTheTextSent(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.svc.Now = func() time.Time { return pagesNow.Add(10 * time.Hour) }
	s.work(t)
	if n := s.count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1`, s.followUp); n != 0 {
		t.Errorf("%d attempts before any text went out, want 0", n)
	}
	s.svc.Now = func() time.Time { return pagesNow }
	s.retry(t)
	s.work(t)
	s.text(t, "۵")
	if n := s.count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'sms_sent'`, s.followUp); n != 1 {
		t.Errorf("%d sms_sent attempts after the intro and the next question, want 1", n)
	}
}

func TestSMSLookUpSkipsAnotherRowsMessage(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t, 5*time.Second)
	s.work(t)
	intro := s.fake.Messages()[0]
	// The same text again, its request unanswered: the intro at Twilio is
	// not it, since another row holds the intro's sid.
	var id int64
	if err := s.pool.QueryRow(t.Context(), `INSERT INTO twilio_messages
		(direction, follow_up_id, customer_id, seq, kind, ladder_step, to_number, from_number, body, state, sending_at)
		SELECT 'outbound', follow_up_id, customer_id, seq + 1, kind, ladder_step, to_number, from_number, body, 'sending', now() - interval '1 minute'
		FROM twilio_messages WHERE sid = $1 RETURNING id`, intro.Sid).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if err := s.svc.SendSMS(t.Context(), id); err == nil || !strings.Contains(err.Error(), "sending again") {
		t.Errorf("look-up: %v, want not found and sent again", err)
	}
	if n := s.count(t, `SELECT count(*) FROM twilio_messages WHERE id = $1 AND state = 'pending' AND sid IS NULL`, id); n != 1 {
		t.Error("the look-up claimed another row's message")
	}
}
