package automated_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/automated/automatedtest"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// now is when every test starts: a Tuesday morning in Tehran, inside the
// calling window.
var now = apptest.Now

// open is a site starting at now.
func open(t *testing.T, o automatedtest.Opts) *automatedtest.Site {
	t.Helper()
	o.Now = now
	return automatedtest.Open(t, o)
}

// openSMS is a site whose follow-up starts with an SMS survey and, a day
// later without an answer, goes to the agent queue.
func openSMS(t *testing.T) *automatedtest.Site {
	t.Helper()
	return open(t, automatedtest.Opts{})
}

// text is the customer texting body, handed over as Twilio's webhook
// does, and the jobs it queued worked.
func text(t *testing.T, s *automatedtest.Site, body string) url.Values {
	t.Helper()
	p := s.Fake.InboundSMS(s.Phone, automatedtest.Sender, body)
	if err := s.Service.InboundSMS(t.Context(), p); err != nil {
		t.Fatalf("inbound %q: %v", body, err)
	}
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatalf("jobs after %q: %v", body, errs)
	}
	return p
}

// callback hands form to the service as the webhook at rawURL, a URL tamas
// gave Twilio (a status callback, a call's start or a keypad gather),
// does, and returns the TwiML.
func callback(t *testing.T, s *automatedtest.Site, rawURL string, form url.Values) (string, error) {
	t.Helper()
	u, err := url.Parse(rawURL)
	if err != nil || !strings.HasPrefix(rawURL, automatedtest.PublicBase) {
		t.Fatalf("callback %q is not on the public URL", rawURL)
	}
	q := u.Query()
	switch u.Path {
	case "/webhooks/twilio/status":
		if m := q.Get("m"); m != "" {
			return "", s.Service.MessageStatus(t.Context(), m, form)
		}
		return "", s.Service.CallStatus(t.Context(), q.Get("c"), form)
	case "/webhooks/twilio/voice/start":
		return s.Service.VoiceStart(t.Context(), atoi(t, q.Get("f")))
	case "/webhooks/twilio/voice/gather":
		return s.Service.VoiceGather(t.Context(), atoi(t, q.Get("f")), int(atoi(t, q.Get("step"))), form)
	}
	t.Fatalf("no webhook at %s", rawURL)
	return "", nil
}

func atoi(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return n
}
