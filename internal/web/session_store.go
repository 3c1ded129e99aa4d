package web

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/store"
)

// SessionStore keeps sessions in pgxstore's table and reuses its cleanup,
// but queries with the request's context (scs.CtxStore): pgxstore queries
// with context.Background(), so against a frozen database a session load
// would outlive the request's deadline and the page would hang.
type SessionStore struct {
	*pgxstore.PostgresStore
	pool *pgxpool.Pool
}

// NewSessionStore deletes expired sessions every cleanupEvery until
// StopCleanup.
func NewSessionStore(pool *pgxpool.Pool, cleanupEvery time.Duration) *SessionStore {
	return &SessionStore{PostgresStore: pgxstore.NewWithCleanupInterval(pool, cleanupEvery), pool: pool}
}

func (s *SessionStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	lctx, cancel := lookup(ctx)
	defer cancel()
	row, err := store.New().SessionFind(lctx, s.pool, token)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if r, ok := ctx.Value(sessionReadKey{}).(*sessionRead); ok {
		*r = sessionRead{token: token, data: row.Data, expiry: row.Expiry}
	}
	return row.Data, true, nil
}

// CommitCtx stores the session. scs commits every request's session, to
// move its idle expiry on; a session this request read unchanged is left
// alone unless its expiry moves by more than a minute (of a two-hour idle
// timeout), which spares each page view a write, a dead row and two index
// entries. Comparing with what this request read, not with a cache, keeps
// it right with several copies of the server.
func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if r, ok := ctx.Value(sessionReadKey{}).(*sessionRead); ok &&
		r.token == token && bytes.Equal(r.data, b) && expiry.Sub(r.expiry) < time.Minute {
		return nil
	}
	return store.New().SessionCommit(ctx, s.pool, store.SessionCommitParams{Token: token, Data: b, Expiry: expiry})
}

// sessionRead is the session row a request loaded, kept in the request's
// context by readSessions for CommitCtx.
type sessionRead struct {
	token  string
	data   []byte
	expiry time.Time
}

type sessionReadKey struct{}

// readSessions gives each request a place for the session row it loads.
func readSessions(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sessionReadKey{}, &sessionRead{})))
	})
}

func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	return store.New().SessionDelete(ctx, s.pool, token)
}
