package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) usersPage(w http.ResponseWriter, r *http.Request) {
	s.showUsers(w, r, http.StatusOK, templates.UserForm{Role: string(auth.RoleAgent), Locale: "fa"}, nil)
}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request, status int, form templates.UserForm, errs map[string]string) {
	u := userOf(r.Context())
	rows, err := store.New().UserList(r.Context(), s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.UsersView{Page: s.page(r, "users.title", "users"), Form: form, Errors: errs}
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
	errs := map[string]string{}
	if err := auth.ValidUsername(form.Username); err != nil {
		errs["username"] = err.Error()
	}
	if _, err := auth.ParseRole(form.Role); err != nil {
		errs["role"] = err.Error()
	}
	if len([]rune(form.DisplayName)) > 100 {
		errs["display_name"] = "at most 100 characters"
	}
	var (
		hash    string
		hashErr error
	)
	password := r.PostFormValue("password")
	if err := s.hashing(r.Context(), func() { hash, hashErr = auth.HashPassword(password) }); err != nil {
		s.internalError(w, r, err)
		return
	}
	if hashErr != nil {
		errs["password"] = hashErr.Error()
	}
	if len(errs) > 0 {
		s.showUsers(w, r, http.StatusUnprocessableEntity, form, errs)
		return
	}
	tz := "UTC"
	if form.Locale == "fa" {
		tz = "Asia/Tehran"
	}
	_, err := store.New().UserInsert(r.Context(), s.pool, store.UserInsertParams{
		Username: form.Username, DisplayName: form.DisplayName, Role: form.Role,
		Locale: form.Locale, Timezone: tz, PasswordHash: hash,
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		s.showUsers(w, r, http.StatusUnprocessableEntity, form, map[string]string{"username": i18n.T(u.Lang, "users.taken")})
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

func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	q := store.New()
	target, err := q.UserGet(r.Context(), s.pool, id)
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	// An admin cannot lock themselves out by demoting or disabling their
	// own account.
	self := id == u.ID
	switch r.PostFormValue("action") {
	case "disable", "enable":
		if self {
			s.errorPage(w, r, http.StatusUnprocessableEntity, "users.not_self")
			return
		}
		if _, err := q.UserSetDisabled(r.Context(), s.pool, store.UserSetDisabledParams{Disabled: r.PostFormValue("action") == "disable", ID: id}); err != nil {
			s.internalError(w, r, err)
			return
		}
	default:
		role, err := auth.ParseRole(r.PostFormValue("role"))
		if err != nil {
			s.errorPage(w, r, http.StatusUnprocessableEntity, "users.bad_role")
			return
		}
		if self && role != auth.RoleAdmin {
			s.errorPage(w, r, http.StatusUnprocessableEntity, "users.not_self")
			return
		}
		if _, err := q.UserUpdate(r.Context(), s.pool, store.UserUpdateParams{
			DisplayName: target.DisplayName, Role: string(role), Locale: string(i18n.Parse(r.PostFormValue("locale"))),
			Timezone: target.Timezone, ID: id,
		}); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	s.log.Info("user changed", "by", u.Username, "username", target.Username, "action", r.PostFormValue("action"))
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "users.saved"))
	http.Redirect(w, r, "/admin/users", http.StatusSeeOther)
}
