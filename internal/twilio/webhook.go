package twilio

import (
	"errors"
	"fmt"
	"net/http"
)

// MaxWebhookBody bounds a webhook's form; real ones are a few KB.
const MaxWebhookBody = 64 << 10

var (
	// ErrUnreadable is a webhook whose form cannot be read: too long or
	// not form encoding.
	ErrUnreadable = errors.New("unreadable webhook form")
	// ErrUnsigned is a webhook without a valid X-Twilio-Signature.
	ErrUnsigned = errors.New("bad or missing webhook signature")
)

// ReadWebhook reads a webhook's form into r.PostForm, at most
// MaxWebhookBody bytes of it, and checks its signature before anything
// else reads it. w is r's response, so that a body over the limit closes
// the connection.
func (c Config) ReadWebhook(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, MaxWebhookBody)
	if err := r.ParseForm(); err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if !c.ValidSignature(r) {
		return ErrUnsigned
	}
	return nil
}
