package automated

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
)

// ActorUnconfigured names the move of a follow-up to the agents because
// the server has no Twilio settings any more.
const ActorUnconfigured = "twilio_unconfigured"

// unconfiguredNote is the audit trail's reason, in follow_up_events.
const unconfiguredNote = "Twilio settings removed: moved to the agents"

// toAgents moves follow-up id, waiting on an SMS or voice step, to the
// agents: its ladder's agent step, or one past its last step when it has
// none (the agent queue works any follow-up due on the agent channel). A
// half-answered survey is kept as a partial response first. Jobs of a
// server without Twilio call it instead of failing, so the customer is
// still asked, by a person.
func (s *Service) toAgents(ctx context.Context, tx pgx.Tx, id int64) error {
	f, err := s.lockFollowUp(ctx, tx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if f.State != "due" || f.Channel == string(schedule.ChannelAgent) {
		return nil
	}
	if err := s.keepPartial(ctx, tx, f, int(f.LadderStep)); err != nil {
		return err
	}
	to := len(f.ladder)
	for i, st := range f.ladder {
		if st.Channel == schedule.ChannelAgent {
			to = i
			break
		}
	}
	if _, err := store.New().FollowUpToAgents(ctx, tx, store.FollowUpToAgentsParams{
		ToStep: int32(to), DueAt: s.now(), ID: id, Actor: ActorUnconfigured, Note: unconfiguredNote,
	}); err != nil {
		return fmt.Errorf("moving follow-up %d to the agents: %w", id, err)
	}
	return nil
}

// followUpToAgents is toAgents in a transaction of its own.
func (s *Service) followUpToAgents(ctx context.Context, id int64) error {
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error { return s.toAgents(ctx, tx, id) })
}

// messageToAgents cancels stored message id, which a server without
// Twilio cannot send, and moves the follow-up it asks for to the agents.
func (s *Service) messageToAgents(ctx context.Context, id int64) error {
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		m, err := q.TwilioMessageLock(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading message %d: %w", id, err)
		}
		if m.State != "pending" && m.State != "sending" {
			return nil
		}
		if err := q.TwilioMessageEnd(ctx, tx, store.TwilioMessageEndParams{ID: id, State: "cancelled", Error: unconfiguredNote}); err != nil {
			return err
		}
		if m.Kind != "survey" || m.FollowUpID == nil {
			return nil
		}
		return s.toAgents(ctx, tx, *m.FollowUpID)
	})
}

// callToAgents is messageToAgents for a stored call.
func (s *Service) callToAgents(ctx context.Context, id int64) error {
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		k, err := q.TwilioCallLock(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading call %d: %w", id, err)
		}
		if k.State != "pending" && k.State != "sending" {
			return nil
		}
		if err := q.TwilioCallEnd(ctx, tx, store.TwilioCallEndParams{ID: id, State: "cancelled", Error: unconfiguredNote}); err != nil {
			return err
		}
		return s.toAgents(ctx, tx, k.FollowUpID)
	})
}
