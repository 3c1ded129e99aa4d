package survey

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/scripts"
)

// node is any TwiML element; attributes are compared as a map because
// twiml writes them in map order.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// outline writes a document as one line per element, indented, with the
// attributes the survey sets, so a test reads like the call.
func outline(t *testing.T, doc string) string {
	t.Helper()
	if !strings.HasPrefix(doc, `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %s", doc)
	}
	var root node
	if err := xml.Unmarshal([]byte(doc), &root); err != nil {
		t.Fatalf("TwiML does not parse: %v\n%s", err, doc)
	}
	var b strings.Builder
	var walk func(n node, depth int)
	walk = func(n node, depth int) {
		fmt.Fprintf(&b, "%s%s", strings.Repeat("  ", depth), n.XMLName.Local)
		for _, a := range []string{"language", "input", "action", "method", "numDigits", "finishOnKey", "timeout"} {
			if v := n.attr(a); v != "" {
				fmt.Fprintf(&b, " %s=%s", a, v)
			}
		}
		if s := strings.TrimSpace(n.Text); s != "" {
			fmt.Fprintf(&b, " \"%s\"", s)
		}
		b.WriteString("\n")
		for _, c := range n.Nodes {
			walk(c, depth+1)
		}
	}
	walk(root, 0)
	return b.String()
}

func action(step int) string {
	return fmt.Sprintf("https://tamas.example/webhooks/twilio/voice/gather?f=42&step=%d", step)
}

func TestVoiceStartFa(t *testing.T) {
	t.Parallel()
	v := scripts.Default("fa")
	doc, err := Voice{Version: v, Values: values, Action: action}.Start()
	if err != nil {
		t.Fatal(err)
	}
	gather := `  Gather input=dtmf action=https://tamas.example/webhooks/twilio/voice/gather?f=42&step=0 method=POST numDigits=1 timeout=6
    Say language=fa-IR "` + v.Questions[0].Prompt + `"
    Say language=fa-IR "لطفاً عددی از ۱ تا ۵ را با صفحه‌کلید تلفن وارد کنید."
`
	want := `Response
  Say language=fa-IR "` + scripts.Fill(v.Intro, values) + `"
` + gather + `  Say language=fa-IR "پاسخی دریافت نکردیم. پرسش را دوباره می‌شنوید."
` + gather + `  Say language=fa-IR "` + scripts.Fill(v.Closing, values) + `"
  Hangup
`
	if got := outline(t, doc); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(doc, "f=42&amp;step=0") {
		t.Errorf("action URL not escaped in the XML: %s", doc)
	}
}

func TestVoiceWalkEn(t *testing.T) {
	t.Parallel()
	v := scripts.Default("en")
	c := Voice{Version: v, Values: values, Action: action}
	for _, tc := range []struct {
		step   int
		digits string
		answer string // "" for none
		done   bool
		want   []string // lines the next document's outline must contain
	}{
		{0, "", "", false, []string{"Say language=en-US \"Sorry, that is not one of the answers.\"", "step=0 method=POST numDigits=1"}},
		{0, "7", "", false, []string{"Sorry, that is not one of the answers.", "step=0"}},
		{0, "4", "4", false, []string{"step=1 method=POST numDigits=1", "\"Press 1 for yes, or 2 for no.\""}},
		{1, "3", "", false, []string{"not one of the answers", "step=1"}},
		{1, "2", "no", false, []string{"step=2", "\"Press a number from 1 to 5.\""}},
		// The text question after it cannot be answered by keypad: the
		// call goes on to the closing.
		{2, "5", "5", true, []string{"Say language=en-US \"Thank you for your time, Maryam.", "  Hangup"}},
	} {
		g, err := c.Gather(tc.step, tc.digits)
		if err != nil {
			t.Fatalf("step %d %q: %v", tc.step, tc.digits, err)
		}
		switch {
		case tc.answer == "" && g.Answer != nil:
			t.Errorf("step %d %q: answer %+v, want none", tc.step, tc.digits, *g.Answer)
		case tc.answer != "" && (g.Answer == nil || g.Answer.Value != tc.answer || g.Answer.Key != v.Questions[tc.step].Key):
			t.Errorf("step %d %q: answer %+v, want %s=%s", tc.step, tc.digits, g.Answer, v.Questions[tc.step].Key, tc.answer)
		}
		if g.Done != tc.done {
			t.Errorf("step %d %q: done %v, want %v", tc.step, tc.digits, g.Done, tc.done)
		}
		got := outline(t, g.TwiML)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("step %d %q: TwiML lacks %q:\n%s", tc.step, tc.digits, w, got)
			}
		}
		if tc.done && strings.Contains(got, "Gather") {
			t.Errorf("step %d: closing still gathers:\n%s", tc.step, got)
		}
	}
	for _, step := range []int{-1, 3, 4} {
		if _, err := c.Gather(step, "1"); err == nil {
			t.Errorf("a gather for step %d was accepted", step)
		}
	}
}

func TestVoiceChoiceAndNPS(t *testing.T) {
	t.Parallel()
	c := Voice{Version: choiceFa(), Values: values, Action: action}
	doc, err := c.Start()
	if err != nil {
		t.Fatal(err)
	}
	got := outline(t, doc)
	for _, w := range []string{
		`Say language=fa-IR "برای «به‌موقع» ۱ را فشار دهید."`,
		`Say language=fa-IR "برای «آسیب‌دیده» ۳ را فشار دهید."`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("choice TwiML lacks %q:\n%s", w, got)
		}
	}
	g, err := c.Gather(0, "3")
	if err != nil || g.Answer == nil || g.Answer.Value != "آسیب‌دیده" {
		t.Fatalf("choice 3: %+v, %v", g.Answer, err)
	}
	if got := outline(t, g.TwiML); !strings.Contains(got, "step=1 method=POST numDigits=2 finishOnKey=# timeout=6") ||
		!strings.Contains(got, "لطفاً عددی از ۰ تا ۱۰ وارد کنید و سپس کلید مربع را بزنید.") {
		t.Errorf("nps gather:\n%s", got)
	}
}

func TestParseDigits(t *testing.T) {
	t.Parallel()
	v := choiceFa()
	rating := scripts.Default("en").Questions[0]
	yesNo := scripts.Default("en").Questions[1]
	text := scripts.Default("en").Questions[3]
	for _, tc := range []struct {
		q      scripts.Question
		digits string
		want   string // "" refused
	}{
		{rating, "1", "1"}, {rating, "5", "5"}, {rating, "0", ""}, {rating, "6", ""}, {rating, "", ""}, {rating, "*", ""},
		{v.Questions[1], "0", "0"}, {v.Questions[1], "10", "10"}, {v.Questions[1], "7", "7"}, {v.Questions[1], "11", ""}, {v.Questions[1], "#", ""},
		{yesNo, "1", "yes"}, {yesNo, "2", "no"}, {yesNo, "0", ""}, {yesNo, "12", ""},
		{v.Questions[0], "1", "به‌موقع"}, {v.Questions[0], "3", "آسیب‌دیده"}, {v.Questions[0], "4", ""}, {v.Questions[0], "0", ""},
		{text, "1", ""},
	} {
		a, ok := ParseDigits(tc.q, tc.digits)
		if got := a.Value; ok != (tc.want != "") || got != tc.want || (ok && a.Key != tc.q.Key) {
			t.Errorf("ParseDigits(%s, %q) = %+v %v, want %q", tc.q.Key, tc.digits, a, ok, tc.want)
		}
	}
}
