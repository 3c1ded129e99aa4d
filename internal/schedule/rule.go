package schedule

import (
	"errors"
	"fmt"
	"time"
)

// Channel is how a follow-up reaches the customer.
type Channel string

const (
	ChannelAgent Channel = "agent" // a call-centre agent calls from the queue
	ChannelSMS   Channel = "sms"   // an SMS survey
	ChannelVoice Channel = "voice" // an automated voice survey
	ChannelLink  Channel = "link"  // a text with a signed link to the survey page
	// ChannelCard is never a ladder step: it names the answers a walk-in
	// customer gives on a branch's satisfaction card page.
	ChannelCard Channel = "card"
)

// Rule is a follow-up rule, set per product category with a default.
type Rule struct {
	DelayDays    int // calendar days after the sale, in the customer's zone
	Channel      Channel
	Priority     int // higher first in the agent queue
	MaxAttempts  int // after the last one the customer counts as silent
	RetrySpacing time.Duration
}

// DefaultRule gives a week for the product to be used before asking about it.
func DefaultRule() Rule {
	return Rule{
		DelayDays:    7,
		Channel:      ChannelAgent,
		Priority:     50,
		MaxAttempts:  3,
		RetrySpacing: 24 * time.Hour,
	}
}

const (
	minRetrySpacing = time.Minute // due times have minute resolution
	maxRetrySpacing = 30 * 24 * time.Hour
)

// Validate reports every problem at once, each naming its field, so that a
// settings form can show them all together.
func (r Rule) Validate() error {
	var errs []error
	if r.DelayDays < 0 || r.DelayDays > 365 {
		errs = append(errs, fmt.Errorf("delay_days must be between 0 and 365, got %d", r.DelayDays))
	}
	switch r.Channel {
	case ChannelAgent, ChannelSMS, ChannelVoice, ChannelLink:
	default:
		errs = append(errs, fmt.Errorf("channel must be one of %q, %q, %q, %q, got %q", ChannelAgent, ChannelSMS, ChannelVoice, ChannelLink, r.Channel))
	}
	if r.Priority < 0 || r.Priority > 100 {
		errs = append(errs, fmt.Errorf("priority must be between 0 and 100, got %d", r.Priority))
	}
	if r.MaxAttempts < 1 || r.MaxAttempts > 20 {
		errs = append(errs, fmt.Errorf("max_attempts must be between 1 and 20, got %d", r.MaxAttempts))
	}
	if r.RetrySpacing < minRetrySpacing || r.RetrySpacing > maxRetrySpacing {
		errs = append(errs, fmt.Errorf("retry_spacing must be between 1 minute and 30 days, got %s", r.RetrySpacing))
	}
	return errors.Join(errs...)
}
