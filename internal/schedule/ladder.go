package schedule

import (
	"errors"
	"fmt"
	"time"
)

// Step is one rung of a channel ladder: a channel, and how long to wait for
// the customer's answer before the next rung. The last rung has no wait: an
// agent works it to the end (retries, then unreachable), and an automated
// last rung ends the follow-up as unreachable when unanswered.
type Step struct {
	Channel Channel `json:"channel"`
	// WaitMinutes is how long an unanswered step waits before the next one.
	WaitMinutes int `json:"wait_minutes"`
}

// Wait is WaitMinutes as a duration.
func (s Step) Wait() time.Duration { return time.Duration(s.WaitMinutes) * time.Minute }

// Ladder is the ordered channels of one follow-up, for example an SMS
// survey, a day later an automated call, a day after that the agent queue.
// It is one follow-up whatever the channels: an answer on any step ends it.
type Ladder []Step

// MaxLadderSteps bounds a ladder: one rung per channel.
const MaxLadderSteps = 3

const (
	minStepWait = time.Minute // due times have minute resolution
	maxStepWait = 30 * 24 * time.Hour
)

// SingleStep is the ladder of a rule that names one channel.
func SingleStep(c Channel) Ladder { return Ladder{{Channel: c}} }

// First is the channel a follow-up starts on.
func (l Ladder) First() Channel {
	if len(l) == 0 {
		return ChannelAgent
	}
	return l[0].Channel
}

// Next is the step after step i, and whether there is one.
func (l Ladder) Next(i int) (Step, bool) {
	if i+1 < 0 || i+1 >= len(l) {
		return Step{}, false
	}
	return l[i+1], true
}

// Automated reports whether any step needs Twilio.
func (l Ladder) Automated() bool {
	for _, s := range l {
		if s.Channel != ChannelAgent {
			return true
		}
	}
	return false
}

// Validate reports every problem at once. A channel appears once: asking
// twice on one channel is the rule's retries' job. The agent, whose
// retries end in unreachable, can only be the last rung.
func (l Ladder) Validate() error {
	if len(l) == 0 || len(l) > MaxLadderSteps {
		return fmt.Errorf("ladder must have between 1 and %d steps, got %d", MaxLadderSteps, len(l))
	}
	var errs []error
	seen := map[Channel]bool{}
	for i, s := range l {
		switch s.Channel {
		case ChannelAgent, ChannelSMS, ChannelVoice, ChannelLink:
		default:
			errs = append(errs, fmt.Errorf("step %d: channel must be one of %q, %q, %q, %q, got %q", i+1, ChannelAgent, ChannelSMS, ChannelVoice, ChannelLink, s.Channel))
			continue
		}
		if seen[s.Channel] {
			errs = append(errs, fmt.Errorf("step %d: channel %q is already an earlier step", i+1, s.Channel))
		}
		seen[s.Channel] = true
		last := i == len(l)-1
		if s.Channel == ChannelAgent && !last {
			errs = append(errs, fmt.Errorf("step %d: the agent can only be the last step", i+1))
		}
		switch {
		case last && s.WaitMinutes != 0:
			errs = append(errs, fmt.Errorf("step %d: the last step has no wait, got %d minutes", i+1, s.WaitMinutes))
		case !last && (s.Wait() < minStepWait || s.Wait() > maxStepWait):
			errs = append(errs, fmt.Errorf("step %d: wait must be between 1 minute and 30 days, got %s", i+1, s.Wait()))
		}
	}
	return errors.Join(errs...)
}
