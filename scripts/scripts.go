// Package scripts is the call-script domain: the script versions agents read
// from after a sale, the answers they record, and the triggers that turn a bad
// answer into an issue. It does no I/O, so every rule here is checked on plain
// values before the store or a handler sees them.
package scripts

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/tamas-app/tamas/internal/invalid"
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

// Scale is the range of a numeric question; ok is false for the others.
func (t QuestionType) Scale() (lo, hi int, ok bool) {
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

var (
	keyPattern    = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	namePattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{1,39}$`)
	localePattern = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$`)
)

// ValidName reports whether name can name a script: rules refer to scripts
// by name and files are named after them, so names stay plain.
func ValidName(name string) bool { return namePattern.MatchString(name) }

// Validate reports every structural problem of v; nil means it can be
// published. It does not judge wording. A problem's field is "intro",
// "closing", "name", "locale", "questions", a question key, or
// "questions.N" for the Nth question when it has no key, so a form can show
// it next to its field.
func (v Version) Validate() invalid.Problems {
	var ps invalid.Problems
	for _, f := range []struct{ field, text string }{
		{"name", v.Name}, {"locale", v.Locale}, {"intro", v.Intro}, {"closing", v.Closing},
	} {
		if clean(f.text) == "" {
			ps = append(ps, invalid.Problem{Field: f.field, Code: "required"})
		}
	}
	if clean(v.Name) != "" && !ValidName(v.Name) {
		ps = append(ps, invalid.Problem{Field: "name", Code: "script.name"})
	}
	if clean(v.Locale) != "" && !localePattern.MatchString(v.Locale) {
		ps = append(ps, invalid.Problem{Field: "locale", Code: "script.locale", Args: []any{v.Locale, "fa", "en"}})
	}
	for _, f := range []struct{ field, text string }{{"intro", v.Intro}, {"closing", v.Closing}} {
		for _, p := range unknownPlaceholders(f.text) {
			ps = append(ps, invalid.Problem{Field: f.field, Code: "script.placeholder", Args: []any{p, placeholderList}})
		}
	}
	switch n := len(v.Questions); {
	case n == 0:
		ps = append(ps, invalid.Problem{Field: "questions", Code: "script.no_questions"})
	case n > MaxQuestions:
		ps = append(ps, invalid.Problem{Field: "questions", Code: "script.too_many_questions", Args: []any{MaxQuestions, n}})
	}
	firstUse := map[string]int{}
	for i, q := range v.Questions {
		ps = append(ps, q.problems(i+1, firstUse)...)
	}
	return ps
}

// Lists named in problems, for the reader to pick from.
const (
	typeList     = "rating, nps, yes_no, choice, text"
	severityList = "low, medium, high, critical"
)

// problems checks question number n; firstUse maps keys already seen to
// their question number, so duplicates are named by position.
func (q Question) problems(n int, firstUse map[string]int) invalid.Problems {
	var ps invalid.Problems
	field := q.Key
	if field == "" {
		// Without a key the question can only be found by its position.
		field = "questions." + strconv.Itoa(n)
	}
	add := func(code string, args ...any) {
		ps = append(ps, invalid.Problem{Field: field, Code: code, Args: args})
	}

	switch first, dup := firstUse[q.Key]; {
	case q.Key == "":
		add("question.key_required")
	case !keyPattern.MatchString(q.Key):
		add("question.key_format", q.Key)
	case dup:
		add("question.key_taken", q.Key, first)
	default:
		firstUse[q.Key] = n
	}
	if clean(q.Prompt) == "" {
		add("question.prompt_required")
	}
	switch q.Type {
	case Rating, NPS, YesNo, Choice, Text:
	case "":
		add("question.type_required", typeList)
	default:
		add("question.type_unknown", string(q.Type), typeList)
	}

	if q.Type == Choice {
		q.optionProblems(add)
	} else if len(q.Options) > 0 {
		add("question.options_not_choice")
	}
	if q.Trigger != nil {
		q.triggerProblems(add)
	}
	return ps
}

func (q Question) optionProblems(add func(string, ...any)) {
	if n := len(q.Options); n < 2 || n > 8 {
		add("question.option_count", n)
	}
	firstUse := map[string]int{}
	for i, o := range q.Options {
		if clean(o) == "" {
			add("question.option_empty", i+1)
			continue
		}
		// Answers match options loosely (case, Arabic letter forms), so
		// options must differ by more than that.
		f := fold(clean(o))
		if first, dup := firstUse[f]; dup {
			add("question.option_same", i+1, o, first)
			continue
		}
		firstUse[f] = i + 1
		// An agent may answer with an option's number; an option that is
		// itself another option's number would make "2" mean two things.
		if k, ok := parseWhole(o); ok && k >= 1 && k <= len(q.Options) && k != i+1 {
			add("question.option_number", i+1, o, k)
		}
	}
}

func (q Question) triggerProblems(add func(string, ...any)) {
	t := q.Trigger
	switch t.Severity {
	case SeverityLow, SeverityMedium, SeverityHigh, SeverityCritical:
	case "":
		add("trigger.severity_required", severityList)
	default:
		add("trigger.severity_unknown", string(t.Severity), severityList)
	}
	if clean(t.Category) == "" {
		add("trigger.category_required", "product_defect, delivery")
	}

	if lo, hi, numeric := q.Type.Scale(); numeric {
		switch {
		case t.AtMost == nil:
			add("trigger.at_most_required", string(q.Type))
		case *t.AtMost < lo || *t.AtMost > hi:
			add("trigger.at_most_range", lo, hi, string(q.Type), *t.AtMost)
		}
	} else if t.AtMost != nil {
		add("trigger.at_most_not_here")
	}

	switch q.Type {
	case YesNo:
		if t.Equals != "yes" && t.Equals != "no" {
			add("trigger.equals_yes_no", t.Equals)
		}
	case Choice:
		if !q.isOption(t.Equals) {
			add("trigger.equals_option", t.Equals)
		}
	default:
		if t.Equals != "" {
			add("trigger.equals_not_here")
		}
	}

	if q.Type != Text {
		if len(t.Contains) > 0 {
			add("trigger.contains_not_here")
		}
		return
	}
	if len(t.Contains) == 0 {
		add("trigger.contains_required")
	}
	for i, w := range t.Contains {
		if len(words(w)) == 0 {
			add("trigger.contains_no_word", i+1, w)
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
