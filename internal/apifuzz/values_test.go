package apifuzz_test

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
	"pgregory.net/rapid"
)

// textRunes are what generated text is made of: Latin and Persian/Arabic
// letters and digits, symbols and the punctuation that means something in
// a URL, but no control character (NUL and friends are the invalid
// bodies' business).
var textRunes = rapid.RuneFrom([]rune(" -_./%?#+:@~'\"\\یکيك۰۱۹٠٩‌"), unicode.Latin, unicode.Arabic, unicode.Nd, unicode.So)

// drawValue draws a value the schema accepts. Where the schema has an
// example, the example is drawn half the time, so that some bodies are
// valid to the server as well as to the document (a phone the server can
// read, a known time zone) and some repeat an external_id.
func drawValue(t *rapid.T, s *openapi3.Schema, label string) any {
	if len(s.OneOf) > 0 {
		i := rapid.IntRange(0, len(s.OneOf)-1).Draw(t, label+"/oneOf")
		return drawValue(t, s.OneOf[i].Value, label)
	}
	if len(s.Enum) > 0 {
		return rapid.SampledFrom(s.Enum).Draw(t, label)
	}
	switch {
	case s.Type.Is("object"):
		obj := map[string]any{}
		for _, name := range sortedKeys(s.Properties) {
			if slices.Contains(s.Required, name) || rapid.Bool().Draw(t, label+"."+name+"?") {
				obj[name] = drawValue(t, s.Properties[name].Value, label+"."+name)
			}
		}
		return obj
	case s.Type.Is("array"):
		maxItems := int(s.MinItems) + 3
		if s.MaxItems != nil {
			maxItems = min(maxItems, int(*s.MaxItems))
		}
		n := rapid.IntRange(int(s.MinItems), maxItems).Draw(t, label+"/len")
		items := make([]any, n)
		for i := range items {
			items[i] = drawValue(t, s.Items.Value, fmt.Sprintf("%s[%d]", label, i))
		}
		return items
	case s.Type.Is("integer"):
		lo, hi := int64(-1<<53), int64(1<<53)
		if s.Min != nil {
			lo = int64(*s.Min)
		}
		if s.Max != nil {
			hi = int64(*s.Max)
		}
		return rapid.Int64Range(lo, hi).Draw(t, label)
	case s.Type.Is("number"):
		return rapid.Float64().Draw(t, label)
	case s.Type.Is("boolean"):
		return rapid.Bool().Draw(t, label)
	default:
		return drawString(t, s, label)
	}
}

func drawString(t *rapid.T, s *openapi3.Schema, label string) string {
	if ex, ok := s.Example.(string); ok && rapid.Bool().Draw(t, label+"/example?") {
		if rapid.Bool().Draw(t, label+"/variant?") {
			return variant(t, ex, label)
		}
		return ex
	}
	switch {
	case s.Format == "date-time":
		return drawTime(t, label)
	case s.Pattern != "":
		return rapid.StringMatching(s.Pattern).Draw(t, label)
	}
	maxLen := 60
	if s.MaxLength != nil {
		maxLen = int(*s.MaxLength)
	}
	// Mostly short, sometimes exactly at the limit.
	if rapid.IntRange(0, 9).Draw(t, label+"/at limit?") == 0 {
		return rapid.StringOfN(textRunes, maxLen, maxLen, -1).Draw(t, label)
	}
	return rapid.StringOfN(textRunes, int(s.MinLength), min(maxLen, 30), -1).Draw(t, label)
}

// variant is the example with its last three digits drawn again, in the
// same digits: a thousand phones the server reads, so that many sales are
// of customers of their own and some are of one customer (the example's,
// or a draw repeated), which contact frequency links.
func variant(t *rapid.T, ex, label string) string {
	r := []rune(ex)
	for i, n := len(r)-1, 0; i >= 0 && n < 3; i-- {
		if zero := digitZero(r[i]); zero != 0 {
			r[i] = zero + rune(rapid.IntRange(0, 9).Draw(t, label+"/digit"))
			n++
		}
	}
	return string(r)
}

// digitZero is the zero of the decimal digits r is one of (Latin or
// Persian), or 0.
func digitZero(r rune) rune {
	for _, zero := range []rune{'0', '۰'} {
		if r >= zero && r <= zero+9 {
			return zero
		}
	}
	return 0
}

// drawTime is an RFC 3339 time with an offset: mostly in the weeks before
// the app's pinned clock, where sales are accepted, sometimes anywhere from
// 1990 to 2040.
func drawTime(t *rapid.T, label string) string {
	var at time.Time
	if rapid.Bool().Draw(t, label+"/recent?") {
		at = now.Add(-time.Duration(rapid.Int64Range(0, int64(60*24*time.Hour)).Draw(t, label+"/ago")))
	} else {
		from := time.Date(1990, 1, 1, 0, 0, 0, 0, time.UTC)
		at = from.Add(time.Duration(rapid.Int64Range(0, int64(50*365*24*time.Hour)).Draw(t, label+"/since 1990")))
	}
	offset := rapid.SampledFrom([]int{0, 12600, -18000, 50400, -43200, 3600}).Draw(t, label+"/offset")
	return at.In(time.FixedZone("", offset)).Format(time.RFC3339)
}

// node is one value inside a body, with its place and its schema.
type node struct {
	at []any // object keys and array indexes from the root
	v  any
	s  *openapi3.Schema // nil where the document says nothing
}

// nodesOf lists v and every value inside it, root first.
func nodesOf(v any, s *openapi3.Schema, at []any) []node {
	s = alternative(v, s)
	out := []node{{at: at, v: v, s: s}}
	switch v := v.(type) {
	case map[string]any:
		for _, k := range sortedKeys(v) {
			var ks *openapi3.Schema
			if s != nil && s.Properties[k] != nil {
				ks = s.Properties[k].Value
			}
			out = append(out, nodesOf(v[k], ks, append(slices.Clip(at), k))...)
		}
	case []any:
		var is *openapi3.Schema
		if s != nil && s.Items != nil {
			is = s.Items.Value
		}
		for i, e := range v {
			out = append(out, nodesOf(e, is, append(slices.Clip(at), i))...)
		}
	}
	return out
}

// alternative is the branch of a oneOf that describes v's JSON type.
func alternative(v any, s *openapi3.Schema) *openapi3.Schema {
	if s == nil || len(s.OneOf) == 0 {
		return s
	}
	want := "object"
	if _, ok := v.([]any); ok {
		want = "array"
	}
	for _, alt := range s.OneOf {
		if alt.Value.Type.Is(want) {
			return alt.Value
		}
	}
	return nil
}

// set puts nv at the place at inside root and returns the new root.
func set(root any, at []any, nv any) any {
	if len(at) == 0 {
		return nv
	}
	switch parent := get(root, at[:len(at)-1]).(type) {
	case map[string]any:
		parent[at[len(at)-1].(string)] = nv
	case []any:
		parent[at[len(at)-1].(int)] = nv
	}
	return root
}

func get(root any, at []any) any {
	for _, step := range at {
		switch v := root.(type) {
		case map[string]any:
			root = v[step.(string)]
		case []any:
			root = v[step.(int)]
		}
	}
	return root
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case map[string]any:
		return "object"
	case []any:
		return "array"
	default:
		return "number"
	}
}

// pathOf writes a node's place as the API's error fields do.
func pathOf(at []any) string {
	parts := make([]string, len(at))
	for i, step := range at {
		parts[i] = fmt.Sprint(step)
	}
	return strings.Join(parts, ".")
}
