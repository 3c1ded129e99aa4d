// Package automated owns the River job args of automated (SMS, voice)
// follow-ups, so that the packages that insert them need not import jobs.
package automated

import "github.com/riverqueue/river"

// TwilioStepArgs starts step Step of a follow-up's ladder (an SMS survey or
// an automated call), queued by the due job or the previous step's
// LadderNextWorker with the follow-up's change. Unique by its args: a
// follow-up starts a step once. It only writes rows and queues the request
// jobs, so it runs on the default queue and leaves the twilio queue's
// workers to the requests.
type TwilioStepArgs struct {
	FollowUpID int64 `json:"follow_up_id"`
	Step       int   `json:"step"`
}

func (TwilioStepArgs) Kind() string { return "twilio_step" }

func (TwilioStepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
