package charts

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
)

// box is a text's or a line's horizontal extent and its row.
type box struct {
	class, text string
	lo, hi, y   float64
}

func (a box) overlaps(b box) bool {
	return a.y == b.y && a.lo < b.hi && b.lo < a.hi
}

// layout reads the texts and the legend's lines of svg, each text's extent
// estimated from its length (7 units a character at 11px) and read from
// its anchor as SVG does: with direction="rtl", start is the right edge.
func layout(t *testing.T, svg string) (texts, lines []box, w float64) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(svg))
	var open *box
	inLegend := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return texts, lines, w
		}
		if err != nil {
			t.Fatal(err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			a := map[string]string{}
			for _, at := range e.Attr {
				a[at.Name.Local] = at.Value
			}
			num := func(k string) float64 { f, _ := strconv.ParseFloat(a[k], 64); return f }
			switch e.Name.Local {
			case "svg":
				var x, y, h float64
				fmt.Sscanf(a["viewBox"], "%f %f %f %f", &x, &y, &w, &h)
			case "g":
				inLegend = strings.HasPrefix(a["class"], "legend")
			case "line":
				if inLegend {
					x1, x2 := num("x1"), num("x2")
					lines = append(lines, box{class: "marker", lo: min(x1, x2), hi: max(x1, x2), y: num("y1")})
				}
			case "text":
				class := a["class"]
				if inLegend {
					class = "legend"
				}
				open = &box{class: class, y: num("y"), lo: num("x"), hi: num("x")}
				open.text = a["text-anchor"] + "|" + a["direction"]
			}
		case xml.CharData:
			if open != nil {
				anchor, dir, _ := strings.Cut(open.text, "|")
				width := 7 * float64(len([]rune(string(e))))
				leftEdge := (anchor == "start") == (dir != "rtl")
				switch {
				case anchor == "middle":
					open.lo, open.hi = open.lo-width/2, open.hi+width/2
				case leftEdge:
					open.hi += width
				default:
					open.lo -= width
				}
				open.text = string(e)
			}
		case xml.EndElement:
			if e.Name.Local == "text" && open != nil {
				texts = append(texts, *open)
				open = nil
			}
		}
	}
}

func days(l i18n.Lang, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = i18n.ShortDate(l, time.Date(2026, 10, 6+i, 0, 0, 0, 0, time.UTC))
	}
	return out
}

// Every text stays inside the chart, the time axis's labels keep apart,
// and no legend name runs into a line sample, in either direction and for
// any number of days.
func TestLineLayoutKeepsTextsApart(t *testing.T) {
	series := map[i18n.Lang][]string{
		i18n.EN: {"Follow-ups due", "Completed", "Unreachable", "Silent", "CSAT (ratings of 4 or 5)"},
		i18n.FA: {"پیگیری\u200cهای سررسیدشده", "انجام\u200cشده", "دست\u200cنیافتنی", "خاموش", "رضایت مشتری (امتیاز ۴ یا ۵)"},
	}
	for _, l := range []i18n.Lang{i18n.EN, i18n.FA} {
		for _, n := range []int{1, 2, 7, 13, 14, 30, 31, 45, 62} {
			c := Line{Title: "t", Labels: days(l, n), Lang: l}
			for _, name := range series[l] {
				v := make([]float64, n)
				for i := range v {
					v[i] = float64(1000 * i)
				}
				c.Series = append(c.Series, Series{Name: name, Values: v})
			}
			texts, lines, w := layout(t, c.SVG())
			var labels, legend []box
			for _, b := range texts {
				if b.lo < 0 || b.hi > w {
					t.Errorf("%s, %d days: %q spans %.0f–%.0f, outside 0–%.0f", l, n, b.text, b.lo, b.hi, w)
				}
				switch b.class {
				case "label":
					labels = append(labels, b)
				case "legend":
					legend = append(legend, b)
				}
			}
			if len(labels) == 0 || labels[len(labels)-1].text != c.Labels[n-1] {
				t.Errorf("%s, %d days: the newest day is not labelled: %v", l, n, labels)
			}
			for i := range labels {
				for j := i + 1; j < len(labels); j++ {
					if labels[i].overlaps(labels[j]) {
						t.Errorf("%s, %d days: labels %q and %q overlap", l, n, labels[i].text, labels[j].text)
					}
				}
			}
			for i, a := range legend {
				for _, m := range lines {
					if a.overlaps(m) {
						t.Errorf("%s, %d days: legend %q runs into a line sample at %.0f–%.0f", l, n, a.text, m.lo, m.hi)
					}
				}
				for _, b := range legend[i+1:] {
					if a.overlaps(b) {
						t.Errorf("%s, %d days: legend %q and %q overlap", l, n, a.text, b.text)
					}
				}
			}
		}
	}
}
