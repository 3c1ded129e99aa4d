package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/tamas-app/tamas/internal/apikey"
	"github.com/tamas-app/tamas/internal/store"
)

type sourceKey struct{}

// source is the shop system behind the request's API key.
type source struct {
	ID   int64
	Name string
}

func sourceOf(ctx context.Context) source {
	return ctx.Value(sourceKey{}).(source)
}

// apiKey lets a request through only with a valid, unrevoked bearer key.
func (s *Server) apiKey(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		secret, ok := bearer(r.Header.Get("Authorization"))
		if !ok || !apikey.LooksValid(secret) {
			unauthorized(w)
			return
		}
		q := store.New()
		lctx, cancel := lookup(r.Context())
		k, err := q.APIKeyGetActiveByHash(lctx, s.pool, apikey.Hash(secret))
		cancel()
		if err != nil {
			if errors.Is(err, store.ErrNotFound) {
				unauthorized(w)
				return
			}
			s.internalError(w, r, err)
			return
		}
		if err := q.APIKeyTouch(r.Context(), s.pool, k.ID); err != nil {
			s.log.Warn("recording API key use", "key_id", k.ID, "err", err)
		}
		ctx := context.WithValue(r.Context(), sourceKey{}, source{ID: k.SourceID, Name: k.SourceName})
		next(w, r.WithContext(ctx))
	})
}

func bearer(h string) (string, bool) {
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

func unauthorized(w http.ResponseWriter) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="tamas"`)
	writeAPIError(w, http.StatusUnauthorized, "missing or invalid API key: send Authorization: Bearer <key>")
}
