package web

import (
	"context"
	"net/http"
)

// maxWebhookBody bounds a Twilio webhook's form; real ones are a few KB.
const maxWebhookBody = 64 << 10

// emptyTwiML answers a webhook without making Twilio do anything: replies
// to texts go through the sending job, which keeps the rate limit.
const emptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response></Response>`

// twilioWebhook checks a Twilio webhook's signature against the public URL
// before anything else: unsigned or wrongly signed requests get 403 and
// change nothing. A handler error answers 500, so Twilio retries; the
// handlers are idempotent on the MessageSid or CallSid.
func (s *Server) twilioWebhook(handle func(ctx context.Context, r *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxWebhookBody)
		if err := r.ParseForm(); err != nil {
			http.Error(w, "unreadable form", http.StatusBadRequest)
			return
		}
		if s.automated == nil || !s.twilio.ValidSignature(r) {
			s.log.Warn("twilio webhook refused: bad or missing signature", "path", r.URL.Path)
			http.Error(w, "invalid signature", http.StatusForbidden)
			return
		}
		if err := handle(r.Context(), r); err != nil {
			s.log.Error("twilio webhook", "path", r.URL.Path, "err", err)
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		_, _ = w.Write([]byte(emptyTwiML))
	}
}

func (s *Server) twilioSMS(ctx context.Context, r *http.Request) error {
	return s.automated.InboundSMS(ctx, r.PostForm)
}

func (s *Server) twilioStatus(ctx context.Context, r *http.Request) error {
	if m := r.URL.Query().Get("m"); m != "" {
		return s.automated.MessageStatus(ctx, m, r.PostForm)
	}
	return nil
}
