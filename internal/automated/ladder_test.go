package automated_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tamas-app/tamas/internal/automated/automatedtest"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

func TestSMSThenVoice(t *testing.T) {
	t.Parallel()
	s := open(t, automatedtest.Opts{First: "sms", Ladder: `[{"channel": "sms", "wait_minutes": 60}, {"channel": "voice", "wait_minutes": 60}, {"channel": "agent", "wait_minutes": 0}]`})
	s.Work(t)
	if err := s.Service.Advance(t.Context(), s.FollowUp, 0); err != nil {
		t.Fatal(err)
	}
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	if len(s.Fake.Messages()) != 1 || len(s.Fake.Calls()) != 1 {
		t.Fatalf("%d messages, %d calls; want the text, then one call", len(s.Fake.Messages()), len(s.Fake.Calls()))
	}
	// The same wait job running twice moves nothing further.
	if err := s.Service.Advance(t.Context(), s.FollowUp, 0); err != nil {
		t.Fatal(err)
	}
	var step int
	if err := s.Pool.QueryRow(t.Context(), `SELECT ladder_step FROM follow_ups WHERE id = $1`, s.FollowUp).Scan(&step); err != nil || step != 1 {
		t.Errorf("ladder step %d (%v), want 1", step, err)
	}
}

func TestLadderWaitsForAConversation(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	s.Work(t)
	text(t, s, "۵")
	var snooze *rivertype.JobSnoozeError
	if err := s.Service.Advance(t.Context(), s.FollowUp, 0); !errors.As(err, &snooze) {
		t.Fatalf("advancing mid-conversation: %v, want a snooze", err)
	}
	var ch string
	var answers int
	if err := s.Pool.QueryRow(t.Context(), `SELECT channel, jsonb_array_length(survey_state->'answers') FROM follow_ups WHERE id = $1`, s.FollowUp).Scan(&ch, &answers); err != nil {
		t.Fatal(err)
	}
	if ch != "sms" || answers != 1 {
		t.Errorf("follow-up on %s with %d answers, want still on sms with its answer", ch, answers)
	}
	// Quiet for longer than the conversation lasts: the ladder moves on.
	s.Pool.Exec(t.Context(), `UPDATE twilio_messages SET created_at = created_at - interval '31 minutes' WHERE direction = 'inbound'`)
	if err := s.Service.Advance(t.Context(), s.FollowUp, 0); err != nil {
		t.Fatal(err)
	}
	if err := s.Pool.QueryRow(t.Context(), `SELECT channel FROM follow_ups WHERE id = $1`, s.FollowUp).Scan(&ch); err != nil || ch != "agent" {
		t.Errorf("follow-up on %s (%v), want agent after the silence", ch, err)
	}

	v := open(t, automatedtest.Opts{First: "voice", Ladder: automatedtest.VoiceLadder})
	v.Work(t)
	if err := v.Service.Advance(t.Context(), v.FollowUp, 0); !errors.As(err, &snooze) {
		t.Fatalf("advancing during a call: %v, want a snooze", err)
	}
	call := v.Fake.Calls()[0]
	if _, err := callback(t, v, call.StatusCallback, v.Fake.CallStatus(call, "completed", 20)); err != nil {
		t.Fatal(err)
	}
	if err := v.Service.Advance(t.Context(), v.FollowUp, 0); err != nil {
		t.Errorf("advancing after the call ended: %v", err)
	}
}

func TestAutomatedLastStepEnds(t *testing.T) {
	t.Parallel()
	s := open(t, automatedtest.Opts{First: "sms", Ladder: `[{"channel": "sms", "wait_minutes": 0}]`})
	s.Work(t)
	var at time.Time
	if err := s.Pool.QueryRow(t.Context(), `SELECT scheduled_at FROM river_job WHERE kind = 'ladder_next'`).Scan(&at); err != nil {
		t.Fatalf("no closing timer on an SMS-only ladder: %v", err)
	}
	if !at.Equal(now.Add(24 * time.Hour)) {
		t.Errorf("closing timer at %s, want the rule's retry spacing (a day) after the text", at)
	}
	if err := s.Service.Advance(t.Context(), s.FollowUp, 0); err != nil {
		t.Fatal(err)
	}
	if s.State(t) != "unreachable" {
		t.Errorf("follow-up %s after its only step went unanswered, want unreachable", s.State(t))
	}

	// A call Twilio refuses for good moves the ladder on at once.
	v := open(t, automatedtest.Opts{First: "voice", Ladder: automatedtest.VoiceLadder})
	v.Fake.Fail(twiliofake.CreateCall, 1, http.StatusBadRequest)
	v.Work(t)
	var ch string
	if err := v.Pool.QueryRow(t.Context(), `SELECT channel FROM follow_ups WHERE id = $1`, v.FollowUp).Scan(&ch); err != nil || ch != "agent" {
		t.Errorf("follow-up on %s (%v) after a refused call, want agent", ch, err)
	}
	if n := v.Count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'voice_failed'`, v.FollowUp); n != 1 {
		t.Errorf("%d failed-call attempts, want 1", n)
	}
}

// TestPartialSMSResponseKept: a customer who answered the first question
// and went quiet keeps that answer, as a partial response, when the ladder
// moves on to the agents.
func TestPartialSMSResponseKept(t *testing.T) {
	t.Parallel()
	s := openSMS(t)
	s.Work(t)
	text(t, s, "۵")
	s.Pool.Exec(t.Context(), `UPDATE twilio_messages SET created_at = created_at - interval '31 minutes' WHERE direction = 'inbound'`)
	for range 2 { // the wait job may run twice
		if err := s.Service.Advance(t.Context(), s.FollowUp, 0); err != nil {
			t.Fatal(err)
		}
	}
	var (
		step    int
		channel string
		answers []byte
	)
	if err := s.Pool.QueryRow(t.Context(), `SELECT ladder_step, channel, answers FROM partial_responses WHERE follow_up_id = $1`, s.FollowUp).
		Scan(&step, &channel, &answers); err != nil {
		t.Fatalf("no partial response after the ladder moved on: %v", err)
	}
	if step != 0 || channel != "sms" || !strings.Contains(string(answers), `"5"`) {
		t.Errorf("partial response step %d on %s with %s, want step 0 on sms with the answer 5", step, channel, answers)
	}
	if n := s.Count(t, `SELECT count(*) FROM partial_responses WHERE follow_up_id = $1`, s.FollowUp); n != 1 {
		t.Errorf("%d partial responses, want 1", n)
	}
	if n := s.Count(t, `SELECT count(*) FROM responses WHERE follow_up_id = $1`, s.FollowUp); n != 0 {
		t.Errorf("%d responses, want none: the agent may still get a whole one", n)
	}
}
