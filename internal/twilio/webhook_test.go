package twilio_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

// A name posted with several values is signed with each of them, as
// Twilio's libraries sign it. Checking only the first value refused such
// webhooks (found by FuzzReadWebhook's seeds), and accepted a captured
// webhook with a value appended.
func TestReadWebhookChecksEveryValueOfAName(t *testing.T) {
	t.Parallel()
	cfg := twilio.Config{AuthToken: fuzzToken, PublicBaseURL: fuzzBase}
	post := func(body string, signed url.Values) error {
		r, err := http.NewRequest(http.MethodPost, "http://127.0.0.1:8080/webhooks/twilio/sms", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("X-Twilio-Signature", twiliofake.Sign(fuzzToken, fuzzBase+"/webhooks/twilio/sms", signed))
		return cfg.ReadWebhook(nil, r)
	}
	form := url.Values{"Body": {"b", "a", "b"}, "From": {"+989121234567"}}
	if err := post(form.Encode(), form); err != nil {
		t.Errorf("a form with a repeated name, signed as Twilio signs it: %v", err)
	}
	captured := url.Values{"Body": {"b"}, "From": {"+989121234567"}}
	if err := post(captured.Encode()+"&Body=c", captured); err == nil {
		t.Error("a value appended to a signed form is accepted")
	}
}
