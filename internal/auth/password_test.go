package auth_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/auth"
)

func TestHashAndVerify(t *testing.T) {
	t.Parallel()
	h, err := auth.HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not argon2id with the expected parameters", h)
	}
	if !auth.VerifyPassword(h, "correct horse battery") {
		t.Error("the right password was refused")
	}
	for _, wrong := range []string{"correct horse batterY", "", "correct horse battery "} {
		if auth.VerifyPassword(h, wrong) {
			t.Errorf("wrong password %q accepted", wrong)
		}
	}
	h2, _ := auth.HashPassword("correct horse battery")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	for _, broken := range []string{"", "$argon2id$", "$bcrypt$v=19$m=1,t=1,p=1$AAAA$AAAA", strings.Replace(h, "v=19", "v=18", 1)} {
		if auth.VerifyPassword(broken, "correct horse battery") {
			t.Errorf("malformed hash %q accepted", broken)
		}
	}
}

func TestPasswordRules(t *testing.T) {
	t.Parallel()
	if _, err := auth.HashPassword("short"); err == nil {
		t.Error("a 5-character password was accepted")
	}
	if _, err := auth.HashPassword("گذرواژهٔ بلند من"); err != nil {
		t.Errorf("a long Persian password was refused: %v", err)
	}
	if _, err := auth.HashPassword(strings.Repeat("x", 257)); err == nil {
		t.Error("a 257-byte password was accepted")
	}
}

func TestWait(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		failures int
		ago      time.Duration
		want     time.Duration
	}{
		{0, 0, 0},
		{4, 0, 0},
		{5, 0, time.Second},
		{6, 0, 2 * time.Second},
		{6, time.Second, time.Second},
		{6, time.Minute, 0},
		{30, 0, auth.MaxWait},
	}
	for _, tt := range tests {
		if got := auth.Wait(tt.failures, now.Add(-tt.ago), now); got != tt.want {
			t.Errorf("Wait(%d failures, %v ago) = %v, want %v", tt.failures, tt.ago, got, tt.want)
		}
	}
}

func TestUsernameAndRole(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"agent1", "maryam.rezaei", "a_b-c"} {
		if err := auth.ValidUsername(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"a", "Agent", ".x", "مریم", "a b", strings.Repeat("a", 41)} {
		if err := auth.ValidUsername(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if _, err := auth.ParseRole("supervisor"); err != nil {
		t.Error(err)
	}
	if _, err := auth.ParseRole("root"); err == nil {
		t.Error("role root accepted")
	}
}
