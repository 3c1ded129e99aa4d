// Package survey runs a call script as an automated survey: the SMS
// conversation (what to answer to each text a customer sends) and the TwiML
// of a keypad voice call. It is pure: the caller stores the State, sends what
// a Step says to send and turns the finished answers into a response, so
// every rule here is tested on plain values, in English and Persian.
package survey

import (
	"slices"
	"strings"
	"unicode"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/scripts"
)

// lang is the language the customer reads or hears: the script's, with
// English for locales the catalog does not have.
func lang(v scripts.Version) i18n.Lang { return i18n.Parse(v.Locale) }

// keyword folds a whole message into the form keywords are compared in:
// lower case, Persian letter forms, Latin digits, and nothing but letters
// and digits, so "Stop!", " STOP " and "لغو‌" (with a stray non-joiner)
// all read as one word.
func keyword(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == 'ي' || r == 'ى':
			b.WriteRune('ی')
		case r == 'ك':
			b.WriteRune('ک')
		case r >= '۰' && r <= '۹':
			b.WriteRune('0' + r - '۰')
		case r >= '٠' && r <= '٩':
			b.WriteRune('0' + r - '٠')
		case r == 'ـ':
			// Tatweel only stretches a letter.
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// The keywords carriers and Twilio treat as opting out or back in, with
// their Persian equivalents. Twilio's own list is matched on the whole
// message, and so is this one: "please don't stop" is not an opt-out.
var (
	optOutWords = []string{
		"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "revoke",
		"لغو", "توقف", "انصراف", "لغوعضویت", "لغواشتراک", "نفرست", "نفرستید",
	}
	optInWords = []string{"start", "unstop", "شروع"}
	// yes restarts messages only for someone who opted out; for everyone
	// else it answers a question.
	restartWords = []string{"yes", "بله"}
	helpWords    = []string{"help", "info", "راهنما", "کمک"}
	skipWords    = []string{"skip", "next", "pass", "بعدی", "ردشو"}

	// Words people text for yes and no beyond those scripts reads.
	yesSynonyms = []string{"yeah", "yep", "yup", "اره", "آری", "بعله"}
	noSynonyms  = []string{"nope", "nah", "نخیر", "نچ"}
)

// IsOptOut reports whether an inbound text is an opt-out keyword.
func IsOptOut(text string) bool { return slices.Contains(optOutWords, keyword(text)) }

// IsOptIn reports whether an inbound text opts a customer back in. optedOut
// says whether they are opted out now, which makes YES a restart too.
func IsOptIn(text string, optedOut bool) bool {
	k := keyword(text)
	return slices.Contains(optInWords, k) || (optedOut && slices.Contains(restartWords, k))
}

// trimAnswer drops the punctuation people add around a short answer
// ("5!", "yes.", «بله»), which scripts would refuse.
func trimAnswer(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) ||
			unicode.Is(unicode.Bidi_Control, r) || r == '\u200c'
	})
}

// parse reads s as an answer to q with the same rules as an agent's form
// (scripts.Version.ParseAnswers), so an SMS answer is stored exactly as the
// same answer typed by an agent.
func parse(q scripts.Question, s string) (scripts.Answer, bool) {
	if q.Type != scripts.Text {
		s = trimAnswer(s)
		switch k := keyword(s); {
		case q.Type == scripts.YesNo && slices.Contains(yesSynonyms, k):
			s = "yes"
		case q.Type == scripts.YesNo && slices.Contains(noSynonyms, k):
			s = "no"
		}
	}
	if strings.TrimSpace(s) == "" {
		return scripts.Answer{}, false
	}
	one := scripts.Version{Questions: []scripts.Question{q}}
	answers, problems := one.ParseAnswers(map[string]string{q.Key: s})
	if len(problems) > 0 || len(answers) != 1 {
		return scripts.Answer{}, false
	}
	return answers[0], true
}
