package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/users"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	s.showUsers(w, r, http.StatusOK, blankUserForm, nil)
}

// blankUserForm is the form for adding a user before anything is typed.
var blankUserForm = templates.UserForm{Role: string(auth.RoleAgent), Locale: "fa"}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request, status int, form templates.UserForm, errs map[string]string) {
	s.showUsersView(w, r, status, templates.UsersView{Form: form, Errors: errs})
}

// showUsersView fills v, which holds only what was typed and refused, and
// renders it.
func (s *Server) showUsersView(w http.ResponseWriter, r *http.Request, status int, v templates.UsersView) {
	u := userOf(r.Context())
	rows, err := store.New().UserList(r.Context(), s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v.Page = s.page(r, "users.title", "users")
	for _, role := range auth.Roles {
		v.Roles = append(v.Roles, templates.Option{Value: string(role), Label: i18n.T(u.Lang, "role."+string(role))})
	}
	for _, l := range []i18n.Lang{i18n.FA, i18n.EN} {
		v.Locales = append(v.Locales, templates.Option{Value: string(l), Label: i18n.T(u.Lang, "lang."+string(l))})
	}
	for _, row := range rows {
		v.Users = append(v.Users, templates.UserRow{
			ID: row.ID, Username: row.Username, DisplayName: row.DisplayName, Role: row.Role,
			Locale: row.Locale, Disabled: row.DisabledAt != nil,
			Languages: strings.Join(users.Languages(row), " "), LanguagesProblem: v.Errors["languages."+strconv.FormatInt(row.ID, 10)],
		})
	}
	s.render(w, r, status, templates.Users(v))
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	form := templates.UserForm{
		Username:    strings.ToLower(strings.TrimSpace(r.PostFormValue("username"))),
		DisplayName: strings.TrimSpace(r.PostFormValue("display_name")),
		Role:        r.PostFormValue("role"),
		Locale:      string(i18n.Parse(r.PostFormValue("locale"))),
	}
	_, err := s.users.Create(r.Context(), u.Username, users.NewUser{
		Username: form.Username, DisplayName: form.DisplayName, Role: form.Role,
		Locale: i18n.Lang(form.Locale), Password: r.PostFormValue("password"),
	})
	if probs, ok := invalid.From(err); ok {
		s.showUsers(w, r, http.StatusUnprocessableEntity, form, problemTexts(u.Lang, probs))
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("user added", "by", u.Username, "username", form.Username, "role", form.Role)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "users.saved"))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// hashPassword hashes a new password when its turn among the argon2
// hashings comes (hashing).
func (s *Server) hashPassword(ctx context.Context, password string) (string, error) {
	var (
		hash    string
		hashErr error
	)
	if err := s.hashing(ctx, func() { hash, hashErr = auth.HashPassword(password) }); err != nil {
		return "", err
	}
	return hash, hashErr
}

// verifyPassword checks a password when its turn among the argon2
// hashings comes (hashing).
func (s *Server) verifyPassword(ctx context.Context, hash, password string) (bool, error) {
	var ok bool
	err := s.hashing(ctx, func() { ok = s.verify(hash, password) })
	return ok, err
}

func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	action := r.PostFormValue("action")
	var (
		username string
		err      error
	)
	switch action {
	case "disable", "enable":
		username, err = s.users.SetDisabled(r.Context(), users.Actor{ID: u.ID, Username: u.Username}, id, action == "disable")
	default:
		username, err = s.users.SetRole(r.Context(), users.Actor{ID: u.ID, Username: u.Username}, id, r.PostFormValue("role"), i18n.Parse(r.PostFormValue("locale")))
	}
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	case errors.Is(err, users.ErrUnknownRole):
		s.errorPage(w, r, http.StatusUnprocessableEntity, "users.bad_role")
		return
	case errors.Is(err, users.ErrSelf):
		s.errorPage(w, r, http.StatusUnprocessableEntity, "users.not_self")
		return
	case err != nil:
		s.internalError(w, r, err)
		return
	}
	s.log.Info("user changed", "by", u.Username, "username", username, "action", action)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "users.saved"))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}

// userPasswordReset gives a user who forgot their password a new one that
// the admin passes on; the user's sessions end with the old password.
func (s *Server) userPasswordReset(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	username, err := s.users.ResetPassword(r.Context(), u.Username, id, r.PostFormValue("password"))
	if probs, ok := invalid.From(err); ok {
		s.showUsersView(w, r, http.StatusUnprocessableEntity, templates.UsersView{
			Form: blankUserForm, ResetID: id, ResetError: problemText(u.Lang, probs[0]),
		})
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
	// An admin who reset their own password stays signed in here.
	if id == u.ID && !s.keepSession(w, r, u.ID) {
		return
	}
	s.log.Info("password reset", "by", u.Username, "username", username)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "users.password_reset", username))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}
