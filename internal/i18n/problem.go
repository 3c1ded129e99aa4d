package i18n

import "github.com/tamas-app/tamas/internal/invalid"

// Problem is p in l: the message "invalid."+p.Code with p.Args, integers
// written in l's digits. Every refusal of input reaches people through here,
// whether on a page, in the API or on the command line.
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
		default:
			args[i] = a
		}
	}
	return T(l, "invalid."+p.Code, args...)
}
