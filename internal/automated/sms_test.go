package automated_test

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tamas-app/tamas/internal/automated/automatedtest"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/metrics/metricstest"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

func TestSMSSurveyInPersian(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	ms := s.Fake.Messages()
	if len(ms) != 1 || ms[0].To != s.Phone || ms[0].From != automatedtest.Sender {
		t.Fatalf("first message: %+v", ms)
	}
	if !strings.Contains(ms[0].Body, "مریم رضایی") || !strings.Contains(ms[0].Body, "۱") || !strings.Contains(ms[0].StatusCallback, automatedtest.PublicBase+"/webhooks/twilio/status?m=") {
		t.Errorf("intro lacks the name, Persian digits or the callback: %q, %q", ms[0].Body, ms[0].StatusCallback)
	}

	// A low rating in Persian digits, yes in Persian, an unreadable
	// reply that gets help, an optional rating, then a comment.
	text(t, s, "۲")
	text(t, s, "بله")
	text(t, s, "شاید")
	text(t, s, "٤")
	text(t, s, "لنز کمی خط دارد")
	ms = s.Fake.Messages()
	if len(ms) != 6 {
		t.Fatalf("%d messages, want intro, 3 questions, 1 help and the closing: %q", len(ms), automatedtest.Bodies(ms))
	}
	if !strings.Contains(ms[3].Body, "لطفاً") {
		t.Errorf("the unreadable reply got %q, want the help text", ms[3].Body)
	}
	if s.State(t) != "completed" {
		t.Fatalf("follow-up %s, want completed", s.State(t))
	}
	rows, err := s.Pool.Query(t.Context(), `SELECT a.question_key, a.value, r.channel FROM answers a
		JOIN responses r ON r.id = a.response_id WHERE r.follow_up_id = $1 ORDER BY a.question_key`, s.FollowUp)
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
	if n := s.Count(t, `SELECT count(*) FROM issues WHERE follow_up_id = $1`, s.FollowUp); n != 1 {
		t.Errorf("%d issues raised by the rating of 2, want 1", n)
	}
	if n := s.Count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND channel = 'sms'`, s.FollowUp); n != 2 {
		t.Errorf("%d SMS attempts in the history, want sent and completed", n)
	}
	// The day's wait passes: the answered follow-up stays answered.
	if err := s.Service.Advance(t.Context(), s.FollowUp, 0); err != nil || s.State(t) != "completed" {
		t.Errorf("advance after the answer: %v, state %s", err, s.State(t))
	}
}

func TestSMSOptOutInTheMiddle(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	// A second purchase, followed up next month.
	var second int64
	if err := s.Pool.QueryRow(t.Context(), `WITH sale AS (
			INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name, branch, sold_at, content_hash)
			SELECT source_id, 'S-2', customer_id, product_sku, product_name, branch, sold_at, content_hash FROM sales WHERE external_id = 'S-1'
			RETURNING id, customer_id)
		INSERT INTO follow_ups (sale_id, customer_id, due_at, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes)
		SELECT sale.id, sale.customer_id, $1, 'sms', f.ladder, f.script_name, f.priority, f.max_attempts, f.retry_spacing_minutes
		FROM sale, follow_ups f WHERE f.id = $2
		RETURNING id`, now.Add(30*24*time.Hour), s.FollowUp).Scan(&second); err != nil {
		t.Fatal(err)
	}
	s.Work(t)
	text(t, s, "5")
	text(t, s, "لغو")
	if s.State(t) != "opted_out" {
		t.Errorf("follow-up %s, want opted_out", s.State(t))
	}
	if n := s.Count(t, `SELECT count(*) FROM follow_ups WHERE id = $1 AND state = 'opted_out'`, second); n != 1 {
		t.Error("the customer's other pending follow-up did not end with the opt-out")
	}
	if n := s.Count(t, `SELECT count(*) FROM customers WHERE phone = $1 AND opted_out_at IS NOT NULL`, s.Phone); n != 1 {
		t.Error("the customer is not opted out")
	}
	if n := s.Count(t, `SELECT count(*) FROM responses`); n != 0 {
		t.Errorf("%d responses stored for an opted-out survey", n)
	}
	ms := s.Fake.Messages()
	if len(ms) != 3 || ms[2].Body != i18n.T(i18n.FA, "survey.sms.opted_out") {
		t.Fatalf("messages %q, want intro, second question and the opt-out confirmation", automatedtest.Bodies(ms))
	}
	// Another reply asks nothing more; START opts back in.
	text(t, s, "3")
	if len(s.Fake.Messages()) != 3 {
		t.Errorf("an opted-out customer was texted again: %q", automatedtest.Bodies(s.Fake.Messages()))
	}
	text(t, s, "START")
	if n := s.Count(t, `SELECT count(*) FROM customers WHERE phone = $1 AND opted_out_at IS NULL`, s.Phone); n != 1 {
		t.Error("START did not opt the customer back in")
	}
	if ms := s.Fake.Messages(); len(ms) != 4 || ms[3].Body != i18n.T(i18n.FA, "survey.sms.opted_in") {
		t.Errorf("messages %q, want the opt-in confirmation last", automatedtest.Bodies(ms))
	}
}

func TestSMSWebhookTwice(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	s.Work(t)
	p := text(t, s, "۵")
	if err := s.Service.InboundSMS(t.Context(), p); err != nil {
		t.Fatalf("retried webhook: %v", err)
	}
	s.Work(t)
	if n := s.Count(t, `SELECT count(*) FROM twilio_messages WHERE direction = 'inbound'`); n != 1 {
		t.Errorf("%d inbound rows, want 1", n)
	}
	var st string
	if err := s.Pool.QueryRow(t.Context(), `SELECT survey_state::text FROM follow_ups WHERE id = $1`, s.FollowUp).Scan(&st); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(st, `"next": 1`) || strings.Count(st, `"key"`) != 1 {
		t.Errorf("survey state %s, want one answer", st)
	}
	if len(s.Fake.Messages()) != 2 {
		t.Errorf("messages %q, want the intro and one question", automatedtest.Bodies(s.Fake.Messages()))
	}
}

func TestSMSTwilio500Then201(t *testing.T) {
	t.Parallel()
	m := metrics.New(metrics.Opts{})
	s := open(t, automatedtest.Opts{Metrics: m})
	s.Fake.Fail(twiliofake.CreateMessage, 1, http.StatusInternalServerError)
	if errs := s.Work(t); len(errs) != 1 {
		t.Fatalf("errors %v, want the 500", errs)
	}
	// Ambiguous: the retry looks the message up first (after the look-up
	// delay), finds nothing, and sends it on the retry after.
	for range 3 {
		s.Pool.Exec(t.Context(), `UPDATE twilio_messages SET sending_at = sending_at - interval '1 minute'`)
		s.Retry(t)
		s.Work(t)
	}
	if n := len(s.Fake.Messages()); n != 1 {
		t.Fatalf("%d messages, want exactly 1", n)
	}
	if n := len(s.Fake.RequestsTo(twiliofake.ListMessages)); n != 1 {
		t.Errorf("%d look-ups, want 1 before resending after a 500", n)
	}
	if n := s.Count(t, `SELECT count(*) FROM twilio_messages WHERE state = 'sent' AND sid IS NOT NULL`); n != 1 {
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
	m := metrics.New(metrics.Opts{})
	s := open(t, automatedtest.Opts{Metrics: m})
	s.Fake.Fail(twiliofake.CreateMessage, 1, http.StatusBadRequest)
	s.Work(t)
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
	s := open(t, automatedtest.Opts{Timeout: 300 * time.Millisecond})
	s.Fake.Hang(twiliofake.CreateMessage, 1)
	if errs := s.Work(t); len(errs) != 1 {
		t.Fatalf("errors %v, want the timeout", errs)
	}
	// Too soon to look up: snoozed, nothing sent.
	s.Retry(t)
	s.Work(t)
	if n := len(s.Fake.RequestsTo(twiliofake.ListMessages)); n != 0 {
		t.Errorf("looked up %d times before the look-up delay", n)
	}
	s.Pool.Exec(t.Context(), `UPDATE twilio_messages SET sending_at = sending_at - interval '1 minute'`)
	s.Retry(t)
	if errs := s.Work(t); len(errs) != 0 {
		t.Fatal(errs)
	}
	if n := len(s.Fake.Messages()); n != 1 {
		t.Fatalf("%d messages, want 1: the look-up found the accepted one", n)
	}
	if n := len(s.Fake.RequestsTo(twiliofake.CreateMessage)); n != 1 {
		t.Errorf("%d create requests, want 1", n)
	}
	if n := s.Count(t, `SELECT count(*) FROM twilio_messages WHERE state = 'sent' AND sid = $1`, s.Fake.Messages()[0].Sid); n != 1 {
		t.Error("the found message's sid was not stored")
	}
}

func TestSMSUnansweredGoesToAgents(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	s.Work(t)
	if n := s.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'ladder_next'`); n != 1 {
		t.Fatalf("%d ladder jobs, want 1", n)
	}
	if err := s.Service.Advance(t.Context(), s.FollowUp, 0); err != nil {
		t.Fatal(err)
	}
	var st, ch string
	if err := s.Pool.QueryRow(t.Context(), `SELECT state, channel FROM follow_ups WHERE id = $1`, s.FollowUp).Scan(&st, &ch); err != nil {
		t.Fatal(err)
	}
	if st != "due" || ch != "agent" {
		t.Errorf("follow-up %s on %s, want due for an agent", st, ch)
	}
	// A late reply no longer reaches the survey.
	text(t, s, "5")
	if len(s.Fake.Messages()) != 1 {
		t.Errorf("a reply after the SMS step got %q", automatedtest.Bodies(s.Fake.Messages()))
	}
	if n := s.Count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'sms_no_answer'`, s.FollowUp); n != 1 {
		t.Errorf("%d no-answer attempts, want 1", n)
	}
}

func TestSMSWaitsForTheCallingWindow(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	// 22:30 in Tehran: the survey is started but its text waits.
	s.SetNow(now.Add(10 * time.Hour))
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	if n := len(s.Fake.Messages()); n != 0 {
		t.Fatalf("%d messages sent outside the calling window", n)
	}
	if n := s.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'sms_send' AND state = 'scheduled'`); n != 1 {
		t.Errorf("%d snoozed sends, want 1", n)
	}
	s.SetNow(now)
	s.Retry(t)
	s.Work(t)
	if n := len(s.Fake.Messages()); n != 1 {
		t.Errorf("%d messages once the window opened, want 1", n)
	}
}

func TestSMSSurveyTextAfterItsStepIsNotSent(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	// 22:30 in Tehran: the first text waits for the window, and so does the
	// step's wait, which starts when the text goes out.
	s.SetNow(now.Add(10 * time.Hour))
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	if n := s.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'ladder_next'`); n != 0 {
		t.Errorf("%d ladder waits started before the text was sent, want 0", n)
	}
	// Meanwhile the follow-up moved on to the agents.
	if err := s.Service.Advance(t.Context(), s.FollowUp, 0); err != nil {
		t.Fatal(err)
	}
	s.SetNow(now)
	s.Retry(t)
	s.Work(t)
	if n := len(s.Fake.Messages()); n != 0 {
		t.Errorf("%q sent after the follow-up left its SMS step", automatedtest.Bodies(s.Fake.Messages()))
	}
	if n := s.Count(t, `SELECT count(*) FROM twilio_messages WHERE state = 'cancelled'`); n != 1 {
		t.Errorf("%d cancelled texts, want 1", n)
	}
}

func TestSMSStepWaitStartsWhenSent(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	s.SetNow(now.Add(10 * time.Hour))
	s.Work(t)
	sentAt := now.Add(time.Hour)
	s.SetNow(sentAt)
	s.Retry(t)
	s.Work(t)
	if len(s.Fake.Messages()) != 1 {
		t.Fatalf("%d messages once the window opened, want 1", len(s.Fake.Messages()))
	}
	var at time.Time
	if err := s.Pool.QueryRow(t.Context(), `SELECT scheduled_at FROM river_job WHERE kind = 'ladder_next'`).Scan(&at); err != nil {
		t.Fatal(err)
	}
	if !at.Equal(sentAt.Add(24 * time.Hour)) {
		t.Errorf("next step at %s, want a day after the text was sent (%s)", at, sentAt)
	}
	// The reply and the next question do not start another wait.
	text(t, s, "۵")
	if n := s.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'ladder_next'`); n != 1 {
		t.Errorf("%d ladder waits, want 1", n)
	}
}

func TestSMSRateSlotIsNotKeptStale(t *testing.T) {
	t.Parallel()
	s := open(t, automatedtest.Opts{PerSecond: 1})
	s.SetNow(now.Add(10 * time.Hour))
	// A slot taken before the window closed is given back while the text
	// waits for the window.
	s.Work(t)
	s.Pool.Exec(t.Context(), `UPDATE twilio_messages SET slot_at = now() - interval '1 hour'`)
	s.Retry(t)
	s.Work(t)
	if n := s.Count(t, `SELECT count(*) FROM twilio_messages WHERE slot_at IS NOT NULL`); n != 0 {
		t.Errorf("%d texts keep a slot while they wait for the window", n)
	}
	// A slot long past when the job wakes is taken again, not reused.
	s.SetNow(now)
	s.Pool.Exec(t.Context(), `UPDATE twilio_messages SET slot_at = now() - interval '1 hour'`)
	s.Pool.Exec(t.Context(), `INSERT INTO twilio_senders (sender, next_at) VALUES ($1, now() + interval '1 minute')`, automatedtest.Sender)
	s.Retry(t)
	s.Work(t)
	if n := len(s.Fake.Messages()); n != 0 {
		t.Errorf("sent on a slot an hour old, with the sender's next slot a minute away")
	}
	if n := s.Count(t, `SELECT count(*) FROM twilio_messages WHERE slot_at > now() + interval '50 seconds'`); n != 1 {
		t.Error("the text did not take the sender's next slot")
	}
}

func TestSMSOneSurveyAtATime(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	s.Work(t)
	var second int64
	if err := s.Pool.QueryRow(t.Context(), `WITH sale AS (
			INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name, branch, sold_at, content_hash)
			SELECT source_id, 'S-2', customer_id, product_sku, product_name, branch, sold_at, content_hash FROM sales WHERE external_id = 'S-1'
			RETURNING id, customer_id)
		INSERT INTO follow_ups (sale_id, customer_id, due_at, state, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes)
		SELECT sale.id, sale.customer_id, $1, 'due', 'sms', f.ladder, f.script_name, f.priority, f.max_attempts, f.retry_spacing_minutes
		FROM sale, follow_ups f WHERE f.id = $2
		RETURNING id`, now, s.FollowUp).Scan(&second); err != nil {
		t.Fatal(err)
	}
	var snooze *rivertype.JobSnoozeError
	if err := s.Service.StartStep(t.Context(), second, 0); !errors.As(err, &snooze) {
		t.Fatalf("starting a second survey while one is open: %v, want a snooze", err)
	}
	if n := len(s.Fake.Messages()); n != 1 {
		t.Errorf("%d texts, want only the first survey's", n)
	}
	// Once the first survey is answered, the second starts.
	for _, reply := range []string{"۵", "بله", "۴", "همه چیز عالی بود"} {
		text(t, s, reply)
	}
	if s.State(t) != "completed" {
		t.Fatalf("first follow-up %s, want completed", s.State(t))
	}
	if err := s.Service.StartStep(t.Context(), second, 0); err != nil {
		t.Fatalf("starting the second survey after the first: %v", err)
	}
}

func TestSMSAttemptIsTheTextSent(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	s.SetNow(now.Add(10 * time.Hour))
	s.Work(t)
	if n := s.Count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1`, s.FollowUp); n != 0 {
		t.Errorf("%d attempts before any text went out, want 0", n)
	}
	s.SetNow(now)
	s.Retry(t)
	s.Work(t)
	text(t, s, "۵")
	if n := s.Count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'sms_sent'`, s.FollowUp); n != 1 {
		t.Errorf("%d sms_sent attempts after the intro and the next question, want 1", n)
	}
}

func TestSMSLookUpSkipsAnotherRowsMessage(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	s.Work(t)
	intro := s.Fake.Messages()[0]
	// The same text again, its request unanswered: the intro at Twilio is
	// not it, since another row holds the intro's sid.
	var id int64
	if err := s.Pool.QueryRow(t.Context(), `INSERT INTO twilio_messages
		(direction, follow_up_id, customer_id, seq, kind, ladder_step, to_number, from_number, body, state, sending_at)
		SELECT 'outbound', follow_up_id, customer_id, seq + 1, kind, ladder_step, to_number, from_number, body, 'sending', now() - interval '1 minute'
		FROM twilio_messages WHERE sid = $1 RETURNING id`, intro.Sid).Scan(&id); err != nil {
		t.Fatal(err)
	}
	if err := s.Service.SendSMS(t.Context(), id); err == nil || !strings.Contains(err.Error(), "sending again") {
		t.Errorf("look-up: %v, want not found and sent again", err)
	}
	if n := s.Count(t, `SELECT count(*) FROM twilio_messages WHERE id = $1 AND state = 'pending' AND sid IS NULL`, id); n != 1 {
		t.Error("the look-up claimed another row's message")
	}
}
