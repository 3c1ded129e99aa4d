package scripts

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
func (v Version) ParseAnswers(raw map[string]string) ([]Answer, []Problem) {
	var (
		answers  []Answer
		problems []Problem
	)
	for _, q := range v.Questions {
		s, ok := raw[q.Key]
		if !ok || clean(s) == "" {
			if q.Required {
				problems = append(problems, Problem{q.Key, "an answer is required"})
			}
			continue
		}
		value, msg := q.normalise(s)
		if msg != "" {
			problems = append(problems, Problem{q.Key, msg})
			continue
		}
		answers = append(answers, Answer{q.Key, value})
	}
	// Sorted so the same form always yields the same problems.
	for _, key := range slices.Sorted(maps.Keys(raw)) {
		if _, ok := v.Question(key); !ok {
			problems = append(problems, Problem{key, "this script has no question " + quote(key)})
		}
	}
	if len(problems) > 0 {
		return nil, problems
	}
	return answers, nil
}

// normalise turns a non-empty typed value into its stored form, or says
// what is wrong with it.
func (q Question) normalise(s string) (value, problem string) {
	switch q.Type {
	case Rating, NPS:
		lo, hi, _ := q.Type.scale()
		n, ok := parseWhole(s)
		if !ok || n < lo || n > hi {
			name := "rating"
			if q.Type == NPS {
				name = "score"
			}
			return "", fmt.Sprintf("%s must be a whole number from %d to %d", name, lo, hi)
		}
		return strconv.Itoa(n), ""
	case YesNo:
		if yn, ok := parseYesNo(s); ok {
			return yn, ""
		}
		return "", "answer must be yes or no"
	case Choice:
		if o, ok := q.option(s); ok {
			return o, ""
		}
		return "", fmt.Sprintf("answer must be one of the options (%s) or its number from 1 to %d",
			quoteList(q.Options), len(q.Options))
	case Text:
		s = clean(s)
		if !utf8.ValidString(s) {
			return "", "text is not valid UTF-8"
		}
		if strings.IndexFunc(s, isForbiddenControl) >= 0 {
			return "", "text must not contain control characters"
		}
		if n := utf8.RuneCountInString(s); n > MaxTextLength {
			return "", fmt.Sprintf("text must be at most %d characters; this one has %d", MaxTextLength, n)
		}
		return s, ""
	}
	return "", "question type " + quote(string(q.Type)) + " cannot be answered"
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

func parseYesNo(s string) (string, bool) {
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

func quoteList(ss []string) string {
	quoted := make([]string, len(ss))
	for i, s := range ss {
		quoted[i] = quote(s)
	}
	return strings.Join(quoted, ", ")
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
		yn, ok := parseYesNo(a.Value)
		return ok && yn == t.Equals
	case Choice:
		o, ok := q.option(a.Value)
		return ok && fold(clean(o)) == fold(clean(t.Equals))
	case Text:
		return containsAny(a.Value, t.Contains)
	}
	return false
}
