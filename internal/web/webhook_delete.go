package web

import (
	"errors"
	"net/http"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
)

// webhookDelete removes an endpoint and its delivery log.
func (s *Server) webhookDelete(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	err := s.endpoints.Delete(r.Context(), u.Username, id)
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("webhook endpoint deleted", "by", u.Username, "id", id)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.deleted"))
	http.Redirect(w, r, "/admin/webhooks", http.StatusSeeOther)
}
