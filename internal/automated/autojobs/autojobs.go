// Package autojobs holds the args of the automated channels' River jobs.
// Only StepArgs is here yet, because internal/due inserts it and jobs
// imports due; the automated split (branch automated) brings the rest.
package autojobs

import "github.com/riverqueue/river"

// StepArgs starts step Step of a follow-up's ladder (an SMS survey or
// an automated call), queued by the due job or the previous step's
// LadderNextWorker with the follow-up's change. Unique by its args: a
// follow-up starts a step once. It only writes rows and queues the request
// jobs, so it runs on the default queue and leaves the twilio queue's
// workers to the requests.
type StepArgs struct {
	FollowUpID int64 `json:"follow_up_id"`
	Step       int   `json:"step"`
}

func (StepArgs) Kind() string { return "twilio_step" }

func (StepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
