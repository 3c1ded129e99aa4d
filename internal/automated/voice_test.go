package automated_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/automated/automatedtest"
	"github.com/tamas-app/tamas/internal/i18n"
)

func TestVoiceSurveyGathers(t *testing.T) {
	t.Parallel()
	s := open(t, automatedtest.Opts{First: "voice", Ladder: automatedtest.VoiceLadder})
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	cs := s.Fake.Calls()
	if len(cs) != 1 || cs[0].To != s.Phone || !strings.HasPrefix(cs[0].URL, automatedtest.PublicBase+"/webhooks/twilio/voice/start?f=") {
		t.Fatalf("calls %+v", cs)
	}
	call := cs[0]
	x, err := callback(t, s, call.URL, s.Fake.CallStatus(call, "in-progress", 0))
	if err != nil || !strings.Contains(x, `language="fa-IR"`) || !strings.Contains(x, "مریم رضایی") {
		t.Fatalf("start: %v %s", err, x)
	}
	// A key that answers nothing repeats the question; then 2, yes (1),
	// and 4 for the optional rating; the text question is left out.
	gather := automatedtest.GatherURL(t, x)
	for _, step := range []struct{ digits, want string }{{"9", "step=0"}, {"2", "step=1"}, {"1", "step=2"}} {
		x, err = callback(t, s, gather, s.Fake.Gather(call, step.digits))
		if err != nil {
			t.Fatalf("gather %s: %v %s", step.digits, err, x)
		}
		if gather = automatedtest.GatherURL(t, x); !strings.Contains(gather, step.want) {
			t.Fatalf("after %s the call asks %s, want %s", step.digits, gather, step.want)
		}
	}
	last := s.Fake.Gather(call, "4")
	x, err = callback(t, s, gather, last)
	if err != nil || strings.Contains(x, "<Gather") || !strings.Contains(x, "<Hangup") {
		t.Fatalf("last gather: %v %s, want the closing", err, x)
	}
	// Twilio retries the last webhook: the same TwiML, nothing stored twice.
	if again, err := callback(t, s, gather, last); err != nil || again != x {
		t.Errorf("retried gather: %v %s", err, again)
	}
	if s.State(t) != "completed" {
		t.Fatalf("follow-up %s, want completed", s.State(t))
	}
	if n := s.Count(t, `SELECT count(*) FROM answers a JOIN responses r ON r.id = a.response_id
		WHERE r.follow_up_id = $1 AND r.channel = 'voice'`, s.FollowUp); n != 3 {
		t.Errorf("%d voice answers, want 3", n)
	}
	if n := s.Count(t, `SELECT count(*) FROM issues WHERE follow_up_id = $1`, s.FollowUp); n != 1 {
		t.Errorf("%d issues from the rating of 2, want 1", n)
	}
	// The call's end changes nothing more.
	if _, err := callback(t, s, call.StatusCallback, s.Fake.CallStatus(call, "completed", 40)); err != nil {
		t.Fatal(err)
	}
	if n := s.Count(t, `SELECT count(*) FROM twilio_calls`); n != 1 {
		t.Errorf("%d calls after the answered one ended, want 1", n)
	}
}

func TestVoiceBusyIsRetried(t *testing.T) {
	t.Parallel()
	s := open(t, automatedtest.Opts{First: "voice", Ladder: automatedtest.VoiceLadder})
	s.Work(t)
	call := s.Fake.Calls()[0]
	status := s.Fake.CallStatus(call, "busy", 0)
	for range 2 { // Twilio retries the callback
		if _, err := callback(t, s, call.StatusCallback, status); err != nil {
			t.Fatalf("status: %v", err)
		}
	}
	if n := s.Count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'voice_busy'`, s.FollowUp); n != 1 {
		t.Errorf("%d busy attempts, want 1", n)
	}
	var at time.Time
	if err := s.Pool.QueryRow(t.Context(), `SELECT scheduled_at FROM river_job WHERE kind = 'voice_call' ORDER BY id DESC LIMIT 1`).Scan(&at); err != nil {
		t.Fatal(err)
	}
	if n := s.Count(t, `SELECT count(*) FROM twilio_calls`); n != 2 || !at.After(now.Add(23*time.Hour)) {
		t.Errorf("%d calls, next at %s; want a second one after the rule's spacing (a day)", n, at)
	}
	if s.State(t) != "due" {
		t.Errorf("follow-up %s, want due on its voice step", s.State(t))
	}
}

func TestVoiceAttemptsAreNotTheAgents(t *testing.T) {
	t.Parallel()
	s := open(t, automatedtest.Opts{First: "voice", Ladder: automatedtest.VoiceLadder})
	s.Work(t)
	for i := range 3 {
		calls := s.Fake.Calls()
		if len(calls) != i+1 {
			t.Fatalf("%d calls, want %d", len(calls), i+1)
		}
		call := calls[i]
		if _, err := callback(t, s, call.StatusCallback, s.Fake.CallStatus(call, "no-answer", 0)); err != nil {
			t.Fatal(err)
		}
		s.Pool.Exec(t.Context(), `UPDATE river_job SET state = 'available' WHERE kind = 'voice_call' AND state = 'scheduled'`)
		s.Work(t)
	}
	var ch string
	var count int
	if err := s.Pool.QueryRow(t.Context(), `SELECT channel, attempt_count FROM follow_ups WHERE id = $1`, s.FollowUp).Scan(&ch, &count); err != nil {
		t.Fatal(err)
	}
	if ch != "agent" || count != 0 {
		t.Errorf("follow-up on %s with %d attempts used, want agent with all of them left", ch, count)
	}
	if n := s.Count(t, `SELECT count(*) FROM attempts WHERE follow_up_id = $1 AND disposition = 'voice_no_answer'`, s.FollowUp); n != 3 {
		t.Errorf("%d unanswered calls in the history, want 3", n)
	}
}

func TestVoiceCallAfterOptOutSaysGoodbye(t *testing.T) {
	t.Parallel()
	s := open(t, automatedtest.Opts{First: "voice", Ladder: automatedtest.VoiceLadder})
	s.Work(t)
	call := s.Fake.Calls()[0]
	x, err := callback(t, s, call.URL, s.Fake.CallStatus(call, "in-progress", 0))
	if err != nil {
		t.Fatal(err)
	}
	gather := automatedtest.GatherURL(t, x)
	// The customer texts STOP while the call rings.
	text(t, s, "STOP")
	for _, u := range []string{call.URL, gather} {
		x, err := callback(t, s, u, s.Fake.Gather(call, "2"))
		if err != nil || strings.Contains(x, "<Gather") || !strings.Contains(x, "<Hangup") || !strings.Contains(x, i18n.T(i18n.FA, "survey.voice.goodbye")) {
			t.Errorf("%s after opt-out: %v %s, want a goodbye and hang-up", u, err, x)
		}
	}
	if n := s.Count(t, `SELECT count(*) FROM twilio_gathers`); n != 0 {
		t.Errorf("%d keypad answers stored after opt-out", n)
	}
}
