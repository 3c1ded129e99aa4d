package survey

import (
	"fmt"
	"strconv"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/scripts"
	"github.com/twilio/twilio-go/twiml"
)

// gatherTimeout is how many seconds a call waits for the first key press,
// and between presses of a two-digit score.
const gatherTimeout = "6"

// Voice builds the TwiML of a keypad voice survey of one script version.
// Each question is one Gather whose action URL names the question, so the
// webhook knows what the digits answer without any state of its own, and a
// retried webhook (same CallSid, same step) can be recognised and ignored.
type Voice struct {
	Version scripts.Version
	Values  map[string]string // as SMS.Values
	// Action is the absolute URL Twilio posts the digits for question
	// step to, e.g. base + "/webhooks/twilio/voice/gather?step=2". It must
	// be the URL the webhook's signature is checked against.
	Action func(step int) string
}

// Language is the Say language for a script locale: Persian is fa-IR,
// everything else en-US, the languages the script editor offers.
func Language(locale string) string {
	if i18n.Parse(locale) == i18n.FA {
		return "fa-IR"
	}
	return "en-US"
}

// Start is the TwiML the call opens with: the intro, then the first question.
func (c Voice) Start() (string, error) {
	verbs := []twiml.Element{c.say(scripts.Fill(c.Version.Intro, c.Values))}
	return twiml.Voice(append(verbs, c.ask(c.next(0))...))
}

// Goodbye is the TwiML of a call that must not ask anything: the
// follow-up was answered elsewhere, moved on, or the customer opted out
// while the call rang.
func (c Voice) Goodbye() (string, error) {
	return twiml.Voice([]twiml.Element{c.say(i18n.T(lang(c.Version), "survey.voice.goodbye")), &twiml.VoiceHangup{}})
}

// Gathered is what a gather webhook must do.
type Gathered struct {
	Answer *scripts.Answer // the answer to record; nil for digits that answer nothing
	TwiML  string          // the next question, the same question again, or the closing
	Done   bool            // the closing: every keypad question is answered
}

// Gather reads the digits Twilio posted for question step and returns what
// the call does next. Text questions are skipped: a keypad cannot answer
// them, so a voice survey leaves them unanswered.
func (c Voice) Gather(step int, digits string) (Gathered, error) {
	if step < 0 || step >= len(c.Version.Questions) {
		return Gathered{}, fmt.Errorf("gather for step %d: the script has %d questions", step, len(c.Version.Questions))
	}
	if c.Version.Questions[step].Type == scripts.Text {
		// No Gather asks a text question, so no honest request names one.
		return Gathered{}, fmt.Errorf("gather for step %d: a text question has no keypad answer", step)
	}
	a, ok := ParseDigits(c.Version.Questions[step], digits)
	if !ok {
		l := lang(c.Version)
		x, err := twiml.Voice(append([]twiml.Element{c.say(i18n.T(l, "survey.voice.invalid"))}, c.ask(step)...))
		return Gathered{TwiML: x}, err
	}
	next := c.next(step + 1)
	x, err := twiml.Voice(c.ask(next))
	return Gathered{Answer: &a, TwiML: x, Done: next >= len(c.Version.Questions)}, err
}

// ParseDigits reads keypad digits as an answer to q: the number itself for
// ratings and scores, 1 yes and 2 no, an option's number for a choice.
func ParseDigits(q scripts.Question, digits string) (scripts.Answer, bool) {
	switch q.Type {
	case scripts.YesNo:
		switch digits {
		case "1":
			return scripts.Answer{Key: q.Key, Value: "yes"}, true
		case "2":
			return scripts.Answer{Key: q.Key, Value: "no"}, true
		}
		return scripts.Answer{}, false
	case scripts.Rating, scripts.NPS, scripts.Choice:
		if _, err := strconv.Atoi(digits); err != nil {
			return scripts.Answer{}, false
		}
		return parse(q, digits)
	}
	return scripts.Answer{}, false
}

// next is the first question from i on that a keypad can answer.
func (c Voice) next(i int) int {
	for i < len(c.Version.Questions) && c.Version.Questions[i].Type == scripts.Text {
		i++
	}
	return i
}

// ask is the TwiML for question step: the question, once more if no key is
// pressed, then the closing. Past the last question it is the closing alone.
func (c Voice) ask(step int) []twiml.Element {
	closing := []twiml.Element{c.say(scripts.Fill(c.Version.Closing, c.Values)), &twiml.VoiceHangup{}}
	if step >= len(c.Version.Questions) {
		return closing
	}
	l := lang(c.Version)
	gather := c.gather(step)
	return append([]twiml.Element{gather, c.say(i18n.T(l, "survey.voice.no_input")), gather}, closing...)
}

func (c Voice) gather(step int) *twiml.VoiceGather {
	l := lang(c.Version)
	q := c.Version.Questions[step]
	g := &twiml.VoiceGather{
		Input:     "dtmf",
		Action:    c.Action(step),
		Method:    "POST",
		NumDigits: "1",
		Timeout:   gatherTimeout,
	}
	prompt := []twiml.Element{c.say(scripts.Fill(q.Prompt, c.Values))}
	switch q.Type {
	case scripts.Rating:
		prompt = append(prompt, c.say(i18n.T(l, "survey.voice.hint_scale", i18n.Number(l, 1), i18n.Number(l, 5))))
	case scripts.NPS:
		// Ten needs two keys; a single digit is sent when the caller
		// presses # or stops for gatherTimeout seconds.
		g.NumDigits, g.FinishOnKey = "2", "#"
		prompt = append(prompt, c.say(i18n.T(l, "survey.voice.hint_nps", i18n.Number(l, 0), i18n.Number(l, 10))))
	case scripts.YesNo:
		prompt = append(prompt, c.say(i18n.T(l, "survey.voice.hint_yes_no", i18n.Number(l, 1), i18n.Number(l, 2))))
	case scripts.Choice:
		for n, o := range q.Options {
			prompt = append(prompt, c.say(i18n.T(l, "survey.voice.option", o, i18n.Number(l, int64(n+1)))))
		}
	}
	g.InnerElements = prompt
	return g
}

func (c Voice) say(text string) *twiml.VoiceSay {
	return &twiml.VoiceSay{Message: text, Language: Language(c.Version.Locale)}
}
