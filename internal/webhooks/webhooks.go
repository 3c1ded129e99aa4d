// Package webhooks is what tamas tells other systems (a CRM, a chat
// channel) when something that matters happens: the event names, the JSON
// envelope, and the signature a receiver checks. It speaks no SQL and no
// River; internal/webhooks/outbox stores events and jobs/ sends them.
package webhooks

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Event names are an interface other systems rely on: never rename one.
const (
	ResponseCreated     = "response.created"
	IssueCreated        = "issue.created"
	IssueBreached       = "issue.breached"
	IssueResolved       = "issue.resolved"
	FollowUpUnreachable = "followup.unreachable"
	CustomerOptedOut    = "customer.opted_out"
	// Test is sent by the admin page's test button to one endpoint only;
	// nobody subscribes to it.
	Test = "webhook.test"
)

// Events are the events an endpoint may subscribe to, in the order the
// admin page lists them.
var Events = []string{ResponseCreated, IssueCreated, IssueBreached, IssueResolved, FollowUpUnreachable, CustomerOptedOut}

var (
	ErrNoEvents     = errors.New("choose at least one event")
	ErrUnknownEvent = errors.New("unknown event")
	ErrBadURL       = errors.New("the URL must be absolute, http or https, with a host")
	ErrShortSecret  = fmt.Errorf("the secret must have at least %d characters", MinSecretLen)
)

// ParseEvents checks a subscription and returns it without duplicates, in
// the order of Events.
func ParseEvents(names []string) ([]string, error) {
	for _, n := range names {
		if !slices.Contains(Events, n) {
			return nil, fmt.Errorf("%w: %q", ErrUnknownEvent, n)
		}
	}
	var out []string
	for _, e := range Events {
		if slices.Contains(names, e) {
			out = append(out, e)
		}
	}
	if len(out) == 0 {
		return nil, ErrNoEvents
	}
	return out, nil
}

const maxURLLen = 2000

// ParseURL checks an endpoint's URL. Credentials in the URL are refused:
// the admin page shows URLs, and the signature is what authenticates us.
func ParseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || len(raw) > maxURLLen || !u.IsAbs() || (u.Scheme != "http" && u.Scheme != "https") ||
		u.Hostname() == "" || u.User != nil || u.Opaque != "" {
		return "", ErrBadURL
	}
	return u.String(), nil
}

// MinSecretLen keeps typed secrets long enough not to be guessed.
const MinSecretLen = 16

const maxSecretLen = 200

// ParseSecret checks a secret the admin typed.
func ParseSecret(s string) (string, error) {
	s = strings.TrimSpace(s)
	if n := utf8.RuneCountInString(s); n < MinSecretLen || n > maxSecretLen {
		return "", ErrShortSecret
	}
	return s, nil
}

// NewSecret is a random secret with 256 bits of entropy.
func NewSecret() string {
	return "whsec_" + randomHex(32)
}

// MaskSecret shows enough of a secret to tell two apart, never enough to
// sign with.
func MaskSecret(s string) string {
	r := []rune(s)
	if len(r) < 8 {
		return "••••"
	}
	return "••••" + string(r[len(r)-4:])
}

// Event is one thing that happened, as receivers see it.
type Event struct {
	// ID is the same for every endpoint the event goes to.
	ID        string    `json:"id"`
	Type      string    `json:"type"`
	CreatedAt time.Time `json:"created_at"`
	Data      any       `json:"data"`
}

// NewEvent stamps data as an event of type typ at now.
func NewEvent(typ string, now time.Time, data any) (Event, error) {
	if !slices.Contains(Events, typ) && typ != Test {
		return Event{}, fmt.Errorf("%w: %q", ErrUnknownEvent, typ)
	}
	return Event{ID: "evt_" + randomHex(16), Type: typ, CreatedAt: now.UTC().Truncate(time.Second), Data: data}, nil
}

// Payload is the request body: the envelope as JSON. It is computed once
// and stored, so every attempt sends the same bytes.
func (e Event) Payload() ([]byte, error) {
	b, err := json.Marshal(e)
	if err != nil {
		return nil, fmt.Errorf("encoding event %s: %w", e.Type, err)
	}
	return b, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}
