package twilio_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/twilio/twilio-go/client"

	"github.com/tamas-app/tamas/internal/twilio"
)

func TestClassify(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		err  error
		want twilio.Failure
	}{
		{"timeout", errors.New("net/http: request canceled (Client.Timeout exceeded)"), twilio.Ambiguous},
		{"500", &client.TwilioRestError{Status: http.StatusInternalServerError, Code: 20500}, twilio.Ambiguous},
		{"503 wrapped", fmt.Errorf("sending: %w", &client.TwilioRestError{Status: http.StatusServiceUnavailable}), twilio.Ambiguous},
		{"429", &client.TwilioRestError{Status: http.StatusTooManyRequests, Code: 20429}, twilio.Retry},
		{"unsubscribed", &client.TwilioRestError{Status: http.StatusBadRequest, Code: 21610}, twilio.Unsubscribed},
		{"bad number", &client.TwilioRestError{Status: http.StatusBadRequest, Code: 21211}, twilio.Permanent},
		{"auth", &client.TwilioRestError{Status: http.StatusUnauthorized, Code: 20003}, twilio.Permanent},
	} {
		if got := twilio.Classify(tc.err); got != tc.want {
			t.Errorf("%s: Classify = %d, want %d", tc.name, got, tc.want)
		}
	}
}
