package charts

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/i18n"
)

// wellFormed fails the test unless svg parses as XML.
func wellFormed(t *testing.T, svg string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
	}
}

func TestLineSeriesAndAxes(t *testing.T) {
	c := Line{
		Title:  "Follow-ups <by day>",
		Labels: []string{"1 Nov", "2 Nov", "3 Nov"},
		Series: []Series{{Name: "Due", Values: []float64{10, 20, 40}}, {Name: "Silent", Values: []float64{1, math.NaN(), 3}}},
		Lang:   i18n.EN,
	}
	svg := c.SVG()
	wellFormed(t, svg)
	for _, want := range []string{
		`data-series="Due"`, `data-series="Silent"`, ">1 Nov<", ">3 Nov<",
		"Follow-ups &lt;by day&gt;", // the title is escaped
		">0<", ">40<",               // the scale reaches the largest value
		`stroke-dasharray="6 4"`, // the second series is dashed for print
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
	// The gap in "Silent" leaves no line of two points or more.
	silent := svg[strings.Index(svg, `data-series="Silent"`):]
	silent = silent[:strings.Index(silent, "</g>")]
	if strings.Contains(silent, "<polyline") {
		t.Error("a gap was drawn over")
	}
	if n := strings.Count(silent, "<circle"); n != 2 {
		t.Errorf("silent has %d points, want 2", n)
	}
}

func TestLinePersianIsMirroredWithPersianDigits(t *testing.T) {
	c := Line{
		Title:  "پیگیری‌ها",
		Labels: []string{"۱ آبان", "۲ آبان"},
		Series: []Series{{Name: "سررسید", Values: []float64{0, 1200}}},
		Lang:   i18n.FA,
	}
	svg := c.SVG()
	wellFormed(t, svg)
	if !strings.Contains(svg, ">۱۵۰۰<") || strings.ContainsAny(stripTags(svg), "0123456789") {
		t.Errorf("the scale is not in Persian digits:\n%s", svg)
	}
	if !strings.Contains(svg, `direction="rtl"`) {
		t.Error("text is not right-to-left")
	}
	// Time runs right to left: the first point is right of the second.
	pts := svg[strings.Index(svg, `points="`)+8:]
	pts = pts[:strings.Index(pts, `"`)]
	var x1, y1, x2, y2 float64
	if _, err := fmtSscanf(pts, &x1, &y1, &x2, &y2); err != nil {
		t.Fatal(err)
	}
	if x1 <= x2 {
		t.Errorf("first point at x=%v, second at %v: not mirrored", x1, x2)
	}
}

func TestLinePercentScale(t *testing.T) {
	svg := Line{Title: "CSAT", Labels: []string{"a", "b"}, Series: []Series{{Name: "CSAT", Values: []float64{0.5, 0.8}}}, Lang: i18n.EN, Percent: true}.SVG()
	wellFormed(t, svg)
	if !strings.Contains(svg, ">100%<") && !strings.Contains(svg, ">80%<") {
		t.Errorf("no percentage scale:\n%s", svg)
	}
}

func TestScale(t *testing.T) {
	for _, c := range []struct {
		max   float64
		step  float64
		ticks int
	}{{0, 1, 4}, {3, 1, 3}, {40, 10, 4}, {1200, 500, 3}, {87, 25, 4}} {
		step, ticks := scale(c.max, false)
		if step != c.step || ticks != c.ticks {
			t.Errorf("scale(%v) = %v×%d, want %v×%d", c.max, step, ticks, c.step, c.ticks)
		}
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func fmtSscanf(s string, v ...any) (int, error) {
	return fmt.Sscanf(strings.NewReplacer(",", " ").Replace(s), "%f %f %f %f", v...)
}
