package scripts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean trims spaces and the invisible direction marks that pasting from
// right-to-left text leaves around a value.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Bidi_Control, r)
	})
}

// digit is the value of a Latin, Persian (۰–۹) or Arabic-Indic (٠–٩) digit,
// or -1: Persian users type any of the three depending on the keyboard.
func digit(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '۰' && r <= '۹':
		return int(r - '۰')
	case r >= '٠' && r <= '٩':
		return int(r - '٠')
	}
	return -1
}

// parseWhole reads a small non-negative whole number in any of the digit
// sets. Longer inputs are refused rather than risk overflow: no scale here
// goes past two digits.
func parseWhole(s string) (int, bool) {
	s = clean(s)
	if s == "" || utf8.RuneCountInString(s) > 4 {
		return 0, false
	}
	n := 0
	for _, r := range s {
		d := digit(r)
		if d < 0 {
			return 0, false
		}
		n = n*10 + d
	}
	return n, true
}

// fold makes text comparable across case, digit sets and the Arabic letter
// forms an Arabic keyboard layout types for Persian (ي for ی, ك for ک).
// Tatweel and short-vowel marks are dropped because they are decoration.
func fold(s string) string {
	return strings.Map(foldRune, s)
}

// foldRune is fold for one rune; -1 means the rune is dropped.
func foldRune(r rune) rune {
	if d := digit(r); d >= 0 {
		return '0' + rune(d)
	}
	switch {
	case r == 'ي' || r == 'ى':
		return 'ی'
	case r == 'ك':
		return 'ک'
	case r == 'ـ' || (r >= '\u064B' && r <= '\u065F') || r == '\u0670':
		return -1
	}
	return unicode.ToLower(r)
}

// words splits folded text into words. The zero-width non-joiner counts as a
// boundary: Persian writes it between a word and its suffix (خراب‌تر) and
// where others type a space (می‌کند, می کند), so both spellings split alike.
func words(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool { return !isWordRune(r) })
}

// isWordRune reports whether a folded rune belongs to a word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// containsAny reports whether text holds any term as whole words in a row,
// so "broken" finds "It is broken." but not "unbroken".
func containsAny(text string, terms []string) bool {
	tw := words(text)
	for _, term := range terms {
		if hasRun(tw, words(term)) {
			return true
		}
	}
	return false
}

func hasRun(haystack, needle []string) bool {
	for i := 0; len(needle) > 0 && i+len(needle) <= len(haystack); i++ {
		if slices.Equal(haystack[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

// quote wraps s in quotes for a message. Not strconv.Quote: it would escape
// the zero-width non-joiner that Persian words contain.
func quote(s string) string {
	return `"` + s + `"`
}
