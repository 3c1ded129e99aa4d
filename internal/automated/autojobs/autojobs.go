// Package autojobs holds the args of the automated channels' River jobs,
// which internal/automated inserts and package jobs works. They sit apart
// from internal/automated only while internal/issues imports jobs: jobs
// naming automated would close the cycle jobs → automated → responses →
// issues → jobs.
package autojobs

import "github.com/riverqueue/river"

// Queue is the River queue of Twilio requests: its workers wait on Twilio
// and on the rate limit, so they get their own (at least rate × 0.1 s
// workers: River fetches a queue at most every 100 ms, and a worker may
// wait up to 2 s for its slot).
const Queue = "twilio"

// StepArgs starts step Step of a follow-up's ladder (an SMS survey or an
// automated call), queued by the due job or the previous step's
// LadderNextArgs with the follow-up's change. Unique by its args: a
// follow-up starts a step once. It only writes rows and queues the request
// jobs, so it runs on the default queue and leaves Queue's workers to the
// requests.
type StepArgs struct {
	FollowUpID int64 `json:"follow_up_id"`
	Step       int   `json:"step"`
}

func (StepArgs) Kind() string { return "twilio_step" }

func (StepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

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
