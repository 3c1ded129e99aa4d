package schedule_test

import (
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/schedule"
)

func TestLadderValidate(t *testing.T) {
	t.Parallel()
	day := 24 * 60
	for _, tc := range []struct {
		name   string
		ladder schedule.Ladder
		want   []string // substrings of the error; none: valid
	}{
		{name: "agent alone", ladder: schedule.SingleStep(schedule.ChannelAgent)},
		{name: "sms alone", ladder: schedule.SingleStep(schedule.ChannelSMS)},
		{name: "sms voice agent", ladder: schedule.Ladder{{"sms", day}, {"voice", day}, {"agent", 0}}},
		{name: "voice then agent", ladder: schedule.Ladder{{"voice", 60}, {"agent", 0}}},
		{name: "empty", ladder: schedule.Ladder{}, want: []string{"between 1 and 3 steps"}},
		{name: "too long", ladder: schedule.Ladder{{"sms", 1}, {"voice", 1}, {"agent", 1}, {"agent", 0}}, want: []string{"between 1 and 3 steps"}},
		{name: "unknown channel", ladder: schedule.Ladder{{"fax", 0}}, want: []string{`step 1: channel must be one of`}},
		{name: "twice", ladder: schedule.Ladder{{"sms", 60}, {"sms", 0}}, want: []string{`step 2: channel "sms" is already`}},
		{name: "agent first", ladder: schedule.Ladder{{"agent", 60}, {"sms", 0}}, want: []string{"step 1: the agent can only be the last step"}},
		{name: "last waits", ladder: schedule.Ladder{{"sms", 5}}, want: []string{"step 1: the last step has no wait"}},
		{name: "no wait", ladder: schedule.Ladder{{"sms", 0}, {"agent", 0}}, want: []string{"step 1: wait must be between"}},
		{name: "wait too long", ladder: schedule.Ladder{{"sms", 31 * day}, {"agent", 0}}, want: []string{"step 1: wait must be between"}},
		{name: "every problem", ladder: schedule.Ladder{{"agent", 0}, {"agent", 0}}, want: []string{"step 1: the agent", "step 1: wait", `step 2: channel "agent"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.ladder.Validate()
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want %q", tc.want)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q, want it to contain %q", err, w)
				}
			}
		})
	}
}

func TestLadderNext(t *testing.T) {
	t.Parallel()
	l := schedule.Ladder{{"sms", 60}, {"voice", 60}, {"agent", 0}}
	if l.First() != schedule.ChannelSMS || !l.Automated() {
		t.Fatalf("First() = %q, Automated() = %v", l.First(), l.Automated())
	}
	if s, ok := l.Next(0); !ok || s.Channel != schedule.ChannelVoice {
		t.Errorf("Next(0) = %v, %v; want voice", s, ok)
	}
	if _, ok := l.Next(2); ok {
		t.Errorf("Next(2) has a step after the last")
	}
	if schedule.SingleStep(schedule.ChannelAgent).Automated() {
		t.Errorf("an agent-only ladder is not automated")
	}
}
