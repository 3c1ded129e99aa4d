package metrics

import (
	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
)

// jobEventBuffer holds two of River's largest completion batches (5,000
// jobs): River drops an event, with a warning in the log, rather than wait
// for a subscriber whose buffer is full.
const jobEventBuffer = 10_000

// WatchJobs counts every job client works, by kind and outcome, until the
// returned stop is called or the client stops. Events rather than a work
// hook, because only the event knows where a failure left the job
// (retryable or discarded) and sees panics. client must work jobs: River
// refuses subscriptions on an insert-only client.
func (m *Metrics) WatchJobs(client *river.Client[pgx.Tx]) (stop func()) {
	if m == nil {
		return func() {}
	}
	events, cancel := client.SubscribeConfig(&river.SubscribeConfig{
		ChanSize: jobEventBuffer,
		Kinds: []river.EventKind{
			river.EventKindJobCompleted, river.EventKindJobFailed,
			river.EventKindJobCancelled, river.EventKindJobSnoozed,
		},
	})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev := range events {
			m.jobsWorked.WithLabelValues(ev.Job.Kind, jobOutcome(ev)).Inc()
		}
	}()
	return func() {
		cancel()
		<-done
	}
}

func jobOutcome(ev *river.Event) string {
	switch ev.Kind {
	case river.EventKindJobCompleted:
		return "completed"
	case river.EventKindJobCancelled:
		return "cancelled"
	case river.EventKindJobSnoozed:
		return "snoozed"
	default:
		// A failure leaves the job retryable, or discarded after its last
		// attempt.
		return string(ev.Job.State)
	}
}
