package webhooks_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/webhooks"
)

const (
	secret = "whsec_test_secret_0123456789"
	body   = `{"id":"evt_1","type":"webhook.test"}`
	// vector is HMAC-SHA256(secret, "1764000000." + body), computed with
	// openssl dgst -sha256 -hmac, so it does not come from the code it tests.
	vector = "v1=3b22a4fda0fbb976f0c86941c8723f83be81d41c5203972e953c67d168c1ff18"
)

var at = time.Unix(1764000000, 0)

func TestSignKnownVector(t *testing.T) {
	if got := webhooks.Sign(secret, at.Unix(), []byte(body)); got != vector {
		t.Errorf("Sign = %s, want %s", got, vector)
	}
}

func TestVerify(t *testing.T) {
	tolerance := 5 * time.Minute
	for _, tc := range []struct {
		name            string
		secret, ts, sig string
		body            string
		now             time.Time
		want            error
	}{
		{"known vector", secret, "1764000000", vector, body, at, nil},
		{"clock a little ahead", secret, "1764000000", vector, body, at.Add(4 * time.Minute), nil},
		{"clock a little behind", secret, "1764000000", vector, body, at.Add(-4 * time.Minute), nil},
		{"one of two secrets", secret, "1764000000", "v1=00ff, " + vector, body, at, nil},
		{"tampered body", secret, "1764000000", vector, strings.Replace(body, "test", "tset", 1), at, webhooks.ErrBadSignature},
		{"wrong secret", "whsec_another_secret_98765", "1764000000", vector, body, at, webhooks.ErrBadSignature},
		{"timestamp changed", secret, "1764000001", vector, body, at, webhooks.ErrBadSignature},
		{"stale", secret, "1764000000", vector, body, at.Add(6 * time.Minute), webhooks.ErrStale},
		{"from the future", secret, "1764000000", vector, body, at.Add(-6 * time.Minute), webhooks.ErrStale},
		{"not a number", secret, "yesterday", vector, body, at, webhooks.ErrBadTimestamp},
		{"no v1", secret, "1764000000", "v0=abc", body, at, webhooks.ErrNoSignature},
		{"not hex", secret, "1764000000", "v1=zz", body, at, webhooks.ErrBadSignature},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := webhooks.Verify(tc.secret, tc.ts, tc.sig, []byte(tc.body), tc.now, tolerance)
			if !errors.Is(err, tc.want) {
				t.Errorf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestRequestIsSignedAndVerifies(t *testing.T) {
	ev, err := webhooks.NewEvent(webhooks.IssueCreated, at, webhooks.IssueData{IssueID: 7, Category: "delivery"})
	if err != nil {
		t.Fatal(err)
	}
	payload, err := ev.Payload()
	if err != nil {
		t.Fatal(err)
	}
	d := webhooks.Delivery{ID: 42, URL: "https://crm.example/hooks", Secret: secret, EventType: ev.Type, Payload: payload}
	req, err := d.Request(context.Background(), at)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(payload) {
		t.Errorf("body %s, want the stored payload %s", got, payload)
	}
	h := req.Header
	if h.Get(webhooks.HeaderEvent) != "issue.created" || h.Get(webhooks.HeaderDelivery) != "42" || h.Get(webhooks.HeaderTimestamp) != "1764000000" {
		t.Errorf("headers %v", h)
	}
	if err := webhooks.Verify(secret, h.Get(webhooks.HeaderTimestamp), h.Get(webhooks.HeaderSignature), got, at, time.Minute); err != nil {
		t.Errorf("Verify: %v", err)
	}

	var env map[string]any
	if err := json.Unmarshal(payload, &env); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(env["id"].(string), "evt_") || env["type"] != "issue.created" || env["created_at"] != "2025-11-24T16:00:00Z" {
		t.Errorf("envelope %v", env)
	}
	if data := env["data"].(map[string]any); data["issue_id"] != 7.0 || data["category"] != "delivery" {
		t.Errorf("data %v", data)
	}
}

func TestNewEventRefusesUnknownTypes(t *testing.T) {
	if _, err := webhooks.NewEvent("issue.exploded", at, nil); !errors.Is(err, webhooks.ErrUnknownEvent) {
		t.Errorf("NewEvent = %v, want ErrUnknownEvent", err)
	}
	if _, err := webhooks.NewEvent(webhooks.Test, at, nil); err != nil {
		t.Errorf("the test event: %v", err)
	}
}

func TestParseEvents(t *testing.T) {
	got, err := webhooks.ParseEvents([]string{"issue.resolved", "response.created", "issue.resolved"})
	if err != nil || strings.Join(got, " ") != "response.created issue.resolved" {
		t.Errorf("ParseEvents = %v, %v", got, err)
	}
	if _, err := webhooks.ParseEvents(nil); !errors.Is(err, webhooks.ErrNoEvents) {
		t.Errorf("no events: %v", err)
	}
	if _, err := webhooks.ParseEvents([]string{webhooks.Test}); !errors.Is(err, webhooks.ErrUnknownEvent) {
		t.Errorf("subscribing to the test event: %v", err)
	}
}

func TestParseURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"https://crm.example/hooks/tamas":   true,
		" http://10.0.0.5:8080/in ":         true,
		"ftp://crm.example/":                false,
		"/hooks":                            false,
		"crm.example/hooks":                 false,
		"https://":                          false,
		"https://user:pw@crm.example/hooks": false,
		"mailto:ops@crm.example":            false,
		"":                                  false,
	} {
		if _, err := webhooks.ParseURL(raw); (err == nil) != ok {
			t.Errorf("ParseURL(%q) = %v, want ok %v", raw, err, ok)
		}
	}
}

func TestSecrets(t *testing.T) {
	if _, err := webhooks.ParseSecret("short"); !errors.Is(err, webhooks.ErrShortSecret) {
		t.Errorf("short secret: %v", err)
	}
	if s, err := webhooks.ParseSecret("  sixteen-chars-ok "); err != nil || s != "sixteen-chars-ok" {
		t.Errorf("ParseSecret = %q, %v", s, err)
	}
	a, b := webhooks.NewSecret(), webhooks.NewSecret()
	if a == b || len(a) < webhooks.MinSecretLen {
		t.Errorf("NewSecret gave %q and %q", a, b)
	}
	if m := webhooks.MaskSecret(a); strings.Contains(m, a[:10]) || !strings.HasSuffix(a, strings.TrimPrefix(m, "••••")) {
		t.Errorf("MaskSecret(%q) = %q", a, m)
	}
}
