package survey

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tamas-app/tamas/internal/i18n"
)

// A realistic link: the public address and a token as long as
// surveylink makes them for a follow-up id in the billions.
const exampleLink = "https://tamas.example.com/s/bIGQtb-VB5hwjBIdGKPIHpFmg"

func TestLinkTextIsOnePartInEnglish(t *testing.T) {
	t.Parallel()
	text := LinkText(i18n.EN, "Emma", exampleLink)
	m := Measure(text)
	if m.Encoding != GSM7 || m.Segments != 1 {
		t.Errorf("English link text %q measures %+v, want one GSM-7 part", text, m)
	}
	if !strings.Contains(text, "Emma") || !strings.HasSuffix(text, exampleLink) {
		t.Errorf("English link text %q lacks the first name or does not end with the link", text)
	}
}

func TestLinkTextInPersianKeepsItsWordsInOnePart(t *testing.T) {
	t.Parallel()
	text := LinkText(i18n.FA, "مریم", exampleLink)
	words := strings.TrimSuffix(text, exampleLink)
	if words == text {
		t.Fatalf("Persian link text %q does not end with the link", text)
	}
	if n := utf8.RuneCountInString(words); n > 70 {
		t.Errorf("Persian link text before the link is %d characters, want at most 70: %q", n, words)
	}
	// UCS-2: the words take one part's worth, the link the second.
	if m := Measure(text); m.Encoding != UCS2 || m.Segments > 2 {
		t.Errorf("Persian link text %q measures %+v, want UCS-2 in at most two parts", text, m)
	}
}

func TestFirstNameIsTheFirstWordOnly(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"مریم رضایی": "مریم", " Emma  Clark ": "Emma", "": ""} {
		if got := FirstName(in); got != want {
			t.Errorf("FirstName(%q) = %q, want %q", in, got, want)
		}
	}
}
