package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	if userOf(r.Context()) != nil {
		http.Redirect(w, r, "/", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, templates.Login(templates.LoginView{
		Page: s.page(r, "login.title", "login"), Next: safeNext(r.URL.Query().Get("next")),
	}))
}

// loginSubmit says only that the pair was wrong, never which half, and
// slows down repeated failures for a username from one client, and from
// one client across usernames (users.Service.BeginLogin).
func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) {
	username := strings.ToLower(strings.TrimSpace(r.PostFormValue("username")))
	password := r.PostFormValue("password")
	next := safeNext(r.PostFormValue("next"))
	page := s.page(r, "login.title", "login")
	lang := page.Lang
	fail := func(status int, msg string) {
		s.render(w, r, status, templates.Login(templates.LoginView{
			Page: page, Username: username, Error: msg, Next: next,
		}))
	}
	ctx := r.Context()
	client := s.signInClient(r)
	if len(username) > 40 {
		if err := s.hashing(ctx, func() { s.verify(auth.NobodyHash(), password) }); err != nil {
			s.internalError(w, r, err)
			return
		}
		fail(http.StatusUnauthorized, i18n.T(lang, "login.failed"))
		return
	}
	// The failure is counted before the password is checked (BeginLogin);
	// only a right password takes it back.
	attempt, err := s.users.BeginLogin(ctx, username, client)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	userID, hash, wait := attempt.UserID, attempt.Hash, attempt.Wait
	if wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		fail(http.StatusTooManyRequests, i18n.T(lang, "login.throttled", i18n.Digits(lang, (wait.Round(time.Second)+time.Second).String())))
		return
	}
	// An unknown or disabled user's password is checked all the same, so
	// that the answer takes as long as for a wrong password.
	var ok bool
	if err := s.hashing(ctx, func() { ok = s.verify(hash, password) }); err != nil {
		s.internalError(w, r, err)
		return
	}
	if !ok || userID == 0 {
		s.log.Info("sign-in failed", "username", username, "remote", r.RemoteAddr, "client", client)
		fail(http.StatusUnauthorized, i18n.T(lang, "login.failed"))
		return
	}
	if err := s.users.FinishLogin(ctx, username, client); err != nil {
		s.internalError(w, r, err)
		return
	}
	if err := s.startSession(ctx, userID, hash); err != nil {
		s.internalError(w, r, err)
		return
	}
	if next == "" {
		next = "/"
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if err := s.sessions.Destroy(r.Context()); err != nil {
		s.internalError(w, r, err)
		return
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// safeNext keeps a post-sign-in redirect on this site. Browsers drop tabs
// and line breaks and read a backslash as a slash, so "/\t/evil" or
// "/\\evil" would leave it: anything but a plain local path is refused.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") ||
		strings.ContainsRune(next, '\\') || strings.IndexFunc(next, unicode.IsSpace) >= 0 ||
		strings.IndexFunc(next, unicode.IsControl) >= 0 {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil {
		return ""
	}
	return next
}
