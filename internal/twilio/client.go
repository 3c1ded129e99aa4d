package twilio

import (
	"errors"
	"net/http"
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
	return &Client{cfg: cfg, rest: twilio.NewRestClientWithParams(twilio.ClientParams{Client: c})}
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

// FindSMS looks for a message with body sent to to since after: the
// look-up before resending a message whose request ended ambiguously.
func (c *Client) FindSMS(to, body string, after time.Time) (string, bool, error) {
	p := &openapi.ListMessageParams{}
	p.SetTo(to).SetDateSentAfter(after).SetPageSize(50).SetLimit(200)
	ms, err := c.rest.Api.ListMessage(p)
	if err != nil {
		return "", false, err
	}
	for _, m := range ms {
		if deref(m.Body) == body {
			return deref(m.Sid), true, nil
		}
	}
	return "", false, nil
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

// FindCall looks for a call to to started since after whose TwiML comes
// from url.
func (c *Client) FindCall(to string, after time.Time) (string, bool, error) {
	p := &openapi.ListCallParams{}
	p.SetTo(to).SetStartTimeAfter(after).SetPageSize(50).SetLimit(200)
	calls, err := c.rest.Api.ListCall(p)
	if err != nil {
		return "", false, err
	}
	if len(calls) == 0 {
		return "", false, nil
	}
	// Newest first: one follow-up makes at most one call at a time.
	return deref(calls[0].Sid), true, nil
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
	params := make(map[string]string, len(r.PostForm))
	for k, v := range r.PostForm {
		if len(v) > 0 {
			params[k] = v[0]
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
