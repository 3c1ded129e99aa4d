package web

import (
	"context"
	"net/http"
	"time"
)

// route carries the pattern a mux chose back out to countRequests. The
// mux sets Request.Pattern on the request it is given, but the middleware
// between (sessions, the signed-in user) pass on copies made by
// WithContext, so the outermost handler never sees the inner mux's choice.
type route struct {
	pattern string
	set     bool
}

type routeKey struct{}

// countRequests counts each request by the pattern that routed it and its
// status; requests no pattern matched share one label, so probes of random
// paths cannot make a series each.
func (s *Server) countRequests(next http.Handler) http.Handler {
	if s.metrics == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rt := &route{}
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), routeKey{}, rt)))
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		s.metrics.ObserveRequest(rt.pattern, rec.status, time.Since(start))
	})
}

// routed notes the pattern mux matched for countRequests. The mux sets
// it on the request it is given, so wrap the mux itself, outside any
// middleware that copies the request.
func routed(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if rt, ok := r.Context().Value(routeKey{}).(*route); ok && !rt.set {
				rt.pattern, rt.set = r.Pattern, true
			}
		}()
		mux.ServeHTTP(w, r)
	})
}
