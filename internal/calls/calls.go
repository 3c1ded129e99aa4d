// Package calls decides what an agent's disposition does to a follow-up:
// its next state and, for retries and callbacks, when it is due again. No
// SQL or HTTP: internal/console (agents' calls) and internal/automated
// (automated calls) store what Decide returns.
package calls

import (
	"errors"
	"fmt"
	"time"

	"github.com/tamas-app/tamas/internal/schedule"
)

type Disposition string

const (
	Completed    Disposition = "completed"
	NoAnswer     Disposition = "no_answer"
	Busy         Disposition = "busy"
	Voicemail    Disposition = "voicemail"
	Callback     Disposition = "callback"
	WrongNumber  Disposition = "wrong_number"
	Refused      Disposition = "refused"
	DoNotContact Disposition = "do_not_contact"
)

// Dispositions in the order the call page offers them; the keyboard
// shortcut of each is its position (1–8) with Alt.
var Dispositions = []Disposition{Completed, NoAnswer, Busy, Voicemail, Callback, WrongNumber, Refused, DoNotContact}

// Parse reads a disposition as forms and the API name it ("no_answer").
func Parse(s string) (Disposition, error) {
	for _, d := range Dispositions {
		if string(d) == s {
			return d, nil
		}
	}
	return "", fmt.Errorf("unknown outcome %q", s)
}

// Retries reports whether the outcome may schedule another call in the
// calling window, the only decision that needs the calendar.
func (d Disposition) Retries() bool {
	return d == NoAnswer || d == Busy || d == Voicemail
}

// Attempt is what the handler knows when the agent submits.
type Attempt struct {
	Disposition  Disposition
	AttemptsMade int // before this one
	MaxAttempts  int
	RetrySpacing time.Duration
	Now          time.Time
	Calendar     schedule.Calendar
	Customer     *time.Location
	CallbackAt   time.Time // for Callback: the time the customer chose
}

// Outcome is the follow-up's next state.
type Outcome struct {
	State string
	// DueAt is set when the follow-up waits for another call.
	DueAt time.Time
	// OptOut: the customer asked never to be called again.
	OptOut bool
	// Silent: the customer could not be reached and counts as silent.
	Silent bool
}

// MaxCallbackAhead bounds how far ahead a callback may be promised.
const MaxCallbackAhead = 60 * 24 * time.Hour

// ErrCallbackTime refuses a callback time in the past or beyond
// MaxCallbackAhead; callers turn it into a problem on the callback field.
var ErrCallbackTime = errors.New("choose a callback time in the future, within 60 days")

// Decide is the follow-up's next state after a: ended, or due again at the
// next callable time for a retry or the customer's chosen callback time.
// It is the one place that rule lives, for agents' and automated calls.
func Decide(a Attempt) (Outcome, error) {
	switch a.Disposition {
	case Completed:
		return Outcome{State: "completed"}, nil
	case NoAnswer, Busy, Voicemail:
		if a.AttemptsMade+1 >= a.MaxAttempts {
			return Outcome{State: "unreachable", Silent: true}, nil
		}
		next := schedule.RetryAt(a.Now, a.RetrySpacing, a.Calendar, a.Customer)
		if next.IsZero() {
			return Outcome{}, errors.New("the calendar has no callable time within two years")
		}
		return Outcome{State: "no_answer", DueAt: next}, nil
	case Callback:
		// The customer chose the time: it is kept even outside the usual
		// calling window, rounded up to the minute the due-minute job runs.
		at := a.CallbackAt.UTC()
		if at.IsZero() || !at.After(a.Now) || at.After(a.Now.Add(MaxCallbackAhead)) {
			return Outcome{}, ErrCallbackTime
		}
		if t := at.Truncate(time.Minute); !t.Equal(at) {
			at = t.Add(time.Minute)
		}
		return Outcome{State: "callback", DueAt: at}, nil
	case WrongNumber:
		return Outcome{State: "unreachable", Silent: true}, nil
	case Refused:
		return Outcome{State: "refused"}, nil
	case DoNotContact:
		return Outcome{State: "opted_out", OptOut: true}, nil
	default:
		return Outcome{}, fmt.Errorf("unknown outcome %q", a.Disposition)
	}
}
