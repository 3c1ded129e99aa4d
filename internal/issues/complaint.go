package issues

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
)

// ErrNoSale refuses a complaint about a customer who bought nothing: an
// issue is about a sale. Intake makes customers only with a sale, so only
// a customer made by hand in the database meets it.
var ErrNoSale = errors.New("the customer has no sale to complain about")

// Complaint is what a staff member heard from a customer outside a call,
// in a shop or on the phone.
type Complaint struct {
	CustomerID int64
	UserID     int64
	Actor      string
	Category   string
	Severity   scripts.Severity
	// Said is what the customer said, in the staff member's words.
	Said string
}

// Complain raises c as an issue of the customer's latest sale, with an SLA
// like a triggered one: it joins the customer's pending issue of the
// category (and can make it more urgent), and what the customer said goes
// on the issue as the staff member's note. Any signed-in role may
// complain; refused input comes back as invalid.Problems, an unknown
// customer as store.ErrNotFound.
func (s *Service) Complain(ctx context.Context, c Complaint) (Raised, error) {
	said, err := s.byHand("said", c.Said, c.Severity)
	if err != nil {
		return Raised{}, err
	}
	q := store.New()
	var raised Raised
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := q.CustomerGet(ctx, tx, c.CustomerID); err != nil {
			return fmt.Errorf("reading customer %d: %w", c.CustomerID, err)
		}
		fu, err := q.CustomerLatestSaleFollowUp(ctx, tx, c.CustomerID)
		if errors.Is(err, store.ErrNotFound) {
			return ErrNoSale
		}
		if err != nil {
			return fmt.Errorf("reading customer %d's latest sale: %w", c.CustomerID, err)
		}
		if err := activeCause(ctx, tx, c.Category, invalid.New("category", CodeCategory)); err != nil {
			return err
		}
		raised, err = s.raiseWithNote(ctx, tx, pendingIssue{
			CustomerID: c.CustomerID, SaleID: fu.SaleID, FollowUpID: fu.ID,
			Category: c.Category, Severity: c.Severity, Origin: "complaint",
		}, c.UserID, c.Actor, said)
		return err
	})
	return raised, err
}
