package scripts

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tamas-app/tamas/internal/invalid"
)

// MaxTextLength bounds a text answer, in characters: enough for what a
// customer says in a one-minute call, short enough to read in a queue.
const MaxTextLength = 2000

// Answer is one stored answer. Value is normalised so reports compare like
// with like: rating and nps in Latin digits ("4"), yes_no as "yes" or "no",
// choice as the option's text, text trimmed.
type Answer struct {
	Key   string `json:"key" yaml:"key"`
	Value string `json:"value" yaml:"value"`
}

// ParseAnswers checks raw form values (question key → value as typed)
// against v. It returns the answers in question order, leaving out skipped
// optional questions, or every problem found, each located at its key.
func (v Version) ParseAnswers(raw map[string]string) ([]Answer, invalid.Problems) {
	var (
		answers  []Answer
		problems invalid.Problems
	)
	for _, q := range v.Questions {
		s, ok := raw[q.Key]
		if !ok || clean(s) == "" {
			if q.Required {
				problems = append(problems, invalid.Problem{Field: q.Key, Code: "answer.required"})
			}
			continue
		}
		value, p := q.normalise(s)
		if p != nil {
			problems = append(problems, *p)
			continue
		}
		answers = append(answers, Answer{q.Key, value})
	}
	// Sorted so the same form always yields the same problems.
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		if _, ok := v.Question(key); !ok {
			problems = append(problems, invalid.Problem{Field: key, Code: "answer.no_question", Args: []any{key}})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return answers, nil
}

// normalise turns a non-empty typed value into its stored form, or says
// what is wrong with it.
func (q Question) normalise(s string) (string, *invalid.Problem) {
	refuse := func(code string, args ...any) (string, *invalid.Problem) {
		return "", &invalid.Problem{Field: q.Key, Code: code, Args: args}
	}
	switch q.Type {
	case Rating, NPS:
		lo, hi, _ := q.Type.Scale()
		n, ok := parseWhole(s)
		if !ok || n < lo || n > hi {
			return refuse("answer."+string(q.Type), lo, hi)
		}
		return strconv.Itoa(n), nil
	case YesNo:
		if yn, ok := ParseYesNo(s); ok {
			return yn, nil
		}
		return refuse("answer.yes_no")
	case Choice:
		if o, ok := q.option(s); ok {
			return o, nil
		}
		return refuse("answer.choice")
	case Text:
		s = clean(s)
		if !utf8.ValidString(s) {
			return refuse("answer.utf8")
		}
		if strings.IndexFunc(s, isForbiddenControl) >= 0 {
			return refuse("answer.control")
		}
		if n := utf8.RuneCountInString(s); n > MaxTextLength {
			return refuse("answer.too_long", MaxTextLength, n)
		}
		return s, nil
	}
	return refuse("answer.type", string(q.Type))
}

// isForbiddenControl keeps line breaks and tabs, which people type, and
// refuses the rest, which only pasting brings and PostgreSQL may reject.
func isForbiddenControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
}

var (
	yesWords = []string{"yes", "y", "true", "بله", "بلی", "آره"}
	noWords  = []string{"no", "n", "false", "نه", "خیر"}
)

// ParseYesNo reads a yes or no typed in English or Persian ("no", "خیر",
// "نه") as the "yes" or "no" that answers and triggers store.
func ParseYesNo(s string) (string, bool) {
	s = fold(clean(s))
	switch {
	case slices.Contains(yesWords, s):
		return "yes", true
	case slices.Contains(noWords, s):
		return "no", true
	}
	return "", false
}

// option finds the option s names, by its text or by its 1-based number,
// since agents often type the number they heard.
func (q Question) option(s string) (string, bool) {
	f := fold(clean(s))
	for _, o := range q.Options {
		if fold(clean(o)) == f {
			return o, true
		}
	}
	if n, ok := parseWhole(s); ok && n >= 1 && n <= len(q.Options) {
		return q.Options[n-1], true
	}
	return "", false
}

// Triggered reports whether an answer to q raises an issue. It reads the
// value as leniently as ParseAnswers does, so an answer built by hand or
// stored before normalisation still triggers.
func (q Question) Triggered(a Answer) bool {
	t := q.Trigger
	if t == nil || a.Key != q.Key || clean(a.Value) == "" {
		return false
	}
	switch q.Type {
	case Rating, NPS:
		n, ok := parseWhole(a.Value)
		return ok && t.AtMost != nil && n <= *t.AtMost
	case YesNo:
		yn, ok := ParseYesNo(a.Value)
		return ok && yn == t.Equals
	case Choice:
		o, ok := q.option(a.Value)
		return ok && fold(clean(o)) == fold(clean(t.Equals))
	case Text:
		return containsAny(a.Value, t.Contains)
	}
	return false
}
