// Package auth holds users' roles, password hashing and the sign-in
// throttle. No SQL or HTTP: the store keeps the hashes and failure counts,
// the web package asks.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters as OWASP recommends for interactive sign-in (19 MiB,
// two passes): slow for a guesser, a few tens of milliseconds for a person.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

var b64 = base64.RawStdEncoding

// HashPassword returns a self-describing argon2id hash.
func HashPassword(password string) (string, error) {
	if err := CheckPasswordRules(password); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// Why a new password or a username is refused, so that a form can say it
// in the reader's language.
var (
	ErrPasswordShort  = fmt.Errorf("the password must have at least %d characters", MinPassword)
	ErrPasswordLong   = fmt.Errorf("the password must have at most %d bytes", MaxPasswordBytes)
	ErrUsernameLength = fmt.Errorf("the username must have %d to %d characters", MinUsername, MaxUsername)
	ErrUsernameChars  = errors.New("the username may use lower-case letters a–z, digits and . _ - (not first)")
)

// Bounds of passwords and usernames.
const (
	MinPassword      = 10  // characters
	MaxPasswordBytes = 256 // argon2 hashes every byte
	MinUsername      = 2
	MaxUsername      = 40
)

// CheckPasswordRules is the bounds every hashed password keeps: long enough
// to resist guessing, short enough not to be a denial-of-service vector for
// argon2. A password a person chooses must also pass CheckNewPassword,
// which adds the strength estimate; HashPassword checks only these bounds,
// so fixtures and the sign-in's dummy hash need no strong password.
func CheckPasswordRules(password string) error {
	n := utf8.RuneCountInString(password)
	if n < MinPassword {
		return ErrPasswordShort
	}
	if len(password) > MaxPasswordBytes {
		return ErrPasswordLong
	}
	return nil
}

// VerifyPassword reports whether password matches hash, in constant time.
func VerifyPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	var mem, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &t, &p); err != nil {
		return false
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, mem, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is verified against when the user does not exist, so that a
// wrong username takes as long as a wrong password.
var dummyHash, _ = HashPassword("no user has this password")

// VerifyNobody spends the time a real verification would.
func VerifyNobody(password string) { VerifyPassword(dummyHash, password) }

// NobodyHash is the hash VerifyNobody checks against, for callers that
// verify through their own function and must still spend the time.
func NobodyHash() string { return dummyHash }

// Role is what a user may do.
type Role string

const (
	RoleAgent      Role = "agent"
	RoleSupervisor Role = "supervisor"
	RoleService    Role = "service"
	RoleAdmin      Role = "admin"
)

var Roles = []Role{RoleAgent, RoleSupervisor, RoleService, RoleAdmin}

func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q; use agent, supervisor, service or admin", s)
}

// ValidUsername mirrors the database's check so the form can say why.
func ValidUsername(s string) error {
	if len(s) < MinUsername || len(s) > MaxUsername {
		return ErrUsernameLength
	}
	for i, c := range s {
		ok := (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '.' || c == '_' || c == '-'))
		if !ok {
			return ErrUsernameChars
		}
	}
	return nil
}
