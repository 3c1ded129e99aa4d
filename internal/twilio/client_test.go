package twilio_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/twilio/twilio-go/client"

	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

func TestClassify(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		err  error
		want twilio.Failure
	}{
		{"timeout", errors.New("net/http: request canceled (Client.Timeout exceeded)"), twilio.Ambiguous},
		{"500", &client.TwilioRestError{Status: http.StatusInternalServerError, Code: 20500}, twilio.Ambiguous},
		{"503 wrapped", fmt.Errorf("sending: %w", &client.TwilioRestError{Status: http.StatusServiceUnavailable}), twilio.Ambiguous},
		{"429", &client.TwilioRestError{Status: http.StatusTooManyRequests, Code: 20429}, twilio.Retry},
		{"unsubscribed", &client.TwilioRestError{Status: http.StatusBadRequest, Code: 21610}, twilio.Unsubscribed},
		{"bad number", &client.TwilioRestError{Status: http.StatusBadRequest, Code: 21211}, twilio.Permanent},
		{"auth", &client.TwilioRestError{Status: http.StatusUnauthorized, Code: 20003}, twilio.Permanent},
	} {
		if got := twilio.Classify(tc.err); got != tc.want {
			t.Errorf("%s: Classify = %d, want %d", tc.name, got, tc.want)
		}
	}
}

// TestAPIBaseURL sends through the real twilio-go client, built from a
// Config with TWILIO_API_BASE_URL, over a plain HTTP client: only the base
// URL can bring the request to the fake.
func TestAPIBaseURL(t *testing.T) {
	t.Parallel()
	fake := twiliofake.New(t, twiliofake.Options{})
	cfg, err := twilio.ParseConfig(env(map[string]string{
		"TWILIO_ACCOUNT_SID": fake.AccountSid, "TWILIO_AUTH_TOKEN": fake.AuthToken,
		"TWILIO_FROM_NUMBER": "+982191000000", "PUBLIC_BASE_URL": "https://tamas.example",
		"TWILIO_API_BASE_URL": fake.URL() + "/", "TWILIO_REGION": "ie1", "TWILIO_EDGE": "dublin",
	}))
	if err != nil {
		t.Fatal(err)
	}
	c := twilio.NewClient(cfg, &http.Client{Timeout: 5 * time.Second})
	sid, err := c.SendSMS("+989121234567", "salam", "https://tamas.example/webhooks/twilio/status?m=1")
	if err != nil {
		t.Fatalf("SendSMS through TWILIO_API_BASE_URL: %v", err)
	}
	ms := fake.Messages()
	if len(ms) != 1 || ms[0].Sid != sid || ms[0].Body != "salam" {
		t.Fatalf("the fake holds %+v, want the one message %s", ms, sid)
	}
	if sids, err := c.FindSMS("+989121234567", "salam", time.Now().Add(-time.Hour)); err != nil || len(sids) != 1 {
		t.Fatalf("FindSMS through the base URL: %v, %v", sids, err)
	}
}

// TestRegionEdge checks the host twilio-go is asked for: Twilio's own,
// with the configured edge and region.
func TestRegionEdge(t *testing.T) {
	t.Parallel()
	fake := twiliofake.New(t, twiliofake.Options{})
	var hosts []string
	rt := roundTrip(func(r *http.Request) (*http.Response, error) {
		hosts = append(hosts, r.URL.Host)
		return fake.Transport().RoundTrip(r)
	})
	cfg := twilio.Config{AccountSID: fake.AccountSid, AuthToken: fake.AuthToken, From: "+982191000000", Region: "au1", Edge: "sydney"}
	if _, err := twilio.NewClient(cfg, &http.Client{Transport: rt}).SendSMS("+989121234567", "salam", ""); err != nil {
		t.Fatal(err)
	}
	if len(hosts) != 1 || hosts[0] != "api.sydney.au1.twilio.com" {
		t.Errorf("requests went to %v, want api.sydney.au1.twilio.com", hosts)
	}
}

type roundTrip func(*http.Request) (*http.Response, error)

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
