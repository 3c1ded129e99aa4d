package i18n

import (
	"strings"

	"github.com/tamas-app/tamas/internal/invalid"
)

// Problem is p in l: the message "invalid."+p.Code with p.Args, integers
// written in l's digits, a []string as a quoted list ("a", "b" and "c";
// «a»، «b» و «c»), an invalid.Term as its message in l and a Problem as
// its own message, so a refusal can say where ("line 3") and leave the why
// to the problem it wraps. Every refusal of input reaches people through
// here, whether on a page, in the API or on the command line.
func Problem(l Lang, p invalid.Problem) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		switch n := a.(type) {
		case int:
			args[i] = Number(l, int64(n))
		case int32:
			args[i] = Number(l, int64(n))
		case int64:
			args[i] = Number(l, n)
		case []string:
			args[i] = quotedList(l, n)
		case invalid.Problem:
			args[i] = Problem(l, n)
		case invalid.Term:
			args[i] = T(l, string(n))
		default:
			args[i] = a
		}
	}
	return T(l, "invalid."+p.Code, args...)
}

// quotedList quotes each item as l quotes and joins them as l lists.
func quotedList(l Lang, items []string) string {
	before, after, comma, and := `"`, `"`, ", ", " and "
	if l == FA {
		before, after, comma, and = "«", "»", "، ", " و "
	}
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = before + s + after
	}
	if len(quoted) < 2 {
		return strings.Join(quoted, "")
	}
	last := len(quoted) - 1
	return strings.Join(quoted[:last], comma) + and + quoted[last]
}
