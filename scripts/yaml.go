package scripts

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/tamas-app/tamas/internal/invalid"
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
			return Version{}, fileError{"the file is empty", invalid.New("file", "script.file_empty")}
		}
		return Version{}, fileError{"not a script file: " + err.Error(), yamlProblem(err)}
	}
	if where := badText(v); where != "" {
		return Version{}, fileError{
			fmt.Sprintf("not a script file: %s is not UTF-8 text without control characters", where),
			invalid.New("file", "script.file_bad_text", where),
		}
	}
	return v, nil
}

// fileError is a file DecodeYAML refuses: its text, with YAML's own words,
// for the command line; its Problems (invalid.From) for a page in the
// reader's language.
type fileError struct {
	text     string
	problems invalid.Problems
}

func (e fileError) Error() string { return e.text }
func (e fileError) Unwrap() error { return e.problems }

var (
	yamlLine    = regexp.MustCompile(`line (\d+)`)
	yamlUnknown = regexp.MustCompile(`field (\S+) not found`)
)

// yamlProblem words a YAML error as a code: the YAML library's English
// sentences cannot be translated, but the line and an unknown field name
// they carry can be passed on.
func yamlProblem(err error) invalid.Problems {
	msg := err.Error()
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return invalid.New("file", "script.file_not_script")
	}
	line, _ := strconv.Atoi(m[1])
	if f := yamlUnknown.FindStringSubmatch(msg); f != nil {
		return invalid.New("file", "script.file_unknown_field", line, f[1])
	}
	return invalid.New("file", "script.file_syntax", line)
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
// Too many questions is said once: Validate says it already.
func (g Guard) Publishable(v Version) []Finding {
	var out []Finding
	for _, p := range v.Validate() {
		out = append(out, Finding{Where: p.Field, Code: FindingInvalid, Problem: p})
	}
	for _, f := range g.Check(v) {
		if f.Code != FindingTooManyQuestions {
			out = append(out, f)
		}
	}
	return out
}
