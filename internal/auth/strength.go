package auth

import (
	"errors"
	"strings"
	"unicode"

	"github.com/trustelem/zxcvbn"
	"github.com/trustelem/zxcvbn/match"

	"github.com/tamas-app/tamas/internal/invalid"
)

// MinScore is the zxcvbn score a new password needs: 3 means about 10⁸
// guesses or more, which with argon2id and the sign-in throttle is beyond an
// online guesser and slow for an offline one; 4 would refuse too many
// passphrases people can remember.
const MinScore = 3

// CheckNewPassword is the policy for a password a person chooses, wherever
// one is set: an admin adding an account or resetting one, a user changing
// their own, the command line. Problems are reported on field. personal
// are the words the account is known by (username, display name): a
// password built from them is guessable by anyone who knows the account.
//
// Strength is estimated with zxcvbn (Dropbox's estimator, in its Go port)
// rather than an embedded list of common passwords: a list only catches
// the exact entries, while zxcvbn also scores keyboard walks (qwertyuiop),
// sequences (1234567890), repeats (agent1agent1), dates, l33t spellings and
// the account's own names, and carries its 30 000 common passwords with it.
func CheckNewPassword(field, password string, personal ...string) invalid.Problems {
	switch err := CheckPasswordRules(password); {
	case errors.Is(err, ErrPasswordShort):
		return invalid.New(field, "password.short", MinPassword)
	case err != nil:
		return invalid.New(field, "password.long", MaxPasswordBytes)
	}
	r := zxcvbn.PasswordStrength(latinKeys(password), userInputs(personal))
	if r.Score >= MinScore {
		return nil
	}
	return invalid.New(field, "password."+weakness(r.Sequence))
}

// userInputs are the personal words as zxcvbn should look for them: each
// whole, and each of its words ("maryam.rezaei", "maryam", "rezaei"), as
// typed on a US keyboard like the password.
func userInputs(personal []string) []string {
	var inputs []string
	for _, p := range personal {
		p = strings.ToLower(strings.TrimSpace(p))
		words := strings.FieldsFunc(p, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if len(words) > 1 {
			inputs = append(inputs, latinKeys(p))
		}
		for _, w := range words {
			inputs = append(inputs, latinKeys(w))
		}
	}
	return inputs
}

// weakness names what makes a password guessable after the longest part
// zxcvbn found in it, as zxcvbn's own feedback does (the Go port has none).
func weakness(seq []*match.Match) string {
	var longest *match.Match
	for _, m := range seq {
		if longest == nil || len(m.Token) > len(longest.Token) {
			longest = m
		}
	}
	if longest == nil {
		return "guessable"
	}
	switch longest.Pattern {
	case "dictionary":
		switch longest.DictionaryName {
		case "passwords":
			return "common"
		case "user_inputs":
			return "personal"
		default:
			return "words"
		}
	case "spatial":
		return "keyboard"
	case "repeat":
		return "repeat"
	case "sequence":
		return "sequence"
	case "date", "regex":
		return "date"
	}
	return "guessable"
}

// latinKeys is s as typed on a US keyboard: a Persian letter or digit
// becomes the key it sits on in the Persian layout, and any other
// non-ASCII rune a printable ASCII stand-in. Two reasons: "ضصثقفغعهخح" is
// qwertyuiop and "۱۲۳۴۵۶۷۸۹۰" is 1234567890, typed with the Persian layout
// on, and must be refused like them; and the zxcvbn port indexes bytes,
// so on multi-byte text it misjudges (a random Persian string of 16
// letters scores 0 a third of the time). Folding only ever merges
// characters, so it can make a password look weaker, never stronger.
func latinKeys(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			b.WriteRune(r)
		case r >= '۰' && r <= '۹':
			b.WriteRune('0' + r - '۰')
		case r >= '٠' && r <= '٩':
			b.WriteRune('0' + r - '٠')
		case persianKeys[r] != 0:
			b.WriteByte(persianKeys[r])
		default:
			b.WriteByte(byte('!' + r%('~'-'!'+1)))
		}
	}
	return b.String()
}

// persianKeys maps a Persian letter to its key in the standard Persian
// layout (ISIRI 9147), Arabic forms of ی and ک included.
var persianKeys = map[rune]byte{
	'ض': 'q', 'ص': 'w', 'ث': 'e', 'ق': 'r', 'ف': 't', 'غ': 'y', 'ع': 'u', 'ه': 'i', 'خ': 'o', 'ح': 'p', 'ج': '[', 'چ': ']',
	'ش': 'a', 'س': 's', 'ی': 'd', 'ي': 'd', 'ب': 'f', 'ل': 'g', 'ا': 'h', 'ت': 'j', 'ن': 'k', 'م': 'l', 'ک': ';', 'ك': ';', 'گ': '\'',
	'ظ': 'z', 'ط': 'x', 'ز': 'c', 'ر': 'v', 'ذ': 'b', 'د': 'n', 'پ': 'm', 'ئ': 'm', 'و': ',',
	'آ': 'H', 'ژ': 'C', 'ء': 'M',
}
