package automated_test

import (
	"testing"

	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/automated/automatedtest"
)

// withoutTwilio is site s restarted without the Twilio settings: its jobs
// are worked by the service the jobs package builds then.
func withoutTwilio(s *automatedtest.Site) {
	s.Service = automated.New(automated.Opts{Pool: s.Pool, Now: s.Now})
}

// onAgents checks that s's follow-up waits for an agent, moved there by
// the missing settings, with its jobs all done.
func onAgents(t *testing.T, s *automatedtest.Site, step int) {
	t.Helper()
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatalf("jobs failed without the Twilio settings: %v", errs)
	}
	var (
		ch    string
		at    int
		state string
	)
	if err := s.Pool.QueryRow(t.Context(), `SELECT channel, ladder_step, state FROM follow_ups WHERE id = $1`, s.FollowUp).Scan(&ch, &at, &state); err != nil {
		t.Fatal(err)
	}
	if ch != "agent" || at != step || state != "due" {
		t.Errorf("follow-up %s on %s step %d, want due on the agent step %d", state, ch, at, step)
	}
	if n := s.Count(t, `SELECT count(*) FROM follow_up_events WHERE follow_up_id = $1 AND actor = 'twilio_unconfigured'`, s.FollowUp); n != 1 {
		t.Errorf("%d audit events of the move, want 1", n)
	}
	if n := s.Count(t, `SELECT count(*) FROM river_job WHERE state IN ('retryable', 'discarded')`); n != 0 {
		t.Errorf("%d failing jobs, want none", n)
	}
}

func TestTwilioRemovedMidLadder(t *testing.T) {
	t.Parallel()
	t.Run("waiting on an answer", func(t *testing.T) {
		t.Parallel()
		s := openSMS(t)
		s.Work(t)
		text(t, s, "۵")
		withoutTwilio(s)
		s.Pool.Exec(t.Context(), `UPDATE river_job SET state = 'available' WHERE kind = 'ladder_next'`)
		onAgents(t, s, 1)
		if n := s.Count(t, `SELECT count(*) FROM partial_responses WHERE follow_up_id = $1`, s.FollowUp); n != 1 {
			t.Errorf("%d partial responses, want the answer given kept", n)
		}
	})
	t.Run("text not sent yet", func(t *testing.T) {
		t.Parallel()
		s := openSMS(t)
		if err := s.Service.StartStep(t.Context(), s.FollowUp, 0); err != nil {
			t.Fatal(err)
		}
		withoutTwilio(s)
		onAgents(t, s, 1)
		if n := s.Count(t, `SELECT count(*) FROM twilio_messages WHERE follow_up_id = $1 AND state = 'cancelled'`, s.FollowUp); n != 1 || len(s.Fake.Messages()) != 0 {
			t.Errorf("%d cancelled texts, %d sent; want the text cancelled, none sent", n, len(s.Fake.Messages()))
		}
	})
	t.Run("call not placed yet", func(t *testing.T) {
		t.Parallel()
		s := open(t, automatedtest.Opts{First: "voice", Ladder: automatedtest.VoiceLadder})
		if err := s.Service.StartStep(t.Context(), s.FollowUp, 0); err != nil {
			t.Fatal(err)
		}
		withoutTwilio(s)
		onAgents(t, s, 1)
		if len(s.Fake.Calls()) != 0 {
			t.Errorf("%d calls placed without the settings", len(s.Fake.Calls()))
		}
	})
	t.Run("step not started", func(t *testing.T) {
		t.Parallel()
		s := open(t, automatedtest.Opts{First: "sms", Ladder: `[{"channel": "sms", "wait_minutes": 60}, {"channel": "voice", "wait_minutes": 60}]`})
		withoutTwilio(s)
		onAgents(t, s, 2)
	})
}
