// Package apikey makes and checks the bearer keys that shop systems use.
package apikey

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"strings"
)

const prefix = "tms_"

var encoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// Key is a new key: Secret is shown once and never stored.
type Key struct {
	Secret string
	Prefix string // enough to recognise a key in a list
	Hash   []byte
}

func Generate() Key {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	secret := prefix + strings.ToLower(encoding.EncodeToString(b))
	return Key{Secret: secret, Prefix: secret[:len(prefix)+6], Hash: Hash(secret)}
}

// Hash is what the database keeps. A plain SHA-256 suffices: the secret has
// 256 random bits, so there is nothing for a slow KDF to protect.
func Hash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// LooksValid rejects obviously malformed keys before a database round trip.
func LooksValid(secret string) bool {
	return strings.HasPrefix(secret, prefix) && len(secret) == len(prefix)+52
}
