package users

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/store"
)

// Attempt is a sign-in as the database sees it before the password is
// checked.
type Attempt struct {
	// Wait is how long the username must wait before it may try again;
	// when it is positive nothing else is set.
	Wait time.Duration
	// UserID is the account that signs in if the password matches; 0 for
	// an unknown or disabled one.
	UserID int64
	// Hash is the password hash to check; auth.NobodyHash for an unknown
	// username, so the answer takes as long as for a wrong password.
	Hash string
}

// BeginLogin starts a sign-in as username and counts it as a failure
// until FinishLogin takes it back. One attempt per username runs at a
// time: the check of the wait and the failure count happen under a
// per-username lock, and the failure is counted before the password is
// checked, so parallel guesses cannot all slip through the same open
// moment. The password check itself, tens of milliseconds of argon2, is
// the caller's, outside the transaction, holding no connection.
func (s *Service) BeginLogin(ctx context.Context, username string) (Attempt, error) {
	a := Attempt{Hash: auth.NobodyHash()}
	q := store.New()
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if err := q.LoginLock(ctx, tx, username); err != nil {
			return err
		}
		if f, err := q.LoginFailureGet(ctx, tx, username); err == nil {
			if a.Wait = auth.Wait(int(f.Failures), f.LastFailure, s.now()); a.Wait > 0 {
				return nil
			}
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		row, err := q.UserGetByUsername(ctx, tx, username)
		switch {
		case err == nil:
			if row.DisabledAt == nil {
				a.UserID = row.ID
			}
			a.Hash = row.PasswordHash
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		return q.LoginFailureRecord(ctx, tx, username)
	})
	return a, err
}

// FinishLogin takes back the failure BeginLogin counted: the password was
// right.
func (s *Service) FinishLogin(ctx context.Context, username string) error {
	return store.New().LoginFailureClear(ctx, s.pool, username)
}
