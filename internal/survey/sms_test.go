package survey

import (
	"strings"
	"testing"

	"github.com/tamas-app/tamas/scripts"
)

var values = map[string]string{"customer": "Maryam", "product": "GL-100", "branch": "Tajrish", "agent": "tamas"}

// delivery is a Persian choice question, as the README's example has it.
func choiceFa() scripts.Version {
	v := scripts.Default("fa")
	v.Questions = []scripts.Question{
		{Key: "delivery", Prompt: "کالا چطور به دستتان رسید؟", Type: scripts.Choice, Required: true,
			Options: []string{"به‌موقع", "با تأخیر", "آسیب‌دیده"}},
		{Key: "nps", Prompt: "چقدر ما را به دوستانتان پیشنهاد می‌کنید؟", Type: scripts.NPS, Required: true},
	}
	return v
}

func TestStart(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		v    scripts.Version
		want []string
	}{
		{"en", scripts.Default("en"), []string{
			"Hello Maryam, this is tamas from the Tajrish branch.",
			"\nOverall, how satisfied are you",
			"\nReply with a number from 1 to 5.\nReply STOP to stop these messages.",
		}},
		{"fa", scripts.Default("fa"), []string{
			"Maryam گرامی، tamas هستم از شعبه‌ی Tajrish.",
			"\nبه‌طور کلی چقدر از خریدتان راضی هستید؟",
			"\nلطفاً عددی از ۱ تا ۵ بفرستید.\nبرای لغو این پیام‌ها «لغو» بفرستید.",
		}},
		{"fa choice", choiceFa(), []string{
			"کالا چطور به دستتان رسید؟\nلطفاً شمارهٔ پاسخ خود را بفرستید:\n۱. به‌موقع\n۲. با تأخیر\n۳. آسیب‌دیده",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			step := SMS{Version: tc.v, Values: values}.Start()
			if step.Kind != Started || step.State.Next != 0 {
				t.Errorf("kind %s, next %d; want started at 0", step.Kind, step.State.Next)
			}
			for _, w := range tc.want {
				if !strings.Contains(step.Message, w) {
					t.Errorf("first message lacks %q:\n%s", w, step.Message)
				}
			}
		})
	}
}

// turn is one inbound text and what it must lead to.
type turn struct {
	in      string
	kind    Kind
	answer  string // "" when no answer is recorded
	message string // a part the reply must contain; "" for no reply
}

func TestConversation(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		v     scripts.Version
		turns []turn
		want  []scripts.Answer
	}{
		{
			name: "persian with persian digits",
			v:    scripts.Default("fa"),
			turns: []turn{
				{"۴", Answered, "4", "آیا همه‌چیز همان‌طور که انتظار داشتید کار می‌کند؟\nلطفاً «بله» یا «نه» بفرستید."},
				{"آره", Answered, "yes", "همکاران ما"},
				{"بعدی", Answered, "", "آیا مشکلی هست"},
				{"کار نمی‌کنه", Completed, "کار نمی‌کنه", "از این‌که وقت گذاشتید سپاسگزاریم"},
				{"ممنون", Ignored, "", ""},
			},
			want: []scripts.Answer{{Key: "overall", Value: "4"}, {Key: "working", Value: "yes"}, {Key: "comments", Value: "کار نمی‌کنه"}},
		},
		{
			name: "english with help and other digit forms",
			v:    scripts.Default("en"),
			turns: []turn{
				{"pretty good", Helped, "", "Sorry, we could not read that answer.\nOverall, how satisfied"},
				{"6", Helped, "", "Reply with a number from 1 to 5."},
				{" 5! ", Answered, "5", "Is everything working as expected?\nReply YES or NO."},
				{"Nope", Answered, "no", "How helpful were our staff"},
				{"٣", Answered, "3", "Reply in a short message.\nReply SKIP to skip this question."},
				{"help", Helped, "", "Is there anything we should fix"},
				{"The hinge is broken.", Completed, "The hinge is broken.", "Thank you for your time, Maryam."},
			},
			want: []scripts.Answer{{Key: "overall", Value: "5"}, {Key: "working", Value: "no"}, {Key: "staff", Value: "3"}, {Key: "comments", Value: "The hinge is broken."}},
		},
		{
			name: "persian choice by number and by text, nps",
			v:    choiceFa(),
			turns: []turn{
				{"۲", Answered, "با تأخیر", "لطفاً عددی از ۰ تا ۱۰ بفرستید."},
				{"۱۱", Helped, "", "ببخشید، این پاسخ را متوجه نشدیم."},
				{"١٠", Completed, "10", "سپاسگزاریم"},
			},
			want: []scripts.Answer{{Key: "delivery", Value: "با تأخیر"}, {Key: "nps", Value: "10"}},
		},
		{
			name: "choice by option text with arabic letter forms",
			v:    choiceFa(),
			turns: []turn{
				{"آسيب‌ديده", Answered, "آسیب‌دیده", "۱۰"},
				{"بعدی", Helped, "", "ببخشید"}, // a required question cannot be skipped
			},
			want: []scripts.Answer{{Key: "delivery", Value: "آسیب‌دیده"}},
		},
		{
			name: "opt-out in the middle, then back in",
			v:    scripts.Default("fa"),
			turns: []turn{
				{"۵", Answered, "5", "آیا همه‌چیز"},
				{" لغو‌ ", OptedOut, "", "دیگر پیامی از ما دریافت نمی‌کنید."},
				{"بله", OptedIn, "", "دوباره پیام‌های ما را دریافت می‌کنید."},
				{"بله", Answered, "yes", "همکاران ما"},
				{"STOP", OptedOut, "", "دیگر پیامی"},
				{"۲", Ignored, "", ""},
				{"Start", OptedIn, "", "دوباره"},
				{"start", Ignored, "", ""},
			},
			want: []scripts.Answer{{Key: "overall", Value: "5"}, {Key: "working", Value: "yes"}},
		},
		{
			name: "an auto-responder gets two help texts, then silence",
			v:    scripts.Default("en"),
			turns: []turn{
				{"I'm driving", Helped, "", "Sorry"},
				{"I'm driving", Helped, "", "Sorry"},
				{"I'm driving", Ignored, "", ""},
				{"2", Answered, "2", "Is everything working"},
				{"?", Helped, "", "Sorry"},
			},
			want: []scripts.Answer{{Key: "overall", Value: "2"}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := SMS{Version: tc.v, Values: values}
			s := c.Start().State
			for i, tt := range tc.turns {
				step := c.Reply(s, tt.in)
				if step.Kind != tt.kind {
					t.Fatalf("turn %d %q: kind %s, want %s (message %q)", i, tt.in, step.Kind, tt.kind, step.Message)
				}
				switch {
				case tt.answer == "" && step.Answer != nil:
					t.Errorf("turn %d %q: recorded %+v, want nothing", i, tt.in, *step.Answer)
				case tt.answer != "" && (step.Answer == nil || step.Answer.Value != tt.answer):
					t.Errorf("turn %d %q: recorded %+v, want %q", i, tt.in, step.Answer, tt.answer)
				}
				if tt.message == "" && step.Message != "" || !strings.Contains(step.Message, tt.message) {
					t.Errorf("turn %d %q: message %q, want one containing %q", i, tt.in, step.Message, tt.message)
				}
				s = step.State
			}
			if len(s.Answers) != len(tc.want) {
				t.Fatalf("answers %+v, want %+v", s.Answers, tc.want)
			}
			for i := range tc.want {
				if s.Answers[i] != tc.want[i] {
					t.Errorf("answer %d: %+v, want %+v", i, s.Answers[i], tc.want[i])
				}
			}
			// The stored answers are a valid response for the version.
			raw := map[string]string{}
			for _, a := range s.Answers {
				raw[a.Key] = a.Value
			}
			if s.Done(tc.v) {
				if _, problems := tc.v.ParseAnswers(raw); problems != nil {
					t.Errorf("finished answers refused by the script: %+v", problems)
				}
			}
		})
	}
}

func TestReplyDoesNotAliasState(t *testing.T) {
	t.Parallel()
	c := SMS{Version: scripts.Default("en")}
	s := State{Answers: make([]scripts.Answer, 0, 4)}
	a := c.Reply(s, "4").State
	b := c.Reply(s, "1").State
	if a.Answers[0].Value != "4" || b.Answers[0].Value != "1" {
		t.Errorf("two replies to one state share answers: %+v, %+v", a.Answers, b.Answers)
	}
}

func TestKeywords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in                string
		optOut            bool
		optIn, optInIfOut bool
	}{
		{"STOP", true, false, false},
		{"  stop  ", true, false, false},
		{"Stop.", true, false, false},
		{"StopAll", true, false, false},
		{"UNSUBSCRIBE", true, false, false},
		{"cancel", true, false, false},
		{"End", true, false, false},
		{"QUIT", true, false, false},
		{"لغو", true, false, false},
		{"لغو\u200c", true, false, false},
		{"\u200fتوقف\u200f", true, false, false},
		{"انصراف", true, false, false},
		{"لغو عضویت", true, false, false},
		{"لغو‌عضویت", true, false, false},
		{"please stop", false, false, false},
		{"stopped working", false, false, false},
		{"START", false, true, true},
		{"unstop", false, true, true},
		{"شروع", false, true, true},
		{"YES", false, false, true},
		{"بله", false, false, true},
		{"5", false, false, false},
	} {
		if got := IsOptOut(tc.in); got != tc.optOut {
			t.Errorf("IsOptOut(%q) = %v, want %v", tc.in, got, tc.optOut)
		}
		if got := IsOptIn(tc.in, false); got != tc.optIn {
			t.Errorf("IsOptIn(%q, opted in) = %v, want %v", tc.in, got, tc.optIn)
		}
		if got := IsOptIn(tc.in, true); got != tc.optInIfOut {
			t.Errorf("IsOptIn(%q, opted out) = %v, want %v", tc.in, got, tc.optInIfOut)
		}
	}
}

func TestSegments(t *testing.T) {
	t.Parallel()
	fa := "سلام"
	for _, tc := range []struct {
		name string
		in   string
		n    int
		enc  Encoding
	}{
		{"empty", "", 0, GSM7},
		{"160 latin", strings.Repeat("a", 160), 1, GSM7},
		{"161 latin", strings.Repeat("a", 161), 2, GSM7},
		{"306 latin", strings.Repeat("a", 306), 2, GSM7},
		{"307 latin", strings.Repeat("a", 307), 3, GSM7},
		{"extension chars count twice", strings.Repeat("€", 80), 1, GSM7},
		{"81 euros", strings.Repeat("€", 81), 2, GSM7},
		{"70 persian", strings.Repeat(fa, 17) + "سل", 1, UCS2},
		{"71 persian", strings.Repeat(fa, 17) + "سلا", 2, UCS2},
		{"134 persian", strings.Repeat(fa, 33) + "سل", 2, UCS2},
		{"135 persian", strings.Repeat(fa, 33) + "سلا", 3, UCS2},
		{"one persian letter makes it ucs-2", strings.Repeat("a", 70) + "ی", 2, UCS2},
		{"emoji takes two units", strings.Repeat("a", 68) + "🙂", 1, UCS2},
		{"emoji over the edge", strings.Repeat("a", 69) + "🙂", 2, UCS2},
	} {
		n, enc := Segments(tc.in)
		if n != tc.n || enc != tc.enc {
			t.Errorf("%s: Segments = %d %s, want %d %s", tc.name, n, enc, tc.n, tc.enc)
		}
	}
}
