package survey

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/scripts"
)

// MaxHelps is how many help texts one question gets. After that an
// unreadable reply gets no answer, so an auto-responder ("I'm driving")
// cannot keep a conversation going forever; a readable reply still counts.
const MaxHelps = 2

// State is where one customer's SMS survey stands. The caller stores it with
// the follow-up and passes it back with the next inbound text.
type State struct {
	// Next is the index of the question awaiting a reply; the number of
	// questions once the closing has been sent.
	Next     int              `json:"next"`
	Answers  []scripts.Answer `json:"answers,omitempty"`
	Helps    int              `json:"helps,omitempty"` // help texts sent for question Next
	OptedOut bool             `json:"opted_out,omitempty"`
}

// Done reports whether every question of v has been answered or skipped.
func (s State) Done(v scripts.Version) bool { return s.Next >= len(v.Questions) }

// Kind says what an inbound text was and what the caller must do.
type Kind string

const (
	// Started: the first message (intro and first question) is to be sent.
	Started Kind = "started"
	// Answered: Answer is recorded (unless nil: a skipped optional
	// question) and Message holds the next question.
	Answered Kind = "answered"
	// Completed: Answer is recorded and Message is the closing; the answers
	// in State are final and become a response.
	Completed Kind = "completed"
	// Helped: the reply could not be read; Message is a help text and the
	// same question again.
	Helped Kind = "helped"
	// OptedOut: the customer must be opted out and every pending follow-up
	// of theirs cancelled, at once.
	OptedOut Kind = "opted_out"
	// OptedIn: the customer opted back in.
	OptedIn Kind = "opted_in"
	// Ignored: nothing to record and nothing to send (a text after the
	// closing, from an opted-out customer, or past MaxHelps).
	Ignored Kind = "ignored"
)

// Step is the outcome of one message of the conversation.
type Step struct {
	Kind    Kind
	State   State           // to store in place of the old one
	Answer  *scripts.Answer // the answer to record, if any
	Message string          // the text to send; empty: send nothing
}

// SMS is the SMS conversation of one script version for one customer.
type SMS struct {
	Version scripts.Version
	// Values fill the script's placeholders ({customer}, {product},
	// {branch}, {agent}: for an automated survey, the organisation's name).
	Values map[string]string
	// Opening is the rule's first text (see OpeningFor): it greets the
	// customer and asks the first question in a few words, standing for
	// the script's intro and first prompt, which are written to be spoken
	// and take several parts as a text. Empty sends those instead.
	Opening string
}

// Start is the first message: the opening (or the intro and the first
// question), how to answer the first question, and how to opt out.
func (c SMS) Start() Step {
	if len(c.Version.Questions) == 0 {
		return Step{Kind: Completed, Message: join(scripts.Fill(c.Version.Intro, c.Values), scripts.Fill(c.Version.Closing, c.Values))}
	}
	if c.Opening != "" {
		return Step{Kind: Started, Message: join(scripts.Fill(c.Opening, c.Values), c.AfterOpening())}
	}
	l := lang(c.Version)
	return Step{Kind: Started, Message: join(scripts.Fill(c.Version.Intro, c.Values), c.question(0), i18n.T(l, "survey.sms.stop_hint"))}
}

// AfterOpening is what the first message adds under the opening: how to
// answer the first question and how to opt out. The rules page measures
// an opening with it, since carriers bill the whole message.
func (c SMS) AfterOpening() string {
	if len(c.Version.Questions) == 0 {
		return ""
	}
	return join(append(c.hints(c.Version.Questions[0]), i18n.T(lang(c.Version), "survey.sms.stop_hint"))...)
}

// Reply decides what an inbound text means for a conversation in state s.
// Opt-out and opt-in keywords come first, whatever the question: a
// customer who says STOP is never asked anything again.
func (c SMS) Reply(s State, text string) Step {
	l := lang(c.Version)
	s.Answers = slices.Clone(s.Answers)
	switch {
	case IsOptIn(text, s.OptedOut):
		if !s.OptedOut {
			// START from someone not opted out changes nothing; an answer
			// it is not, and saying so would only cost a message.
			return Step{Kind: Ignored, State: s}
		}
		s.OptedOut = false
		return Step{Kind: OptedIn, State: s, Message: i18n.T(l, "survey.sms.opted_in")}
	case IsOptOut(text):
		s.OptedOut = true
		return Step{Kind: OptedOut, State: s, Message: i18n.T(l, "survey.sms.opted_out")}
	case s.OptedOut || s.Done(c.Version):
		return Step{Kind: Ignored, State: s}
	}

	q := c.Version.Questions[s.Next]
	var answer *scripts.Answer
	k := keyword(text)
	a, readable := parse(q, text)
	switch {
	case !q.Required && slices.Contains(skipWords, k):
		// Skipped: an optional question leaves no answer behind.
	case readable && !slices.Contains(helpWords, k):
		answer = &a
		s.Answers = append(s.Answers, a)
	case s.Helps >= MaxHelps:
		return Step{Kind: Ignored, State: s}
	default:
		s.Helps++
		return Step{Kind: Helped, State: s, Message: join(i18n.T(l, "survey.sms.help"), c.question(s.Next))}
	}

	s.Next++
	s.Helps = 0
	if s.Done(c.Version) {
		return Step{Kind: Completed, State: s, Answer: answer, Message: scripts.Fill(c.Version.Closing, c.Values)}
	}
	return Step{Kind: Answered, State: s, Answer: answer, Message: c.question(s.Next)}
}

// question is question i's prompt with how to answer it.
func (c SMS) question(i int) string {
	q := c.Version.Questions[i]
	return join(append([]string{scripts.Fill(q.Prompt, c.Values)}, c.hints(q)...)...)
}

// hints say how to answer q, and how to skip it when it is optional.
func (c SMS) hints(q scripts.Question) []string {
	l := lang(c.Version)
	var parts []string
	switch q.Type {
	case scripts.Rating:
		parts = append(parts, i18n.T(l, "survey.sms.hint_scale", i18n.Number(l, 1), i18n.Number(l, 5)))
	case scripts.NPS:
		parts = append(parts, i18n.T(l, "survey.sms.hint_scale", i18n.Number(l, 0), i18n.Number(l, 10)))
	case scripts.YesNo:
		parts = append(parts, i18n.T(l, "survey.sms.hint_yes_no"))
	case scripts.Choice:
		lines := []string{i18n.T(l, "survey.sms.hint_choice")}
		for n, o := range q.Options {
			lines = append(lines, fmt.Sprintf("%s. %s", i18n.Number(l, int64(n+1)), o))
		}
		parts = append(parts, strings.Join(lines, "\n"))
	case scripts.Text:
		parts = append(parts, i18n.T(l, "survey.sms.hint_text"))
	}
	if !q.Required {
		parts = append(parts, i18n.T(l, "survey.sms.hint_skip"))
	}
	return parts
}

// join puts a message's parts on lines of their own: a line break costs one
// character where a space would, and reads better on a phone.
func join(parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, "\n")
}
