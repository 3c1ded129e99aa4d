package scripts

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/i18n"
)

// valid returns a version that uses every question type and trigger kind;
// each Validate case breaks one thing in it.
func valid() Version {
	return Version{
		Name:   "glasses",
		Locale: "en",
		Intro:  "Hello {customer}, this is {agent} from {branch} about your {product}.",
		Questions: []Question{
			{Key: "overall", Prompt: "How satisfied are you?", Type: Rating, Required: true,
				Trigger: &Trigger{AtMost: atMost(2), Severity: SeverityHigh, Category: "product_defect"}},
			{Key: "recommend", Prompt: "Would you recommend us?", Type: NPS,
				Trigger: &Trigger{AtMost: atMost(6), Severity: SeverityLow, Category: "other"}},
			{Key: "working", Prompt: "Is it working?", Type: YesNo, Required: true,
				Trigger: &Trigger{Equals: "no", Severity: SeverityMedium, Category: "product_defect"}},
			{Key: "delivery", Prompt: "How was delivery?", Type: Choice, Options: []string{"On time", "Late", "Not delivered"},
				Trigger: &Trigger{Equals: "Late", Severity: SeverityMedium, Category: "delivery"}},
			{Key: "notes", Prompt: "Anything else?", Type: Text,
				Trigger: &Trigger{Contains: []string{"broken", "مشکل", "کار نمی‌کند"}, Severity: SeverityCritical, Category: "other"}},
		},
		Closing: "Thank you.",
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name   string
		change func(v *Version)
		where  string // "" when the version must be valid
		msg    string // a fragment of the one expected message, in English
	}{
		{"valid", func(v *Version) {}, "", ""},
		{"numeric options in their own places", func(v *Version) { v.Questions[3].Options = []string{"1", "2"}; v.Questions[3].Trigger = nil }, "", ""},
		{"nps at_most 0", func(v *Version) { v.Questions[1].Trigger.AtMost = atMost(0) }, "", ""},
		{"rating at_most 5", func(v *Version) { v.Questions[0].Trigger.AtMost = atMost(5) }, "", ""},
		{"choice equals folded", func(v *Version) { v.Questions[3].Trigger.Equals = "late" }, "", ""},

		{"no name", func(v *Version) { v.Name = "" }, "name", "required"},
		{"blank locale", func(v *Version) { v.Locale = " \t" }, "locale", "required"},
		{"no intro", func(v *Version) { v.Intro = "" }, "intro", "required"},
		{"no closing", func(v *Version) { v.Closing = "\u200f " }, "closing", "required"},
		{"unknown placeholder in intro", func(v *Version) { v.Intro = "Hello {custmer}" }, "intro", "unknown placeholder {custmer}"},
		{"unknown placeholder in closing", func(v *Version) { v.Closing = "Bye {Customer}" }, "closing", "unknown placeholder {Customer}"},
		{"no questions", func(v *Version) { v.Questions = nil }, "questions", "at least one question"},
		{"six questions", func(v *Version) {
			v.Questions = append(v.Questions, Question{Key: "extra", Prompt: "More?", Type: Text})
		}, "questions", "at most 5 questions; this one has 6"},

		{"empty key", func(v *Version) { v.Questions[1].Key = "" }, "questions.2", "key is required"},
		{"uppercase key", func(v *Version) { v.Questions[0].Key = "Overall" }, "Overall", "must start with a lowercase letter"},
		{"key starting with a digit", func(v *Version) { v.Questions[0].Key = "1st" }, "1st", "must start with a lowercase letter"},
		{"key with a dash", func(v *Version) { v.Questions[0].Key = "over-all" }, "over-all", "use only a-z, 0-9 and _"},
		{"key of 41 characters", func(v *Version) { v.Questions[0].Key = "a" + strings.Repeat("b", 40) }, "a" + strings.Repeat("b", 40), "at most 40 characters"},
		{"duplicate key", func(v *Version) { v.Questions[2].Key = "overall" }, "overall", `key "overall" is already used by question 1`},
		{"empty prompt", func(v *Version) { v.Questions[2].Prompt = "  " }, "working", "prompt is required"},
		{"no type", func(v *Version) { v.Questions[4].Type = ""; v.Questions[4].Trigger = nil }, "notes", "type is required"},
		{"unknown type", func(v *Version) { v.Questions[4].Type = "stars"; v.Questions[4].Trigger = nil }, "notes", `type "stars" is unknown`},

		{"options on a rating", func(v *Version) { v.Questions[0].Options = []string{"a", "b"} }, "overall", "options are only for choice questions"},
		{"one option", func(v *Version) { v.Questions[3].Options = []string{"Late"} }, "delivery", "needs 2 to 8 options; this one has 1"},
		{"nine options", func(v *Version) {
			v.Questions[3].Options = []string{"Late", "b", "c", "d", "e", "f", "g", "h", "i"}
		}, "delivery", "needs 2 to 8 options; this one has 9"},
		{"empty option", func(v *Version) { v.Questions[3].Options[2] = " " }, "delivery", "option 3 is empty"},
		{"duplicate option", func(v *Version) { v.Questions[3].Options[2] = "LATE" }, "delivery", `option 3 ("LATE") is the same as option 2`},
		{"duplicate option in Arabic letters", func(v *Version) {
			v.Questions[3].Options = []string{"Late", "کیفیت", "كيفيت"}
		}, "delivery", "is the same as option 2"},
		{"option that is another option's number", func(v *Version) {
			v.Questions[3].Options = []string{"On time", "Late", "۲"}
		}, "delivery", `option 3 ("۲") reads as the number of option 2`},

		{"no severity", func(v *Version) { v.Questions[0].Trigger.Severity = "" }, "overall", "trigger severity is required"},
		{"unknown severity", func(v *Version) { v.Questions[0].Trigger.Severity = "urgent" }, "overall", `trigger severity "urgent" is unknown`},
		{"no category", func(v *Version) { v.Questions[0].Trigger.Category = " " }, "overall", "trigger category is required"},
		{"rating without at_most", func(v *Version) { v.Questions[0].Trigger.AtMost = nil }, "overall", "trigger at_most is required for rating questions"},
		{"rating at_most 0", func(v *Version) { v.Questions[0].Trigger.AtMost = atMost(0) }, "overall", "from 1 to 5 for rating questions; it is 0"},
		{"rating at_most 6", func(v *Version) { v.Questions[0].Trigger.AtMost = atMost(6) }, "overall", "from 1 to 5 for rating questions; it is 6"},
		{"nps at_most 11", func(v *Version) { v.Questions[1].Trigger.AtMost = atMost(11) }, "recommend", "from 0 to 10 for nps questions; it is 11"},
		{"nps at_most -1", func(v *Version) { v.Questions[1].Trigger.AtMost = atMost(-1) }, "recommend", "from 0 to 10 for nps questions; it is -1"},
		{"equals on a rating", func(v *Version) { v.Questions[0].Trigger.Equals = "1" }, "overall", "trigger equals is only for yes_no and choice questions"},
		{"contains on a rating", func(v *Version) { v.Questions[0].Trigger.Contains = []string{"bad"} }, "overall", "trigger contains is only for text questions"},
		{"at_most on yes_no", func(v *Version) { v.Questions[2].Trigger.AtMost = atMost(1) }, "working", "trigger at_most is only for rating and nps questions"},
		{"yes_no equals maybe", func(v *Version) { v.Questions[2].Trigger.Equals = "maybe" }, "working", `must be "yes" or "no" for yes_no questions; it is "maybe"`},
		{"yes_no without equals", func(v *Version) { v.Questions[2].Trigger.Equals = "" }, "working", `must be "yes" or "no"`},
		{"choice equals not an option", func(v *Version) { v.Questions[3].Trigger.Equals = "Lost" }, "delivery", `trigger equals must be one of the options; it is "Lost"`},
		{"choice equals an option's number", func(v *Version) { v.Questions[3].Trigger.Equals = "2" }, "delivery", "must be one of the options"},
		{"text without contains", func(v *Version) { v.Questions[4].Trigger.Contains = nil }, "notes", "needs at least one word"},
		{"text contains punctuation only", func(v *Version) { v.Questions[4].Trigger.Contains = []string{"broken", "?!"} }, "notes", `entry 2 ("?!") has no letters or digits`},
		{"equals on text", func(v *Version) { v.Questions[4].Trigger.Equals = "broken" }, "notes", "trigger equals is only for yes_no and choice questions"},
		{"at_most on text", func(v *Version) { v.Questions[4].Trigger.AtMost = atMost(1) }, "notes", "trigger at_most is only for rating and nps questions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := valid()
			tt.change(&v)
			got := v.Validate()
			if tt.where == "" {
				if len(got) != 0 {
					t.Fatalf("Validate() = %q, want no problems", got)
				}
				return
			}
			if len(got) != 1 || got[0].Field != tt.where || !strings.Contains(i18n.Problem(i18n.EN, got[0]), tt.msg) {
				t.Fatalf("Validate() = %q, want one problem at %q containing %q", got, tt.where, tt.msg)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()
	v := valid()
	v.Name = ""
	v.Questions[0].Prompt = ""
	v.Questions[3].Trigger.Equals = "Lost"
	want := []struct{ field, msg string }{
		{"name", "required"},
		{"overall", "prompt is required"},
		{"delivery", `trigger equals must be one of the options; it is "Lost"`},
	}
	got := v.Validate()
	if len(got) != len(want) {
		t.Fatalf("Validate() = %v, want %q", got, want)
	}
	for i, w := range want {
		if msg := i18n.Problem(i18n.EN, got[i]); got[i].Field != w.field || msg != w.msg {
			t.Errorf("problem %d = %s: %q, want %q", i, got[i].Field, msg, w)
		}
	}
}

func TestQuestion(t *testing.T) {
	t.Parallel()
	v := valid()
	tests := []struct {
		key    string
		ok     bool
		prompt string
	}{
		{"working", true, "Is it working?"},
		{"notes", true, "Anything else?"},
		{"Working", false, ""},
		{"", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			t.Parallel()
			q, ok := v.Question(tt.key)
			if ok != tt.ok || q.Prompt != tt.prompt {
				t.Errorf("Question(%q) = %q, %v; want prompt %q, %v", tt.key, q.Prompt, ok, tt.prompt, tt.ok)
			}
		})
	}
}

func TestDir(t *testing.T) {
	t.Parallel()
	tests := []struct{ locale, want string }{
		{"fa", "rtl"},
		{"fa-IR", "rtl"},
		{"FA_ir", "rtl"},
		{"ar", "rtl"},
		{"he", "rtl"},
		{"ur-PK", "rtl"},
		{"en", "ltr"},
		{"en-GB", "ltr"},
		{"fr", "ltr"},
		{"far", "ltr"},
		{"", "ltr"},
	}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			t.Parallel()
			if got := (Version{Locale: tt.locale}).Dir(); got != tt.want {
				t.Errorf("Dir() for %q = %q, want %q", tt.locale, got, tt.want)
			}
		})
	}
}

// Versions are stored as JSON and exchanged as YAML under the same keys, so
// the keys are part of the contract.
func TestVersionJSONKeys(t *testing.T) {
	t.Parallel()
	b, err := json.Marshal(valid())
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	for _, want := range []string{
		`"name":"glasses"`, `"locale":"en"`, `"intro":`, `"closing":`, `"questions":[`,
		`"key":"overall"`, `"prompt":`, `"type":"rating"`, `"required":true`,
		`"trigger":{"at_most":2,"severity":"high","category":"product_defect"}`,
		`"options":["On time","Late","Not delivered"]`, `"equals":"Late"`, `"contains":["broken"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("JSON lacks %s:\n%s", want, got)
		}
	}
	if n := strings.Count(got, `"options"`); n != 1 {
		t.Errorf("JSON has %d options keys, want 1 (omitted when empty):\n%s", n, got)
	}
}
