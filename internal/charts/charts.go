// Package charts draws small server-rendered SVG charts: no JavaScript, no
// fonts or scripts from elsewhere, readable when printed (every series has
// its own dash pattern as well as its colour). Right-to-left pages get a
// mirrored chart: time runs from right to left and the scale stands on the
// right, as Persian readers read. No HTTP, no SQL.
package charts

import (
	"fmt"
	"html"
	"math"
	"strings"

	"github.com/tamas-app/tamas/internal/i18n"
)

// Series is one line: a name for the legend and a value per label. NaN is
// a gap (no data for that slot), not a zero.
type Series struct {
	Name   string
	Values []float64
}

// Line is a line chart over Labels (the x axis, in time order).
type Line struct {
	Title  string
	Labels []string
	Series []Series
	Lang   i18n.Lang
	// Percent shows the scale as percentages of values in 0–1.
	Percent bool
}

const (
	width, plotHeight = 720, 216 // plotHeight: down to the time axis
	left, right, top  = 56, 16, 16
	legendRow         = 18
	// charWidth is a generous estimate of one character's advance at the
	// charts' 11px text (app.css), Latin or Persian: the layout keeps
	// texts apart by it, as no font metrics are at hand on the server.
	charWidth = 7.0
	// labelGap is the least space between two texts side by side.
	labelGap = 12.0
	// marker is the legend's line sample; markerGap parts it from its name.
	marker, markerGap = 24.0, 6.0
)

// textWidth estimates how wide s is drawn.
func textWidth(s string) float64 { return charWidth * float64(len([]rune(s))) }

// anchor is the text-anchor that puts a text's left edge (leftEdge) or
// right edge at its x. With direction="rtl", SVG reads start and end
// from the right, so the word for an edge flips with the direction.
func anchor(rtl, leftEdge bool) string {
	if leftEdge != rtl {
		return "start"
	}
	return "end"
}

// dashes tell the series apart in black and white.
var dashes = []string{"", "6 4", "2 3", "10 3 2 3", "1 5"}

// SVG renders the chart. All text in it is escaped, so it may be embedded
// in a page as is.
func (c Line) SVG() string {
	var b strings.Builder
	rtl := c.Lang.Dir() == "rtl"
	maxV := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) && v > maxV {
				maxV = v
			}
		}
	}
	step, ticks := scale(maxV, c.Percent)
	ceil := step * float64(ticks)
	plotW := float64(width - left - right)
	plotH := float64(plotHeight - top)
	legend := c.legendRows(plotW)
	height := plotHeight + 26 + legendRow*len(legend)
	x0 := float64(left)
	if rtl {
		x0 = float64(right)
	}
	n := len(c.Labels)
	xAt := func(i int) float64 {
		pos := 0.5
		if n > 1 {
			pos = float64(i) / float64(n-1)
		}
		if rtl {
			pos = 1 - pos
		}
		return x0 + pos*plotW
	}
	yAt := func(v float64) float64 { return float64(top) + plotH - v/ceil*plotH }
	dir := ""
	if rtl {
		dir = ` direction="rtl"`
	}
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s" data-testid="chart">`,
		width, height, esc(c.Title))
	fmt.Fprintf(&b, `<title>%s</title>`, esc(c.Title))

	// The scale: horizontal grid lines with their values.
	// The scale stands outside the plot: its texts end before the plot
	// on the left, or begin after it on the right.
	axisX, axisAnchor := x0-8, anchor(rtl, false)
	if rtl {
		axisX, axisAnchor = x0+plotW+8, anchor(rtl, true)
	}
	for i := 0; i <= ticks; i++ {
		v := step * float64(i)
		y := yAt(v)
		fmt.Fprintf(&b, `<line class="grid" x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"/>`, x0, y, x0+plotW, y)
		fmt.Fprintf(&b, `<text class="tick" x="%.1f" y="%.1f" text-anchor="%s" dominant-baseline="middle"%s>%s</text>`,
			axisX, y, axisAnchor, dir, esc(c.tickLabel(v)))
	}
	for _, l := range c.timeLabels(xAt) {
		fmt.Fprintf(&b, `<text class="label" x="%.1f" y="%d" text-anchor="middle"%s>%s</text>`,
			l.x, plotHeight+18, dir, esc(l.text))
	}
	for si, s := range c.Series {
		dash := ""
		if d := dashes[si%len(dashes)]; d != "" {
			dash = fmt.Sprintf(` stroke-dasharray="%s"`, d)
		}
		fmt.Fprintf(&b, `<g class="series series-%d" data-series="%s">`, si, esc(s.Name))
		// A gap splits the line; a lone point is drawn as a dot.
		var run []string
		flush := func() {
			if len(run) > 1 {
				fmt.Fprintf(&b, `<polyline fill="none" points="%s"%s/>`, strings.Join(run, " "), dash)
			}
			run = run[:0]
		}
		for i, v := range s.Values {
			if i >= n {
				break
			}
			if math.IsNaN(v) {
				flush()
				continue
			}
			run = append(run, fmt.Sprintf("%.1f,%.1f", xAt(i), yAt(v)))
			fmt.Fprintf(&b, `<circle r="2.5" cx="%.1f" cy="%.1f"><title>%s: %s</title></circle>`,
				xAt(i), yAt(v), esc(c.Labels[i]), esc(c.valueLabel(v)))
		}
		flush()
		b.WriteString(`</g>`)
	}
	// The legend, under the time axis, in reading order: a line sample,
	// then its name, row after row.
	for ri, row := range legend {
		ly := float64(plotHeight + 26 + legendRow*ri + legendRow/2)
		lx := float64(left)
		if rtl {
			lx = float64(width - right)
		}
		for _, si := range row {
			name := c.Series[si].Name
			dash := ""
			if d := dashes[si%len(dashes)]; d != "" {
				dash = fmt.Sprintf(` stroke-dasharray="%s"`, d)
			}
			x2, tx := lx+marker, lx+marker+markerGap
			if rtl {
				x2, tx = lx-marker, lx-marker-markerGap
			}
			fmt.Fprintf(&b, `<g class="legend series-%d"><line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f"%s/><text x="%.1f" y="%.1f" text-anchor="%s" dominant-baseline="middle"%s>%s</text></g>`,
				si, lx, ly, x2, ly, dash, tx, ly, anchor(rtl, !rtl), dir, esc(name))
			w := legendWidth(name) + labelGap
			if rtl {
				lx -= w
			} else {
				lx += w
			}
		}
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// legendWidth is how wide a legend entry is drawn: sample, gap, name.
func legendWidth(name string) float64 { return marker + markerGap + textWidth(name) }

// legendRows puts the series, in order, into rows no wider than w.
func (c Line) legendRows(w float64) [][]int {
	var rows [][]int
	used := 0.0
	for si, s := range c.Series {
		need := legendWidth(s.Name)
		if len(rows) == 0 || used+labelGap+need > w {
			rows = append(rows, nil)
			used = -labelGap
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], si)
		used += labelGap + need
	}
	return rows
}

// placed is a text and the x of its middle.
type placed struct {
	text string
	x    float64
}

// timeLabels are the time axis's labels that fit: every k-th, counted back
// from the newest so that it always shows, k the least that keeps
// neighbours labelGap apart. A label near an edge moves in so as not to
// be cut off.
func (c Line) timeLabels(xAt func(int) float64) []placed {
	n := len(c.Labels)
	widest := 0.0
	for _, l := range c.Labels {
		widest = max(widest, textWidth(l))
	}
	slot := float64(width - left - right)
	if n > 1 {
		slot /= float64(n - 1)
	}
	every := max(1, int(math.Ceil((widest+labelGap)/slot)))
	var out []placed
	for i := (n - 1) % every; i < n; i += every {
		half := textWidth(c.Labels[i]) / 2
		x := min(max(xAt(i), half+2), width-half-2)
		out = append(out, placed{c.Labels[i], x})
	}
	return out
}

func (c Line) tickLabel(v float64) string {
	if c.Percent {
		return i18n.Number(c.Lang, int64(math.Round(v*100))) + percentSign(c.Lang)
	}
	return i18n.Number(c.Lang, int64(math.Round(v)))
}

func (c Line) valueLabel(v float64) string {
	if c.Percent {
		return i18n.Digits(c.Lang, fmt.Sprintf("%.1f", v*100)) + percentSign(c.Lang)
	}
	return i18n.Number(c.Lang, int64(math.Round(v)))
}

// percentSign is ARABIC PERCENT SIGN for Persian, as CLDR has it.
func percentSign(l i18n.Lang) string {
	if l == i18n.FA {
		return "٪"
	}
	return "%"
}

// scale picks a round step and how many of them reach maxV: 1, 2 or 5
// times a power of ten, four or five steps.
func scale(maxV float64, percent bool) (step float64, ticks int) {
	if maxV <= 0 {
		if percent {
			return 0.25, 4
		}
		return 1, 4
	}
	raw := maxV / 4
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		step = m * pow
		if step >= raw {
			break
		}
	}
	if !percent && step < 1 {
		step = 1
	}
	ticks = int(math.Ceil(maxV / step))
	return step, max(ticks, 1)
}

func esc(s string) string { return html.EscapeString(s) }
