// Package invalid is the one shape of "this input is wrong" that services
// return: which field, a code for what is wrong, and the values a message
// needs. Services never write sentences for people; i18n.Problem turns a
// Problem into the reader's language, so the same refusal reads in Persian
// on a Persian page, in English in the API and on the command line.
package invalid

import (
	"errors"
	"fmt"
	"strings"
)

// Problem is one thing wrong with one field.
type Problem struct {
	// Field names the field as the form or document names it: a form
	// field ("callback_at"), a question key, or a dotted JSON path
	// ("customer.phone").
	Field string
	// Code says what is wrong; the message key is "invalid." + Code.
	Code string
	// Args fill the message's verbs in order; integers are written in the
	// reader's digits.
	Args []any
}

// Problems is every problem found in one input, so a person can fix them
// all in one go. A non-empty Problems is an error.
type Problems []Problem

// New is the error for a single problem.
func New(field, code string, args ...any) Problems {
	return Problems{{Field: field, Code: code, Args: args}}
}

// Error is for logs and tests, not for people: "field: code [args]; …".
func (ps Problems) Error() string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.Field + ": " + p.Code
		if len(p.Args) > 0 {
			parts[i] += fmt.Sprint(p.Args)
		}
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Err is ps as an error, or nil when there is no problem, so that a nil
// Problems never becomes a non-nil error interface.
func (ps Problems) Err() error {
	if len(ps) == 0 {
		return nil
	}
	return ps
}

// From finds the Problems in err's chain.
func From(err error) (Problems, bool) {
	var ps Problems
	if errors.As(err, &ps) && len(ps) > 0 {
		return ps, true
	}
	return nil, false
}

// Has reports whether any problem has code.
func (ps Problems) Has(code string) bool {
	for _, p := range ps {
		if p.Code == code {
			return true
		}
	}
	return false
}

// On returns the problems of one field.
func (ps Problems) On(field string) Problems {
	var out Problems
	for _, p := range ps {
		if p.Field == field {
			out = append(out, p)
		}
	}
	return out
}
