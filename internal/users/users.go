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
	Password    string
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

// Create adds an account; a refused form, a taken username included, is
// invalid.Problems. A Persian account works in Tehran's time, any other
// in UTC, until its owner changes it.
func (s *Service) Create(ctx context.Context, u NewUser) error {
	if probs := u.Check(); len(probs) > 0 {
		return probs
	}
	hash, err := s.hash(ctx, u.Password)
	if err != nil {
		return err
	}
	tz := "UTC"
	if u.Locale == i18n.FA {
		tz = "Asia/Tehran"
	}
	_, err = store.New().UserInsert(ctx, s.pool, store.UserInsertParams{
		Username: u.Username, DisplayName: u.DisplayName, Role: u.Role,
		Locale: string(u.Locale), Timezone: tz, PasswordHash: hash,
	})
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" {
		return invalid.New("username", "users.taken")
	}
	return err
}

// SetDisabled disables or enables account id on behalf of admin actorID,
// and returns its username.
func (s *Service) SetDisabled(ctx context.Context, actorID, id int64, disabled bool) (username string, err error) {
	return s.change(ctx, id, func(tx pgx.Tx, target store.User) error {
		if id == actorID {
			return ErrSelf
		}
		_, err := store.New().UserSetDisabled(ctx, tx, store.UserSetDisabledParams{Disabled: disabled, ID: id})
		return err
	})
}

// SetRole gives account id a role (ErrUnknownRole if it is none) and a
// language on behalf of admin actorID, and returns its username.
func (s *Service) SetRole(ctx context.Context, actorID, id int64, typedRole string, locale i18n.Lang) (username string, err error) {
	return s.change(ctx, id, func(tx pgx.Tx, target store.User) error {
		role, err := auth.ParseRole(typedRole)
		if err != nil {
			return ErrUnknownRole
		}
		if id == actorID && role != auth.RoleAdmin {
			return ErrSelf
		}
		_, err = store.New().UserUpdate(ctx, tx, store.UserUpdateParams{
			DisplayName: target.DisplayName, Role: string(role), Locale: string(locale),
			Timezone: target.Timezone, ID: id,
		})
		return err
	})
}

func (s *Service) change(ctx context.Context, id int64, f func(pgx.Tx, store.User) error) (string, error) {
	var username string
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		target, err := store.New().UserGet(ctx, tx, id)
		if err != nil {
			return err
		}
		username = target.Username
		return f(tx, target)
	})
	return username, err
}
