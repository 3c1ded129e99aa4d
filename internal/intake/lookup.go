package intake

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/store"
)

// SaleView is a stored sale with its follow-up, as a shop may read it back.
type SaleView struct {
	ExternalID string
	Customer   CustomerView
	SKU        string
	Product    string
	Category   string
	Branch     string
	SoldAt     time.Time
	Cancelled  *time.Time
	FollowUp   FollowUp
}

type CustomerView struct {
	Name, Phone, Timezone, Locale string
}

// Sale returns one of the source's own sales. Its customer is the
// customer row when the source owns the customer; when another source
// does, it is the customer as this source sent it, so that no source reads
// another's customer data.
func (s *Service) Sale(ctx context.Context, sourceID int64, externalID string) (SaleView, error) {
	q := store.New()
	r, err := q.SaleGetByExternalID(ctx, s.pool, store.SaleGetByExternalIDParams{SourceID: sourceID, ExternalID: externalID})
	if err != nil {
		return SaleView{}, fmt.Errorf("reading sale: %w", err)
	}
	f, err := followUpOf(ctx, q, s.pool, r.ID, r.CoveredBy)
	if err != nil {
		return SaleView{}, err
	}
	return SaleView{
		ExternalID: r.ExternalID,
		Customer:   CustomerView{Name: r.CustomerName, Phone: r.CustomerPhone, Timezone: r.CustomerTimezone, Locale: r.CustomerLocale},
		SKU:        r.ProductSku, Product: r.ProductName, Category: r.ProductCategory, Branch: r.Branch,
		SoldAt: r.SoldAt, Cancelled: r.CancelledAt,
		FollowUp: f,
	}, nil
}

// followUpOf is the follow-up that asks about a sale: its own, or the one
// it is covered by.
func followUpOf(ctx context.Context, q *store.Queries, db store.DBTX, saleID int64, coveredBy *int64) (FollowUp, error) {
	if coveredBy != nil {
		f, err := q.FollowUpGet(ctx, db, *coveredBy)
		if err != nil {
			return FollowUp{}, fmt.Errorf("reading the follow-up covering sale %d: %w", saleID, err)
		}
		return FollowUp{ID: f.ID, State: f.State, DueAt: f.DueAt, Outcome: FollowUpLinkedRecent}, nil
	}
	f, err := q.FollowUpGetForSale(ctx, db, saleID)
	if err != nil {
		return FollowUp{}, fmt.Errorf("reading follow-up of sale %d: %w", saleID, err)
	}
	return FollowUp{ID: f.ID, State: f.State, DueAt: f.DueAt, Outcome: FollowUpCreated}, nil
}

// Cancel records a return or refund: the sale is marked cancelled and its
// pending follow-up cancelled with it, so nobody calls about a product the
// customer gave back. A pending follow-up that also covers other sales
// still standing (contact frequency) is not cancelled but moves to the
// earliest of them, and the cancelled sale is then covered by it; a
// covered sale leaves its follow-up alone. Cancelling twice changes
// nothing the second time.
func (s *Service) Cancel(ctx context.Context, sourceID int64, externalID string) (FollowUp, error) {
	q := store.New()
	var f FollowUp
	err := store.InTxRetry(ctx, s.pool, func(tx pgx.Tx) error {
		sale, err := q.SaleCancel(ctx, tx, store.SaleCancelParams{SourceID: sourceID, ExternalID: externalID})
		if err != nil {
			return fmt.Errorf("cancelling sale: %w", err)
		}
		// Intake links new sales to this customer's pending follow-ups
		// under the same lock: none is linked to one being cancelled.
		if err := q.CustomerLockMany(ctx, tx, []int64{sale.CustomerID}); err != nil {
			return fmt.Errorf("locking customer: %w", err)
		}
		if sale.CoveredBy == nil {
			own, err := q.FollowUpGetForSale(ctx, tx, sale.ID)
			if err != nil {
				return fmt.Errorf("reading follow-up: %w", err)
			}
			_, err = q.FollowUpMoveToCoveredSale(ctx, tx, store.FollowUpMoveToCoveredSaleParams{
				FollowUpID: own.ID, CancelledSaleID: sale.ID, Actor: "api",
			})
			switch {
			case err == nil:
				sale.CoveredBy = &own.ID
			case !errors.Is(err, store.ErrNotFound):
				return fmt.Errorf("moving follow-up to another sale: %w", err)
			}
		}
		// What still points at the sale is cancelled: its own follow-up
		// when it did not move, and pending recovery calls.
		if _, err := q.FollowUpCancelForSale(ctx, tx, store.FollowUpCancelForSaleParams{SaleID: sale.ID, Actor: "api"}); err != nil {
			return fmt.Errorf("cancelling follow-up: %w", err)
		}
		f, err = followUpOf(ctx, q, tx, sale.ID, sale.CoveredBy)
		return err
	})
	if errors.Is(err, store.ErrNotFound) {
		return FollowUp{}, store.ErrNotFound
	}
	return f, err
}

// FollowUpView is a follow-up with its history of attempts.
type FollowUpView struct {
	ID           int64
	ExternalID   string
	Kind         string
	State        string
	DueAt        time.Time
	Channel      string
	MaxAttempts  int
	AttemptCount int
	Attempts     []Attempt
}

type Attempt struct {
	At          time.Time `json:"at"`
	Channel     string    `json:"channel"`
	Disposition string    `json:"disposition"`
	Notes       string    `json:"notes,omitempty"`
}

// FollowUp returns a follow-up of the source's own sales; others are not
// found, so one shop cannot read another's customers.
func (s *Service) FollowUp(ctx context.Context, sourceID, id int64) (FollowUpView, error) {
	q := store.New()
	f, err := q.FollowUpGetForSource(ctx, s.pool, store.FollowUpGetForSourceParams{ID: id, SourceID: sourceID})
	if err != nil {
		return FollowUpView{}, fmt.Errorf("reading follow-up: %w", err)
	}
	rows, err := q.AttemptList(ctx, s.pool, id)
	if err != nil {
		return FollowUpView{}, fmt.Errorf("reading attempts: %w", err)
	}
	v := FollowUpView{
		ID: f.ID, ExternalID: f.ExternalID, Kind: f.Kind, State: f.State, DueAt: f.DueAt,
		Channel: f.Channel, MaxAttempts: int(f.MaxAttempts), AttemptCount: int(f.AttemptCount),
		Attempts: []Attempt{},
	}
	for _, a := range rows {
		v.Attempts = append(v.Attempts, Attempt{At: a.At, Channel: a.Channel, Disposition: a.Disposition, Notes: a.Notes})
	}
	return v, nil
}
