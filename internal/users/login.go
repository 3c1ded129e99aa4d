package users

import (
	"context"
	"errors"
	"net/netip"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/store"
)

// Attempt is a sign-in as the database sees it before the password is
// checked.
type Attempt struct {
	// Wait is how long the client must wait before it may try again;
	// when it is positive nothing else is set.
	Wait time.Duration
	// UserID is the account that signs in if the password matches; 0 for
	// an unknown or disabled one.
	UserID int64
	// Hash is the password hash to check; auth.NobodyHash for an unknown
	// username, so the answer takes as long as for a wrong password.
	Hash string
}

// BeginLogin starts a sign-in as username from the client at addr and
// counts it as a failure, for the username from that client and for the
// client across every username (auth.Wait, auth.ClientWait), until
// FinishLogin takes it back. A guesser elsewhere therefore cannot make
// the real user wait. One attempt per username and client, and then per
// client, runs at a time: the check of the waits and the failure counts
// happen under both locks, and the failure is counted before the password
// is checked, so parallel guesses cannot all slip through the same open
// moment. The password check itself, tens of milliseconds of argon2, is
// the caller's, outside the transaction, holding no connection.
func (s *Service) BeginLogin(ctx context.Context, username string, addr netip.Addr) (Attempt, error) {
	a := Attempt{Hash: auth.NobodyHash()}
	client := auth.ClientKey(addr)
	now := s.now()
	since := now.Add(-auth.Window)
	q := store.New()
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if err := q.LoginLock(ctx, tx, store.LoginLockParams{Username: username, Client: client}); err != nil {
			return err
		}
		if err := q.LoginClientLock(ctx, tx, client); err != nil {
			return err
		}
		if f, err := q.LoginFailureGet(ctx, tx, store.LoginFailureGetParams{Username: username, Client: client, Since: since}); err == nil {
			a.Wait = auth.Wait(int(f.Failures), f.LastFailure, now)
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if f, err := q.LoginClientFailureGet(ctx, tx, store.LoginClientFailureGetParams{Client: client, Since: since}); err == nil {
			a.Wait = max(a.Wait, auth.ClientWait(int(f.Failures), f.LastFailure, now))
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
		if a.Wait > 0 {
			return nil
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
		return q.LoginFailureRecord(ctx, tx, store.LoginFailureRecordParams{Username: username, Client: client, Now: now, Since: since})
	})
	return a, err
}

// FinishLogin takes back the failure BeginLogin counted: the password was
// right. The username's failures from that client are cleared; the
// client's count loses only this one, so signing in to one account does
// not clear the way to guessing others.
func (s *Service) FinishLogin(ctx context.Context, username string, addr netip.Addr) error {
	return store.New().LoginFailureClear(ctx, s.pool, store.LoginFailureClearParams{Username: username, Client: auth.ClientKey(addr)})
}

// ForgetLoginFailures deletes the failure counts whose auth.Window is over:
// they no longer slow anyone down, and without this every unknown name
// ever tried would keep its row. It returns how many it deleted.
func (s *Service) ForgetLoginFailures(ctx context.Context) (int64, error) {
	return store.New().LoginFailuresForget(ctx, s.pool, s.now().Add(-auth.Window))
}
