// Package i18n holds tamas's UI text in English and Persian and formats
// numbers and dates the way each language's readers expect: Persian gets
// Persian digits, the Jalali calendar and right-to-left layout.
//
// Everything here is a pure function of its arguments; the catalog in
// messages.go is read-only after package initialisation.
package i18n

import (
	"fmt"
	"strings"
)

// Lang is a UI language.
type Lang string

const (
	EN Lang = "en"
	FA Lang = "fa"
)

// Parse maps a language tag ("fa", "fa-IR", "FA", "fa_IR") to a Lang.
// Anything that is not Persian is English, the console's default. A whole
// Accept-Language header is accepted too: only its first tag counts, since
// browsers list the user's preferred language first.
func Parse(s string) Lang {
	s, _, _ = strings.Cut(s, ",")
	s, _, _ = strings.Cut(s, ";")
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "fa" || strings.HasPrefix(s, "fa-") || strings.HasPrefix(s, "fa_") {
		return FA
	}
	return EN
}

// Dir is the HTML dir attribute for l: "rtl" for Persian, else "ltr".
func (l Lang) Dir() string {
	if l == FA {
		return "rtl"
	}
	return "ltr"
}

// String is the BCP 47 tag, fit for the HTML lang attribute.
func (l Lang) String() string { return string(l) }

// T returns the message for key in l, formatted with fmt.Sprintf(args...)
// when args are given. A key missing in l falls back to English; a key
// missing everywhere returns the key itself, unformatted, so a typo shows up
// on the page instead of an empty label (tests keep the catalog complete).
//
// Numbers inside args are not converted: pass Number(l, n) or a string built
// with Digits when the message is Persian.
func T(l Lang, key string, args ...any) string {
	return messages.text(l, key, args...)
}

// catalog maps message key to language to text. It is a type so tests can
// exercise lookup and fallback on a small catalog of their own.
type catalog map[string]map[Lang]string

// add merges part into c at package initialisation. Each feature keeps its
// text in a messages_*.go file of its own that calls add from init; a key
// defined twice is a programming error caught at start.
func (c catalog) add(part catalog) {
	for k, v := range part {
		if _, dup := c[k]; dup {
			panic("i18n: message " + k + " is defined twice")
		}
		c[k] = v
	}
}

func (c catalog) text(l Lang, key string, args ...any) string {
	msg := c[key][l]
	if msg == "" {
		msg = c[key][EN]
	}
	if msg == "" {
		return key
	}
	if len(args) == 0 {
		return msg
	}
	return fmt.Sprintf(msg, args...)
}
