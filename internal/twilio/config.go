// Package twilio is tamas's side of Twilio's API: the settings, the REST
// requests tamas makes and what their failures mean, and webhook
// signatures. What to send and when is internal/automated's.
package twilio

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is the Twilio part of tamas's settings. The zero value means
// Twilio is not configured: the app runs and only agents can be chosen.
type Config struct {
	AccountSID string
	AuthToken  string
	// From is the sender number (E.164); MessagingServiceSID a messaging
	// service that picks one. At least one is set; calls need From.
	From                string
	MessagingServiceSID string
	// PublicBaseURL is where Twilio reaches tamas, e.g.
	// https://tamas.example: callbacks are built on it and webhook
	// signatures checked against it.
	PublicBaseURL string
	// PerSecond is the messages per second one sender may send.
	PerSecond float64
	// Timeout ends a request to Twilio; twilio-go ignores contexts.
	Timeout time.Duration
	// APIBaseURL, when set, is where every REST request goes instead of
	// https://api.twilio.com: a staging server or a compatible endpoint.
	// It wins over Region and Edge, which only name Twilio's own hosts.
	APIBaseURL string
	// Region and Edge pick Twilio's processing region (ie1, au1…) and
	// the edge location requests enter by (dublin, sydney…); empty means
	// Twilio's default, us1 through the nearest edge.
	Region string
	Edge   string
}

// DefaultPerSecond is a long code's sustained rate in most countries.
const DefaultPerSecond = 1

// Configured reports whether automated channels can be used.
func (c Config) Configured() bool { return c.AccountSID != "" }

// CanCall reports whether automated calls can be placed: a messaging
// service sends texts but cannot call, which needs a number of our own.
func (c Config) CanCall() bool { return c.Configured() && c.From != "" }

// Sender is the rate-limit key: the messaging service, else the number.
func (c Config) Sender() string {
	if c.MessagingServiceSID != "" {
		return c.MessagingServiceSID
	}
	return c.From
}

// Interval is the time one message takes from the sender's budget.
func (c Config) Interval() time.Duration {
	if c.PerSecond <= 0 {
		return time.Second / DefaultPerSecond
	}
	return time.Duration(float64(time.Second) / c.PerSecond)
}

// URL is the public URL of path (with its query).
func (c Config) URL(path string) string {
	return strings.TrimSuffix(c.PublicBaseURL, "/") + path
}

// ParseConfig reads the Twilio settings; all or none of the required ones
// must be set, so a half-configured server fails at start, not at the
// first send.
func ParseConfig(getenv func(string) string) (Config, error) {
	get := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := Config{
		AccountSID: get("TWILIO_ACCOUNT_SID"), AuthToken: get("TWILIO_AUTH_TOKEN"),
		From: get("TWILIO_FROM_NUMBER"), MessagingServiceSID: get("TWILIO_MESSAGING_SERVICE_SID"),
		PublicBaseURL: get("PUBLIC_BASE_URL"), PerSecond: DefaultPerSecond, Timeout: 10 * time.Second,
		APIBaseURL: strings.TrimSuffix(get("TWILIO_API_BASE_URL"), "/"), Region: get("TWILIO_REGION"), Edge: get("TWILIO_EDGE"),
	}
	if c.APIBaseURL != "" {
		u, err := url.Parse(c.APIBaseURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" {
			return Config{}, fmt.Errorf("TWILIO_API_BASE_URL: %q is not an http(s) address such as https://twilio-staging.example", c.APIBaseURL)
		}
	}
	for k, v := range map[string]string{"TWILIO_REGION": c.Region, "TWILIO_EDGE": c.Edge} {
		if v != "" && !hostLabel(v) {
			return Config{}, fmt.Errorf("%s: %q is not a name such as ie1 or dublin (lower-case letters, digits and dashes)", k, v)
		}
	}
	if v := get("TWILIO_SMS_PER_SECOND"); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || n <= 0 || n > 1000 {
			return Config{}, fmt.Errorf("TWILIO_SMS_PER_SECOND: %q is not a number of messages per second between 0 and 1000", v)
		}
		c.PerSecond = n
	}
	if c.AccountSID == "" && c.AuthToken == "" && c.From == "" && c.MessagingServiceSID == "" {
		return Config{PerSecond: c.PerSecond, Timeout: c.Timeout, PublicBaseURL: c.PublicBaseURL,
			APIBaseURL: c.APIBaseURL, Region: c.Region, Edge: c.Edge}, nil
	}
	switch {
	case !alnum(c.AccountSID) || !strings.HasPrefix(c.AccountSID, "AC"):
		return Config{}, fmt.Errorf("TWILIO_ACCOUNT_SID: expected the account SID, AC followed by letters and digits")
	case !alnum(c.AuthToken):
		return Config{}, fmt.Errorf("TWILIO_AUTH_TOKEN: expected the account's auth token, letters and digits")
	case c.From == "" && c.MessagingServiceSID == "":
		return Config{}, fmt.Errorf("TWILIO_FROM_NUMBER: set the sender number (or TWILIO_MESSAGING_SERVICE_SID)")
	case c.From != "" && !e164(c.From):
		return Config{}, fmt.Errorf("TWILIO_FROM_NUMBER: %q is not an E.164 number such as +982112345678", c.From)
	case c.MessagingServiceSID != "" && (!alnum(c.MessagingServiceSID) || !strings.HasPrefix(c.MessagingServiceSID, "MG")):
		return Config{}, fmt.Errorf("TWILIO_MESSAGING_SERVICE_SID: expected MG followed by letters and digits")
	}
	u, err := url.Parse(c.PublicBaseURL)
	if c.PublicBaseURL == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return Config{}, fmt.Errorf("PUBLIC_BASE_URL: Twilio needs the public address of this server, e.g. https://tamas.example")
	}
	return c, nil
}

func alnum(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

// hostLabel reports whether s can be one label of a host name, which is
// what twilio-go makes of a region or an edge.
func hostLabel(s string) bool {
	if s == "" || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r == '-') {
			return false
		}
	}
	return true
}

func e164(s string) bool {
	if len(s) < 8 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return false
	}
	for _, r := range s[1:] {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
