package outbox

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
)

// Each function below emits one kind of event inside tx, the transaction
// of its cause, and returns how many endpoints it goes to.

// Response is a stored completed response, as response.created tells it.
type Response struct {
	ID, FollowUpID, SaleID, ScriptVersionID int64
	Channel, CapturedBy                     string
	Answers                                 []webhooks.Answer
}

func ResponseCreated(ctx context.Context, tx pgx.Tx, client Client, r Response, now time.Time) (int, error) {
	return emit(ctx, tx, client, webhooks.ResponseCreated, now, func() (any, error) {
		fu, err := store.New().WebhookFollowUp(ctx, tx, r.FollowUpID)
		if err != nil {
			return nil, fmt.Errorf("reading follow-up %d: %w", r.FollowUpID, err)
		}
		c, s, err := saleContext(ctx, tx, r.SaleID)
		if err != nil {
			return nil, err
		}
		answers := r.Answers
		if answers == nil {
			answers = []webhooks.Answer{}
		}
		return webhooks.ResponseData{
			ResponseID: r.ID, FollowUpID: r.FollowUpID, FollowUpKind: fu.Kind, ScriptVersionID: r.ScriptVersionID,
			Channel: r.Channel, CapturedBy: r.CapturedBy, CreatedAt: now.UTC(), Answers: answers,
			Customer: c, Sale: s,
		}, nil
	})
}

// Issue emits issue.created, issue.breached or issue.resolved with the
// issue as tx sees it.
func Issue(ctx context.Context, tx pgx.Tx, client Client, typ string, issueID int64, now time.Time) (int, error) {
	return emit(ctx, tx, client, typ, now, func() (any, error) {
		is, err := store.New().IssueGet(ctx, tx, issueID)
		if err != nil {
			return nil, fmt.Errorf("reading issue %d: %w", issueID, err)
		}
		c, s, err := saleContext(ctx, tx, is.SaleID)
		if err != nil {
			return nil, err
		}
		return webhooks.IssueData{
			IssueID: is.ID, State: is.State, Category: is.Category, Severity: is.Severity, FollowUpID: is.FollowUpID,
			CreatedAt: is.CreatedAt.UTC(), DeadlineAt: is.DeadlineAt.UTC(), BreachedAt: utc(is.BreachedAt),
			ResolvedAt: utc(is.ResolvedAt), RootCause: is.RootCause, RecoveryFollowUpID: is.RecoveryFollowUpID,
			Customer: c, Sale: s,
		}, nil
	})
}

// FollowUpUnreachable emits followup.unreachable; disposition is the last
// attempt's outcome (no_answer, busy, voicemail, wrong_number).
func FollowUpUnreachable(ctx context.Context, tx pgx.Tx, client Client, followUpID int64, disposition string, now time.Time) (int, error) {
	return emit(ctx, tx, client, webhooks.FollowUpUnreachable, now, func() (any, error) {
		fu, err := store.New().WebhookFollowUp(ctx, tx, followUpID)
		if err != nil {
			return nil, fmt.Errorf("reading follow-up %d: %w", followUpID, err)
		}
		c, s, err := saleContext(ctx, tx, fu.SaleID)
		if err != nil {
			return nil, err
		}
		return webhooks.FollowUpData{
			FollowUpID: fu.ID, Kind: fu.Kind, State: fu.State, Attempts: int(fu.AttemptCount),
			MaxAttempts: int(fu.MaxAttempts), Disposition: disposition, Customer: c, Sale: s,
		}, nil
	})
}

// CustomerOptedOut emits customer.opted_out; followUpID is the call on
// which the customer asked, or nil.
func CustomerOptedOut(ctx context.Context, tx pgx.Tx, client Client, customerID int64, followUpID *int64, now time.Time) (int, error) {
	return emit(ctx, tx, client, webhooks.CustomerOptedOut, now, func() (any, error) {
		c, err := store.New().WebhookCustomer(ctx, tx, customerID)
		if err != nil {
			return nil, fmt.Errorf("reading customer %d: %w", customerID, err)
		}
		at := now.UTC()
		if c.OptedOutAt != nil {
			at = c.OptedOutAt.UTC()
		}
		return webhooks.OptOutData{
			Customer:   webhooks.Customer{ID: c.ID, Name: c.Name, Phone: c.Phone, Locale: c.Locale},
			OptedOutAt: at, FollowUpID: followUpID,
		}, nil
	})
}

func saleContext(ctx context.Context, tx pgx.Tx, saleID int64) (webhooks.Customer, webhooks.Sale, error) {
	r, err := store.New().WebhookSaleContext(ctx, tx, saleID)
	if err != nil {
		return webhooks.Customer{}, webhooks.Sale{}, fmt.Errorf("reading sale %d: %w", saleID, err)
	}
	return webhooks.Customer{ID: r.CustomerID, Name: r.CustomerName, Phone: r.CustomerPhone, Locale: r.CustomerLocale},
		webhooks.Sale{
			ID: r.SaleID, ExternalID: r.ExternalID, Source: r.Source, Branch: r.Branch, SoldAt: r.SoldAt.UTC(),
			Product: webhooks.Product{SKU: r.ProductSku, Name: r.ProductName, Category: r.ProductCategory},
		}, nil
}

func utc(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}
