package scripts_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/scripts"
)

// FuzzDecodeYAML feeds script files to the import. Nothing may panic, the
// guard must judge whatever could be published, and a decoded script must come back
// unchanged through the export (EncodeYAML) and through the JSON the store
// keeps versions in.
func FuzzDecodeYAML(f *testing.F) {
	for _, v := range scripts.Seed() {
		var buf bytes.Buffer
		if err := scripts.EncodeYAML(&buf, v); err != nil {
			f.Fatal(err)
		}
		f.Add(buf.Bytes())
		f.Add([]byte(strings.ReplaceAll(buf.String(), "\n", "\r\n")))
	}
	for _, s := range []string{
		minimal,
		"\uFEFF" + minimal,
		strings.Replace(minimal, "intro: Hello", "intro: \u200fسلام\u200c {customer}", 1),
		strings.Replace(minimal, "type: rating", "type: choice\n    options: [\"۱\", \"2\", عينك]\n    trigger: {equals: عينك, severity: high, category: x}", 1),
		strings.Replace(minimal, "type: rating", "type: nps\n    trigger: {at_most: 6, severity: low, category: x, contains: []}", 1),
		"name: a\x00b\nlocale: en\n",
		"a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n",
		"name: !!binary aGVsbG8=\n",
		"questions: [{key: k, options: []}]\n",
		"--- \n...\n",
		// What the fuzzer found (TestDecodeYAMLRefusesTextTheStoreCannotKeep):
		// text that is not UTF-8 or holds control characters, which the
		// store's JSON would have changed.
		strings.Replace(minimal, "name: default", "name: !!binary 003NNA==", 1),
		strings.Replace(minimal, "intro: Hello, this is a short follow-up call about your purchase.", `intro: "Hello,\0 this is a call."`, 1),
		strings.Replace(minimal, "prompt: How satisfied are you, from 1 to 5?", `prompt: "\aHow satisfied are you?"`, 1),
		strings.Replace(minimal, "type: rating", "type: choice\n    options: [a, !!binary /w==]", 1),
	} {
		f.Add([]byte(s))
	}
	// Matching the default sales phrases takes milliseconds a version,
	// which starves the fuzzer; the guard's other checks run on what
	// publishing would judge, the structurally valid versions.
	guard := scripts.Guard{Phrases: map[string][]scripts.Phrase{}}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := scripts.DecodeYAML(bytes.NewReader(data))
		if err != nil {
			return
		}
		if v.Validate() == nil {
			_ = guard.Publishable(v)
		}

		var buf bytes.Buffer
		if err := scripts.EncodeYAML(&buf, v); err != nil {
			t.Fatalf("exporting %+v: %v", v, err)
		}
		back, err := scripts.DecodeYAML(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatalf("the export of %q does not import: %v\n%s", data, err, buf.Bytes())
		}
		if !sameVersion(back, v) {
			t.Fatalf("export then import changed the script:\n got %#v\nwant %#v\nexport:\n%s", back, v, buf.Bytes())
		}

		stored, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		var loaded scripts.Version
		if err := json.Unmarshal(stored, &loaded); err != nil {
			t.Fatalf("%s: %v", stored, err)
		}
		if !sameVersion(loaded, v) {
			t.Fatalf("storing changed the script:\n got %#v\nwant %#v", loaded, v)
		}
	})
}

// sameVersion compares versions with an empty list the same as none: the
// formats leave an empty list out.
func sameVersion(a, b scripts.Version) bool {
	return reflect.DeepEqual(withoutEmptyLists(a), withoutEmptyLists(b))
}

func withoutEmptyLists(v scripts.Version) scripts.Version {
	if len(v.Questions) == 0 {
		v.Questions = nil
	}
	qs := make([]scripts.Question, len(v.Questions))
	for i, q := range v.Questions {
		if len(q.Options) == 0 {
			q.Options = nil
		}
		if q.Trigger != nil {
			t := *q.Trigger
			if len(t.Contains) == 0 {
				t.Contains = nil
			}
			q.Trigger = &t
		}
		qs[i] = q
	}
	if v.Questions != nil {
		v.Questions = qs
	}
	return v
}
