package twilio

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/twilio/twilio-go"
	"github.com/twilio/twilio-go/client"
	openapi "github.com/twilio/twilio-go/rest/api/v2010"
)

// Client is the part of Twilio's REST API tamas uses. Build it with
// NewClient; tests give it an *http.Client that reaches twiliofake.
type Client struct {
	cfg  Config
	rest *twilio.RestClient
}

// NewClient is a client for cfg. httpClient nil means one with cfg.Timeout:
// twilio-go ignores contexts, so that timeout is what ends a request.
func NewClient(cfg Config, httpClient *http.Client) *Client {
	if httpClient == nil {
		httpClient = &http.Client{Timeout: cfg.Timeout}
	}
	c := &client.Client{Credentials: client.NewCredentials(cfg.AccountSID, cfg.AuthToken), HTTPClient: httpClient}
	c.SetAccountSid(cfg.AccountSID)
	var base client.BaseClient = c
	if u, err := url.Parse(cfg.APIBaseURL); cfg.APIBaseURL != "" && err == nil {
		base = rebased{Client: c, base: u}
	}
	rest := twilio.NewRestClientWithParams(twilio.ClientParams{Client: base})
	// twilio-go reads TWILIO_REGION and TWILIO_EDGE from the environment
	// itself; set them from cfg so the parsed, checked values are the
	// ones used (and a test's config is not overridden by the shell's).
	rest.SetRegion(cfg.Region)
	rest.SetEdge(cfg.Edge)
	return &Client{cfg: cfg, rest: rest}
}

// rebased sends twilio-go's requests to base instead of Twilio's host.
// twilio-go has no base-URL option (each API service hard-codes
// https://api.twilio.com), so the request URL is rewritten after the
// library built it: form encoding, auth, paging and error decoding stay
// the library's.
type rebased struct {
	*client.Client
	base *url.URL
}

func (r rebased) SendRequest(method, rawURL string, data url.Values, headers map[string]interface{}, body ...byte) (*http.Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	u.Scheme, u.Host = r.base.Scheme, r.base.Host
	u.Path = strings.TrimSuffix(r.base.Path, "/") + u.Path
	return r.Client.SendRequest(method, u.String(), data, headers, body...)
}

// Config is the configuration the client was built with.
func (c *Client) Config() Config { return c.cfg }

// SendSMS asks Twilio to send body to to and returns the MessageSid.
func (c *Client) SendSMS(to, body, statusCallback string) (string, error) {
	p := &openapi.CreateMessageParams{}
	p.SetTo(to).SetBody(body).SetStatusCallback(statusCallback)
	if c.cfg.MessagingServiceSID != "" {
		p.SetMessagingServiceSid(c.cfg.MessagingServiceSID)
	} else {
		p.SetFrom(c.cfg.From)
	}
	m, err := c.rest.Api.CreateMessage(p)
	if err != nil {
		return "", err
	}
	return deref(m.Sid), nil
}

// FindSMS lists the messages with body sent to to and created since
// after, newest first: the look-up before resending a message whose
// request ended ambiguously. It filters on the creation time, not on
// DateSent, which Twilio leaves empty while a message is queued or
// accepted, exactly when a lost answer matters. The caller leaves out
// SIDs it already holds for other messages (an identical help text).
func (c *Client) FindSMS(to, body string, after time.Time) ([]string, error) {
	p := &openapi.ListMessageParams{}
	p.SetTo(to).SetPageSize(50).SetLimit(200)
	ms, err := c.rest.Api.ListMessage(p)
	if err != nil {
		return nil, err
	}
	var sids []string
	for _, m := range ms {
		if deref(m.Body) == body && createdSince(m.DateCreated, after) && !refused[deref(m.Status)] {
			sids = append(sids, deref(m.Sid))
		}
	}
	return sids, nil
}

// refused are the statuses of a request Twilio did not go on with: such a
// message or call was never going to reach the customer.
var refused = map[string]bool{"failed": true, "canceled": true}

func createdSince(created *string, after time.Time) bool {
	t, err := time.Parse(time.RFC1123Z, deref(created))
	return err == nil && !t.Before(after.Truncate(time.Second))
}

// Call asks Twilio to call to, fetching TwiML from url.
func (c *Client) Call(to, url, statusCallback string) (string, error) {
	p := &openapi.CreateCallParams{}
	p.SetTo(to).SetFrom(c.cfg.From).SetUrl(url).SetStatusCallback(statusCallback).
		SetStatusCallbackEvent([]string{"completed"})
	call, err := c.rest.Api.CreateCall(p)
	if err != nil {
		return "", err
	}
	return deref(call.Sid), nil
}

// FindCall lists the calls to to created since after, newest first.
// StartTime is empty until a call is answered, so it cannot be the
// filter; Twilio's call resource does not return its TwiML URL, so the
// caller tells the calls apart by the SIDs it already holds.
func (c *Client) FindCall(to string, after time.Time) ([]string, error) {
	p := &openapi.ListCallParams{}
	p.SetTo(to).SetPageSize(50).SetLimit(200)
	calls, err := c.rest.Api.ListCall(p)
	if err != nil {
		return nil, err
	}
	var sids []string
	for _, k := range calls {
		if createdSince(k.DateCreated, after) && !refused[deref(k.Status)] {
			sids = append(sids, deref(k.Sid))
		}
	}
	return sids, nil
}

// Failure is what a failed request means for the sender.
type Failure int

const (
	// Ambiguous: a timeout, a broken connection or a 5xx; Twilio may have
	// accepted the request, so look it up before trying again.
	Ambiguous Failure = iota
	// Retry: Twilio refused for now (429); nothing was created.
	Retry
	// Unsubscribed: the number texted STOP to Twilio (21610).
	Unsubscribed
	// Permanent: any other 4xx; trying again would fail again.
	Permanent
)

// Classify says what err from SendSMS or Call means.
func Classify(err error) Failure {
	var rest *client.TwilioRestError
	if !errors.As(err, &rest) {
		return Ambiguous
	}
	switch {
	case rest.Code == 21610:
		return Unsubscribed
	case rest.Status == http.StatusTooManyRequests:
		return Retry
	case rest.Status >= 500:
		return Ambiguous
	default:
		return Permanent
	}
}

// ValidSignature checks a webhook's X-Twilio-Signature against the public
// URL Twilio was given (not r.Host, which a proxy changes). r's form must
// be parsed.
func (c Config) ValidSignature(r *http.Request) bool {
	sig := r.Header.Get("X-Twilio-Signature")
	if sig == "" || c.AuthToken == "" {
		return false
	}
	// Twilio signs every distinct value of a name, sorted, each after the
	// name. twilio-go's validator takes one value a name, so the values
	// are joined with the name between them: the same signed string.
	params := make(map[string]string, len(r.PostForm))
	for k, v := range r.PostForm {
		if len(v) > 0 {
			params[k] = strings.Join(slices.Compact(slices.Sorted(slices.Values(v))), k)
		}
	}
	v := client.NewRequestValidator(c.AuthToken)
	return v.Validate(c.URL(r.URL.RequestURI()), params, sig)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
