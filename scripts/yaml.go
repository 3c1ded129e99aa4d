package scripts

import (
	"bytes"
	"fmt"
	"io"

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
	return v, nil
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
