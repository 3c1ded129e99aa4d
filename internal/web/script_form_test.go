package web

import (
	"net/url"
	"reflect"
	"testing"

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
	for _, tr := range want.Questions {
		kind, value := triggerToForm(tr.Trigger)
		back := triggerFromForm(kind, value, string(tr.Trigger.Severity), tr.Trigger.Category)
		if !reflect.DeepEqual(back, tr.Trigger) {
			t.Errorf("trigger round trip: %+v → %q %q → %+v", tr.Trigger, kind, value, back)
		}
	}
}
