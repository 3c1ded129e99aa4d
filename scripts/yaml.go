package scripts

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// DecodeYAML reads one script version from the YAML format documented in
// README.md. Unknown keys are refused, so a misspelt "promt" is an error
// rather than a question without a prompt.
func DecodeYAML(r io.Reader) (Version, error) {
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	var v Version
	if err := dec.Decode(&v); err != nil {
		if err == io.EOF {
			return Version{}, fmt.Errorf("the file is empty")
		}
		return Version{}, fmt.Errorf("not a script file: %w", err)
	}
	if where := badText(v); where != "" {
		return Version{}, fmt.Errorf("not a script file: %s is not UTF-8 text without control characters", where)
	}
	return v, nil
}

// badText names the first string of v the store could not keep as written:
// bytes that are not UTF-8 (its JSON would replace them) or a control
// character other than a line break or tab (PostgreSQL refuses NUL).
// YAML's !!binary tag puts any bytes in a string. "" means none.
func badText(v Version) string {
	bad := func(s string) bool { return !utf8.ValidString(s) || strings.ContainsFunc(s, isForbiddenControl) }
	for _, f := range []struct{ where, text string }{
		{"name", v.Name}, {"locale", v.Locale}, {"intro", v.Intro}, {"closing", v.Closing},
	} {
		if bad(f.text) {
			return f.where
		}
	}
	for i, q := range v.Questions {
		texts := append([]string{q.Key, q.Prompt, string(q.Type)}, q.Options...)
		if t := q.Trigger; t != nil {
			texts = append(append(texts, t.Equals, string(t.Severity), t.Category), t.Contains...)
		}
		if slices.ContainsFunc(texts, bad) {
			return fmt.Sprintf("question %d", i+1)
		}
	}
	return ""
}

// EncodeYAML writes v in the same format DecodeYAML reads.
func EncodeYAML(w io.Writer, v Version) error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// Publishable returns every reason v may not be published: its structure
// (Validate) and the non-sales guard. Empty means it may be published.
func (g Guard) Publishable(v Version) []Finding {
	var out []Finding
	for _, p := range v.Validate() {
		out = append(out, Finding{Where: p.Field, Code: FindingInvalid, Problem: p})
	}
	return append(out, g.Check(v)...)
}
