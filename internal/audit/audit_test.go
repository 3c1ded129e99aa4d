package audit

import (
	"encoding/json"
	"testing"
)

// A nil value, a nil pointer and a nil json.RawMessage are all SQL NULL
// (an addition or a deletion); anything else is its JSON.
func TestEncode(t *testing.T) {
	t.Parallel()
	type rec struct {
		A int `json:"a"`
	}
	for _, c := range []struct {
		name string
		v    any
		want string // "" for NULL
	}{
		{"nil", nil, ""},
		{"nil pointer", (*rec)(nil), ""},
		{"nil raw", json.RawMessage(nil), ""},
		{"pointer", &rec{A: 1}, `{"a":1}`},
		{"map", map[string]string{"sent": "webhook.test"}, `{"sent":"webhook.test"}`},
		{"raw", json.RawMessage(`{"state":"open"}`), `{"state":"open"}`},
	} {
		got, err := encode(c.v)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if (got == nil) != (c.want == "") || string(got) != c.want {
			t.Errorf("%s: encode = %q, want %q", c.name, got, c.want)
		}
	}
}
