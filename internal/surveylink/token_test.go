package surveylink_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/surveylink"
)

func signer(t *testing.T, fill byte) surveylink.Signer {
	t.Helper()
	s, err := surveylink.New(bytes.Repeat([]byte{fill}, surveylink.MinKeyLen))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)

func TestLinkTokenReadsBackUntilItExpires(t *testing.T) {
	s := signer(t, 1)
	tok := s.Link(123456789, now.Add(72*time.Hour))
	if len(tok) > 32 {
		t.Errorf("token %q is %d characters, want a short link (at most 32)", tok, len(tok))
	}
	id, err := s.ReadLink(tok, now)
	if err != nil || id != 123456789 {
		t.Fatalf("ReadLink = %d, %v; want 123456789", id, err)
	}
	id, err = s.ReadLink(tok, now.Add(72*time.Hour+time.Minute))
	if !errors.Is(err, surveylink.ErrExpired) || id != 123456789 {
		t.Errorf("after expiry ReadLink = %d, %v; want the follow-up with ErrExpired", id, err)
	}
}

func TestTamperedTokensAreRefused(t *testing.T) {
	s := signer(t, 1)
	tok := s.Link(42, now.Add(time.Hour))
	raw, _ := base64.RawURLEncoding.DecodeString(tok)
	for i := range raw {
		bad := bytes.Clone(raw)
		bad[i] ^= 0x01
		if _, err := s.ReadLink(base64.RawURLEncoding.EncodeToString(bad), now); !errors.Is(err, surveylink.ErrInvalid) {
			t.Errorf("byte %d flipped: %v, want ErrInvalid", i, err)
		}
	}
	for _, bad := range []string{"", "x", tok + "A", tok[:len(tok)-1], "!!!!!!!!!!!!!!!!!!!!", string(bytes.Repeat([]byte("A"), 200))} {
		if _, err := s.ReadLink(bad, now); !errors.Is(err, surveylink.ErrInvalid) {
			t.Errorf("ReadLink(%q): %v, want ErrInvalid", bad, err)
		}
	}
	if _, err := signer(t, 2).ReadLink(tok, now); !errors.Is(err, surveylink.ErrInvalid) {
		t.Errorf("a token read with another key: %v, want ErrInvalid", err)
	}
}

func TestCardAndLinkTokensAreNotInterchangeable(t *testing.T) {
	s := signer(t, 1)
	card := s.Card(7)
	if id, err := s.ReadCard(card); err != nil || id != 7 {
		t.Fatalf("ReadCard = %d, %v; want 7", id, err)
	}
	if _, err := s.ReadLink(card, now); !errors.Is(err, surveylink.ErrInvalid) {
		t.Errorf("a card token read as a link: %v, want ErrInvalid", err)
	}
	if _, err := s.ReadCard(s.Link(7, now.Add(time.Hour))); !errors.Is(err, surveylink.ErrInvalid) {
		t.Errorf("a link token read as a card: %v, want ErrInvalid", err)
	}
}

func TestShortKeysAreRefused(t *testing.T) {
	if _, err := surveylink.New(make([]byte, surveylink.MinKeyLen-1)); err == nil {
		t.Error("a 31-byte key was accepted")
	}
}

func TestClientNamesOneClientAlikeUnderOneKeyOnly(t *testing.T) {
	a, b := signer(t, 1), signer(t, 2)
	if !bytes.Equal(a.Client("203.0.113.5"), a.Client("203.0.113.5")) {
		t.Error("one client gets two names under one key")
	}
	if bytes.Equal(a.Client("203.0.113.5"), a.Client("203.0.113.6")) {
		t.Error("two clients get one name")
	}
	if bytes.Equal(a.Client("203.0.113.5"), b.Client("203.0.113.5")) {
		t.Error("the name does not depend on the key, so it can be matched against every address")
	}
	if bytes.Contains(a.Client("203.0.113.5"), []byte("203.0.113")) {
		t.Error("the name holds the address")
	}
}
