package survey

import (
	"testing"

	"github.com/tamas-app/tamas/scripts"
)

func TestStartWithOpeningReplacesIntroAndFirstPrompt(t *testing.T) {
	t.Parallel()
	c := SMS{Version: scripts.Default("fa"), Values: values, Opening: "سلام {customer}، از {product} راضی هستید؟"}
	step := c.Start()
	want := "سلام Maryam، از GL-100 راضی هستید؟\nلطفاً عددی از ۱ تا ۵ بفرستید.\nبرای لغو این پیام‌ها «لغو» بفرستید."
	if step.Kind != Started || step.Message != want {
		t.Errorf("first message %s %q, want started with %q", step.Kind, step.Message, want)
	}
	// The second question is the script's, as without an opening.
	if next := c.Reply(step.State, "4"); next.Message != (SMS{Version: c.Version, Values: values}).question(1) {
		t.Errorf("after the opening the survey asks %q", next.Message)
	}
}

func TestDefaultOpeningsFitTheirParts(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		locale   string
		encoding Encoding
		most     int
	}{{"fa", UCS2, 2}, {"en", GSM7, 1}} {
		c := SMS{Version: scripts.Default(tc.locale), Opening: DefaultOpenings().OpeningFor(tc.locale)}
		m := Measure(c.Start().Message)
		if m.Encoding != tc.encoding || m.Segments > tc.most {
			t.Errorf("%s default first text: %+v, want %s in at most %d parts", tc.locale, m, tc.encoding, tc.most)
		}
		if old := Measure((SMS{Version: c.Version}).Start().Message); old.Segments <= m.Segments {
			t.Errorf("%s: the opening (%d parts) is no shorter than the script's intro (%d)", tc.locale, m.Segments, old.Segments)
		}
	}
}

func TestOpeningForFallsBackToEnglish(t *testing.T) {
	t.Parallel()
	o := Openings{"fa": "سلام", "en": "Hi"}
	for locale, want := range map[string]string{"fa": "سلام", "fa-IR": "سلام", "en": "Hi", "de": "Hi"} {
		if got := o.OpeningFor(locale); got != want {
			t.Errorf("OpeningFor(%q) = %q, want %q", locale, got, want)
		}
	}
	if got := (Openings{"en": "Hi"}).OpeningFor("fa"); got != "Hi" {
		t.Errorf("a rule without a Persian text opens Persian surveys with %q, want the English text", got)
	}
	if got := DecodeOpenings([]byte(`not json`)).OpeningFor("fa"); got != "" {
		t.Errorf("unreadable openings give %q, want none", got)
	}
}

func TestOpeningsWithPutsTextsOverAndChangesNeither(t *testing.T) {
	t.Parallel()
	base, over := Openings{"fa": "سلام", "en": "Hi"}, Openings{"en": "Hello"}
	got := base.With(over)
	if len(got) != 2 || got["fa"] != "سلام" || got["en"] != "Hello" {
		t.Errorf("With = %v, want fa kept and en replaced", got)
	}
	if base["en"] != "Hi" || len(over) != 1 {
		t.Errorf("With changed its inputs: %v, %v", base, over)
	}
	if got := Openings(nil).With(nil); got == nil || len(got) != 0 {
		t.Errorf("nil.With(nil) = %#v, want an empty map to write into", got)
	}
}
