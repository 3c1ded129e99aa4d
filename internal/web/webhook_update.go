package web

import (
	"errors"
	"net/http"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
)

// webhookUpdate enables or disables an endpoint or changes its events.
func (s *Server) webhookUpdate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	action := r.PostFormValue("action")
	var err error
	switch action {
	case "save":
		err = s.endpoints.SetEvents(r.Context(), u.Username, id, r.PostForm["events"])
	case "enable", "disable":
		err = s.endpoints.SetActive(r.Context(), u.Username, id, action == "enable")
	default:
		s.errorPage(w, r, http.StatusUnprocessableEntity, "webhooks.bad_action")
		return
	}
	if probs, ok := invalid.From(err); ok {
		typed := r.PostForm["events"]
		if typed == nil {
			typed = []string{}
		}
		s.showWebhook(w, r, http.StatusUnprocessableEntity, typed, problemTexts(u.Lang, probs))
		return
	}
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("webhook endpoint changed", "by", u.Username, "id", id, "action", action)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.saved"))
	http.Redirect(w, r, webhookPathOf(id), http.StatusSeeOther)
}
