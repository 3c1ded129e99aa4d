package scripts

import (
	"strings"
	"testing"
)

func TestRecovery(t *testing.T) {
	t.Parallel()
	tests := []struct{ locale, want string }{{"fa", "fa"}, {"fa-IR", "fa"}, {"en", "en"}, {"de", "en"}, {"", "en"}}
	all := map[string]string{"customer": "C", "product": "P", "branch": "B", "agent": "A"}
	for _, tt := range tests {
		t.Run(tt.locale, func(t *testing.T) {
			t.Parallel()
			v := Recovery(tt.locale)
			if v.Name != "recovery" || v.Locale != tt.want {
				t.Fatalf("Recovery(%q) is %q/%q, want recovery/%q", tt.locale, v.Name, v.Locale, tt.want)
			}
			if fs := (Guard{}).Publishable(v); len(fs) != 0 {
				t.Fatalf("Recovery(%q) is not publishable: %+v", tt.locale, fs)
			}
			for _, text := range []string{v.Intro, v.Closing} {
				if filled := Fill(text, all); strings.ContainsAny(filled, "{}") {
					t.Errorf("placeholder left after Fill: %s", filled)
				}
			}
			q, ok := v.Question("fixed")
			if !ok || !q.Required || !q.Triggered(Answer{Key: "fixed", Value: "no"}) || q.Triggered(Answer{Key: "fixed", Value: "yes"}) {
				t.Errorf("fixed question %+v: want required, raising an issue on no only", q)
			}
		})
	}
}
