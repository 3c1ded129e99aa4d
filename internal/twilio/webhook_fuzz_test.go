package twilio_test

import (
	"errors"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

const (
	fuzzToken = "f4ketok3n0000000000000000000000a"
	fuzzBase  = "https://tamas.example"
)

// FuzzReadWebhook posts fuzzed forms to webhook URLs. Nothing may panic; a
// form signed as Twilio signs it is accepted with exactly its values; a
// form signed with another token, or for other values, is refused.
func FuzzReadWebhook(f *testing.F) {
	fake := twiliofake.New(f, twiliofake.Options{AuthToken: fuzzToken})
	call := twiliofake.Call{Sid: "CA" + strings.Repeat("2", 32), To: "+989121234567", From: "+15005550006"}
	for _, tc := range []struct {
		target string
		form   url.Values
	}{
		{"/webhooks/twilio/sms", fake.InboundSMS("+989121234567", "+15005550006", "۴")},
		{"/webhooks/twilio/sms", fake.InboundSMS("+989121234567", "+15005550006", "\u200fبله\u200f\r\nمرسی")},
		{"/webhooks/twilio/sms", fake.InboundSMS("+989121234567", "+15005550006", "\uFEFFSTOP")},
		{"/webhooks/twilio/voice/gather?f=42&step=1", fake.Gather(call, "4")},
		{"/webhooks/twilio/status?c=7", fake.CallStatus(call, "completed", 61)},
		{"/webhooks/twilio/status?m=9", fake.MessageStatus(twiliofake.Message{Sid: "SM1"}, "delivered")},
	} {
		f.Add(tc.target, tc.form.Encode(), "application/x-www-form-urlencoded", uint8(0))
	}
	f.Add("/webhooks/twilio/sms", "Body=a&Body=b&From=%2B98", "application/x-www-form-urlencoded", uint8(0))
	f.Add("/webhooks/twilio/sms", "Body=a;b&x=%zz", "application/x-www-form-urlencoded; charset=utf-8", uint8(1))
	f.Add("/webhooks/twilio/sms?Body=query", "Body=%00", "multipart/form-data; boundary=x", uint8(2))
	f.Fuzz(func(t *testing.T, target, body, contentType string, how uint8) {
		r, err := http.NewRequest(http.MethodPost, "http://127.0.0.1:8080"+target, strings.NewReader(body))
		if err != nil || r.URL.Path == "" {
			return
		}
		r.Header.Set("Content-Type", contentType)
		cfg := twilio.Config{AuthToken: fuzzToken, PublicBaseURL: fuzzBase}
		signed, parseErr := url.ParseQuery(body)
		switch how % 3 {
		case 0:
			r.Header.Set("X-Twilio-Signature", twiliofake.Sign(fuzzToken, cfg.URL(r.URL.RequestURI()), signed))
		case 1:
			r.Header.Set("X-Twilio-Signature", twiliofake.Sign("another0token000000000000000000b", cfg.URL(r.URL.RequestURI()), signed))
		case 2:
			forged := maps.Clone(signed)
			forged.Add("Forged", "1")
			r.Header.Set("X-Twilio-Signature", twiliofake.Sign(fuzzToken, cfg.URL(r.URL.RequestURI()), forged))
		}

		read := cfg.ReadWebhook(nil, r)
		if read != nil && !errors.Is(read, twilio.ErrUnreadable) && !errors.Is(read, twilio.ErrUnsigned) {
			t.Fatalf("error %v is neither unreadable nor unsigned", read)
		}
		if how%3 != 0 {
			if read == nil {
				t.Fatalf("a form signed wrongly (%d) is accepted: %q", how%3, body)
			}
			return
		}
		// Only form encoding is Twilio's. net/http reads the type as mime
		// does: "application/x-www-form-urlencoded0" is another type, and
		// a malformed parameter makes the form unreadable.
		media, _, typeErr := mime.ParseMediaType(contentType)
		if typeErr != nil || media != "application/x-www-form-urlencoded" || parseErr != nil || len(body) > twilio.MaxWebhookBody {
			return
		}
		if read != nil {
			t.Fatalf("a form signed as Twilio signs it is refused: %v\nbody %q", read, body)
		}
		if !reflect.DeepEqual(r.PostForm, signed) {
			t.Fatalf("read %v, signed %v", r.PostForm, signed)
		}
	})
}
