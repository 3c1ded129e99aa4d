package web

import (
	"net/http"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/users"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) {
	s.showPasswordPage(w, r, http.StatusOK, nil)
}

func (s *Server) showPasswordPage(w http.ResponseWriter, r *http.Request, status int, errs map[string]string) {
	p := s.page(r, "account.password.title", "password")
	s.render(w, r, status, templates.PasswordChange(templates.PasswordView{
		Page: p, Hint: p.T("account.password.hint", i18n.Number(p.Lang, auth.MinPassword)), Errors: errs,
	}))
}

// passwordChange sets the signed-in user's own password. Their other
// sessions end with the old password; this one goes on, on a new token.
func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	err := s.users.ChangePassword(r.Context(), u.ID, s.signInClient(r), users.PasswordChange{
		Current: r.PostFormValue("current_password"),
		New:     r.PostFormValue("new_password"),
		Again:   r.PostFormValue("new_password_again"),
	})
	if probs, ok := invalid.From(err); ok {
		s.showPasswordPage(w, r, http.StatusUnprocessableEntity, problemTexts(u.Lang, probs))
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if !s.keepSession(w, r, u.ID) {
		return
	}
	s.log.Info("password changed", "username", u.Username)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "account.password.changed"))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// keepSession carries the signed-in user's session over a change of their
// own password, on a new token; false when it failed and the error page
// was written.
func (s *Server) keepSession(w http.ResponseWriter, r *http.Request, userID int64) bool {
	row, err := store.New().UserGet(r.Context(), s.pool, userID)
	if err == nil {
		err = s.startSession(r.Context(), userID, row.PasswordHash)
	}
	if err != nil {
		s.internalError(w, r, err)
		return false
	}
	return true
}
