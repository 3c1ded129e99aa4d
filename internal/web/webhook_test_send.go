package web

import (
	"errors"
	"net/http"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks/endpoints"
)

// webhookTest queues a webhook.test delivery to one endpoint, so an admin
// can check the receiver before real events reach it.
func (s *Server) webhookTest(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	err := s.endpoints.SendTest(r.Context(), u.Username, id)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	case errors.Is(err, endpoints.ErrDisabled):
		s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.test_disabled"))
	case err != nil:
		s.internalError(w, r, err)
		return
	default:
		s.log.Info("webhook test queued", "by", u.Username, "id", id)
		s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.test_sent"))
	}
	http.Redirect(w, r, webhookPathOf(id), http.StatusSeeOther)
}
