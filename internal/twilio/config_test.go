package twilio_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/twilio"
)

func TestParseConfig(t *testing.T) {
	t.Parallel()
	full := map[string]string{
		"TWILIO_ACCOUNT_SID": "AC0123456789abcdef0123456789abcdef", "TWILIO_AUTH_TOKEN": "0123456789abcdef0123456789abcdef",
		"TWILIO_FROM_NUMBER": "+982191000000", "PUBLIC_BASE_URL": "https://tamas.example",
	}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for a, b := range full {
			m[a] = b
		}
		m[k] = v
		return m
	}
	for _, tc := range []struct {
		name    string
		env     map[string]string
		wantErr string // prefix; empty: valid
		check   func(t *testing.T, c twilio.Config)
	}{
		{name: "unset", env: map[string]string{}, check: func(t *testing.T, c twilio.Config) {
			if c.Configured() || c.Interval() != time.Second {
				t.Errorf("unset config: configured %v, interval %s", c.Configured(), c.Interval())
			}
		}},
		{name: "full", env: full, check: func(t *testing.T, c twilio.Config) {
			if !c.Configured() || c.Sender() != "+982191000000" || c.URL("/webhooks/twilio/sms") != "https://tamas.example/webhooks/twilio/sms" {
				t.Errorf("config %+v", c)
			}
		}},
		{name: "messaging service and rate", env: with("TWILIO_MESSAGING_SERVICE_SID", "MG0123456789abcdef0123456789abcdef"), check: func(t *testing.T, c twilio.Config) {
			if c.Sender() != "MG0123456789abcdef0123456789abcdef" {
				t.Errorf("sender %q, want the messaging service", c.Sender())
			}
		}},
		{name: "rate", env: with("TWILIO_SMS_PER_SECOND", "100"), check: func(t *testing.T, c twilio.Config) {
			if c.Interval() != 10*time.Millisecond {
				t.Errorf("interval %s", c.Interval())
			}
		}},
		{name: "api base URL, region and edge", env: with("TWILIO_API_BASE_URL", "https://twilio-staging.example/"), check: func(t *testing.T, c twilio.Config) {
			if c.APIBaseURL != "https://twilio-staging.example" {
				t.Errorf("api base URL %q", c.APIBaseURL)
			}
		}},
		{name: "bad api base URL", env: with("TWILIO_API_BASE_URL", "twilio-staging.example"), wantErr: "TWILIO_API_BASE_URL:"},
		{name: "bad region", env: with("TWILIO_REGION", "IE 1"), wantErr: "TWILIO_REGION:"},
		{name: "bad edge", env: with("TWILIO_EDGE", "dublin."), wantErr: "TWILIO_EDGE:"},
		{name: "bad rate", env: with("TWILIO_SMS_PER_SECOND", "0"), wantErr: "TWILIO_SMS_PER_SECOND:"},
		{name: "no token", env: with("TWILIO_AUTH_TOKEN", ""), wantErr: "TWILIO_AUTH_TOKEN:"},
		{name: "bad sid", env: with("TWILIO_ACCOUNT_SID", "xx"), wantErr: "TWILIO_ACCOUNT_SID:"},
		{name: "no sender", env: with("TWILIO_FROM_NUMBER", ""), wantErr: "TWILIO_FROM_NUMBER:"},
		{name: "bad sender", env: with("TWILIO_FROM_NUMBER", "0912"), wantErr: "TWILIO_FROM_NUMBER:"},
		{name: "no public URL", env: with("PUBLIC_BASE_URL", ""), wantErr: "PUBLIC_BASE_URL:"},
		{name: "relative public URL", env: with("PUBLIC_BASE_URL", "tamas.example"), wantErr: "PUBLIC_BASE_URL:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, err := twilio.ParseConfig(func(k string) string { return tc.env[k] })
			if tc.wantErr != "" {
				if err == nil || !strings.HasPrefix(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %s…", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, c)
		})
	}
}
