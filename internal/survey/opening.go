package survey

import (
	"encoding/json"
	"maps"

	"github.com/tamas-app/tamas/internal/i18n"
)

// Openings are a follow-up rule's first texts, by language ("fa", "en").
type Openings map[string]string

// With is o with the texts of over in their place; neither is changed.
func (o Openings) With(over Openings) Openings {
	out := make(Openings, len(o)+len(over))
	maps.Copy(out, o)
	maps.Copy(out, over)
	return out
}

// The openings every rule starts with (migration 00030 fills existing
// rules with them): with the default script's answer hint and opt-out line
// the Persian one is two UCS-2 parts, the English one a single GSM-7 part.
// The script's spoken intro and first prompt make six Persian parts.
var defaultOpenings = Openings{
	"fa": "سلام {customer}، {agent} هستیم. از خرید {product} چقدر راضی هستید؟",
	"en": "Hi {customer}, this is {agent}. How happy are you with your {product}?",
}

// DefaultOpenings is a copy of the openings a new rule starts with.
func DefaultOpenings() Openings {
	out := make(Openings, len(defaultOpenings))
	for k, v := range defaultOpenings {
		out[k] = v
	}
	return out
}

// OpeningFor is the opening for a survey in locale: the text of its
// language, else the English one, as a script missing in a locale falls
// back to English; "" when the rule has neither.
func (o Openings) OpeningFor(locale string) string {
	if t := o[string(i18n.Parse(locale))]; t != "" {
		return t
	}
	return o[string(i18n.EN)]
}

// DecodeOpenings reads a rule's stored openings (a JSON object, as the
// schema keeps it); an unreadable value is none, and the survey falls back
// to the script's intro.
func DecodeOpenings(b []byte) Openings {
	var o Openings
	if err := json.Unmarshal(b, &o); err != nil {
		return nil
	}
	return o
}
