package survey

import (
	"strings"
	"testing"
)

func TestMeasure(t *testing.T) {
	t.Parallel()
	fa := func(n int) string { return strings.Repeat("س", n) }
	for _, tc := range []struct {
		name string
		in   string
		want Measurement
	}{
		{"empty", "", Measurement{Encoding: GSM7, Left: 160, Class: OnePart}},
		{"latin one part", strings.Repeat("a", 160), Measurement{Encoding: GSM7, Units: 160, Segments: 1, Class: OnePart}},
		{"latin two parts", strings.Repeat("a", 161), Measurement{Encoding: GSM7, Units: 161, Segments: 2, Left: 145, Class: FewParts}},
		{"extension takes two septets", "€" + strings.Repeat("a", 159), Measurement{Encoding: GSM7, Units: 161, Segments: 2, Left: 145, Class: FewParts}},
		{"persian one part", fa(70), Measurement{Encoding: UCS2, Units: 70, Segments: 1, Class: OnePart}},
		{"persian two parts", fa(71), Measurement{Encoding: UCS2, Units: 71, Segments: 2, Left: 63, Class: FewParts}},
		{"persian three parts", fa(201), Measurement{Encoding: UCS2, Units: 201, Segments: 3, Left: 0, Class: FewParts}},
		{"persian four parts", fa(202), Measurement{Encoding: UCS2, Units: 202, Segments: 4, Left: 66, Class: ManyParts}},
		{"six parts, as the default Persian first text", fa(67 * 6), Measurement{Encoding: UCS2, Units: 402, Segments: 6, Class: ManyParts}},
		{"emoji is two units", "😀" + strings.Repeat("a", 68), Measurement{Encoding: UCS2, Units: 70, Segments: 1, Class: OnePart}},
	} {
		if got := Measure(tc.in); got != tc.want {
			t.Errorf("%s: Measure = %+v, want %+v", tc.name, got, tc.want)
		}
	}
}
