package users

import (
	"context"
	"math"
	"net/netip"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/audit"
	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
)

// ResetPassword gives account id a new password on behalf of admin actor,
// for a user who forgot theirs; a weak one is invalid.Problems on
// "password". It returns the account's username. The sessions the account
// had end with the old password (see web's session check).
func (s *Service) ResetPassword(ctx context.Context, actor string, id int64, password string) (username string, err error) {
	target, err := store.New().UserGet(ctx, s.pool, id)
	if err != nil {
		return "", err
	}
	if probs := auth.CheckNewPassword("password", password, target.Username, target.DisplayName); len(probs) > 0 {
		return "", probs
	}
	return target.Username, s.setPassword(ctx, actor, target, password, "reset")
}

// PasswordChange is a user's own change of password, as typed.
type PasswordChange struct {
	Current, New, Again string
}

// ChangePassword sets the password of account id, its owner's, once the
// current one proves it is theirs. Refusals are invalid.Problems on
// "current_password", "new_password" and "new_password_again". A wrong
// current password counts as a failed sign-in (BeginLogin), so an
// unattended open session is no way around the throttle; client is the
// address it counts against, as for a sign-in.
func (s *Service) ChangePassword(ctx context.Context, id int64, client netip.Addr, c PasswordChange) error {
	target, err := store.New().UserGet(ctx, s.pool, id)
	if err != nil {
		return err
	}
	probs := auth.CheckNewPassword("new_password", c.New, target.Username, target.DisplayName)
	if c.New != c.Again {
		probs = append(probs, invalid.New("new_password_again", "password.mismatch")...)
	}
	if len(probs) > 0 {
		return probs
	}
	a, err := s.BeginLogin(ctx, target.Username, client)
	if err != nil {
		return err
	}
	if a.Wait > 0 {
		return invalid.New("current_password", "password.wait", int(math.Ceil(a.Wait.Seconds())))
	}
	ok, err := s.verify(ctx, a.Hash, c.Current)
	if err != nil {
		return err
	}
	if !ok || a.UserID != id {
		return invalid.New("current_password", "password.wrong")
	}
	if err := s.FinishLogin(ctx, target.Username, client); err != nil {
		return err
	}
	return s.setPassword(ctx, target.Username, target, c.New, "changed")
}

// setPassword stores password's hash for target and audits it, how being
// "reset" by an admin or "changed" by its owner. The audit row never holds
// the password or its hash.
func (s *Service) setPassword(ctx context.Context, actor string, target store.User, password, how string) error {
	hash, err := s.hash(ctx, password)
	if err != nil {
		return err
	}
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		n, err := store.New().UserSetPassword(ctx, tx, store.UserSetPasswordParams{PasswordHash: hash, ID: target.ID})
		if err != nil {
			return err
		}
		if n == 0 {
			return store.ErrNotFound
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: "password", Key: target.Username, After: map[string]string{"how": how}})
	})
}
