package survey

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tamas-app/tamas/scripts"
)

// fuzzVersions are the scripts a reply is read against: the seeded ones
// (rating, yes_no, text, required and optional) and a Persian choice with
// an NPS question.
func fuzzVersions() []scripts.Version {
	return append(scripts.Seed(), choiceFa())
}

// FuzzSMSReply reads customers' texts against every question of the
// seeded scripts. The reading must be deterministic, leave the old state
// alone, move at most one question on, and never record an answer the
// question could not have: a rating outside 1–5, a choice that is not one
// of the options, a text with control characters or over its length.
func FuzzSMSReply(f *testing.F) {
	for _, text := range []string{
		"5", "۵", "٥", " ۴ ", "4!", "«۳»", "10", "0", "۱۰", "11", "-1", "+3", "3.0", "٣٫٥",
		"yes", "YES.", "بله", "آره", "نه", "nope", "y", "بعله",
		"STOP", "لغو\u200c", "\u200fتوقف\u200f", "START", "شروع", "help", "راهنما", "skip", "بعدی",
		"به‌موقع", "با تأخیر", "2", "۳", "عينك",
		"\uFEFF4", "4\r\n", "line one\r\nline two", "\u200f۲\u200f", "a\x00b", "\xff\xfe", "",
		strings.Repeat("خوب ", 600),
	} {
		f.Add(text, uint8(0), uint8(0), false)
	}
	f.Add("yes", uint8(1), uint8(0), true)
	f.Add("۲", uint8(0x30), uint8(2), false)
	versions := fuzzVersions()
	f.Fuzz(func(t *testing.T, text string, at uint8, helps uint8, optedOut bool) {
		v := versions[int(at>>4)%len(versions)]
		c := SMS{Version: v, Values: values}
		next := int(at&0x0f) % (len(v.Questions) + 1)
		s := State{Next: next, Helps: int(helps) % (MaxHelps + 1), OptedOut: optedOut,
			Answers: []scripts.Answer{{Key: "earlier", Value: "kept"}}}
		before := State{Next: s.Next, Helps: s.Helps, OptedOut: s.OptedOut, Answers: slices.Clone(s.Answers)}

		step := c.Reply(s, text)
		if again := c.Reply(s, text); !reflect.DeepEqual(step, again) {
			t.Fatalf("%q read twice: %+v, then %+v", text, step, again)
		}
		if !reflect.DeepEqual(s, before) {
			t.Fatalf("reading %q changed the old state: %+v", text, s)
		}
		if n := step.State.Next; n != s.Next && n != s.Next+1 {
			t.Fatalf("%q moved from question %d to %d", text, s.Next, n)
		}
		if step.State.Helps > MaxHelps {
			t.Fatalf("%q: %d help texts for one question", text, step.State.Helps)
		}
		switch step.Kind {
		case Answered, Completed, Helped, OptedOut, OptedIn, Ignored:
		default:
			t.Fatalf("%q: kind %q", text, step.Kind)
		}
		if step.Answer == nil {
			if len(step.State.Answers) != len(s.Answers) {
				t.Fatalf("%q: no answer, yet answers %+v", text, step.State.Answers)
			}
			return
		}
		if len(step.State.Answers) != len(s.Answers)+1 || step.State.Answers[len(s.Answers)] != *step.Answer {
			t.Fatalf("%q: answer %+v is not the one added to %+v", text, *step.Answer, step.State.Answers)
		}
		q := v.Questions[s.Next]
		if p := outside(q, *step.Answer); p != "" {
			t.Fatalf("%q to %s question %q: %s", text, q.Type, q.Key, p)
		}
	})
}

// outside says how a recorded answer falls outside what q allows, or "".
func outside(q scripts.Question, a scripts.Answer) string {
	if a.Key != q.Key {
		return "answer for key " + a.Key
	}
	switch q.Type {
	case scripts.Rating, scripts.NPS:
		lo, hi := 1, 5
		if q.Type == scripts.NPS {
			lo, hi = 0, 10
		}
		if n, err := strconv.Atoi(a.Value); err != nil || n < lo || n > hi || strconv.Itoa(n) != a.Value {
			return "value " + strconv.Quote(a.Value) + " is not a number on the scale"
		}
	case scripts.YesNo:
		if a.Value != "yes" && a.Value != "no" {
			return "value " + strconv.Quote(a.Value) + " is neither yes nor no"
		}
	case scripts.Choice:
		if !slices.Contains(q.Options, a.Value) {
			return "value " + strconv.Quote(a.Value) + " is not an option"
		}
	case scripts.Text:
		switch {
		case !utf8.ValidString(a.Value):
			return "value is not valid UTF-8"
		case strings.ContainsFunc(a.Value, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' }):
			return "value " + strconv.Quote(a.Value) + " holds a control character"
		case utf8.RuneCountInString(a.Value) > scripts.MaxTextLength:
			return "value is over the text length"
		case strings.TrimSpace(a.Value) == "":
			return "value is empty"
		}
	default:
		return "question type " + string(q.Type)
	}
	return ""
}
