package worddiff

import (
	"reflect"
	"testing"
)

func TestWords(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b string
		want []Part
	}{
		{"", "", nil},
		{"same text", "same text", []Part{{Same, "same text"}}},
		{"", "new", []Part{{Ins, "new"}}},
		{"old", "", []Part{{Del, "old"}}},
		{"Does it work well?", "Does everything work?", []Part{{Same, "Does "}, {Del, "it work well?"}, {Ins, "everything work?"}}},
		{"کالا درست کار می‌کند؟", "کالا خوب کار می‌کند؟", []Part{{Same, "کالا "}, {Del, "درست "}, {Ins, "خوب "}, {Same, "کار می‌کند؟"}}},
		{"Is it OK?", "Is it really OK?", []Part{{Same, "Is it "}, {Ins, "really "}, {Same, "OK?"}}},
		{"a b c", "a c", []Part{{Same, "a "}, {Del, "b "}, {Same, "c"}}},
	} {
		got := Words(c.a, c.b)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("Words(%q, %q)\n got %v\nwant %v", c.a, c.b, got, c.want)
		}
		if Text(Old(got)) != c.a || Text(New(got)) != c.b {
			t.Errorf("Words(%q, %q) does not give both texts back: %q, %q", c.a, c.b, Text(Old(got)), Text(New(got)))
		}
	}
}
