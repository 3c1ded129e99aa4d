// Package users manages the staff accounts admins keep: adding one,
// changing its role and language, disabling it, resetting its password;
// a user changing their own password; and the bookkeeping of sign-in
// attempts that slows down guessing.
package users

import (
	"context"
	"errors"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/audit"
	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
)

// ErrSelf: an admin tried to disable their own account or take away their
// own admin role, which would lock them out.
var ErrSelf = errors.New("an admin cannot lock themselves out")

// ErrUnknownRole: a role was asked for that is none of auth.Roles.
var ErrUnknownRole = errors.New("unknown role")

// maxDisplayName bounds a display name, in characters.
const maxDisplayName = 100

// Opts configures a Service.
type Opts struct {
	Pool *pgxpool.Pool
	// Hash hashes a new password that passed auth.CheckPasswordRules; nil
	// means auth.HashPassword. The web server passes one that waits its
	// turn among the other argon2 hashings.
	Hash func(ctx context.Context, password string) (string, error)
	// Verify checks a password against a hash, as Hash hashes; nil means
	// auth.VerifyPassword.
	Verify func(ctx context.Context, hash, password string) (bool, error)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Service manages accounts. A missing account is store.ErrNotFound.
type Service struct {
	pool   *pgxpool.Pool
	hash   func(ctx context.Context, password string) (string, error)
	verify func(ctx context.Context, hash, password string) (bool, error)
	now    func() time.Time
}

// New returns a Service.
func New(o Opts) *Service {
	if o.Hash == nil {
		o.Hash = func(_ context.Context, password string) (string, error) { return auth.HashPassword(password) }
	}
	if o.Verify == nil {
		o.Verify = func(_ context.Context, hash, password string) (bool, error) {
			return auth.VerifyPassword(hash, password), nil
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{pool: o.Pool, hash: o.Hash, verify: o.Verify, now: o.Now}
}

// NewUser is an account to add, as typed.
type NewUser struct {
	Username    string
	DisplayName string
	Role        string
	Locale      i18n.Lang
	// Timezone is the account's zone; empty is Tehran's for a Persian
	// account, else UTC, until its owner changes it.
	Timezone string
	Password string
}

// Check lists what is wrong with u, every problem at once.
func (u NewUser) Check() invalid.Problems {
	var probs invalid.Problems
	switch err := auth.ValidUsername(u.Username); {
	case errors.Is(err, auth.ErrUsernameLength):
		probs = append(probs, invalid.New("username", "users.username_length", auth.MinUsername, auth.MaxUsername)...)
	case err != nil:
		probs = append(probs, invalid.New("username", "users.username_chars")...)
	}
	if _, err := auth.ParseRole(u.Role); err != nil {
		probs = append(probs, invalid.New("role", "users.role")...)
	}
	if utf8.RuneCountInString(u.DisplayName) > maxDisplayName {
		probs = append(probs, invalid.New("display_name", "too_long", maxDisplayName)...)
	}
	probs = append(probs, auth.CheckNewPassword("password", u.Password, u.Username, u.DisplayName)...)
	return probs
}

// Actor is the admin who changes an account: its id, to refuse locking
// themselves out, and its username, for the audit log.
type Actor struct {
	ID       int64
	Username string
}

// account is what the audit log keeps of an account: never its password.
type account struct {
	DisplayName string `json:"display_name"`
	Role        string `json:"role"`
	Locale      string `json:"locale"`
	Disabled    bool   `json:"disabled"`
}

func accountOf(u store.User) account {
	return account{DisplayName: u.DisplayName, Role: u.Role, Locale: u.Locale, Disabled: u.DisabledAt != nil}
}

// Create adds an account on behalf of actor (a username, or "cli") and
// returns its id; a refused form, a taken username included, is
// invalid.Problems.
func (s *Service) Create(ctx context.Context, actor string, u NewUser) (int64, error) {
	if probs := u.Check(); len(probs) > 0 {
		return 0, probs
	}
	hash, err := s.hash(ctx, u.Password)
	if err != nil {
		return 0, err
	}
	tz := u.Timezone
	if tz == "" {
		tz = "UTC"
		if u.Locale == i18n.FA {
			tz = "Asia/Tehran"
		}
	}
	var id int64
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if id, err = store.New().UserInsert(ctx, tx, store.UserInsertParams{
			Username: u.Username, DisplayName: u.DisplayName, Role: u.Role,
			Locale: string(u.Locale), Timezone: tz, PasswordHash: hash,
		}); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{
			Actor: actor, Entity: "user", Key: u.Username,
			After: account{DisplayName: u.DisplayName, Role: u.Role, Locale: string(u.Locale)},
		})
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return 0, invalid.New("username", "users.taken")
	}
	return id, err
}

// SetDisabled disables or enables account id on behalf of admin actor,
// and returns its username.
func (s *Service) SetDisabled(ctx context.Context, actor Actor, id int64, disabled bool) (username string, err error) {
	return s.change(ctx, actor, id, func(tx pgx.Tx, target store.User) error {
		if id == actor.ID {
			return ErrSelf
		}
		_, err := store.New().UserSetDisabled(ctx, tx, store.UserSetDisabledParams{Disabled: disabled, ID: id})
		return err
	})
}

// SetRole gives account id a role (ErrUnknownRole if it is none) and a
// language on behalf of admin actor, and returns its username.
func (s *Service) SetRole(ctx context.Context, actor Actor, id int64, typedRole string, locale i18n.Lang) (username string, err error) {
	return s.change(ctx, actor, id, func(tx pgx.Tx, target store.User) error {
		role, err := auth.ParseRole(typedRole)
		if err != nil {
			return ErrUnknownRole
		}
		if id == actor.ID && role != auth.RoleAdmin {
			return ErrSelf
		}
		_, err = store.New().UserUpdate(ctx, tx, store.UserUpdateParams{
			DisplayName: target.DisplayName, Role: string(role), Locale: string(locale),
			Timezone: target.Timezone, ID: id,
		})
		return err
	})
}

// change runs f on account id in one transaction and audits what it did
// to the account, when it did anything.
func (s *Service) change(ctx context.Context, actor Actor, id int64, f func(pgx.Tx, store.User) error) (string, error) {
	var username string
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		q := store.New()
		before, err := q.UserGet(ctx, tx, id)
		if err != nil {
			return err
		}
		username = before.Username
		if err := f(tx, before); err != nil {
			return err
		}
		after, err := q.UserGet(ctx, tx, id)
		if err != nil {
			return err
		}
		if accountOf(before) == accountOf(after) {
			return nil
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor.Username, Entity: "user", Key: username, Before: accountOf(before), After: accountOf(after)})
	})
	return username, err
}
