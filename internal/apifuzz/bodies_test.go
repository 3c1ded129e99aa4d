package apifuzz_test

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"pgregory.net/rapid"
)

// body is what a request carries.
type body struct {
	data []byte
	// none sends no body at all.
	none bool
	// contentType is the Content-Type sent; "" sends none.
	contentType string
}

func jsonBody(data []byte) body { return body{data: data, contentType: "application/json"} }

// encode writes v as a shop's JSON library would.
func encode(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// marker stands in a JSON text for bytes json.Marshal will not write.
const marker = "\ue000"

// spliced encodes v and puts raw where the marker is.
func spliced(v any, quoted bool, raw string) []byte {
	data, m := encode(v), marker
	if quoted {
		m = `"` + marker + `"`
	}
	return bytes.Replace(data, []byte(m), []byte(raw), 1)
}

// mutation turns a valid value of a schema into a body the document or the
// server must refuse.
type mutation struct {
	name  string
	apply func(t *rapid.T, v any, s *openapi3.Schema) body
}

// valueMutations spoil the JSON's values and leave it well-formed.
var valueMutations = []mutation{
	{"wrong type", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(node) bool { return true })
		others := []any{}
		for _, o := range []any{float64(42), float64(-1), true, nil, "text", []any{}, []any{"x"}, map[string]any{}, map[string]any{"k": "v"}} {
			if jsonKind(o) != jsonKind(n.v) {
				others = append(others, o)
			}
		}
		return jsonBody(encode(set(v, n.at, rapid.SampledFrom(others).Draw(t, "replacement"))))
	}},
	{"required field missing", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(n node) bool { return n.s != nil && len(n.s.Required) > 0 && jsonKind(n.v) == "object" })
		if n.s == nil {
			return jsonBody(encode(v))
		}
		delete(n.v.(map[string]any), rapid.SampledFrom(n.s.Required).Draw(t, "field"))
		return jsonBody(encode(v))
	}},
	{"unknown field", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(n node) bool { return jsonKind(n.v) == "object" })
		obj, ok := n.v.(map[string]any)
		if !ok {
			return jsonBody(encode(v))
		}
		name := rapid.SampledFrom([]string{"colour", "EXTERNAL_ID", "Sku", "", " sku", "external_id ", "__proto__", "مشتری"}).Draw(t, "field")
		obj[name] = "x"
		return jsonBody(encode(v))
	}},
	{"overlong text", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(n node) bool { return jsonKind(n.v) == "string" && n.s != nil && n.s.MaxLength != nil })
		if n.s == nil || n.s.MaxLength == nil {
			return jsonBody(encode(v))
		}
		over := int(*n.s.MaxLength) + rapid.IntRange(1, 20000).Draw(t, "over by")
		r := rapid.SampledFrom([]string{"x", "ی", "۹", "😀"}).Draw(t, "rune")
		return jsonBody(encode(set(v, n.at, strings.Repeat(r, over))))
	}},
	{"blank text", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(n node) bool { return jsonKind(n.v) == "string" })
		blank := rapid.SampledFrom([]string{"", " ", "\t\n ", "\u200c", "\u00a0", "\u3000"}).Draw(t, "blank")
		return jsonBody(encode(set(v, n.at, blank)))
	}},
	{"NUL in text", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(n node) bool { return jsonKind(n.v) == "string" })
		text, _ := n.v.(string)
		i := rapid.IntRange(0, len(text)).Draw(t, "at")
		for i < len(text) && !utf8Start(text[i]) {
			i++
		}
		return jsonBody(encode(set(v, n.at, text[:i]+"\x00"+text[i:])))
	}},
}

// mutations are the ways a body goes wrong: in the JSON's values, in its
// bytes, in its size and in its Content-Type.
var mutations = slices.Concat(valueMutations, []mutation{
	{"raw control byte", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(n node) bool { return jsonKind(n.v) == "string" })
		text, _ := n.v.(string)
		raw := rapid.SampledFrom([]string{"\x00", "\x01", "\x1f", "\n", "\x7f"}).Draw(t, "byte")
		return jsonBody(spliced(set(v, n.at, text+marker), false, raw))
	}},
	{"invalid UTF-8", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(n node) bool { return jsonKind(n.v) == "string" })
		text, _ := n.v.(string)
		raw := rapid.SampledFrom([]string{"\xff", "\xfe\xff", "\xc3\x28", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\x80", "\xc0\xaf"}).Draw(t, "bytes")
		return jsonBody(spliced(set(v, n.at, text+marker), false, raw))
	}},
	{"lone surrogate", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(n node) bool { return jsonKind(n.v) == "string" })
		text, _ := n.v.(string)
		esc := rapid.SampledFrom([]string{`\ud800`, `\udfff`, `\ud83d`, `\u0000`}).Draw(t, "escape")
		return jsonBody(spliced(set(v, n.at, text+marker), false, esc))
	}},
	{"huge number", func(t *rapid.T, v any, s *openapi3.Schema) body {
		n := pick(t, v, s, func(node) bool { return true })
		num := rapid.SampledFrom([]string{"1e400", "-1e400", "123456789012345678901234567890", "1e308", "-0", "1e-400", "9223372036854775808"}).Draw(t, "number")
		return jsonBody(spliced(set(v, n.at, marker), true, num))
	}},
	{"malformed JSON", func(t *rapid.T, v any, _ *openapi3.Schema) body {
		data := encode(v)
		switch rapid.IntRange(0, 3).Draw(t, "how") {
		case 0:
			return jsonBody(data[:rapid.IntRange(0, len(data)-1).Draw(t, "cut at")])
		case 1:
			return jsonBody(append(data, rapid.SampledFrom([]string{" x", "}", ",", "{}", "]", "\x00"}).Draw(t, "trailer")...))
		case 2:
			i := rapid.IntRange(0, len(data)).Draw(t, "at")
			c := rapid.SampledFrom([]string{"{", "}", "[", "]", ",", ":", `"`, `\`}).Draw(t, "char")
			return jsonBody([]byte(string(data[:i]) + c + string(data[i:])))
		default:
			return jsonBody([]byte(rapid.StringMatching(`[ -~]{1,200}`).Draw(t, "noise")))
		}
	}},
	{"empty body", func(t *rapid.T, _ any, _ *openapi3.Schema) body {
		switch b := rapid.SampledFrom([]string{"none", "none, no type", "", " ", "\n\t "}).Draw(t, "empty"); b {
		case "none":
			return body{none: true, contentType: "application/json"}
		case "none, no type":
			return body{none: true}
		default:
			return jsonBody([]byte(b))
		}
	}},
	{"wrong content type", func(t *rapid.T, v any, _ *openapi3.Schema) body {
		ct := rapid.SampledFrom([]string{
			"", "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
			"application/json-patch+json", "application/jsonx", "application/json; charset=utf-16", "garbage;;;", "*/*",
		}).Draw(t, "content type")
		return body{data: encode(v), contentType: ct}
	}},
	{"deep nesting", func(t *rapid.T, _ any, _ *openapi3.Schema) body {
		depth := rapid.SampledFrom([]int{100, 10001, 100000}).Draw(t, "depth")
		nested := strings.Repeat("[", depth) + strings.Repeat("]", depth)
		if rapid.Bool().Draw(t, "inside a field?") {
			nested = `{"customer":` + nested + `}`
		}
		return jsonBody([]byte(nested))
	}},
	{"duplicate key", func(t *rapid.T, v any, _ *openapi3.Schema) body {
		data := encode(v)
		if len(data) < 2 || data[0] != '{' {
			return jsonBody(data)
		}
		dup := `"external_id":"DUP-1"`
		if string(data) != "{}" {
			dup += ","
		}
		return jsonBody([]byte("{" + dup + string(data[1:])))
	}},
	{"batch with bad items", func(t *rapid.T, _ any, s *openapi3.Schema) body {
		arr := alternative([]any{}, s)
		if arr == nil || arr.Items == nil {
			return jsonBody([]byte("[]"))
		}
		items := make([]any, rapid.IntRange(2, 5).Draw(t, "items"))
		for i := range items {
			items[i] = drawValue(t, arr.Items.Value, "item")
			if rapid.Bool().Draw(t, "spoil?") {
				items[i] = spoil(t, items[i], arr.Items.Value)
			}
		}
		return jsonBody(encode(items))
	}},
	{"too many items", func(t *rapid.T, _ any, s *openapi3.Schema) body {
		arr := alternative([]any{}, s)
		n := 1
		if arr != nil && arr.MaxItems != nil {
			n = int(*arr.MaxItems) + rapid.IntRange(1, 100).Draw(t, "over by")
		}
		return jsonBody([]byte("[" + strings.Repeat("{},", n-1) + "{}]"))
	}},
	{"top-level scalar", func(t *rapid.T, _ any, _ *openapi3.Schema) body {
		return jsonBody([]byte(rapid.SampledFrom([]string{`"a sale"`, `42`, `null`, `true`, `"[]"`, `-0`}).Draw(t, "scalar")))
	}},
})

// tooLarge is a body just past limit bytes, sent rarely: it costs a write
// of that size.
func tooLarge(limit int) body {
	return jsonBody([]byte("[" + strings.Repeat(" ", limit) + "{}]"))
}

// bodyLimit is the size past which the operation answers 413, as its 413
// response says in words ("larger than 32 MiB"); 0 when it has none.
func bodyLimit(op *openapi3.Operation) int {
	r := op.Responses.Status(413)
	if r == nil || r.Value.Description == nil {
		return 0
	}
	m := regexp.MustCompile(`(\d+) MiB`).FindStringSubmatch(*r.Value.Description)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n << 20
}

// spoil applies one of the value-level mutations, for an item of a batch.
func spoil(t *rapid.T, v any, s *openapi3.Schema) any {
	m := rapid.SampledFrom(valueMutations).Draw(t, "spoiled by")
	var out any
	if err := json.Unmarshal(m.apply(t, v, s).data, &out); err != nil {
		return v
	}
	return out
}

// pick draws a node of v that ok accepts; the root when none does.
func pick(t *rapid.T, v any, s *openapi3.Schema, ok func(node) bool) node {
	var fit []node
	for _, n := range nodesOf(v, s, nil) {
		if ok(n) {
			fit = append(fit, n)
		}
	}
	if len(fit) == 0 {
		return node{v: v}
	}
	n := evenly(t, fit, "node")
	t.Logf("at %q", pathOf(n.at))
	return n
}

func utf8Start(b byte) bool { return b&0xC0 != 0x80 }
