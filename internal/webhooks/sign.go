package webhooks

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Headers of every delivery.
const (
	HeaderEvent     = "X-Tamas-Event"
	HeaderDelivery  = "X-Tamas-Delivery"
	HeaderTimestamp = "X-Tamas-Timestamp"
	HeaderSignature = "X-Tamas-Signature"
)

// Sign is the X-Tamas-Signature value: v1= and the hex HMAC-SHA256, keyed
// with the secret, of the timestamp, a dot and the raw body. The timestamp
// is inside the MAC so a captured request cannot be replayed later.
func Sign(secret string, timestamp int64, body []byte) string {
	return "v1=" + hex.EncodeToString(mac(secret, strconv.FormatInt(timestamp, 10), body))
}

func mac(secret, timestamp string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(timestamp))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

var (
	ErrNoSignature  = errors.New("webhook: no v1 signature")
	ErrBadSignature = errors.New("webhook: signature does not match")
	ErrBadTimestamp = errors.New("webhook: timestamp is not unix seconds")
	ErrStale        = errors.New("webhook: timestamp outside the tolerance")
)

// Verify checks a delivery as a receiver gets it: the X-Tamas-Timestamp
// and X-Tamas-Signature header values, the raw body, the receiver's clock
// and how far the two clocks may disagree (five minutes is usual). The
// signature header may carry several comma-separated v1= values, one per
// secret while a secret is being changed; any match will do.
//
// It depends on the standard library only, so a receiver written in Go can
// copy it as it is.
func Verify(secret, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	ts, err := strconv.ParseInt(strings.TrimSpace(timestamp), 10, 64)
	if err != nil {
		return ErrBadTimestamp
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return ErrStale
	}
	want := mac(secret, strconv.FormatInt(ts, 10), body)
	found := false
	for _, part := range strings.Split(signature, ",") {
		v, ok := strings.CutPrefix(strings.TrimSpace(part), "v1=")
		if !ok {
			continue
		}
		found = true
		got, err := hex.DecodeString(v)
		if err == nil && hmac.Equal(got, want) {
			return nil
		}
	}
	if !found {
		return ErrNoSignature
	}
	return ErrBadSignature
}

// Timeout bounds one attempt: a slow receiver is retried later rather than
// holding a worker.
const Timeout = 10 * time.Second

// Delivery is one attempt to send a stored event to one endpoint.
type Delivery struct {
	ID        int64
	URL       string
	Secret    string
	EventType string
	Payload   []byte
}

// Request builds the signed POST for d at now. Each attempt is signed with
// its own timestamp, so a retry hours later is not refused as stale; the
// delivery id stays the same, so receivers can drop a duplicate.
func (d Delivery) Request(ctx context.Context, now time.Time) (*http.Request, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(d.Payload))
	if err != nil {
		return nil, fmt.Errorf("building the request for delivery %d: %w", d.ID, err)
	}
	ts := now.Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "tamas-webhooks/1")
	req.Header.Set(HeaderEvent, d.EventType)
	req.Header.Set(HeaderDelivery, strconv.FormatInt(d.ID, 10))
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(d.Secret, ts, d.Payload))
	return req, nil
}
