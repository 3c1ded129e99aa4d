package web

import (
	"net/url"
	"reflect"
	"testing"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/scripts"
)

func TestVersionFromForm(t *testing.T) {
	t.Parallel()
	form := url.Values{
		"intro": {"  Hello  "}, "closing": {"Bye"},
		"q0.key": {"overall"}, "q0.prompt": {"How satisfied?"}, "q0.type": {"rating"}, "q0.required": {"1"},
		"q0.trigger": {"at_most"}, "q0.trigger_value": {"2"}, "q0.severity": {"high"}, "q0.category": {"product_defect"},
		"q2.key": {"delivery"}, "q2.prompt": {"How was delivery?"}, "q2.type": {"choice"}, "q2.options": {"On time\n\nLate \n"},
		"q2.trigger": {"equals"}, "q2.trigger_value": {"Late"}, "q2.severity": {"medium"}, "q2.category": {"delivery"},
		"q3.key": {"notes"}, "q3.type": {"text"}, "q3.trigger": {"contains"}, "q3.trigger_value": {"broken, refund ,"},
		"q4.trigger": {"at_most"},
	}
	v, slots := versionFromForm(form)
	two := 2
	want := scripts.Version{
		Intro: "Hello", Closing: "Bye",
		Questions: []scripts.Question{
			{Key: "overall", Prompt: "How satisfied?", Type: scripts.Rating, Required: true,
				Trigger: &scripts.Trigger{AtMost: &two, Severity: "high", Category: "product_defect"}},
			{Key: "delivery", Prompt: "How was delivery?", Type: scripts.Choice, Options: []string{"On time", "Late"},
				Trigger: &scripts.Trigger{Equals: "Late", Severity: "medium", Category: "delivery"}},
			{Key: "notes", Type: scripts.Text, Trigger: &scripts.Trigger{Contains: []string{"broken", "refund"}}},
		},
	}
	if !reflect.DeepEqual(v, want) {
		t.Errorf("versionFromForm =\n%+v\nwant\n%+v", v, want)
	}
	if !reflect.DeepEqual(slots, []int{0, 2, 3}) {
		t.Errorf("slots %v, want [0 2 3] (empty slots 1 and 4 left out)", slots)
	}
	bad, _ := versionFromForm(url.Values{"q0.key": {"x"}, "q0.prompt": {"p"}, "q0.type": {"rating"}, "q0.trigger": {"at_most"}, "q0.trigger_value": {"two"}})
	if got := bad.Questions[0].Trigger.AtMost; got == nil || *got != -1 {
		t.Errorf("a non-number at_most = %v, want -1 so that Validate refuses it", got)
	}
	no := scripts.Question{Key: "works", Type: scripts.YesNo, Trigger: &scripts.Trigger{Equals: "no", Severity: "high", Category: "product_defect"}}
	for _, l := range []i18n.Lang{i18n.EN, i18n.FA} {
		for _, q := range append(want.Questions, no) {
			kind, value := triggerToForm(l, q.Trigger)
			back := triggerFromForm(q.Type, kind, value, string(q.Trigger.Severity), q.Trigger.Category)
			if !reflect.DeepEqual(back, q.Trigger) {
				t.Errorf("%s trigger round trip: %+v → %q %q → %+v", l, q.Trigger, kind, value, back)
			}
		}
	}
}

// A Persian supervisor sees and types a trigger in Persian: "خیر", not
// "no"; "۲", not "2".
func TestTriggerInPersian(t *testing.T) {
	t.Parallel()
	two := 2
	if kind, value := triggerToForm(i18n.FA, &scripts.Trigger{Equals: "no"}); kind != "equals" || value != "خیر" {
		t.Errorf("a yes_no trigger shows %q %q, want equals خیر", kind, value)
	}
	if _, value := triggerToForm(i18n.FA, &scripts.Trigger{AtMost: &two}); value != "۲" {
		t.Errorf("at most 2 shows %q, want ۲", value)
	}
	if got := triggerFromForm(scripts.YesNo, "equals", "خیر", "high", "x"); got.Equals != "no" {
		t.Errorf("خیر saved as %q, want no", got.Equals)
	}
	if got := triggerFromForm(scripts.Rating, "at_most", "۲", "high", "x"); got.AtMost == nil || *got.AtMost != 2 {
		t.Errorf("۲ saved as %v, want 2", got.AtMost)
	}
	// On a choice question "no" may be an option's own text: kept as typed.
	if got := triggerFromForm(scripts.Choice, "equals", "No", "high", "x"); got.Equals != "No" {
		t.Errorf("a choice's option saved as %q, want No", got.Equals)
	}
	for _, c := range []struct {
		q    scripts.Question
		want []string
	}{
		{scripts.Question{Type: scripts.Rating}, []string{"۱", "۲", "۳", "۴", "۵"}},
		{scripts.Question{Type: scripts.YesNo}, []string{"بله", "خیر"}},
		{scripts.Question{Type: scripts.Choice, Options: []string{"به‌موقع", "دیر"}}, []string{"به‌موقع", "دیر"}},
		{scripts.Question{Type: scripts.Text}, nil},
	} {
		if got := triggerChoices(i18n.FA, c.q); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s offers %q, want %q", c.q.Type, got, c.want)
		}
	}
	if got := triggerChoices(i18n.FA, scripts.Question{Type: scripts.NPS}); len(got) != 11 || got[10] != "۱۰" {
		t.Errorf("nps offers %q, want ۰ to ۱۰", got)
	}
}
