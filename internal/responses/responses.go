// Package responses stores what a customer answered and what a customer
// asked for, the same way whichever channel heard it: an agent's call, an
// SMS survey or a voice survey. One path means triggers, issues and the
// webhooks other systems receive work alike for every channel.
package responses

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
	"github.com/tamas-app/tamas/scripts"
)

// Response is one follow-up's answers.
type Response struct {
	FollowUpID, SaleID, CustomerID int64
	ScriptVersionID                int64
	Version                        scripts.Version
	Answers                        []scripts.Answer
	Channel                        string // agent, sms or voice
	CapturedBy                     string
}

// Store inserts the response and its answers in tx, raises the issues its
// triggers call for and emits response.created, and returns its id.
func Store(ctx context.Context, tx pgx.Tx, client *river.Client[pgx.Tx], r Response, now time.Time) (int64, error) {
	q := store.New()
	respID, err := q.ResponseInsert(ctx, tx, store.ResponseInsertParams{
		FollowUpID: r.FollowUpID, ScriptVersionID: r.ScriptVersionID, Channel: r.Channel, CapturedBy: r.CapturedBy,
	})
	if err != nil {
		return 0, fmt.Errorf("storing response: %w", err)
	}
	p := store.AnswerInsertManyParams{ResponseID: respID}
	for _, a := range r.Answers {
		p.QuestionKey = append(p.QuestionKey, a.Key)
		p.Value = append(p.Value, a.Value)
	}
	if err := q.AnswerInsertMany(ctx, tx, p); err != nil {
		return 0, fmt.Errorf("storing answers: %w", err)
	}
	hook := make([]webhooks.Answer, len(r.Answers))
	for i, a := range r.Answers {
		hook[i] = webhooks.Answer{Key: a.Key, Value: a.Value}
	}
	if _, err := outbox.ResponseCreated(ctx, tx, client, outbox.Response{
		ID: respID, FollowUpID: r.FollowUpID, SaleID: r.SaleID, ScriptVersionID: r.ScriptVersionID,
		Channel: r.Channel, CapturedBy: r.CapturedBy, Answers: hook,
	}, now); err != nil {
		return 0, err
	}
	if _, err := issues.Raise(ctx, tx, client, issues.Response{
		ID: respID, FollowUpID: r.FollowUpID, SaleID: r.SaleID, CustomerID: r.CustomerID,
		Version: r.Version, Answers: r.Answers,
	}, r.CapturedBy, now); err != nil {
		return 0, err
	}
	return respID, nil
}

// OptOut records that the customer must not be contacted again and ends
// every follow-up of theirs still waiting. Other systems hear of it the
// first time only. followUpID is the follow-up the customer said it in.
func OptOut(ctx context.Context, tx pgx.Tx, client *river.Client[pgx.Tx], customerID int64, followUpID *int64, actor string, now time.Time) error {
	q := store.New()
	c, err := q.WebhookCustomer(ctx, tx, customerID)
	if err != nil {
		return fmt.Errorf("reading customer %d: %w", customerID, err)
	}
	if err := q.CustomerOptOut(ctx, tx, customerID); err != nil {
		return fmt.Errorf("opting out: %w", err)
	}
	if c.OptedOutAt == nil {
		if _, err := outbox.CustomerOptedOut(ctx, tx, client, customerID, followUpID, now); err != nil {
			return err
		}
	}
	if _, err := q.FollowUpOptOutPending(ctx, tx, store.FollowUpOptOutPendingParams{CustomerID: customerID, Actor: actor}); err != nil {
		return fmt.Errorf("ending pending follow-ups: %w", err)
	}
	return nil
}
