package schedule_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/schedule"
)

func TestRuleValidate(t *testing.T) {
	t.Parallel()
	with := func(change func(*schedule.Rule)) schedule.Rule {
		r := schedule.DefaultRule()
		change(&r)
		return r
	}
	tests := []struct {
		name    string
		rule    schedule.Rule
		wantErr []string // every one must appear; none means valid
	}{
		{name: "default", rule: schedule.DefaultRule()},
		{name: "lowest bounds", rule: schedule.Rule{DelayDays: 0, Channel: schedule.ChannelSMS, Priority: 0, MaxAttempts: 1, RetrySpacing: time.Minute}},
		{name: "highest bounds", rule: schedule.Rule{DelayDays: 365, Channel: schedule.ChannelVoice, Priority: 100, MaxAttempts: 20, RetrySpacing: 30 * 24 * time.Hour}},
		{name: "negative delay", rule: with(func(r *schedule.Rule) { r.DelayDays = -1 }), wantErr: []string{"delay_days must be between 0 and 365, got -1"}},
		{name: "delay too long", rule: with(func(r *schedule.Rule) { r.DelayDays = 400 }), wantErr: []string{"delay_days must be between 0 and 365, got 400"}},
		{name: "unknown channel", rule: with(func(r *schedule.Rule) { r.Channel = "fax" }), wantErr: []string{`channel must be one of "agent", "sms", "voice", "link", got "fax"`}},
		{name: "missing channel", rule: with(func(r *schedule.Rule) { r.Channel = "" }), wantErr: []string{`got ""`}},
		{name: "channel is case sensitive", rule: with(func(r *schedule.Rule) { r.Channel = "SMS" }), wantErr: []string{`got "SMS"`}},
		{name: "priority too high", rule: with(func(r *schedule.Rule) { r.Priority = 101 }), wantErr: []string{"priority must be between 0 and 100, got 101"}},
		{name: "negative priority", rule: with(func(r *schedule.Rule) { r.Priority = -1 }), wantErr: []string{"priority must be between 0 and 100, got -1"}},
		{name: "no attempts", rule: with(func(r *schedule.Rule) { r.MaxAttempts = 0 }), wantErr: []string{"max_attempts must be between 1 and 20, got 0"}},
		{name: "too many attempts", rule: with(func(r *schedule.Rule) { r.MaxAttempts = 21 }), wantErr: []string{"max_attempts must be between 1 and 20, got 21"}},
		{name: "spacing under a minute", rule: with(func(r *schedule.Rule) { r.RetrySpacing = 30 * time.Second }), wantErr: []string{"retry_spacing must be between 1 minute and 30 days, got 30s"}},
		{name: "spacing over thirty days", rule: with(func(r *schedule.Rule) { r.RetrySpacing = 31 * 24 * time.Hour }), wantErr: []string{"retry_spacing must be between 1 minute and 30 days, got 744h0m0s"}},
		{
			name: "zero rule reports every field",
			rule: schedule.Rule{DelayDays: -3},
			wantErr: []string{
				"delay_days must be",
				"channel must be",
				"max_attempts must be",
				"retry_spacing must be",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantValid(t, tt.rule.Validate(), tt.wantErr)
		})
	}
}

// wantValid checks what Validate returned: nil when wantErr is empty, else
// an error that names each of wantErr.
func wantValid(t *testing.T, err error, wantErr []string) {
	t.Helper()
	if len(wantErr) == 0 {
		if err != nil {
			t.Fatalf("Validate() = %v, want nil", err)
		}
		return
	}
	if err == nil {
		t.Fatalf("Validate() = nil, want errors %q", wantErr)
	}
	for _, want := range wantErr {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %q, want it to contain %q", err, want)
		}
	}
}
