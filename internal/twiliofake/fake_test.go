package twiliofake

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"
	api "github.com/twilio/twilio-go/rest/api/v2010"
)

// clock is a settable time for the fake, so list filters are tested on
// known creation times without sleeping.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func setup(t *testing.T) (*Server, *clock) {
	t.Helper()
	c := &clock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)}
	return New(t, Options{Now: c.now}), c
}

func send(t *testing.T, s *Server, to, body, callback string) *api.ApiV2010Message {
	t.Helper()
	p := (&api.CreateMessageParams{}).SetTo(to).SetFrom("+15005550006").SetBody(body)
	if callback != "" {
		p.SetStatusCallback(callback)
	}
	m, err := s.Client(5 * time.Second).Api.CreateMessage(p)
	if err != nil {
		t.Fatalf("sending to %s: %v", to, err)
	}
	return m
}

func TestSendAndFetchMessage(t *testing.T) {
	t.Parallel()
	s, _ := setup(t)
	body := "به‌طور کلی از ۱ تا ۵ چقدر از خریدتان راضی هستید؟"
	m := send(t, s, "+989121234567", body, "https://tamas.example/webhooks/twilio/sms/status?intent=7")

	if m.Sid == nil || !strings.HasPrefix(*m.Sid, "SM") || len(*m.Sid) != 34 {
		t.Fatalf("sid %v, want SM and 32 hex digits", m.Sid)
	}
	if *m.Status != "queued" || *m.To != "+989121234567" || *m.From != "+15005550006" || *m.Body != body {
		t.Errorf("created message %+v", m)
	}
	if *m.DateCreated != "Mon, 23 Nov 2026 10:00:00 +0000" || *m.NumSegments != "1" {
		t.Errorf("date_created %q, num_segments %q", *m.DateCreated, *m.NumSegments)
	}

	got, err := s.Client(5*time.Second).Api.FetchMessage(*m.Sid, &api.FetchMessageParams{})
	if err != nil {
		t.Fatal(err)
	}
	if *got.Sid != *m.Sid || *got.Body != body {
		t.Errorf("fetched %+v, want the message sent", got)
	}

	reqs := s.Requests()
	if len(reqs) != 2 || reqs[0].Op != CreateMessage || reqs[1].Op != FetchMessage {
		t.Fatalf("requests %+v", reqs)
	}
	if f := reqs[0].Form; f.Get("Body") != body || f.Get("StatusCallback") != "https://tamas.example/webhooks/twilio/sms/status?intent=7" || reqs[0].Status != http.StatusCreated {
		t.Errorf("recorded create %+v", reqs[0])
	}
	if ms := s.Messages(); len(ms) != 1 || ms[0].StatusCallback != "https://tamas.example/webhooks/twilio/sms/status?intent=7" {
		t.Errorf("stored %+v", ms)
	}

	if _, err := s.Client(5*time.Second).Api.FetchMessage("SM"+strings.Repeat("f", 32), nil); !isStatus(err, 404, 20404) {
		t.Errorf("fetching an unknown message: %v, want Twilio's 404", err)
	}
}

func TestListMessagesFindsWhatWasSent(t *testing.T) {
	t.Parallel()
	s, clk := setup(t)
	sent := func(to, body string) *api.ApiV2010Message {
		m := send(t, s, to, body, "")
		s.SetMessageStatus(*m.Sid, "sent")
		return m
	}
	sent("+989121234567", "first")
	clk.advance(time.Hour)
	intent := clk.now()
	sent("+447911123456", "other customer")
	second := sent("+989121234567", "second")
	clk.advance(time.Minute)
	third := sent("+989121234567", "third")
	// Queued, not sent: Twilio's date filters leave it out, as they do a
	// message a request timed out on.
	queued := send(t, s, "+989121234567", "queued", "")

	c := s.Client(5 * time.Second)
	p := (&api.ListMessageParams{}).SetTo("+989121234567").SetDateSentAfter(intent)
	got, err := c.Api.ListMessage(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || *got[0].Sid != *third.Sid || *got[1].Sid != *second.Sid {
		t.Errorf("listed %d messages, want third then second", len(got))
	}
	if got[0].DateSent == nil || queued.DateSent != nil {
		t.Errorf("date_sent %v on a sent message, %v on a queued one", got[0].DateSent, queued.DateSent)
	}

	// Paging: the client follows next_page_uri through the transport.
	all, err := c.Api.ListMessage((&api.ListMessageParams{}).SetTo("+989121234567").SetPageSize(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 || *all[3].Body != "first" {
		t.Errorf("paged list has %d messages, want 4 ending with the first", len(all))
	}
	if n := len(s.RequestsTo(ListMessages)); n != 5 {
		t.Errorf("%d list requests, want 1 + 4 pages", n)
	}

	day, err := c.Api.ListMessage((&api.ListMessageParams{}).SetDateSent(intent).SetFrom("+15005550006"))
	if err != nil || len(day) != 4 {
		t.Errorf("by day: %d messages, %v; want 4", len(day), err)
	}
}

func TestFailuresAreScripted(t *testing.T) {
	t.Parallel()
	for _, status := range []int{http.StatusInternalServerError, http.StatusTooManyRequests} {
		s, _ := setup(t)
		s.Fail(CreateMessage, 2, status)
		c := s.Client(5 * time.Second)
		p := (&api.CreateMessageParams{}).SetTo("+989121234567").SetFrom("+15005550006").SetBody("hi")
		for i := range 2 {
			if _, err := c.Api.CreateMessage(p); !isStatus(err, status, 20000+status) {
				t.Errorf("attempt %d: %v, want Twilio error %d", i+1, err, status)
			}
		}
		if _, err := c.Api.CreateMessage(p); err != nil {
			t.Errorf("third attempt: %v", err)
		}
		if n := len(s.Messages()); n != 1 {
			t.Errorf("%d: %d messages sent, want exactly 1", status, n)
		}
		if n := len(s.RequestsTo(CreateMessage)); n != 3 {
			t.Errorf("%d: %d create requests, want 3", status, n)
		}
	}
}

func TestHangAfterAccepting(t *testing.T) {
	t.Parallel()
	s, _ := setup(t)
	s.Hang(CreateMessage, 1)
	p := (&api.CreateMessageParams{}).SetTo("+989121234567").SetFrom("+15005550006").
		SetBody("hi").SetStatusCallback("https://tamas.example/webhooks/twilio/sms/status?intent=9")
	// The fake holds the answer until the client gives up: the timeout is
	// what ends the request, not a guess at how long anything takes.
	_, err := s.Client(time.Second).Api.CreateMessage(p)
	var netErr interface{ Timeout() bool }
	if !errors.As(err, &netErr) || !netErr.Timeout() {
		t.Fatalf("create: %v, want a client timeout", err)
	}
	// Twilio accepted it all the same, and a lookup finds it.
	ms := s.Messages()
	if len(ms) != 1 || ms[0].StatusCallback != "https://tamas.example/webhooks/twilio/sms/status?intent=9" {
		t.Fatalf("stored %+v, want the accepted message", ms)
	}
	found, err := s.Client(5 * time.Second).Api.ListMessage((&api.ListMessageParams{}).SetTo("+989121234567"))
	if err != nil || len(found) != 1 || *found[0].Sid != ms[0].Sid {
		t.Errorf("lookup after the timeout: %v, %v", found, err)
	}
	if r := s.RequestsTo(CreateMessage); len(r) != 1 || r[0].Status != 0 {
		t.Errorf("create requests %+v, want one never answered", r)
	}
}

func TestCalls(t *testing.T) {
	t.Parallel()
	s, clk := setup(t)
	c := s.Client(5 * time.Second)
	p := (&api.CreateCallParams{}).SetTo("+989121234567").SetFrom("+15005550006").
		SetUrl("https://tamas.example/webhooks/twilio/voice/start?f=42").
		SetStatusCallback("https://tamas.example/webhooks/twilio/voice/status?f=42")
	call, err := c.Api.CreateCall(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(*call.Sid, "CA") || *call.Status != "queued" || *call.To != "+989121234567" || *call.DateCreated == "" {
		t.Errorf("created call %+v", call)
	}
	if !s.SetCallStatus(*call.Sid, "no-answer") {
		t.Fatal("SetCallStatus found no call")
	}
	got, err := c.Api.FetchCall(*call.Sid, nil)
	if err != nil || *got.Status != "no-answer" {
		t.Errorf("fetched %+v, %v; want status no-answer", got, err)
	}
	if cs := s.Calls(); len(cs) != 1 || cs[0].URL != "https://tamas.example/webhooks/twilio/voice/start?f=42" {
		t.Errorf("stored calls %+v", cs)
	}
	listed, err := c.Api.ListCall((&api.ListCallParams{}).SetTo("+989121234567"))
	if err != nil || len(listed) != 1 || *listed[0].Sid != *call.Sid || listed[0].StartTime != nil {
		t.Errorf("listing calls: %v, %v; want the call, never started", listed, err)
	}
	if started, err := c.Api.ListCall((&api.ListCallParams{}).SetTo("+989121234567").SetStartTimeAfter(clk.now().Add(-time.Minute))); err != nil || len(started) != 0 {
		t.Errorf("listing started calls: %v, %v; want none, it was not answered", started, err)
	}
	if busy, err := c.Api.ListCall((&api.ListCallParams{}).SetStatus("busy")); err != nil || len(busy) != 0 {
		t.Errorf("listing busy calls: %v, %v; want none", busy, err)
	}
	if _, err := c.Api.CreateCall((&api.CreateCallParams{}).SetTo("+989121234567").SetFrom("+15005550006")); !isStatus(err, 400, 21205) {
		t.Errorf("call without TwiML: %v, want 21205", err)
	}
}

func TestRefusals(t *testing.T) {
	t.Parallel()
	s, _ := setup(t)
	other := New(t, Options{AuthToken: "someoneelsestoken000000000000000"})
	wrong := other.Client(5 * time.Second)
	// The other fake's client, redirected here: right account, wrong token.
	wrong.Client.(*client.Client).HTTPClient = s.HTTPClient(5 * time.Second)
	p := (&api.CreateMessageParams{}).SetTo("+989121234567").SetFrom("+15005550006").SetBody("hi")
	if _, err := wrong.Api.CreateMessage(p); !isStatus(err, 401, 20003) {
		t.Errorf("wrong token: %v, want 401", err)
	}

	s.OptOut("+989121234567")
	if _, err := s.Client(5 * time.Second).Api.CreateMessage(p); !isStatus(err, 400, 21610) {
		t.Errorf("opted-out number: %v, want 21610", err)
	}
	if _, err := s.Client(5 * time.Second).Api.CreateMessage((&api.CreateMessageParams{}).SetFrom("+15005550006").SetBody("hi")); !isStatus(err, 400, 21604) {
		t.Errorf("no To: %v, want 21604", err)
	}
	if len(s.Messages()) != 0 {
		t.Errorf("refused messages were stored: %+v", s.Messages())
	}

	resp, err := s.HTTPClient(5 * time.Second).Get("https://example.com/")
	if err == nil {
		resp.Body.Close()
		t.Error("the transport let a request through to another host")
	}
}

func isStatus(err error, status, code int) bool {
	var te *client.TwilioRestError
	return errors.As(err, &te) && te.Status == status && te.Code == code
}

func TestSignatureValidatesWithTwilioGo(t *testing.T) {
	t.Parallel()
	const token = "f4ketok3n0000000000000000000000a"
	u := "https://tamas.example/webhooks/twilio/sms"
	params := url.Values{
		"MessageSid": {"SM" + strings.Repeat("1", 32)},
		"From":       {"+989121234567"},
		"To":         {"+15005550006"},
		"Body":       {"۴ — خیلی خوب"},
	}
	v := client.NewRequestValidator(token)
	first := func(vs url.Values) map[string]string {
		m := map[string]string{}
		for k := range vs {
			m[k] = vs.Get(k)
		}
		return m
	}
	sig := Sign(token, u, params)
	if !v.Validate(u, first(params), sig) {
		t.Fatal("twilio-go refuses the signature")
	}

	tampered := url.Values{}
	for k, vs := range params {
		tampered[k] = vs
	}
	tampered.Set("Body", "۱")
	if v.Validate(u, first(tampered), sig) {
		t.Error("a tampered Body still validates")
	}
	if v.Validate(u+"?step=2", first(params), sig) {
		t.Error("another URL still validates")
	}
	if bad := client.NewRequestValidator("another0token000000000000000000b"); bad.Validate(u, first(params), sig) {
		t.Error("another token validates")
	}

	// Twilio's own documented example.
	doc := url.Values{"Digits": {"1234"}, "CallSid": {"CA1234567890ABCDE"}, "To": {"+18005551212"},
		"Caller": {"+14158675309"}, "From": {"+14158675309"}, "ReasonConferenceEnded": {"test"}, "Reason": {"Participant"}}
	if got := Sign("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", doc); got != "vOEb5UThFn24KEfnOFLQY2AE5FY=" {
		t.Errorf("known vector signed as %s", got)
	}
}

func TestSignedRequest(t *testing.T) {
	t.Parallel()
	s, _ := setup(t)
	sms := s.InboundSMS("+989121234567", "+15005550006", "۴")
	call := Call{Sid: "CA" + strings.Repeat("2", 32), To: "+989121234567", From: "+15005550006"}
	for _, tc := range []struct {
		url    string
		params url.Values
	}{
		{"https://tamas.example/webhooks/twilio/sms", sms},
		{"https://tamas.example/webhooks/twilio/voice/gather?f=42&step=1", s.Gather(call, "4")},
		{"https://tamas.example/webhooks/twilio/voice/status?f=42", s.CallStatus(call, "completed", 61)},
		{"https://tamas.example/webhooks/twilio/sms/status", s.MessageStatus(Message{Sid: sms.Get("MessageSid")}, "delivered")},
	} {
		var form url.Values
		var ok bool
		h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if err := r.ParseForm(); err != nil {
				t.Error(err)
			}
			form = r.PostForm
			params := map[string]string{}
			for k := range r.PostForm {
				params[k] = r.PostForm.Get(k)
			}
			v := client.NewRequestValidator(s.AuthToken)
			ok = v.Validate(tc.url, params, r.Header.Get("X-Twilio-Signature"))
		})
		h.ServeHTTP(httptest.NewRecorder(), SignedRequest(s.AuthToken, tc.url, tc.params))
		if !ok {
			t.Errorf("%s: a handler validating with twilio-go refuses SignedRequest", tc.url)
		}
		if form.Get("AccountSid") != s.AccountSid {
			t.Errorf("%s: posted %v", tc.url, form)
		}
	}
	if sms.Get("Body") != "۴" || s.InboundSMS("+989121234567", "+15005550006", "۴").Get("MessageSid") == sms.Get("MessageSid") {
		t.Errorf("inbound SMS %v: body lost or MessageSid reused", sms)
	}
}
