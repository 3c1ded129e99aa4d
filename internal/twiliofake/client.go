package twiliofake

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/twilio/twilio-go"
	"github.com/twilio/twilio-go/client"
)

// rewrite sends requests for Twilio's hosts to the fake. twilio-go has no
// base-URL option, so this is the one seam: everything above the transport
// (URL building, form encoding, auth, error decoding) is the real library.
type rewrite struct {
	to   *url.URL
	next http.RoundTripper
}

func (rt rewrite) RoundTrip(r *http.Request) (*http.Response, error) {
	host := r.URL.Hostname()
	if host != "twilio.com" && !strings.HasSuffix(host, ".twilio.com") {
		// A test must never reach anything else, least of all by mistake.
		return nil, fmt.Errorf("twiliofake: refusing a request to %s", r.URL.Host)
	}
	r = r.Clone(r.Context())
	r.URL.Scheme, r.URL.Host, r.Host = rt.to.Scheme, rt.to.Host, rt.to.Host
	return rt.next.RoundTrip(r)
}

// Transport is an http.RoundTripper that delivers requests for
// *.twilio.com to the fake, for code that builds its own twilio-go client
// from an *http.Client.
func (s *Server) Transport() http.RoundTripper {
	to, err := url.Parse(s.srv.URL)
	if err != nil {
		panic("twiliofake: httptest gave an unparsable URL: " + err.Error())
	}
	return rewrite{to: to, next: s.srv.Client().Transport}
}

// HTTPClient is an *http.Client that reaches the fake, giving up after
// timeout (0: never). twilio-go ignores contexts, so this timeout is the
// only way a request to Twilio ends.
func (s *Server) HTTPClient(timeout time.Duration) *http.Client {
	return &http.Client{Transport: s.Transport(), Timeout: timeout}
}

// Client is a real twilio-go client with the fake's credentials, talking
// to the fake.
func (s *Server) Client(timeout time.Duration) *twilio.RestClient {
	c := &client.Client{
		Credentials: client.NewCredentials(s.AccountSid, s.AuthToken),
		HTTPClient:  s.HTTPClient(timeout),
	}
	c.SetAccountSid(s.AccountSid)
	return twilio.NewRestClientWithParams(twilio.ClientParams{Client: c})
}
