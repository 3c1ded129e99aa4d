package twiliofake

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// Sign computes X-Twilio-Signature the way Twilio does for a form POST to
// fullURL: HMAC-SHA1 keyed with the auth token over the URL followed by
// every parameter name and value, names sorted, then base64. A name given
// several values contributes each distinct value, sorted, as Twilio's own
// libraries do.
func Sign(authToken, fullURL string, params url.Values) string {
	var b strings.Builder
	b.WriteString(fullURL)
	for _, k := range slices.Sorted(maps.Keys(params)) {
		values := slices.Clone(params[k])
		slices.Sort(values)
		for _, v := range slices.Compact(values) {
			b.WriteString(k)
			b.WriteString(v)
		}
	}
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// SignedRequest is the webhook request Twilio would send: a form POST of
// params to fullURL (the public URL the application validates against,
// e.g. https://tamas.example/webhooks/twilio/sms) with its signature. Give
// it to a handler with httptest.NewRecorder, or rewrite its URL to send it
// to a test server.
func SignedRequest(authToken, fullURL string, params url.Values) *http.Request {
	r, err := http.NewRequest(http.MethodPost, fullURL, strings.NewReader(params.Encode()))
	if err != nil {
		panic("twiliofake: bad webhook URL " + fullURL + ": " + err.Error())
	}
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-Twilio-Signature", Sign(authToken, fullURL, params))
	r.Header.Set("User-Agent", "TwilioProxy/1.1")
	return r
}
