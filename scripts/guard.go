package scripts

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tamas-app/tamas/internal/invalid"
)

// A follow-up call must be an honest question about the customer's
// experience. Used to sell, it annoys the customer and spends the trust it
// was meant to build, so a version that sells, asks too much or runs too long
// is not published. Drafts are never blocked: the guard explains, next to the
// offending text, why publishing is refused.

// Finding codes.
const (
	FindingSales            = "sales"
	FindingTooManyQuestions = "too_many_questions"
	FindingTooLong          = "too_long"
	// FindingInvalid: the version's structure is wrong (Validate).
	FindingInvalid = "invalid"
)

// DefaultMaxSeconds is about two minutes: long enough for an intro, five
// short questions and a closing, short enough to stay a courtesy call.
const DefaultMaxSeconds = 120

// Finding is one reason a version may not be published.
type Finding struct {
	// Where is "intro", "closing" or a question key (its prompt and options
	// are checked), as in Problem; "questions" for the question count, and
	// for a question without a key; "script" when the whole version is too
	// long to read aloud.
	Where string `json:"where" yaml:"where"`
	// Words are the offending words or phrases as written in the text, each
	// spelling once, in the order they appear; empty for count and length.
	Words []string `json:"words,omitempty" yaml:"words,omitempty"`
	Code  string   `json:"code" yaml:"code"` // one of the Finding codes
	// Problem is why, for the reader's language to word (i18n.Problem):
	// what Validate found for FindingInvalid, else the guard's own codes
	// (guard.sales…, guard.too_many_questions, guard.too_long) with the
	// words, counts and seconds they need. A shipped phrase's Why is passed
	// as an invalid.Term, a configured list's as written there.
	Problem invalid.Problem `json:"problem,omitzero" yaml:"problem,omitempty"`
}

// Phrase is one piece of sales language. Text is one or more words matched
// as whole words in a row, ignoring case, Arabic/Persian letter forms,
// diacritics and the zero-width non-joiner (see words). Two marks make a
// word a pattern: "#" alone matches any number ("# off" finds "20% off"), and
// a trailing "*" matches any word that starts so ("discount*" finds
// "discounted", "تخفیف*" finds "تخفیفی"). Why names what the phrase reads as,
// to finish the sentence `… reads as <Why>`: "an offer", "a discount".
type Phrase struct {
	Text string `json:"text" yaml:"text"`
	Why  string `json:"why" yaml:"why"`
}

// Guard checks a version for publishing. The zero value uses the shipped
// phrase lists, speaking rates and the two-minute limit.
type Guard struct {
	// Phrases by language base ("en", "fa"); nil means DefaultPhrases(),
	// an empty map checks no wording at all.
	// Every list is checked against every version, whatever its locale:
	// scripts mix languages (a Persian script may carry an English brand or
	// offer code), and a sequence of words from one language does not occur
	// in another's text by accident.
	Phrases map[string][]Phrase
	// WordsPerMinute is the speaking rate by language base; a language
	// missing here (or with a rate ≤ 0) uses defaultWordsPerMinute.
	WordsPerMinute map[string]int
	// MaxSeconds is the longest a version may take to read aloud; 0 means
	// DefaultMaxSeconds.
	MaxSeconds int
}

// defaultWordsPerMinute are the speaking rates used when Guard gives none.
// English: about 150 words a minute is the commonly cited rate of
// conversational English and the usual guideline for recorded narration.
// Persian: we found no established words-a-minute norm, so 130 is an
// assumption: a written Persian word (counted with its ZWNJ-joined suffixes,
// as countSpokenWords does) carries more syllables than an English one, and
// an agent reading a script should not hurry. Measure real calls and tune.
// Any other language falls back to the English rate.
var defaultWordsPerMinute = map[string]int{"en": 150, "fa": 130}

// Check returns every reason v may not be published, in a stable order:
// sales language in the intro, in each question (prompt, then options) in
// order, in the closing; then the question count; then the length. None
// means v may be published as far as wording goes; Validate checks structure.
func (g Guard) Check(v Version) []Finding {
	pats := g.patterns()
	var fs []Finding
	fs = append(fs, salesFindings("intro", 0, []string{v.Intro}, pats)...)
	for i, q := range v.Questions {
		where, position := q.Key, 0
		if clean(where) == "" {
			// Without a key the question can only be found by its position.
			where, position = "questions", i+1
		}
		fs = append(fs, salesFindings(where, position, append([]string{q.Prompt}, q.Options...), pats)...)
	}
	fs = append(fs, salesFindings("closing", 0, []string{v.Closing}, pats)...)

	if n := len(v.Questions); n > MaxQuestions {
		fs = append(fs, Finding{
			Where: "questions", Code: FindingTooManyQuestions,
			Problem: invalid.Problem{Field: "questions", Code: "guard.too_many_questions", Args: []any{MaxQuestions, n}},
		})
	}
	words, wpm := g.reading(v)
	if secs, limit := seconds(words, wpm), g.maxSeconds(); secs > limit {
		fs = append(fs, Finding{
			Where: "script", Code: FindingTooLong,
			Problem: invalid.Problem{Field: "script", Code: "guard.too_long", Args: []any{secs, words, wpm, limit}},
		})
	}
	return fs
}

// ReadingSeconds estimates how long v takes to read aloud, rounded up: the
// words of the intro, every prompt and option, and the closing, at the
// speaking rate of v's language. A placeholder such as {customer} counts as
// one word.
func (g Guard) ReadingSeconds(v Version) int {
	return seconds(g.reading(v))
}

func (g Guard) reading(v Version) (words, wpm int) {
	words = countSpokenWords(v.Intro) + countSpokenWords(v.Closing)
	for _, q := range v.Questions {
		words += countSpokenWords(q.Prompt)
		for _, o := range q.Options {
			words += countSpokenWords(o)
		}
	}
	lang := baseLanguage(v.Locale)
	if wpm = g.WordsPerMinute[lang]; wpm <= 0 {
		if wpm = defaultWordsPerMinute[lang]; wpm <= 0 {
			wpm = defaultWordsPerMinute["en"]
		}
	}
	return words, wpm
}

func seconds(words, wpm int) int {
	return (words*60 + wpm - 1) / wpm
}

func (g Guard) maxSeconds() int {
	if g.MaxSeconds > 0 {
		return g.MaxSeconds
	}
	return DefaultMaxSeconds
}

const zwnj = '\u200c'

// countSpokenWords counts words as a reader says them: unlike words, a
// zero-width non-joiner or an apostrophe does not split a word, because
// می‌کند and doesn't are each read as one word, not two.
func countSpokenWords(s string) int {
	n := 0
	joins := func(r rune) bool { return r == zwnj || r == '\'' || r == '’' }
	for _, f := range strings.FieldsFunc(fold(s), func(r rune) bool { return !isWordRune(r) && !joins(r) }) {
		if strings.IndexFunc(f, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0 {
			n++
		}
	}
	return n
}

// token is one word of a text: folded as words folds it, with its place in
// the text as written, so a finding can quote the customer-facing spelling.
type token struct {
	word       string
	start, end int // byte offsets in the text as written
	// joined is set when only a zero-width non-joiner separates the token
	// from the one before: a Persian suffix such as ی or ها.
	joined bool
}

// tokenize splits s into the same words as words(s) does, keeping where
// each one is written.
func tokenize(s string) []token {
	var (
		toks     []token
		cur      strings.Builder
		start    = -1 // start of the current word, -1 between words
		end      int
		sepZWNJ  = true // the separator since the last word is only ZWNJs
		finished = func() {
			toks[len(toks)-1].word = cur.String()
			toks[len(toks)-1].end = end
			cur.Reset()
			start = -1
		}
	)
	for i, r := range s {
		f := foldRune(r)
		switch {
		case f < 0: // dropped decoration: part of the word it is in, if any
			if start >= 0 {
				end = i + utf8.RuneLen(r)
			}
		case isWordRune(f):
			if start < 0 {
				start = i
				toks = append(toks, token{start: i, joined: len(toks) > 0 && sepZWNJ})
				sepZWNJ = true
			}
			cur.WriteRune(f)
			end = i + utf8.RuneLen(r)
		default:
			if start >= 0 {
				finished()
			}
			sepZWNJ = sepZWNJ && r == zwnj
		}
	}
	if start >= 0 {
		finished()
	}
	return toks
}

// persianSuffixes are written after a non-joiner (بسته‌ی ویژه,
// قیمت‌های ویژه) and do not change what a phrase says, so matching steps
// over them between the words of a phrase. The ezafe ی is also skipped when
// typed after a space.
var persianSuffixes = []string{"ی", "ای", "ها", "های", "هایی"}

func skippable(t token) bool {
	return t.word == "ی" || (t.joined && slices.Contains(persianSuffixes, t.word))
}

// patternWord is one compiled word of a Phrase.
type patternWord struct {
	text           string
	prefix, number bool
}

func (p patternWord) matches(w string) bool {
	switch {
	case p.number:
		return w != "" && strings.IndexFunc(w, func(r rune) bool { return r < '0' || r > '9' }) < 0
	case p.prefix:
		return strings.HasPrefix(w, p.text)
	}
	return w == p.text
}

func (p patternWord) String() string {
	switch {
	case p.number:
		return "#"
	case p.prefix:
		return p.text + "*"
	}
	return p.text
}

type pattern struct {
	words  []patternWord
	phrase Phrase
}

// compilePhrase turns a Phrase's text into words to match, or says why it
// cannot match anything.
func compilePhrase(text string) ([]patternWord, error) {
	var ws []patternWord
	literal := false
	for _, field := range strings.Fields(text) {
		if field == "#" {
			ws = append(ws, patternWord{number: true})
			continue
		}
		core, prefix := strings.CutSuffix(field, "*")
		if strings.ContainsAny(core, "*#") {
			return nil, fmt.Errorf("%s: use # only as a word of its own and * only at the end of a word", quote(field))
		}
		parts := words(core)
		if len(parts) == 0 {
			return nil, fmt.Errorf("%s has no letters or digits", quote(field))
		}
		for i, p := range parts {
			ws = append(ws, patternWord{text: p, prefix: prefix && i == len(parts)-1})
		}
		literal = true
	}
	if !literal {
		return nil, fmt.Errorf("phrase %s needs at least one word besides #", quote(text))
	}
	return ws, nil
}

// patterns compiles the guard's phrases, languages in sorted order so the
// result never depends on map order. A phrase that cannot match anything is
// left out; ParsePhrases refuses such phrases when a list is loaded.
func (g Guard) patterns() []pattern {
	phrases := g.Phrases
	if phrases == nil {
		phrases = DefaultPhrases()
	}
	var pats []pattern
	for _, lang := range slices.Sorted(maps.Keys(phrases)) {
		for _, p := range phrases[lang] {
			if ws, err := compilePhrase(p.Text); err == nil {
				pats = append(pats, pattern{ws, p})
			}
		}
	}
	return pats
}

// matchAt reports whether p matches toks from i on, and where it ends.
func (p pattern) matchAt(toks []token, i int) (end int, ok bool) {
	j := i
	for k, w := range p.words {
		for k > 0 && j < len(toks) && skippable(toks[j]) && !w.matches(toks[j].word) {
			j++
		}
		if j >= len(toks) || !w.matches(toks[j].word) {
			return 0, false
		}
		j++
	}
	return j, true
}

// match is one phrase found in one text: tokens [from, to) of text.
type match struct {
	text, from, to, pat int
}

// salesFindings finds sales language in the texts of one place (a
// question's prompt and options), one finding per phrase, in the order the
// phrases first appear. A question without a key is named by its position
// (from 1); elsewhere position is 0.
func salesFindings(where string, position int, texts []string, pats []pattern) []Finding {
	var all []match
	toks := make([][]token, len(texts))
	for ti, text := range texts {
		toks[ti] = tokenize(text)
		var found []match
		for pi, p := range pats {
			for i := range toks[ti] {
				if end, ok := p.matchAt(toks[ti], i); ok {
					found = append(found, match{ti, i, end, pi})
				}
			}
		}
		// Where phrases overlap the longest wins, so "کد تخفیف" is one
		// discount code, not also a discount; ties go to the earlier.
		slices.SortStableFunc(found, func(a, b match) int {
			if d := (b.to - b.from) - (a.to - a.from); d != 0 {
				return d
			}
			return a.from - b.from
		})
		taken := make([]bool, len(toks[ti]))
		for _, m := range found {
			if !slices.Contains(taken[m.from:m.to], true) {
				for i := m.from; i < m.to; i++ {
					taken[i] = true
				}
				all = append(all, m)
			}
		}
	}
	slices.SortStableFunc(all, func(a, b match) int {
		if a.text != b.text {
			return a.text - b.text
		}
		return a.from - b.from
	})

	var (
		fs    []Finding
		index = map[int]int{} // pattern → its finding in fs
	)
	for _, m := range all {
		t := toks[m.text]
		written := texts[m.text][t[m.from].start:t[m.to-1].end]
		i, seen := index[m.pat]
		if !seen {
			i = len(fs)
			index[m.pat] = i
			fs = append(fs, Finding{Where: where, Code: FindingSales})
		}
		if !slices.Contains(fs[i].Words, written) {
			fs[i].Words = append(fs[i].Words, written)
		}
	}
	for pi, i := range index {
		fs[i].Problem = salesProblem(where, position, fs[i].Words, pats[pi].phrase.Why)
	}
	return fs
}

// salesProblem is `sales language: "special price" reads as an offer`:
// code guard.sales with the words as written and the phrase's Why;
// guard.sales_several when more than one spelling was found (the English
// verb agrees); …_in_question, after the position, for a question without
// a key. A shipped reason is passed as its invalid.Term.
func salesProblem(where string, position int, written []string, why string) invalid.Problem {
	code := "guard.sales"
	if len(written) > 1 {
		code += "_several"
	}
	var reason any = why
	if term, ok := reasonTerms[why]; ok {
		reason = term
	}
	args := []any{slices.Clone(written), reason}
	if position > 0 {
		code += "_in_question"
		args = append([]any{position}, args...)
	}
	return invalid.Problem{Field: where, Code: code, Args: args}
}
