package web

import (
	"context"
	"errors"
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
	b, err := store.New().SessionFind(ctx, s.pool, token)
	if errors.Is(store.NotFound(err), store.ErrNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

func (s *SessionStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return store.New().SessionCommit(ctx, s.pool, store.SessionCommitParams{Token: token, Data: b, Expiry: expiry})
}

func (s *SessionStore) DeleteCtx(ctx context.Context, token string) error {
	return store.New().SessionDelete(ctx, s.pool, token)
}
