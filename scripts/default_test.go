package scripts

import (
	"strings"
	"testing"
)

func TestDefault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		locale, want, notSales string
	}{
		{"fa", "fa", "این تماس برای فروش یا تبلیغ نیست"},
		{"fa-IR", "fa", "این تماس برای فروش یا تبلیغ نیست"},
		{"en", "en", "This is not a sales call"},
		{"de", "en", "This is not a sales call"},
		{"ar", "en", "This is not a sales call"},
		{"", "en", "This is not a sales call"},
	}
	all := map[string]string{"customer": "C", "product": "P", "branch": "B", "agent": "A"}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			t.Parallel()
			v := Default(tt.locale)
			if v.Name != "default" || v.Locale != tt.want {
				t.Fatalf("Default(%q) is %q/%q, want default/%q", tt.locale, v.Name, v.Locale, tt.want)
			}
			if ps := v.Validate(); ps != nil {
				t.Fatalf("Default(%q).Validate() = %q", tt.locale, ps)
			}
			if !strings.Contains(v.Intro, tt.notSales) {
				t.Errorf("intro does not say it is not a sales call: %s", v.Intro)
			}
			for _, text := range []string{v.Intro, v.Closing} {
				if filled := Fill(text, all); strings.ContainsAny(filled, "{}") {
					t.Errorf("placeholder left after Fill: %s", filled)
				}
			}
		})
	}
}

// Reports compare answers across locales by key, so both defaults must ask
// the same questions in the same way.
func TestDefaultsAskTheSameQuestions(t *testing.T) {
	t.Parallel()
	en, fa := Default("en"), Default("fa")
	if len(en.Questions) != len(fa.Questions) {
		t.Fatalf("en has %d questions, fa %d", len(en.Questions), len(fa.Questions))
	}
	for i, e := range en.Questions {
		f := fa.Questions[i]
		if e.Key != f.Key || e.Type != f.Type || e.Required != f.Required ||
			value(e.Trigger.AtMost) != value(f.Trigger.AtMost) || e.Trigger.Equals != f.Trigger.Equals ||
			e.Trigger.Severity != f.Trigger.Severity || e.Trigger.Category != f.Trigger.Category {
			t.Errorf("question %d differs: en %+v, fa %+v", i+1, e, f)
		}
	}
	wantKeys := []string{"overall", "working", "staff", "comments"}
	for i, k := range wantKeys {
		if en.Questions[i].Key != k {
			t.Errorf("question %d key = %q, want %q", i+1, en.Questions[i].Key, k)
		}
	}
}

// Persian text typed with Arabic letter forms looks right but searches and
// sorts wrongly, so the seeded script must use the Persian forms.
func TestDefaultPersianLetters(t *testing.T) {
	t.Parallel()
	v := Default("fa")
	texts := []string{v.Intro, v.Closing}
	for _, q := range v.Questions {
		texts = append(texts, q.Prompt)
		texts = append(texts, q.Trigger.Contains...)
	}
	for _, s := range texts {
		if strings.ContainsAny(s, "يكى") {
			t.Errorf("Arabic letter form in %q", s)
		}
		if strings.ContainsAny(s, "0123456789") {
			t.Errorf("Latin digit in %q", s)
		}
	}
}

func TestDefaultTriggers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		locale, key, value string
		want               bool
	}{
		{"en", "overall", "2", true},
		{"en", "overall", "3", false},
		{"en", "working", "no", true},
		{"en", "staff", "1", true},
		{"en", "comments", "The hinge is broken", true},
		{"en", "comments", "It doesn’t work at night", true},
		{"en", "comments", "All fine", false},
		{"fa", "overall", "۱", true},
		{"fa", "working", "خیر", true},
		{"fa", "comments", "دسته‌ی عینک خراب شده", true},
		{"fa", "comments", "گوشی کار نمیکنه", false}, // joined without a non-joiner: a different word
		{"fa", "comments", "گوشی کار نمی کنه", true},
		{"fa", "comments", "همه‌چیز عالی است", false},
	}
	for _, tt := range tests {
		t.Run(tt.locale+"/"+tt.key+"/"+tt.value, func(t *testing.T) {
			t.Parallel()
			q, _ := Default(tt.locale).Question(tt.key)
			if got := q.Triggered(Answer{tt.key, tt.value}); got != tt.want {
				t.Errorf("Triggered(%q) = %v, want %v", tt.value, got, tt.want)
			}
		})
	}
}

func TestFill(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, text string
		values     map[string]string
		want       string
	}{
		{"all four", "{customer} {product} {branch} {agent}",
			map[string]string{"customer": "Sara", "product": "glasses", "branch": "Tajrish", "agent": "Ali"},
			"Sara glasses Tajrish Ali"},
		{"repeated", "{customer}, {customer}", map[string]string{"customer": "Sara"}, "Sara, Sara"},
		{"Persian", "{customer} گرامی، درباره‌ی {product}",
			map[string]string{"customer": "مریم رضایی", "product": "عینک طبی"}, "مریم رضایی گرامی، درباره‌ی عینک طبی"},
		{"unknown placeholder stays", "{customer} {colour}", map[string]string{"customer": "Sara", "colour": "red"}, "Sara {colour}"},
		{"missing value stays", "{agent} from {branch}", map[string]string{"agent": "Ali"}, "Ali from {branch}"},
		{"empty value", "Hi {customer}!", map[string]string{"customer": ""}, "Hi !"},
		{"values are not expanded again", "{customer}", map[string]string{"customer": "{agent}", "agent": "Ali"}, "{agent}"},
		{"placeholders are case-sensitive", "{Customer}", map[string]string{"customer": "Sara"}, "{Customer}"},
		{"nil values", "{customer}", nil, "{customer}"},
		{"no placeholders", "Hello.", map[string]string{"customer": "Sara"}, "Hello."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := Fill(tt.text, tt.values); got != tt.want {
				t.Errorf("Fill(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func value(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}
