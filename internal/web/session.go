package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

// NewSessions configures the session manager: server-side sessions in
// PostgreSQL, an HttpOnly cookie, a working day's lifetime and an idle
// timeout short enough for a shared computer.
func NewSessions(st scs.Store, secure bool) *scs.SessionManager {
	sm := scs.New()
	sm.Store = st
	sm.Lifetime = 12 * time.Hour
	sm.IdleTimeout = 2 * time.Hour
	sm.Cookie.Name = "tamas_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = secure
	return sm
}

const (
	sessionUserID = "user_id"
	// sessionPassword is passwordMark of the password the session was
	// opened with: when the password changes, every session opened with
	// the old one ends at its next request (withUser).
	sessionPassword = "password_mark"
)

// passwordMark stands for a password hash in a session without being one.
func passwordMark(hash string) string {
	sum := sha256.Sum256([]byte(hash))
	return hex.EncodeToString(sum[:16])
}

// startSession signs userID in on a new token, so a session id planted
// before, or known to someone else, is useless; hash is the account's
// password hash now.
func (s *Server) startSession(ctx context.Context, userID int64, hash string) error {
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Put(ctx, sessionUserID, userID)
	s.sessions.Put(ctx, sessionPassword, passwordMark(hash))
	return nil
}

type user struct {
	ID       int64
	Username string
	Name     string
	Role     auth.Role
	Lang     i18n.Lang
	Location *time.Location
}

type userKey struct{}

func userOf(ctx context.Context) *user {
	u, _ := ctx.Value(userKey{}).(*user)
	return u
}

// withUser loads the signed-in user, if any. The session of a disabled
// user, or of one whose password changed since it began, ends on its next
// request.
func (s *Server) withUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := s.sessions.GetInt64(r.Context(), sessionUserID)
		if id == 0 {
			next.ServeHTTP(w, r)
			return
		}
		row, err := store.New().UserGet(r.Context(), s.pool, id)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			s.internalError(w, r, err)
			return
		}
		if err != nil || row.DisabledAt != nil || s.sessions.GetString(r.Context(), sessionPassword) != passwordMark(row.PasswordHash) {
			_ = s.sessions.Destroy(r.Context())
			next.ServeHTTP(w, r)
			return
		}
		u := &user{ID: row.ID, Username: row.Username, Name: or(row.DisplayName, row.Username),
			Role: auth.Role(row.Role), Lang: i18n.Parse(row.Locale), Location: s.location(row.Timezone)}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
	})
}

// require lets only the given roles through: others get 403, and a
// visitor who is not signed in is sent to the sign-in page.
func (s *Server) require(roles []auth.Role, next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := userOf(r.Context())
		if u == nil {
			target := "/login"
			if r.Method == http.MethodGet {
				target += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		}
		if !slices.Contains(roles, u.Role) {
			s.errorPage(w, r, http.StatusForbidden, "error.forbidden")
			return
		}
		next(w, r)
	})
}

var (
	callers = []auth.Role{auth.RoleAgent, auth.RoleSupervisor}
	admins  = []auth.Role{auth.RoleAdmin}
	// overseers see and set how the system runs: the job dashboard, the
	// follow-up rules and the calendar.
	overseers = []auth.Role{auth.RoleSupervisor, auth.RoleAdmin}
	anyRole   = auth.Roles
)

// page builds the layout's view for the current user.
func (s *Server) page(r *http.Request, titleKey, body string) templates.Page {
	u := userOf(r.Context())
	p := templates.Page{Lang: i18n.EN, Body: body}
	if u != nil {
		p.Lang = u.Lang
		p.Nav = &templates.Nav{
			Name: u.Name, Role: string(u.Role),
			ShowQueue:    slices.Contains(callers, u.Role),
			ShowUsers:    u.Role == auth.RoleAdmin,
			ShowJobs:     s.jobs != nil && slices.Contains(overseers, u.Role),
			ShowRules:    slices.Contains(overseers, u.Role),
			ShowScripts:  s.editor != nil && slices.Contains(overseers, u.Role),
			ShowWebhooks: u.Role == auth.RoleAdmin,
			ShowIssues:   s.issues != nil && slices.Contains(desk, u.Role),
			ShowInbox:    slices.Contains(overseers, u.Role),
			ShowReports:  slices.Contains(overseers, u.Role),
			ShowSilent:   slices.Contains(overseers, u.Role),
		}
		p.Nav.ShowAutomated = s.twilio.Configured() && slices.Contains(overseers, u.Role)
		if p.Nav.ShowInbox {
			n, err := store.New().InboxUnreadCount(r.Context(), s.pool)
			if err != nil {
				s.log.Log(r.Context(), errorLevel(err), "counting unread inbox entries", "err", err)
			}
			p.Nav.InboxUnread = int(n)
		}
	} else {
		p.Lang = visitorLang(r)
	}
	p.Title = i18n.T(p.Lang, titleKey)
	p.Flash = s.sessions.PopString(r.Context(), "flash")
	return p
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, key string) {
	p := s.page(r, key, "error")
	s.showError(w, r, status, p, p.T(key))
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, c interface {
	Render(context.Context, io.Writer) error
}) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := c.Render(r.Context(), w); err != nil {
		s.log.Error("rendering page", "path", r.URL.Path, "err", err)
	}
}

// visitorLang is the language of a visitor who is not signed in: the one
// asked for, else Persian for a Persian browser, else English.
func visitorLang(r *http.Request) i18n.Lang {
	if lang := or(r.URL.Query().Get("lang"), r.PostFormValue("lang")); lang != "" {
		return i18n.Parse(lang)
	}
	if al := r.Header.Get("Accept-Language"); len(al) >= 2 && al[:2] == "fa" {
		return i18n.FA
	}
	return i18n.EN
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
