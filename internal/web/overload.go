package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

// LookupTimeout bounds the first statement of a request, the session's or
// the API key's: a read by primary key that has not answered in this long
// means the database is frozen or saturated, and the request answers 503
// now rather than at its deadline, which a long export may need long.
const LookupTimeout = 3 * time.Second

// lookup is ctx bounded by LookupTimeout.
func lookup(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, LookupTimeout)
}

// retryAfter is what a 503 asks clients to wait: long enough for a pool
// to drain or a restarting server to come up, short enough for an agent.
const retryAfter = 5 * time.Second

// errBusy is a request that found every database slot taken for the whole
// acquire timeout.
var errBusy = errors.New("every database connection stayed in use for the acquire timeout")

// unavailable reports whether err means "try again shortly": the database
// is down, frozen or saturated, or the request ran out of time for it.
func unavailable(err error) bool {
	return errors.Is(err, errBusy) || store.Unavailable(err)
}

// withDeadline bounds every request, so that nothing it waits on — a
// session load, a pool, a statement on a frozen server — can make it hang.
// A context deadline rather than http.TimeoutHandler, which would buffer
// whole CSV downloads in memory.
func (s *Server) withDeadline(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), s.requestTimeout)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// admission is the web pool's acquire timeout, which pgxpool lacks: a
// request takes one of as many slots as the pool has connections before it
// touches the database, waiting at most wait. Behind it a request finds a
// connection free (it holds one at a time), so a flood queues here, in a
// bounded wait that ends in 503, rather than inside pgxpool until the
// request's deadline.
type admission struct {
	slots chan struct{}
	wait  time.Duration
}

func newAdmission(n int, wait time.Duration) *admission {
	return &admission{slots: make(chan struct{}, n), wait: wait}
}

func (a *admission) enter(ctx context.Context) error {
	select {
	case a.slots <- struct{}{}:
		return nil
	default:
	}
	t := time.NewTimer(a.wait)
	defer t.Stop()
	select {
	case a.slots <- struct{}{}:
		return nil
	case <-t.C:
		return errBusy
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (a *admission) leave() { <-a.slots }

// slot is a request's place in the admission; held is false while the
// request has given it back (see hashing).
type slot struct{ held bool }

type slotKey struct{}

// admit lets a request that uses the database in once a slot is free.
func (s *Server) admit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := s.admission.enter(r.Context()); err != nil {
			s.unavailable(w, r, err)
			return
		}
		sl := &slot{held: true}
		defer func() {
			if sl.held {
				s.admission.leave()
			}
		}()
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), slotKey{}, sl)))
	})
}

// hashing runs fn, an argon2 computation, without the request's database
// slot — tens of milliseconds of CPU must not keep agents' requests out —
// and with at most one hash a core, so a flood of sign-ins costs a queue
// rather than every core and 19 MiB a guess. The slot is taken back
// afterwards; failing that, the error is errBusy or the deadline's.
func (s *Server) hashing(ctx context.Context, fn func()) error {
	sl, _ := ctx.Value(slotKey{}).(*slot)
	if sl != nil && sl.held {
		s.admission.leave()
		sl.held = false
	}
	select {
	case s.hashers <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	fn()
	<-s.hashers
	if sl == nil {
		return nil
	}
	if err := s.admission.enter(ctx); err != nil {
		return err
	}
	sl.held = true
	return nil
}

// unavailable answers 503 with Retry-After: a JSON error on the API, a
// page in the reader's language elsewhere. It touches neither the database
// nor the session, either of which may be what failed.
func (s *Server) unavailable(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Warn("database unavailable", "method", r.Method, "path", r.URL.Path, "err", err)
	secs := strconv.Itoa(int(retryAfter.Seconds()))
	w.Header().Set("Retry-After", secs)
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeAPIError(w, http.StatusServiceUnavailable, "the database is busy or unreachable; retry after "+secs+" seconds")
		return
	}
	lang := i18n.EN
	if u := userOf(r.Context()); u != nil {
		lang = u.Lang
	} else {
		lang = visitorLang(r)
	}
	p := templates.Page{Lang: lang, Title: i18n.T(lang, "error.unavailable"), Body: "error"}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusServiceUnavailable)
	// The request's context may be the one that ran out.
	if err := templates.ErrorPage(p, http.StatusServiceUnavailable, p.T("error.unavailable")).Render(context.WithoutCancel(r.Context()), w); err != nil {
		s.log.Warn("rendering the unavailable page", "err", err)
	}
}
