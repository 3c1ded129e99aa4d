package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/twilio"
)

// emptyTwiML answers a webhook without making Twilio do anything: replies
// to texts go through the sending job, which keeps the rate limit.
const emptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response></Response>`

// hangupTwiML ends a call quietly.
const hangupTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>`

// twilioWebhook checks a Twilio webhook's signature against the public URL
// before anything else: unsigned or wrongly signed requests get 403 and
// change nothing. A handler error answers 500, so Twilio retries; the
// handlers are idempotent on the MessageSid or CallSid.
func (s *Server) twilioWebhook(handle func(ctx context.Context, r *http.Request) (string, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		err := s.twilio.ReadWebhook(w, r)
		if errors.Is(err, twilio.ErrUnreadable) {
			http.Error(w, "unreadable form", http.StatusBadRequest)
			return
		}
		if err != nil || s.automated == nil {
			s.log.Warn("twilio webhook refused: bad or missing signature", "path", r.URL.Path)
			http.Error(w, "invalid signature", http.StatusForbidden)
			return
		}
		x, err := handle(r.Context(), r)
		if errors.Is(err, errBadWebhook) || errors.Is(err, automated.ErrUnknownCall) || errors.Is(err, store.ErrNotFound) {
			// Twilio reads an error as an application fault and says so
			// to the caller; a call that names nothing just ends.
			s.log.Warn("twilio webhook names nothing known", "path", r.URL.Path, "err", err)
			x = hangupTwiML
			err = nil
		}
		if err != nil {
			s.log.Log(r.Context(), errorLevel(err), "twilio webhook", "path", r.URL.Path, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		if x == "" {
			x = emptyTwiML
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		_, _ = w.Write([]byte(x))
	}
}

// errBadWebhook is a signed request naming nothing tamas knows.
var errBadWebhook = errors.New("webhook names no follow-up or question")

func (s *Server) twilioSMS(ctx context.Context, r *http.Request) (string, error) {
	return "", s.automated.InboundSMS(ctx, r.PostForm)
}

// twilioStatus takes the status callbacks of messages (?m=row) and calls
// (?c=row).
func (s *Server) twilioStatus(ctx context.Context, r *http.Request) (string, error) {
	if m := r.URL.Query().Get("m"); m != "" {
		return "", s.automated.MessageStatus(ctx, m, r.PostForm)
	}
	if c := r.URL.Query().Get("c"); c != "" {
		return "", s.automated.CallStatus(ctx, c, r.PostForm)
	}
	return "", nil
}

func (s *Server) twilioVoiceStart(ctx context.Context, r *http.Request) (string, error) {
	f, err := strconv.ParseInt(r.URL.Query().Get("f"), 10, 64)
	if err != nil {
		return "", errBadWebhook
	}
	return s.automated.VoiceStart(ctx, f)
}

func (s *Server) twilioVoiceGather(ctx context.Context, r *http.Request) (string, error) {
	f, err := strconv.ParseInt(r.URL.Query().Get("f"), 10, 64)
	if err != nil {
		return "", errBadWebhook
	}
	step, err := strconv.Atoi(r.URL.Query().Get("step"))
	if err != nil {
		return "", errBadWebhook
	}
	x, err := s.automated.VoiceGather(ctx, f, step, r.PostForm)
	if errors.Is(err, store.ErrNotFound) {
		return "", errBadWebhook
	}
	return x, err
}
