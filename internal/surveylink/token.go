// Package surveylink signs and reads the short tokens of the public survey
// pages (docs/survey-links.md): a follow-up's survey link, which expires,
// and a branch's satisfaction card, which is printed and does not. A token
// is base64url (no padding) of
//
//	kind (1 byte) | uvarint id | [uvarint expiry, Unix minutes] | MAC (10 bytes)
//
// where MAC is HMAC-SHA256 over the bytes before it, truncated. The kind
// byte keeps a card token from being read as a link and the other way
// round. No SQL, no HTTP.
package surveylink

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"time"
)

// MinKeyLen is the shortest key accepted: 256 bits.
const MinKeyLen = 32

// macLen is the truncated MAC's length: 80 bits make a forgery a matter of
// 2^80 guesses, far past what any rate of requests can try.
const macLen = 10

const (
	kindLink byte = 'l'
	kindCard byte = 'c'
	// kindClient starts what Client hashes; it is never a token's kind.
	kindClient byte = 'a'
)

var (
	// ErrInvalid is a token that was not made with the key, or is not a
	// token at all.
	ErrInvalid = errors.New("survey token is not valid")
	// ErrExpired is a genuine link past its expiry; Link still returns
	// its follow-up, so the page can say so in the customer's language.
	ErrExpired = errors.New("survey link has expired")
)

// Signer makes and reads tokens with one key.
type Signer struct{ key []byte }

// New is a signer with key, which must be at least MinKeyLen bytes.
func New(key []byte) (Signer, error) {
	if len(key) < MinKeyLen {
		return Signer{}, errors.New("survey link key must be at least 32 bytes")
	}
	return Signer{key: append([]byte(nil), key...)}, nil
}

// Link is the token of follow-up id's survey link, valid until expires
// (to the minute, rounded up).
func (s Signer) Link(id int64, expires time.Time) string {
	b := []byte{kindLink}
	b = binary.AppendUvarint(b, uint64(id))
	b = binary.AppendUvarint(b, uint64((expires.Unix()+59)/60))
	return s.seal(b)
}

// Card is the token of branch id's satisfaction card.
func (s Signer) Card(id int64) string {
	b := binary.AppendUvarint([]byte{kindCard}, uint64(id))
	return s.seal(b)
}

// ReadLink returns the follow-up of a link token. An expired link returns
// its follow-up with ErrExpired; any other failure returns ErrInvalid.
func (s Signer) ReadLink(token string, now time.Time) (int64, error) {
	body, ok := s.open(token, kindLink)
	if !ok {
		return 0, ErrInvalid
	}
	id, n := binary.Uvarint(body)
	if n <= 0 || id == 0 || id > 1<<62 {
		return 0, ErrInvalid
	}
	exp, m := binary.Uvarint(body[n:])
	if m <= 0 || n+m != len(body) || exp > 1<<40 {
		return 0, ErrInvalid
	}
	if now.Unix() >= int64(exp)*60 {
		return int64(id), ErrExpired
	}
	return int64(id), nil
}

// ReadCard returns the branch of a card token, or ErrInvalid.
func (s Signer) ReadCard(token string) (int64, error) {
	body, ok := s.open(token, kindCard)
	if !ok {
		return 0, ErrInvalid
	}
	id, n := binary.Uvarint(body)
	if n <= 0 || n != len(body) || id == 0 || id > 1<<62 {
		return 0, ErrInvalid
	}
	return int64(id), nil
}

// Client is the name a client's address (auth.ClientKey) is counted
// under: keyed, so the stored name is no address, yet the same client
// always gets the same name. Its kind byte keeps it apart from every
// token's MAC.
func (s Signer) Client(key string) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write([]byte{kindClient})
	h.Write([]byte(key))
	return h.Sum(nil)[:16]
}

func (s Signer) seal(b []byte) string {
	return base64.RawURLEncoding.EncodeToString(append(b, s.mac(b)...))
}

// open checks token's MAC in constant time and returns what follows its
// kind byte.
func (s Signer) open(token string, kind byte) ([]byte, bool) {
	if len(s.key) == 0 || len(token) > 64 {
		return nil, false
	}
	raw, err := base64.RawURLEncoding.Strict().DecodeString(token)
	if err != nil || len(raw) < 2+macLen {
		return nil, false
	}
	msg, sum := raw[:len(raw)-macLen], raw[len(raw)-macLen:]
	if !hmac.Equal(sum, s.mac(msg)) || msg[0] != kind {
		return nil, false
	}
	return msg[1:], true
}

func (s Signer) mac(b []byte) []byte {
	h := hmac.New(sha256.New, s.key)
	h.Write(b)
	return h.Sum(nil)[:macLen]
}
