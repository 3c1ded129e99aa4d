package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
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
// slows down repeated failures for a username (auth.Wait).
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
	q := store.New()
	ctx := r.Context()
	if len(username) > 40 {
		if err := s.hashing(ctx, func() { s.verify(auth.NobodyHash(), password) }); err != nil {
			s.internalError(w, r, err)
			return
		}
		fail(http.StatusUnauthorized, i18n.T(lang, "login.failed"))
		return
	}
	// One attempt per username at a time: the check of the wait and the
	// failure count happen under a per-username lock, and the failure is
	// counted before the password is checked, so parallel guesses cannot
	// all slip through the same open moment. The check itself, tens of
	// milliseconds of argon2, runs after the transaction, holding no
	// connection; only a right password takes the failure back.
	var (
		userID int64
		hash   = auth.NobodyHash()
		wait   time.Duration
	)
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if err := q.LoginLock(ctx, tx, username); err != nil {
			return err
		}
		if f, err := q.LoginFailureGet(ctx, tx, username); err == nil {
			if wait = auth.Wait(int(f.Failures), f.LastFailure, time.Now()); wait > 0 {
				return nil
			}
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		row, err := q.UserGetByUsername(ctx, tx, username)
		switch {
		case err == nil:
			if row.DisabledAt == nil {
				userID = row.ID
			}
			hash = row.PasswordHash
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		return q.LoginFailureRecord(ctx, tx, username)
	})
	if err != nil {
		s.internalError(w, r, err)
		return
	}
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
		s.log.Info("sign-in failed", "username", username, "remote", r.RemoteAddr)
		fail(http.StatusUnauthorized, i18n.T(lang, "login.failed"))
		return
	}
	if err := q.LoginFailureClear(ctx, s.pool, username); err != nil {
		s.internalError(w, r, err)
		return
	}
	// A new token at sign-in, so a session id planted before it is useless.
	if err := s.sessions.RenewToken(ctx); err != nil {
		s.internalError(w, r, err)
		return
	}
	s.sessions.Put(ctx, sessionUserID, userID)
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

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	// Agents and service staff start where their work is.
	switch u.Role {
	case auth.RoleAgent:
		http.Redirect(w, r, "/queue", http.StatusSeeOther)
		return
	case auth.RoleService:
		http.Redirect(w, r, "/issues", http.StatusSeeOther)
		return
	}
	rows, err := store.New().FollowUpCountByState(r.Context(), s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.HomeView{Page: s.page(r, "home.title", "home")}
	for _, row := range rows {
		v.States = append(v.States, templates.StateCount{State: row.State, Count: i18n.Number(u.Lang, row.Count)})
	}
	s.render(w, r, http.StatusOK, templates.Home(v))
}
