package web

import (
	"fmt"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
)

// problemText is a refusal in the reader's language. Quoted text, a list's
// items too, is kept in its own direction, and a date or time (a fmt.Stringer such as
// schedule.Date) is also written in the reader's digits.
func problemText(l i18n.Lang, p invalid.Problem) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		switch v := a.(type) {
		case string:
			a = isolate(l, v)
		case []string:
			items := make([]string, len(v))
			for j, s := range v {
				items[j] = isolate(l, s)
			}
			a = items
		case fmt.Stringer:
			a = isolate(l, i18n.Digits(l, v.String()))
		}
		args[i] = a
	}
	p.Args = args
	return i18n.Problem(l, p)
}

// problemTexts are a form's refusals by field, in the reader's language.
// A field with several keeps the last, as the forms show one per field.
func problemTexts(l i18n.Lang, ps invalid.Problems) map[string]string {
	out := make(map[string]string, len(ps))
	for _, p := range ps {
		out[p.Field] = problemText(l, p)
	}
	return out
}

// isolate keeps text quoted in a Persian sentence in its own order: in a
// right-to-left line "2026-02-30" or "۲۰۲۶-۰۳-۲۱" would otherwise be drawn
// as "30-02-2026", since digits after Persian letters take the line's
// direction. It adds FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
func isolate(l i18n.Lang, s string) string {
	if l != i18n.FA {
		return s
	}
	return "\u2068" + s + "\u2069"
}
