package auth_test

import (
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/auth"
)

// Common, patterned and personal passwords are refused with what makes
// them weak; long passphrases, Persian ones too, pass.
func TestCheckNewPassword(t *testing.T) {
	t.Parallel()
	personal := []string{"agent1", "سارا احمدی"}
	for _, c := range []struct {
		password, want string
	}{
		{"short", "password.short"},
		{strings.Repeat("x", 257), "password.long"},
		{"1234567890", "password.common"},
		{"password", "password.short"},
		{"password12", "password.common"},
		{"qwertyuiop", "password.common"},
		{"1q2w3e4r5t6y", "password.common"},
		{"zxcvbnm,./", "password.keyboard"},
		{"agent1agent1", "password.personal"},
		{"Agent1Agent1!", "password.repeat"},
		{"سارا احمدی ۱۲", "password.personal"},
		{"abcdefghijkl", "password.sequence"},
		{"aaaaaaaaaaaa", "password.repeat"},
		{"1999-12-3101", "password.date"},
		// Typed with the Persian layout on: qwertyuiop, 1234567890,
		// password1234 and a repeat.
		{"ضصثقفغعهخح", "password.common"},
		{"۱۲۳۴۵۶۷۸۹۰", "password.common"},
		{"حشسسصخقی۱۲۳۴", "password.common"},
		{"ههههههههههههه", "password.repeat"},
	} {
		got := auth.CheckNewPassword("password", c.password, personal...)
		if len(got) != 1 || got[0].Code != c.want || got[0].Field != "password" {
			t.Errorf("CheckNewPassword(%q) = %v, want one %s on password", c.password, got, c.want)
		}
	}
	for _, ok := range []string{
		"correct horse battery staple",
		"کوه سبز آهسته می‌رقصد ماهی",
		"گذرواژهٔ بلند من",
		"تیر چراغ برق زیر باران خیس شد",
		"xK3_9aQz-LpT",
	} {
		if got := auth.CheckNewPassword("password", ok, personal...); len(got) > 0 {
			t.Errorf("CheckNewPassword(%q) = %v, want no problem", ok, got)
		}
	}
}

// The estimator misjudges multi-byte text (it indexes bytes), so random
// Persian letters must still pass once long enough.
func TestCheckNewPasswordRandomPersian(t *testing.T) {
	t.Parallel()
	letters := []rune("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی")
	seed := uint32(1)
	for range 300 {
		r := make([]rune, 14)
		for i := range r {
			seed = seed*1664525 + 1013904223
			r[i] = letters[int(seed>>16)%len(letters)]
		}
		if got := auth.CheckNewPassword("password", string(r)); len(got) > 0 {
			t.Errorf("random %q refused: %v", string(r), got)
		}
	}
}
