// Package scripts is the call-script domain: the script versions agents read
// from after a sale, the answers they record, and the triggers that turn a bad
// answer into an issue. It does no I/O, so every rule here is checked on plain
// values before the store or a handler sees them.
package scripts

import (
	"fmt"
	"regexp"
	"strings"
)

// QuestionType decides how an answer is read and which trigger fits it.
type QuestionType string

const (
	Rating QuestionType = "rating" // 1–5
	NPS    QuestionType = "nps"    // 0–10
	YesNo  QuestionType = "yes_no"
	Choice QuestionType = "choice"
	Text   QuestionType = "text"
)

// scale is the range of a numeric question; ok is false for the others.
func (t QuestionType) scale() (lo, hi int, ok bool) {
	switch t {
	case Rating:
		return 1, 5, true
	case NPS:
		return 0, 10, true
	}
	return 0, 0, false
}

// Severity is how urgently service staff must act on a raised issue.
type Severity string

const (
	SeverityLow      Severity = "low"
	SeverityMedium   Severity = "medium"
	SeverityHigh     Severity = "high"
	SeverityCritical Severity = "critical"
)

// MaxQuestions keeps a call short enough to stay a courtesy, not a survey.
const MaxQuestions = 5

// Trigger says which answer raises an issue, and what kind.
type Trigger struct {
	AtMost   *int     `json:"at_most,omitempty" yaml:"at_most,omitempty"`   // rating/nps: value <= AtMost
	Equals   string   `json:"equals,omitempty" yaml:"equals,omitempty"`     // yes_no: "yes"/"no"; choice: an option
	Contains []string `json:"contains,omitempty" yaml:"contains,omitempty"` // text: any of these words or phrases
	Severity Severity `json:"severity" yaml:"severity"`
	Category string   `json:"category" yaml:"category"` // root cause, e.g. product_defect, delivery, staff_behaviour
}

// Question is one question of a version. Its Key outlives prompt rewording,
// so reports can follow a question across versions.
type Question struct {
	Key      string       `json:"key" yaml:"key"`
	Prompt   string       `json:"prompt" yaml:"prompt"`
	Type     QuestionType `json:"type" yaml:"type"`
	Options  []string     `json:"options,omitempty" yaml:"options,omitempty"`
	Required bool         `json:"required" yaml:"required"`
	Trigger  *Trigger     `json:"trigger,omitempty" yaml:"trigger,omitempty"`
}

// Version is one immutable version of a script; answers point at it.
type Version struct {
	Name      string     `json:"name" yaml:"name"`
	Locale    string     `json:"locale" yaml:"locale"`
	Intro     string     `json:"intro" yaml:"intro"`
	Questions []Question `json:"questions" yaml:"questions"`
	Closing   string     `json:"closing" yaml:"closing"`
}

// Problem is one finding, located at "intro", "closing", "name", "locale",
// "questions" or a question key, so a form can show it next to its field.
type Problem struct {
	Where   string `json:"where" yaml:"where"`
	Message string `json:"message" yaml:"message"`
}

var (
	keyPattern    = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	namePattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{1,39}$`)
	localePattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$`)
)

// ValidName reports whether name can name a script: rules refer to scripts
// by name and files are named after them, so names stay plain.
func ValidName(name string) bool { return namePattern.MatchString(name) }

// Validate reports every structural problem of v; nil means it can be
// published. It does not judge wording.
func (v Version) Validate() []Problem {
	var ps []Problem
	for _, f := range []struct{ where, text string }{
		{"name", v.Name}, {"locale", v.Locale}, {"intro", v.Intro}, {"closing", v.Closing},
	} {
		if clean(f.text) == "" {
			ps = append(ps, Problem{f.where, f.where + " is required"})
		}
	}
	if clean(v.Name) != "" && !ValidName(v.Name) {
		ps = append(ps, Problem{"name", "name must be 2 to 40 lower-case letters a–z, digits, - or _, starting with a letter or digit"})
	}
	if clean(v.Locale) != "" && !localePattern.MatchString(v.Locale) {
		ps = append(ps, Problem{"locale", fmt.Sprintf("locale %s is not a language tag such as fa or en", quote(v.Locale))})
	}
	for _, f := range []struct{ where, text string }{{"intro", v.Intro}, {"closing", v.Closing}} {
		for _, p := range unknownPlaceholders(f.text) {
			ps = append(ps, Problem{f.where, fmt.Sprintf("%s uses the unknown placeholder %s; use %s", f.where, p, placeholderList)})
		}
	}
	switch n := len(v.Questions); {
	case n == 0:
		ps = append(ps, Problem{"questions", "a script needs at least one question"})
	case n > MaxQuestions:
		ps = append(ps, Problem{"questions", fmt.Sprintf("a script has at most %d questions; this one has %d", MaxQuestions, n)})
	}
	firstUse := map[string]int{}
	for i, q := range v.Questions {
		ps = append(ps, q.problems(i+1, firstUse)...)
	}
	return ps
}

// problems checks question number n; firstUse maps keys already seen to
// their question number, so duplicates are named by position.
func (q Question) problems(n int, firstUse map[string]int) []Problem {
	var ps []Problem
	add := func(format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		if q.Key == "" {
			// Without a key the question can only be found by its position.
			ps = append(ps, Problem{"questions", fmt.Sprintf("question %d: %s", n, msg)})
			return
		}
		ps = append(ps, Problem{q.Key, msg})
	}

	switch first, dup := firstUse[q.Key]; {
	case q.Key == "":
		add("key is required")
	case !keyPattern.MatchString(q.Key):
		add("key %s must start with a lowercase letter and use only a-z, 0-9 and _ (at most 40 characters)", quote(q.Key))
	case dup:
		add("key %s is already used by question %d", quote(q.Key), first)
	default:
		firstUse[q.Key] = n
	}
	if clean(q.Prompt) == "" {
		add("prompt is required")
	}
	switch q.Type {
	case Rating, NPS, YesNo, Choice, Text:
	case "":
		add("type is required; use rating, nps, yes_no, choice or text")
	default:
		add("type %s is unknown; use rating, nps, yes_no, choice or text", quote(string(q.Type)))
	}

	if q.Type == Choice {
		q.optionProblems(add)
	} else if len(q.Options) > 0 {
		add("options are only for choice questions")
	}
	if q.Trigger != nil {
		q.triggerProblems(add)
	}
	return ps
}

func (q Question) optionProblems(add func(string, ...any)) {
	if n := len(q.Options); n < 2 || n > 8 {
		add("a choice question needs 2 to 8 options; this one has %d", n)
	}
	firstUse := map[string]int{}
	for i, o := range q.Options {
		if clean(o) == "" {
			add("option %d is empty", i+1)
			continue
		}
		// Answers match options loosely (case, Arabic letter forms), so
		// options must differ by more than that.
		f := fold(clean(o))
		if first, dup := firstUse[f]; dup {
			add("option %d (%s) is the same as option %d", i+1, quote(o), first)
			continue
		}
		firstUse[f] = i + 1
		// An agent may answer with an option's number; an option that is
		// itself another option's number would make "2" mean two things.
		if k, ok := parseWhole(o); ok && k >= 1 && k <= len(q.Options) && k != i+1 {
			add("option %d (%s) reads as the number of option %d; write it differently", i+1, quote(o), k)
		}
	}
}

func (q Question) triggerProblems(add func(string, ...any)) {
	t := q.Trigger
	switch t.Severity {
	case SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical:
	case "":
		add("trigger severity is required; use low, medium, high or critical")
	default:
		add("trigger severity %s is unknown; use low, medium, high or critical", quote(string(t.Severity)))
	}
	if clean(t.Category) == "" {
		add("trigger category is required, for example product_defect or delivery")
	}

	if lo, hi, numeric := q.Type.scale(); numeric {
		switch {
		case t.AtMost == nil:
			add("trigger at_most is required for %s questions", q.Type)
		case *t.AtMost < lo || *t.AtMost > hi:
			add("trigger at_most must be from %d to %d for %s questions; it is %d", lo, hi, q.Type, *t.AtMost)
		}
	} else if t.AtMost != nil {
		add("trigger at_most is only for rating and nps questions")
	}

	switch q.Type {
	case YesNo:
		if t.Equals != "yes" && t.Equals != "no" {
			add(`trigger equals must be "yes" or "no" for yes_no questions; it is %s`, quote(t.Equals))
		}
	case Choice:
		if !q.isOption(t.Equals) {
			add("trigger equals must be one of the options; it is %s", quote(t.Equals))
		}
	default:
		if t.Equals != "" {
			add("trigger equals is only for yes_no and choice questions")
		}
	}

	if q.Type != Text {
		if len(t.Contains) > 0 {
			add("trigger contains is only for text questions")
		}
		return
	}
	if len(t.Contains) == 0 {
		add("trigger contains needs at least one word for text questions")
	}
	for i, w := range t.Contains {
		if len(words(w)) == 0 {
			add("trigger contains entry %d (%s) has no letters or digits", i+1, quote(w))
		}
	}
}

// isOption reports whether s names an option by its text, not its number:
// a trigger must keep its meaning when options are reordered.
func (q Question) isOption(s string) bool {
	s = fold(clean(s))
	for _, o := range q.Options {
		if s != "" && fold(clean(o)) == s {
			return true
		}
	}
	return false
}

// Question returns the question with the given key.
func (v Version) Question(key string) (Question, bool) {
	for _, q := range v.Questions {
		if q.Key == key {
			return q, true
		}
	}
	return Question{}, false
}

// Dir is the text direction of the version's locale, for the page that
// shows it: "rtl" for Persian, Arabic, Hebrew and Urdu, else "ltr".
func (v Version) Dir() string {
	switch baseLanguage(v.Locale) {
	case "fa", "ar", "he", "ur":
		return "rtl"
	}
	return "ltr"
}

// baseLanguage is the language part of a locale such as "fa-IR" or "en_GB".
func baseLanguage(locale string) string {
	base, _, _ := strings.Cut(strings.ToLower(clean(locale)), "-")
	base, _, _ = strings.Cut(base, "_")
	return base
}
