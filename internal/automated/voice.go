package automated

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/calls"
	"github.com/tamas-app/tamas/internal/responses"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/survey"
	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/scripts"
)

// queueCall records the intent to call and inserts the job that places
// the call, at at (zero: now), in tx.
func (s *Service) queueCall(ctx context.Context, tx pgx.Tx, followUpID int64, to string, at time.Time) error {
	id, err := store.New().TwilioCallInsert(ctx, tx, store.TwilioCallInsertParams{
		FollowUpID: followUpID, ToNumber: to, FromNumber: s.config.From,
	})
	if err != nil {
		return fmt.Errorf("recording call: %w", err)
	}
	var opts *river.InsertOpts
	if !at.IsZero() {
		opts = &river.InsertOpts{ScheduledAt: at}
	}
	if _, err := s.river.InsertTx(ctx, tx, VoiceCallArgs{CallID: id}, opts); err != nil {
		return fmt.Errorf("queueing call %d: %w", id, err)
	}
	return nil
}

// PlaceCall places stored call id once, with the same intent, look-up and
// retry rules as SendSMS. Twilio then fetches the survey's TwiML from the
// voice webhook.
func (s *Service) PlaceCall(ctx context.Context, id int64) error {
	if s.client == nil {
		return s.callToAgents(ctx, id)
	}
	q := store.New()
	var (
		k      store.TwilioCallLockRow
		lookup bool
		after  error
	)
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		k, err = q.TwilioCallLock(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			after = river.JobCancel(fmt.Errorf("call %d does not exist", id))
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading call %d: %w", id, err)
		}
		switch {
		case k.State == "sent" || k.State == "failed" || k.State == "cancelled":
			after = errDone
			return nil
		case k.OptedOutAt != nil || k.FollowUpState != "due" || k.FollowUpChannel != "voice":
			after = errDone
			return q.TwilioCallEnd(ctx, tx, store.TwilioCallEndParams{ID: id, State: "cancelled", Error: "follow-up answered, moved on or opted out"})
		}
		cal, err := store.LoadCalendar(ctx, tx)
		if err != nil {
			return err
		}
		now, loc := s.now(), s.zone(k.Timezone)
		if !cal.InWindow(now, loc) {
			after = untilCallable(cal, now, loc)
			return nil
		}
		if k.State == "sending" {
			after, lookup = resumeSending(k.SendingAgeSeconds)
			return nil
		}
		return q.TwilioCallSending(ctx, tx, id)
	})
	if err != nil {
		return err
	}
	if errors.Is(after, errDone) {
		return nil
	}
	if after != nil {
		return after
	}
	if lookup {
		sids, err := s.client.FindCall(k.ToNumber, k.SendingAt.Add(-lookupMargin))
		if err != nil {
			return fmt.Errorf("looking up call %d at Twilio: %w", id, err)
		}
		sid, found, err := s.unclaimed(ctx, sids)
		if err != nil {
			return err
		}
		if found {
			return q.TwilioCallSent(ctx, s.pool, store.TwilioCallSentParams{ID: id, Sid: &sid})
		}
		if err := q.TwilioCallFailedAttempt(ctx, s.pool, store.TwilioCallFailedAttemptParams{ID: id, State: "pending", Error: "not found at Twilio; calling again"}); err != nil {
			return err
		}
		return fmt.Errorf("call %d was not placed by Twilio; calling again", id)
	}
	fid := strconv.FormatInt(k.FollowUpID, 10)
	sid, err := s.client.Call(k.ToNumber, s.config.URL("/webhooks/twilio/voice/start?f="+fid),
		s.config.URL("/webhooks/twilio/status?c="+strconv.FormatInt(id, 10)))
	if err == nil {
		return q.TwilioCallSent(ctx, s.pool, store.TwilioCallSentParams{ID: id, Sid: &sid})
	}
	msg := err.Error()
	if len(msg) > maxErrorLen {
		msg = msg[:maxErrorLen]
	}
	switch twilio.Classify(err) {
	case twilio.Retry:
		if e := q.TwilioCallFailedAttempt(ctx, s.pool, store.TwilioCallFailedAttemptParams{ID: id, State: "pending", Error: msg}); e != nil {
			return e
		}
		return fmt.Errorf("placing call %d: %w", id, err)
	case twilio.Permanent, twilio.Unsubscribed:
		if e := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
			if err := q.TwilioCallEnd(ctx, tx, store.TwilioCallEndParams{ID: id, State: "failed", Error: msg}); err != nil {
				return err
			}
			return s.giveUp(ctx, tx, k.FollowUpID, "voice", ActorVoice)
		}); e != nil {
			return e
		}
		return river.JobCancel(fmt.Errorf("placing call %d: %w", id, err))
	default:
		if e := q.TwilioCallFailedAttempt(ctx, s.pool, store.TwilioCallFailedAttemptParams{ID: id, State: "sending", Error: msg}); e != nil {
			return e
		}
		return fmt.Errorf("placing call %d (outcome unknown): %w", id, err)
	}
}

// voice is the follow-up's keypad survey, whose gathers post to the
// gather webhook naming the follow-up and the question.
func (s *Service) voice(f *followUp) survey.Voice {
	return survey.Voice{Version: f.version, Values: f.values(), Action: func(step int) string {
		return s.config.URL(fmt.Sprintf("/webhooks/twilio/voice/gather?f=%d&step=%d", f.ID, step))
	}}
}

// onVoice reports whether f's call may go on asking: due on its voice
// step, for a customer who has not opted out, on a sale not cancelled.
func (f *followUp) onVoice() bool {
	return f.State == "due" && f.Channel == "voice" && f.OptedOutAt == nil && f.CancelledAt == nil
}

// ErrUnknownCall is a voice webhook for a follow-up that is not on its
// voice step.
var ErrUnknownCall = errors.New("no voice survey for this follow-up")

// VoiceStart is the TwiML a call opens with. It is pure in the stored
// follow-up, so a retried webhook gets the same TwiML.
func (s *Service) VoiceStart(ctx context.Context, followUpID int64) (string, error) {
	var x string
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		f, err := s.lockFollowUp(ctx, tx, followUpID)
		if err != nil {
			return err
		}
		if err := f.loadScript(ctx, tx); err != nil {
			return err
		}
		if !f.onVoice() {
			x, err = s.voice(&f).Goodbye()
			return err
		}
		x, err = s.voice(&f).Start()
		return err
	})
	return x, err
}

// VoiceGather records the digits a caller pressed for question step and
// returns what the call says next. The answer is recorded once per call
// and question (Twilio retries webhooks); the last one completes the
// follow-up with a response, as an agent's completed call does.
func (s *Service) VoiceGather(ctx context.Context, followUpID int64, step int, form url.Values) (string, error) {
	q := store.New()
	var x string
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		f, err := s.lockFollowUp(ctx, tx, followUpID)
		if err != nil {
			return err
		}
		if err := f.loadScript(ctx, tx); err != nil {
			return err
		}
		if !f.onVoice() {
			// A retried webhook of an answer taken gets the same TwiML;
			// anything else on a survey no longer open ends the call.
			digits, err := q.TwilioGatherGet(ctx, tx, store.TwilioGatherGetParams{CallSid: form.Get("CallSid"), Step: int32(step)})
			if errors.Is(err, store.ErrNotFound) {
				x, err = s.voice(&f).Goodbye()
				return err
			}
			if err != nil {
				return fmt.Errorf("reading keypad answer: %w", err)
			}
			g, err := s.voice(&f).Gather(step, digits)
			x = g.TwiML
			return err
		}
		g, err := s.voice(&f).Gather(step, form.Get("Digits"))
		if err != nil {
			return fmt.Errorf("%w: %v", ErrUnknownCall, err)
		}
		x = g.TwiML
		if g.Answer == nil || f.SurveyState == nil {
			return nil
		}
		if _, err := q.TwilioGatherInsert(ctx, tx, store.TwilioGatherInsertParams{
			CallSid: form.Get("CallSid"), Step: int32(step), Digits: form.Get("Digits"),
		}); errors.Is(err, store.ErrNotFound) {
			return nil // a retried webhook
		} else if err != nil {
			return fmt.Errorf("recording keypad answer: %w", err)
		}
		var st survey.State
		if err := json.Unmarshal(f.SurveyState, &st); err != nil {
			return fmt.Errorf("decoding survey state of follow-up %d: %w", f.ID, err)
		}
		st.Answers = withAnswer(st.Answers, *g.Answer)
		st.Next = step + 1
		if !g.Done {
			b, err := json.Marshal(st)
			if err != nil {
				return err
			}
			return q.FollowUpSetSurveyState(ctx, tx, store.FollowUpSetSurveyStateParams{ID: f.ID, SurveyState: b})
		}
		n, err := q.FollowUpEndAutomated(ctx, tx, store.FollowUpEndAutomatedParams{
			ToState: "completed", ID: f.ID, Step: f.LadderStep, Actor: ActorVoice,
		})
		if err != nil || n == 0 {
			return err
		}
		if err := q.AttemptInsert(ctx, tx, store.AttemptInsertParams{
			FollowUpID: f.ID, Channel: "voice", Actor: ActorVoice, Disposition: "voice_completed",
		}); err != nil {
			return fmt.Errorf("recording attempt: %w", err)
		}
		_, err = responses.Store(ctx, tx, s.river, responses.Response{
			FollowUpID: f.ID, SaleID: f.SaleID, CustomerID: f.CustomerID, ScriptVersionID: f.versionID,
			Version: f.version, Answers: st.Answers, Channel: "voice", CapturedBy: ActorVoice,
		}, s.now())
		return err
	})
	return x, err
}

// withAnswer replaces the answer to a's question, or adds it: a caller
// may be asked a question again after the call dropped.
func withAnswer(as []scripts.Answer, a scripts.Answer) []scripts.Answer {
	for i := range as {
		if as[i].Key == a.Key {
			as[i] = a
			return as
		}
	}
	return append(as, a)
}

// unanswered are the call statuses that count as an attempt without an
// answer, retried like an agent's no-answer.
var unanswered = map[string]calls.Disposition{
	"busy": calls.Busy, "no-answer": calls.NoAnswer, "failed": calls.NoAnswer, "canceled": calls.NoAnswer,
	// A call that ended before the last question is no answer either.
	"completed": calls.NoAnswer,
}

// CallStatus records a call's final status (the callback URL names the
// call). An unanswered or busy call, or one that ended before the survey
// did, is an attempt: retried after the rule's spacing like an agent's no
// answer, and once the attempts are used up the ladder moves on.
func (s *Service) CallStatus(ctx context.Context, id string, form url.Values) error {
	callID, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil
	}
	status := form.Get("CallStatus")
	disp, final := unanswered[status]
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		row, err := q.TwilioCallStatus(ctx, tx, store.TwilioCallStatusParams{ID: callID, Status: status, Sid: form.Get("CallSid")})
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil || !final {
			return err
		}
		f, err := s.lockFollowUp(ctx, tx, row.FollowUpID)
		if err != nil {
			return err
		}
		if f.State != "due" || f.Channel != "voice" {
			return nil
		}
		dispo := "voice_no_answer"
		if disp == calls.Busy {
			dispo = "voice_busy"
		}
		if err := q.AttemptInsert(ctx, tx, store.AttemptInsertParams{
			FollowUpID: f.ID, Channel: "voice", Actor: ActorVoice, Disposition: dispo,
		}); err != nil {
			return fmt.Errorf("recording attempt: %w", err)
		}
		if _, err := q.FollowUpAutomatedNoAnswer(ctx, tx, store.FollowUpAutomatedNoAnswerParams{ID: f.ID, Step: f.LadderStep}); err != nil {
			return err
		}
		cal, err := store.LoadCalendar(ctx, tx)
		if err != nil {
			return err
		}
		out, err := calls.Decide(calls.Attempt{
			Disposition: disp, AttemptsMade: int(f.AttemptCount), MaxAttempts: int(f.MaxAttempts),
			RetrySpacing: time.Duration(f.RetrySpacingMinutes) * time.Minute, Now: s.now(),
			Calendar: cal, Customer: s.zone(f.Timezone),
		})
		if err != nil {
			return err
		}
		if out.State == "no_answer" {
			return s.queueCall(ctx, tx, f.ID, f.Phone, out.DueAt)
		}
		return s.moveOn(ctx, tx, f, int(f.LadderStep), ActorVoice, dispo)
	})
}
