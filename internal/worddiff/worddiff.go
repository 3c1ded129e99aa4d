// Package worddiff says which words of an older text a newer one kept,
// dropped and added, so a reader sees what changed inside a sentence
// rather than two whole sentences side by side.
package worddiff

import (
	"strings"
	"unicode"
)

// Op is what happened to a part of the text.
type Op int

const (
	Same Op = iota // in both texts
	Del            // only in the older text
	Ins            // only in the newer text
)

// Part is a run of text with one Op. Joining the Same and Del parts gives
// the older text back exactly; the Same and Ins parts, the newer one.
type Part struct {
	Op   Op
	Text string
}

// maxCells bounds the comparison table: beyond it (texts of thousands of
// words, never a call script's) the texts are shown as wholly replaced.
const maxCells = 1 << 20

// Words compares a with b word by word, spaces kept with the words they
// follow, by the longest common subsequence of words.
func Words(a, b string) []Part {
	x, y := split(a), split(b)
	if len(x)*len(y) > maxCells {
		return merge([]Part{{Del, a}, {Ins, b}})
	}
	// lcs[i][j] is the longest common subsequence of x[i:] and y[j:].
	lcs := make([][]int, len(x)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var parts []Part
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			parts = append(parts, Part{Same, x[i]})
			i, j = i+1, j+1
		// On a tie the older words go first, as a reader expects.
		case i < len(x) && (j == len(y) || lcs[i+1][j] >= lcs[i][j+1]):
			parts = append(parts, Part{Del, x[i]})
			i++
		default:
			parts = append(parts, Part{Ins, y[j]})
			j++
		}
	}
	return merge(parts)
}

// split cuts s into words, each with the spaces after it, so that a
// changed space does not make a whole word differ twice.
func split(s string) []string {
	var out []string
	start, inSpace := 0, false
	for i, r := range s {
		space := unicode.IsSpace(r)
		if !space && inSpace {
			out = append(out, s[start:i])
			start = i
		}
		inSpace = space
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// merge joins neighbours with the same Op and drops empty parts.
func merge(parts []Part) []Part {
	var out []Part
	for _, p := range parts {
		if p.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Op == p.Op {
			out[n-1].Text += p.Text
			continue
		}
		out = append(out, p)
	}
	return out
}

// Old is the older text's parts (Same and Del), New the newer's (Same and
// Ins): what each side of a two-column view shows.
func Old(parts []Part) []Part { return side(parts, Ins) }

// New is the newer text's parts; see Old.
func New(parts []Part) []Part { return side(parts, Del) }

func side(parts []Part, drop Op) []Part {
	var out []Part
	for _, p := range parts {
		if p.Op != drop {
			out = append(out, p)
		}
	}
	return out
}

// Text joins parts back into text.
func Text(parts []Part) string {
	var b strings.Builder
	for _, p := range parts {
		b.WriteString(p.Text)
	}
	return b.String()
}
