package automated

import "github.com/riverqueue/river"

// The args of the jobs this package inserts; package jobs works them by
// calling the Service. The first step of a ladder is due.StepArgs.

// Queue is the River queue of Twilio requests: its workers wait on Twilio
// and on the rate limit, so they get their own (at least rate × 0.1 s
// workers: River fetches a queue at most every 100 ms, and a worker may
// wait up to 2 s for its slot).
const Queue = "twilio"

// SMSSendArgs sends one stored outbound message (a twilio_messages row).
type SMSSendArgs struct {
	MessageID int64 `json:"message_id"`
}

func (SMSSendArgs) Kind() string { return "sms_send" }

func (SMSSendArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: 12, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// LadderNextArgs runs when step Step's wait is over.
type LadderNextArgs struct {
	FollowUpID int64 `json:"follow_up_id"`
	Step       int   `json:"step"`
}

func (LadderNextArgs) Kind() string { return "ladder_next" }

func (LadderNextArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 25, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// VoiceCallArgs places one stored automated call (a twilio_calls row).
type VoiceCallArgs struct {
	CallID int64 `json:"call_id"`
}

func (VoiceCallArgs) Kind() string { return "voice_call" }

func (VoiceCallArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: Queue, MaxAttempts: 12, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
