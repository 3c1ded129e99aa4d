package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/scripts"
)

// versionFromForm reads the editor's form. It never refuses: drafts are
// always saved; what would stop publishing is for Publishable to say.
// Slots with neither key nor prompt are empty and left out; a slot's index
// is kept so findings can be shown next to it. There are
// scripts.MaxQuestions slots: the page says why there is no sixth rather
// than offer one that publishing would refuse.
func versionFromForm(form url.Values) (scripts.Version, []int) {
	v := scripts.Version{
		Intro:   strings.TrimSpace(form.Get("intro")),
		Closing: strings.TrimSpace(form.Get("closing")),
	}
	var slots []int
	for i := range scripts.MaxQuestions {
		get := func(f string) string { return strings.TrimSpace(form.Get("q" + strconv.Itoa(i) + "." + f)) }
		key, prompt := get("key"), get("prompt")
		if key == "" && prompt == "" {
			continue
		}
		q := scripts.Question{
			Key: key, Prompt: prompt, Type: scripts.QuestionType(get("type")),
			Required: get("required") != "",
		}
		for _, o := range strings.Split(form.Get("q"+strconv.Itoa(i)+".options"), "\n") {
			if o = strings.TrimSpace(o); o != "" {
				q.Options = append(q.Options, o)
			}
		}
		q.Trigger = triggerFromForm(q.Type, get("trigger"), get("trigger_value"), get("severity"), get("category"))
		v.Questions = append(v.Questions, q)
		slots = append(slots, i)
	}
	return v, slots
}

// triggerFromForm reads a trigger as the editor offers it: a number in
// either digit set, a yes or no in either language.
func triggerFromForm(qt scripts.QuestionType, kind, value, severity, category string) *scripts.Trigger {
	t := &scripts.Trigger{Severity: scripts.Severity(severity), Category: category}
	switch kind {
	case "at_most":
		n, ok := i18n.WholeNumber(value, 0, 99)
		if !ok {
			// Kept out of range on purpose so Validate names the problem.
			n = -1
		}
		t.AtMost = &n
	case "equals":
		t.Equals = value
		if yn, ok := scripts.ParseYesNo(value); ok && qt == scripts.YesNo {
			t.Equals = yn
		}
	case "contains":
		for _, w := range strings.Split(value, ",") {
			if w = strings.TrimSpace(w); w != "" {
				t.Contains = append(t.Contains, w)
			}
		}
		if t.Contains == nil {
			t.Contains = []string{}
		}
	default:
		return nil
	}
	return t
}

// triggerToForm is triggerFromForm's inverse, for filling the editor in
// the reader's language and digits.
func triggerToForm(l i18n.Lang, t *scripts.Trigger) (kind, value string) {
	switch {
	case t == nil:
		return "", ""
	case t.AtMost != nil:
		return "at_most", i18n.Number(l, int64(*t.AtMost))
	case t.Equals == "yes" || t.Equals == "no":
		return "equals", i18n.T(l, t.Equals)
	case t.Equals != "":
		return "equals", t.Equals
	default:
		return "contains", strings.Join(t.Contains, ", ")
	}
}

// triggerChoices are the values a question's trigger may compare with, as
// the reader types them: its scale, yes and no, or its own options.
func triggerChoices(l i18n.Lang, q scripts.Question) []string {
	if lo, hi, numeric := q.Type.Scale(); numeric {
		var out []string
		for n := lo; n <= hi; n++ {
			out = append(out, i18n.Number(l, int64(n)))
		}
		return out
	}
	switch q.Type {
	case scripts.YesNo:
		return []string{i18n.T(l, "yes"), i18n.T(l, "no")}
	case scripts.Choice:
		return q.Options
	}
	return nil
}
