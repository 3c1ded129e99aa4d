package scripts_test

import (
	"bytes"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/scripts"
)

const minimal = `name: default
locale: en
intro: Hello, this is a short follow-up call about your purchase.
questions:
  - key: overall
    prompt: How satisfied are you, from 1 to 5?
    type: rating
closing: Thank you for your time.
`

func TestDecodeYAMLMinimalIsPublishable(t *testing.T) {
	t.Parallel()
	v, err := scripts.DecodeYAML(strings.NewReader(minimal))
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != "default" || len(v.Questions) != 1 || v.Questions[0].Type != scripts.Rating || v.Questions[0].Trigger != nil {
		t.Fatalf("decoded %+v", v)
	}
	if f := (scripts.Guard{}).Publishable(v); len(f) != 0 {
		t.Errorf("a minimal file is not publishable: %+v", f)
	}
}

func TestYAMLRoundTrip(t *testing.T) {
	t.Parallel()
	for _, locale := range []string{"en", "fa"} {
		want := scripts.Default(locale)
		var buf bytes.Buffer
		if err := scripts.EncodeYAML(&buf, want); err != nil {
			t.Fatal(err)
		}
		got, err := scripts.DecodeYAML(&buf)
		if err != nil {
			t.Fatalf("%s: %v\n%s", locale, err, buf.String())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: round trip changed the version:\n got %+v\nwant %+v", locale, got, want)
		}
	}
}

func TestDecodeYAMLRefusesUnknownKeysAndGarbage(t *testing.T) {
	t.Parallel()
	for name, in := range map[string]string{
		"misspelt key": strings.Replace(minimal, "prompt:", "promt:", 1),
		"not YAML":     "name: [unclosed",
		"empty":        "",
		"a list":       "- a\n- b\n",
	} {
		if _, err := scripts.DecodeYAML(strings.NewReader(in)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestPublishableCombinesStructureAndGuard(t *testing.T) {
	t.Parallel()
	v, err := scripts.DecodeYAML(strings.NewReader(strings.Replace(minimal, "Thank you for your time.", "Thank you! We have a special price for you today.", 1)))
	if err != nil {
		t.Fatal(err)
	}
	v.Questions = append(v.Questions, scripts.Question{Key: "overall", Prompt: "Again?", Type: scripts.YesNo})
	codes := map[string]bool{}
	for _, f := range (scripts.Guard{}).Publishable(v) {
		codes[f.Code] = true
	}
	if !codes[scripts.FindingInvalid] || !codes[scripts.FindingSales] {
		t.Errorf("findings %v, want both a structural one (duplicate key) and a sales one", codes)
	}
}

// The examples in README.md are the format's documentation: they must stay
// publishable.
func TestREADMEExamplesArePublishable(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	// Script files are the YAML examples with questions; the README has
	// others (a Prometheus scrape config).
	var blocks []string
	for _, b := range strings.Split(string(readme), "```yaml\n")[1:] {
		if strings.Contains(b[:strings.Index(b, "```")], "\nquestions:") {
			blocks = append(blocks, b)
		}
	}
	if len(blocks) < 2 {
		t.Fatalf("README.md has %d YAML examples, want the English and the Persian one", len(blocks))
	}
	locales := map[string]bool{}
	for _, b := range blocks {
		v, err := scripts.DecodeYAML(strings.NewReader(b[:strings.Index(b, "```")]))
		if err != nil {
			t.Fatalf("README example: %v", err)
		}
		if f := (scripts.Guard{}).Publishable(v); len(f) > 0 {
			t.Errorf("README example %s/%s is not publishable: %+v", v.Name, v.Locale, f)
		}
		locales[v.Locale] = true
	}
	if !locales["en"] || !locales["fa"] {
		t.Errorf("README examples cover %v, want en and fa", locales)
	}
}

func TestValidateNameAndLocale(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, locale, where string
	}{
		{"Default Script", "en", "name"},
		{"../x", "en", "name"},
		{"default", "english!", "locale"},
		{"default", "fa-IR", ""},
	} {
		v := scripts.Default("en")
		v.Name, v.Locale = tt.name, tt.locale
		var where []string
		for _, p := range v.Validate() {
			where = append(where, p.Field)
		}
		if tt.where == "" && len(where) > 0 || tt.where != "" && (len(where) != 1 || where[0] != tt.where) {
			t.Errorf("name %q locale %q: problems at %v, want %q", tt.name, tt.locale, where, tt.where)
		}
	}
}

// A file whose text the store would change or refuse is not imported:
// JSON replaces bytes that are not UTF-8, and PostgreSQL refuses NUL
// (found by FuzzDecodeYAML).
func TestDecodeYAMLRefusesTextTheStoreCannotKeep(t *testing.T) {
	t.Parallel()
	with := func(old, new string) string { return strings.Replace(minimal, old, new, 1) }
	const intro = "intro: Hello, this is a short follow-up call about your purchase."
	for name, in := range map[string]string{
		"binary name":         with("name: default", "name: !!binary 003NNA=="),
		"NUL in the intro":    with(intro, `intro: "Hello,\0 this is a call."`),
		"bell in a prompt":    with("prompt: How satisfied are you, from 1 to 5?", `prompt: "\aHow satisfied are you?"`),
		"binary in an option": with("type: rating", "type: choice\n    options: [a, !!binary /w==]"),
	} {
		if v, err := scripts.DecodeYAML(strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "UTF-8") {
			t.Errorf("%s: imported as %+v (%v)", name, v, err)
		}
	}
	if _, err := scripts.DecodeYAML(strings.NewReader(with("closing: Thank you for your time.", `closing: "Thank you,\r\n\tand goodbye."`))); err != nil {
		t.Errorf("line breaks and tabs refused: %v", err)
	}
}

// Six questions are refused once, not once by Validate and again by the
// guard.
func TestPublishableSaysTooManyQuestionsOnce(t *testing.T) {
	t.Parallel()
	v := scripts.Default("en")
	for i := len(v.Questions); i <= scripts.MaxQuestions; i++ {
		v.Questions = append(v.Questions, scripts.Question{Key: "extra" + strconv.Itoa(i), Prompt: "Anything else?", Type: scripts.Text})
	}
	n := 0
	for _, f := range (scripts.Guard{}).Publishable(v) {
		if strings.HasSuffix(f.Problem.Code, "too_many_questions") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("too many questions said %d times, want once", n)
	}
}

// A refused file says why as codes, so the import page words it in the
// reader's language; the command line keeps YAML's own sentence.
func TestDecodeYAMLRefusalsAreProblems(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in, code string
		args     []any
	}{
		{"", "script.file_empty", nil},
		{"name: x\nlocale: en\npromt: hi\n", "script.file_unknown_field", []any{3, "promt"}},
		{"name: x\nlocale: [\n", "script.file_syntax", []any{2}},
		{"- a\n- b\n", "script.file_syntax", []any{1}},
	} {
		_, err := scripts.DecodeYAML(strings.NewReader(c.in))
		ps, ok := invalid.From(err)
		if !ok || len(ps) != 1 || ps[0].Code != c.code || !reflect.DeepEqual(ps[0].Args, c.args) {
			t.Errorf("%q: %v, want %s %v", c.in, err, c.code, c.args)
		}
	}
}
