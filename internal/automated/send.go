package automated

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/responses"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/twilio"
)

// lookupDelay is how long a message whose request ended ambiguously waits
// before it is looked up, so an accepted message has time to show in
// Twilio's list and its status callback time to arrive.
const lookupDelay = 30 * time.Second

// maxSleep is the longest a send waits in the worker for its rate-limit
// slot; a later slot snoozes the job (keeping the slot on the row, unless
// the job is late for it when it wakes).
const maxSleep = 2 * time.Second

// maxErrorLen bounds what Twilio's error text puts in the database.
const maxErrorLen = 500

// SendSMS sends stored message id, once (docs/twilio.md): the row is
// marked sending and committed before the request; a row found sending is
// looked up at Twilio before it is sent again. It returns River's snooze
// and cancel errors for waits and permanent failures, and a plain error
// for River to retry with backoff.
func (s *Service) SendSMS(ctx context.Context, id int64) error {
	if s.client == nil {
		return s.messageToAgents(ctx, id)
	}
	q := store.New()
	var (
		m      store.TwilioMessageLockRow
		lookup bool
		wait   time.Duration
		// after is what to return once the transaction committed: a
		// snooze must not roll back the slot just taken.
		after error
	)
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		m, err = q.TwilioMessageLock(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return river.JobCancel(fmt.Errorf("message %d does not exist", id))
		}
		if err != nil {
			return fmt.Errorf("reading message %d: %w", id, err)
		}
		switch m.State {
		case "sent", "failed", "cancelled":
			after = errDone
			return nil
		}
		if m.Kind != "notice" {
			if reason := stale(m); reason != "" {
				after = errDone
				return q.TwilioMessageEnd(ctx, tx, store.TwilioMessageEndParams{ID: id, State: "cancelled", Error: reason})
			}
			cal, err := store.LoadCalendar(ctx, tx)
			if err != nil {
				return err
			}
			loc := time.UTC
			if m.Timezone != nil {
				loc = s.zone(*m.Timezone)
			}
			now := s.now()
			if !cal.InWindow(now, loc) {
				if m.SlotAt != nil {
					// Held until the window opens, the slot would let every
					// message that waited go at once.
					if err := q.TwilioMessageSetSlot(ctx, tx, store.TwilioMessageSetSlotParams{ID: id}); err != nil {
						return err
					}
				}
				after = untilCallable(cal, now, loc)
				return nil
			}
		}
		if m.State == "sending" {
			after, lookup = resumeSending(m.SendingAgeSeconds)
			return nil
		}
		interval := s.config.Interval()
		// A slot more than an interval past was missed (the job waited
		// longer than it asked): sending on it now would go with the
		// messages on the current slots.
		if m.SlotAt == nil || m.SlotWaitSeconds < -interval.Seconds() {
			slot, err := q.TwilioSenderTake(ctx, tx, store.TwilioSenderTakeParams{
				Sender: s.config.Sender(), IntervalSeconds: interval.Seconds(),
			})
			if err != nil {
				return fmt.Errorf("taking a send slot: %w", err)
			}
			if err := q.TwilioMessageSetSlot(ctx, tx, store.TwilioMessageSetSlotParams{ID: id, SlotAt: &slot.SlotAt}); err != nil {
				return err
			}
			m.SlotWaitSeconds = slot.WaitSeconds
		}
		wait = time.Duration(m.SlotWaitSeconds * float64(time.Second))
		if wait > maxSleep {
			after = river.JobSnooze(wait)
			return nil
		}
		return q.TwilioMessageSending(ctx, tx, id)
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
		return s.lookUp(ctx, m)
	}
	if wait > 0 {
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			// Marked sending, not sent: the next attempt looks it up.
			return ctx.Err()
		case <-t.C:
		}
	}
	sid, err := s.client.SendSMS(m.ToNumber, m.Body, s.config.URL("/webhooks/twilio/status?m="+strconv.FormatInt(id, 10)))
	s.metrics.Text(textOutcome(err))
	if err == nil {
		return s.sent(ctx, m, sid)
	}
	return s.failed(ctx, m, err)
}

var errDone = errors.New("message already settled")

// lookupMargin allows for the difference between the database's clock,
// which set sending_at, and Twilio's.
const lookupMargin = time.Minute

// unclaimed is the newest of sids no other row holds.
func (s *Service) unclaimed(ctx context.Context, sids []string) (string, bool, error) {
	if len(sids) == 0 {
		return "", false, nil
	}
	known, err := store.New().TwilioSidsKnown(ctx, s.pool, sids)
	if err != nil {
		return "", false, fmt.Errorf("reading known sids: %w", err)
	}
	for _, sid := range sids {
		if !slices.Contains(known, sid) {
			return sid, true, nil
		}
	}
	return "", false, nil
}

// lookUp settles a message whose earlier request ended ambiguously: found
// at Twilio, it is sent; not found, it goes back to pending and River's
// retry sends it.
func (s *Service) lookUp(ctx context.Context, m store.TwilioMessageLockRow) error {
	sids, err := s.client.FindSMS(m.ToNumber, m.Body, m.SendingAt.Add(-lookupMargin))
	if err != nil {
		return fmt.Errorf("looking up message %d at Twilio: %w", m.ID, err)
	}
	sid, found, err := s.unclaimed(ctx, sids)
	if err != nil {
		return err
	}
	if found {
		s.metrics.Text(metrics.TextSent)
		return s.sent(ctx, m, sid)
	}
	if err := store.New().TwilioMessageFailedAttempt(ctx, s.pool, store.TwilioMessageFailedAttemptParams{
		ID: m.ID, State: "pending", Error: "not found at Twilio after an unanswered request; sending again",
	}); err != nil {
		return err
	}
	return fmt.Errorf("message %d was not accepted by Twilio; sending again", m.ID)
}

// stale says why a survey or closing text must not go out any more, or
// "" when it may: a survey text only while its follow-up is still due on
// the SMS or link step it was written for, a closing while the customer has not
// opted out.
func stale(m store.TwilioMessageLockRow) string {
	if m.OptedOutAt != nil || (m.FollowUpState != nil && (*m.FollowUpState == "cancelled" || *m.FollowUpState == "opted_out")) {
		return "customer opted out or follow-up cancelled"
	}
	if m.Kind != "survey" || m.FollowUpID == nil {
		return ""
	}
	channel := deref(m.FollowUpChannel)
	if deref(m.FollowUpState) != "due" || (channel != "sms" && channel != "link") ||
		m.LadderStep == nil || m.FollowUpStep == nil || *m.LadderStep != *m.FollowUpStep {
		return "the follow-up has left this SMS step"
	}
	return ""
}

// sent stores the sid of a message Twilio accepted. The first survey text
// of a step is the step's attempt and starts its wait; the last step
// waits too, then ends the follow-up unreachable.
func (s *Service) sent(ctx context.Context, m store.TwilioMessageLockRow, sid string) error {
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if err := q.TwilioMessageSent(ctx, tx, store.TwilioMessageSentParams{ID: m.ID, Sid: &sid}); err != nil {
			return fmt.Errorf("storing message %d's sid: %w", m.ID, err)
		}
		if m.Kind != "survey" || m.FollowUpID == nil || m.LadderStep == nil {
			return nil
		}
		first, err := q.TwilioMessageFirstOfStep(ctx, tx, store.TwilioMessageFirstOfStepParams{
			ID: m.ID, FollowUpID: *m.FollowUpID, LadderStep: *m.LadderStep,
		})
		if err != nil {
			return err
		}
		if !first {
			return nil
		}
		// The attempt is the text that went out, not the one planned; stale
		// kept it to the SMS or link step it was written for.
		channel := deref(m.FollowUpChannel)
		if err := q.AttemptInsert(ctx, tx, store.AttemptInsertParams{
			FollowUpID: *m.FollowUpID, Channel: channel, Actor: actorOf(channel), Disposition: channel + "_sent",
		}); err != nil {
			return fmt.Errorf("recording attempt: %w", err)
		}
		var ladder schedule.Ladder
		if err := json.Unmarshal(m.FollowUpLadder, &ladder); err != nil || int(*m.LadderStep) >= len(ladder) {
			return nil
		}
		wait := stepWait(ladder, int(*m.LadderStep), m.RetrySpacingMinutes)
		_, err = s.river.InsertTx(ctx, tx, LadderNextArgs{FollowUpID: *m.FollowUpID, Step: int(*m.LadderStep)},
			&river.InsertOpts{ScheduledAt: s.now().Add(wait)})
		return err
	})
}

// stepWait is how long step waits for an answer. The last step has no
// next one to wait for; it waits as long, or the rule's retry spacing
// when it has no wait of its own, before the follow-up ends.
func stepWait(ladder schedule.Ladder, step int, spacingMinutes *int32) time.Duration {
	if w := ladder[step].Wait(); w > 0 {
		return w
	}
	if spacingMinutes != nil && *spacingMinutes > 0 {
		return time.Duration(*spacingMinutes) * time.Minute
	}
	return 24 * time.Hour
}

// textOutcome is what err from Client.SendSMS means, for the texts counter.
func textOutcome(err error) metrics.TextOutcome {
	if err == nil {
		return metrics.TextSent
	}
	switch twilio.Classify(err) {
	case twilio.Retry:
		return metrics.TextRateLimited
	case twilio.Unsubscribed:
		return metrics.TextUnsubscribed
	case twilio.Permanent:
		return metrics.TextRefused
	}
	return metrics.TextUnknown
}

func (s *Service) failed(ctx context.Context, m store.TwilioMessageLockRow, sendErr error) error {
	q := store.New()
	msg := sendErr.Error()
	if len(msg) > maxErrorLen {
		msg = msg[:maxErrorLen]
	}
	switch twilio.Classify(sendErr) {
	case twilio.Retry:
		// Twilio created nothing: the next attempt sends without a look-up.
		if err := q.TwilioMessageFailedAttempt(ctx, s.pool, store.TwilioMessageFailedAttemptParams{ID: m.ID, State: "pending", Error: msg}); err != nil {
			return err
		}
		return fmt.Errorf("sending message %d: %w", m.ID, sendErr)
	case twilio.Unsubscribed:
		return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
			if err := q.TwilioMessageEnd(ctx, tx, store.TwilioMessageEndParams{ID: m.ID, State: "failed", Error: msg}); err != nil {
				return err
			}
			if m.CustomerID == nil {
				return nil
			}
			return responses.OptOut(ctx, tx, s.river, *m.CustomerID, m.FollowUpID, ActorSMS, s.now())
		})
	case twilio.Permanent:
		if err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
			if err := q.TwilioMessageEnd(ctx, tx, store.TwilioMessageEndParams{ID: m.ID, State: "failed", Error: msg}); err != nil {
				return err
			}
			if m.Kind != "survey" || m.FollowUpID == nil {
				return nil
			}
			channel := deref(m.FollowUpChannel)
			return s.giveUp(ctx, tx, *m.FollowUpID, channel, actorOf(channel))
		}); err != nil {
			return err
		}
		return river.JobCancel(fmt.Errorf("sending message %d: %w", m.ID, sendErr))
	default:
		// Twilio may have accepted it: the row stays sending, and the
		// next attempt looks it up before sending anything.
		if err := q.TwilioMessageFailedAttempt(ctx, s.pool, store.TwilioMessageFailedAttemptParams{ID: m.ID, State: "sending", Error: msg}); err != nil {
			return err
		}
		return fmt.Errorf("sending message %d (outcome unknown): %w", m.ID, sendErr)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
