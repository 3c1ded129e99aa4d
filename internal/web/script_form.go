package web

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/tamas-app/tamas/scripts"
)

// maxQuestionSlots is how many question slots the editor shows: the guard
// refuses more than scripts.MaxQuestions, one extra lets a supervisor see
// that refusal rather than be unable to type a sixth.
const maxQuestionSlots = scripts.MaxQuestions + 1

// versionFromForm reads the editor's form. It never refuses: drafts are
// always saved; what would stop publishing is for Publishable to say.
// Slots with neither key nor prompt are empty and left out; a slot's index
// is kept so findings can be shown next to it.
func versionFromForm(form url.Values) (scripts.Version, []int) {
	v := scripts.Version{
		Intro:   strings.TrimSpace(form.Get("intro")),
		Closing: strings.TrimSpace(form.Get("closing")),
	}
	var slots []int
	for i := range maxQuestionSlots {
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
		q.Trigger = triggerFromForm(get("trigger"), get("trigger_value"), get("severity"), get("category"))
		v.Questions = append(v.Questions, q)
		slots = append(slots, i)
	}
	return v, slots
}

func triggerFromForm(kind, value, severity, category string) *scripts.Trigger {
	t := &scripts.Trigger{Severity: scripts.Severity(severity), Category: category}
	switch kind {
	case "at_most":
		n, err := strconv.Atoi(strings.TrimSpace(value))
		if err != nil {
			// Kept out of range on purpose so Validate names the problem.
			n = -1
		}
		t.AtMost = &n
	case "equals":
		t.Equals = value
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

// triggerToForm is triggerFromForm's inverse, for filling the editor.
func triggerToForm(t *scripts.Trigger) (kind, value string) {
	switch {
	case t == nil:
		return "", ""
	case t.AtMost != nil:
		return "at_most", strconv.Itoa(*t.AtMost)
	case t.Equals != "":
		return "equals", t.Equals
	default:
		return "contains", strings.Join(t.Contains, ", ")
	}
}
