package report

import (
	"math"
	"testing"
)

// The figures are Newcombe's (Statistics in Medicine 17, 1998, table II,
// method 3: the Wilson score interval without continuity correction).
func TestWilsonMatchesPublishedIntervals(t *testing.T) {
	for _, c := range []struct {
		part, whole int64
		lo, hi      float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0, 0.1611},
		{1, 29, 0.0061, 0.1718},
		{29, 29, 0.8830, 1},
	} {
		got, ok := Wilson(c.part, c.whole)
		if !ok || math.Abs(got.Lo-c.lo) > 5e-5 || math.Abs(got.Hi-c.hi) > 5e-5 {
			t.Errorf("Wilson(%d, %d) = %+v %v, want [%.4f, %.4f]", c.part, c.whole, got, ok, c.lo, c.hi)
		}
		if want := float64(c.part) / float64(c.whole); got.Rate != want {
			t.Errorf("Wilson(%d, %d) rate %v, want %v", c.part, c.whole, got.Rate, want)
		}
	}
}

func TestWilsonNarrowsAsTheGroupGrows(t *testing.T) {
	small, _ := Wilson(3, 10)
	large, _ := Wilson(300, 1000)
	if small.Hi-small.Lo <= large.Hi-large.Lo {
		t.Errorf("3 of 10 %+v is not wider than 300 of 1000 %+v", small, large)
	}
	if large.Lo > 0.3 || large.Hi < 0.3 {
		t.Errorf("300 of 1000 %+v does not hold 0.3", large)
	}
}

func TestWilsonOfNothingIsNoFigure(t *testing.T) {
	for _, c := range [][2]int64{{0, 0}, {1, 0}, {-1, 5}, {6, 5}} {
		if got, ok := Wilson(c[0], c[1]); ok {
			t.Errorf("Wilson(%d, %d) = %+v, want no figure", c[0], c[1], got)
		}
	}
}
