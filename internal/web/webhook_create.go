package web

import (
	"net/http"
	"strings"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/webhooks/endpoints"
)

// sessionNewSecret carries a new endpoint's secret to the one page that
// shows it; reading it removes it.
const sessionNewSecret = "webhook_new_secret"

func (s *Server) webhookCreate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	typedURL := strings.TrimSpace(r.PostFormValue("url"))
	typedEvents := r.PostForm["events"]
	id, secret, err := s.endpoints.Create(r.Context(), u.Username, endpoints.Input{
		URL: typedURL, Events: typedEvents, Secret: r.PostFormValue("secret"),
	})
	if probs, ok := invalid.From(err); ok {
		s.showWebhooks(w, r, http.StatusUnprocessableEntity, typedURL, typedEvents, problemTexts(u.Lang, probs))
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("webhook endpoint added", "by", u.Username, "id", id, "url", typedURL)
	s.sessions.Put(r.Context(), sessionNewSecret, secret)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.added"))
	http.Redirect(w, r, webhookPathOf(id), http.StatusSeeOther)
}
