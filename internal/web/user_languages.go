package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
)

// userLanguages sets the languages an agent speaks. A refusal is shown on
// the account's row.
func (s *Server) userLanguages(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	username, err := s.users.SetLanguages(r.Context(), u.Username, id, r.PostFormValue("languages"))
	if probs, ok := invalid.From(err); ok {
		errs := map[string]string{"languages." + strconv.FormatInt(id, 10): problemText(u.Lang, probs[0])}
		s.showUsers(w, r, http.StatusUnprocessableEntity, blankUserForm, errs)
		return
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	case err != nil:
		s.internalError(w, r, err)
		return
	}
	s.log.Info("user languages changed", "by", u.Username, "username", username)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "users.saved"))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}
