package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/automated/automatedtest"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

// smsSite is tamas's web server with Twilio configured against the fake,
// over an automatedtest site: one Persian customer whose follow-up starts
// with an SMS survey and, a day later without an answer, goes to the agent
// queue. What the automated channels do is tested in internal/automated;
// here, what their webhooks and pages answer.
type smsSite struct{ *automatedtest.Site }

func openSMSSite(t *testing.T) *smsSite {
	t.Helper()
	return openAutomatedSite(t, automatedtest.Opts{})
}

// openAutomatedSite is smsSite with the ladder o names.
func openAutomatedSite(t *testing.T, o automatedtest.Opts) *smsSite {
	t.Helper()
	o.Now, o.Serve = pagesNow, true
	return &smsSite{automatedtest.Open(t, o)}
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
	signed := twiliofake.SignedRequest(token, automatedtest.PublicBase+path, params)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL+path, strings.NewReader(params.Encode()))
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
	p := s.Fake.InboundSMS(s.Phone, automatedtest.Sender, body)
	if code := s.webhook(t, "/webhooks/twilio/sms", p, s.Fake.AuthToken); code != http.StatusOK {
		t.Fatalf("inbound %q: status %d", body, code)
	}
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatalf("jobs after %q: %v", body, errs)
	}
	return p
}

// gatherPath is the path of the action URL of the TwiML's first Gather.
func gatherPath(t *testing.T, twiml string) string {
	t.Helper()
	return strings.TrimPrefix(automatedtest.GatherURL(t, twiml), automatedtest.PublicBase)
}

func TestSMSWebhookSignature(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t)
	s.Work(t)
	p := s.Fake.InboundSMS(s.Phone, automatedtest.Sender, "5")
	if code := s.webhook(t, "/webhooks/twilio/sms", p, "wrongtoken0000000000000000000000"); code != http.StatusForbidden {
		t.Errorf("wrong signature: status %d, want 403", code)
	}
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL+"/webhooks/twilio/sms", strings.NewReader(p.Encode()))
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
	forged := s.Fake.InboundSMS(s.Phone, automatedtest.Sender, "1")
	signed := twiliofake.SignedRequest(s.Fake.AuthToken, automatedtest.PublicBase+"/webhooks/twilio/sms", p)
	req, _ = http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL+"/webhooks/twilio/sms", strings.NewReader(forged.Encode()))
	req.Header = signed.Header.Clone()
	if resp, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("tampered body: status %d, want 403", resp.StatusCode)
	}
	if n := s.Count(t, `SELECT count(*) FROM twilio_messages WHERE direction = 'inbound'`); n != 0 {
		t.Errorf("%d inbound texts stored from refused webhooks", n)
	}
	if len(s.Fake.Messages()) != 1 {
		t.Errorf("refused webhooks sent messages: %q", automatedtest.Bodies(s.Fake.Messages()))
	}
}

func TestSMSStatusCallback(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t)
	s.Work(t)
	m := s.Fake.Messages()[0]
	path := strings.TrimPrefix(m.StatusCallback, automatedtest.PublicBase)
	for _, st := range []string{"sent", "delivered", "sent", "delivered"} {
		if code := s.webhook(t, path, s.Fake.MessageStatus(m, st), s.Fake.AuthToken); code != http.StatusOK {
			t.Fatalf("status %s: %d", st, code)
		}
	}
	var status string
	if err := s.Pool.QueryRow(t.Context(), `SELECT status FROM twilio_messages WHERE sid = $1`, m.Sid).Scan(&status); err != nil {
		t.Fatal(err)
	}
	if status != "delivered" {
		t.Errorf("status %q, want delivered (never back to sent)", status)
	}
	if code := s.webhook(t, path, s.Fake.MessageStatus(m, "failed"), "wrongtoken0000000000000000000000"); code != http.StatusForbidden {
		t.Errorf("unsigned status callback: %d, want 403", code)
	}
}

func TestAutomatedPage(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t)
	s.Work(t)
	s.text(t, "۵")
	m := s.Fake.Messages()[0]
	s.webhook(t, strings.TrimPrefix(m.StatusCallback, automatedtest.PublicBase), s.Fake.MessageStatus(m, "delivered"), s.Fake.AuthToken)
	pages := &site{App: s.App}
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
	s := openSMSSite(t)
	pages := &site{App: s.App}
	pages.addUser(t, "sima", "supervisor", "en", "UTC")
	v := pages.signedIn(t, "sima")
	r := v.get(t, "/rules")
	r.wantStatus(t, "GET /rules", http.StatusOK)
	for _, want := range []string{`<option value="sms" selected>SMS survey</option>`, `name="channel2"`, `data-testid="channels-ladder"`, `data-testid="sms-count-fa"`, `<strong data-sms="segments">2</strong>`, `<bdi data-sms="encoding">UCS-2</bdi>`} {
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
	if err := s.Pool.QueryRow(t.Context(), `SELECT channel, ladder::text FROM followup_rules WHERE category = ''`).Scan(&channel, &ladder); err != nil {
		t.Fatal(err)
	}
	if channel != "sms" || ladder != `[{"channel": "sms", "wait_minutes": 1440}, {"channel": "voice", "wait_minutes": 2880}, {"channel": "agent", "wait_minutes": 0}]` {
		t.Errorf("stored %s %s", channel, ladder)
	}
	if n := s.Count(t, `SELECT count(*) FROM audit_log WHERE entity = 'rule' AND after->'ladder' IS NOT NULL`); n != 1 {
		t.Errorf("%d audited ladder changes, want 1", n)
	}
	r = v.get(t, "/rules")
	if !strings.Contains(r.body, "after 24 h without an answer Voice survey") {
		t.Error("the change list does not show the new ladder")
	}
	// The follow-up scheduled before keeps its own ladder.
	var fl string
	if err := s.Pool.QueryRow(t.Context(), `SELECT ladder::text FROM follow_ups WHERE id = $1`, s.FollowUp).Scan(&fl); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(fl, "voice") {
		t.Errorf("a scheduled follow-up's ladder changed with its rule: %s", fl)
	}
}

// TestVoiceWebhooks follows a call through its webhooks: the start and a
// gather answer TwiML, the status callback is taken, and a call for no
// follow-up just hangs up.
func TestVoiceWebhooks(t *testing.T) {
	t.Parallel()
	s := openAutomatedSite(t, automatedtest.Opts{First: "voice", Ladder: automatedtest.VoiceLadder})
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	call := s.Fake.Calls()[0]
	code, x := s.webhookBody(t, strings.TrimPrefix(call.URL, automatedtest.PublicBase), s.Fake.CallStatus(call, "in-progress", 0), s.Fake.AuthToken)
	if code != http.StatusOK || !strings.Contains(x, "<Gather") {
		t.Fatalf("start: %d %s", code, x)
	}
	code, x = s.webhookBody(t, gatherPath(t, x), s.Fake.Gather(call, "2"), s.Fake.AuthToken)
	if code != http.StatusOK || !strings.Contains(gatherPath(t, x), "step=1") {
		t.Fatalf("gather: %d %s, want the second question", code, x)
	}
	if code := s.webhook(t, strings.TrimPrefix(call.StatusCallback, automatedtest.PublicBase), s.Fake.CallStatus(call, "completed", 20), s.Fake.AuthToken); code != http.StatusOK {
		t.Fatalf("status: %d", code)
	}
	if n := s.Count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'voice_no_answer'`, s.FollowUp); n != 1 {
		t.Errorf("%d unanswered calls after the call ended mid-survey, want 1", n)
	}
	code, x = s.webhookBody(t, "/webhooks/twilio/voice/start?f=999999", s.Fake.CallStatus(call, "in-progress", 0), s.Fake.AuthToken)
	if code != http.StatusOK || !strings.Contains(x, "<Hangup") {
		t.Errorf("a call for no follow-up: %d %s, want a hang-up", code, x)
	}
}
