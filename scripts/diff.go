package scripts

import (
	"fmt"
	"slices"
	"strings"
)

// Change is one difference between two versions, question by question.
type Change struct {
	Where  string   // "intro", "closing" or a question key
	Kind   string   // "added", "removed", "changed", "same"
	Fields []string // for "changed": which parts differ (prompt, type, options, required, trigger, position)
	Old    string   // a one-line summary of the old text or question
	New    string   // of the new one
}

// Diff compares an older version a with a newer b: intro, each question in
// b's order (then those b dropped), closing.
func Diff(a, b Version) []Change {
	var out []Change
	text := func(where, x, y string) {
		kind := "same"
		if x != y {
			kind = "changed"
		}
		out = append(out, Change{Where: where, Kind: kind, Old: x, New: y})
	}
	text("intro", a.Intro, b.Intro)
	for i, q := range b.Questions {
		old, ok := a.Question(q.Key)
		if !ok {
			out = append(out, Change{Where: q.Key, Kind: "added", New: summary(q)})
			continue
		}
		c := Change{Where: q.Key, Kind: "same", Old: summary(old), New: summary(q)}
		if old.Prompt != q.Prompt {
			c.Fields = append(c.Fields, "prompt")
		}
		if old.Type != q.Type {
			c.Fields = append(c.Fields, "type")
		}
		if !slices.Equal(old.Options, q.Options) {
			c.Fields = append(c.Fields, "options")
		}
		if old.Required != q.Required {
			c.Fields = append(c.Fields, "required")
		}
		if triggerText(old.Trigger) != triggerText(q.Trigger) {
			c.Fields = append(c.Fields, "trigger")
		}
		if slices.IndexFunc(a.Questions, func(x Question) bool { return x.Key == q.Key }) != i {
			c.Fields = append(c.Fields, "position")
		}
		if len(c.Fields) > 0 {
			c.Kind = "changed"
		}
		out = append(out, c)
	}
	for _, q := range a.Questions {
		if _, ok := b.Question(q.Key); !ok {
			out = append(out, Change{Where: q.Key, Kind: "removed", Old: summary(q)})
		}
	}
	text("closing", a.Closing, b.Closing)
	return out
}

func summary(q Question) string {
	s := fmt.Sprintf("%s [%s", q.Prompt, q.Type)
	if len(q.Options) > 0 {
		s += ": " + strings.Join(q.Options, " / ")
	}
	if q.Required {
		s += ", required"
	}
	s += "]"
	if t := triggerText(q.Trigger); t != "" {
		s += " → " + t
	}
	return s
}

// triggerText says when a question raises an issue, in one line.
func triggerText(t *Trigger) string {
	if t == nil {
		return ""
	}
	var cond string
	switch {
	case t.AtMost != nil:
		cond = fmt.Sprintf("≤ %d", *t.AtMost)
	case t.Equals != "":
		cond = "= " + t.Equals
	case len(t.Contains) > 0:
		cond = "contains " + strings.Join(t.Contains, ", ")
	}
	return fmt.Sprintf("issue if %s (%s, %s)", cond, t.Severity, t.Category)
}
