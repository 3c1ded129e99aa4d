package demo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/store"
)

// LargeSource is the shop system the large data set's sales come from; its
// presence means the set is loaded.
const LargeSource = "demo-large"

// ErrLargeLoaded is returned when the large data set is already there.
var ErrLargeLoaded = errors.New("the large demo data set is already loaded (source " + LargeSource + "); it is loaded once per database")

// LargeSize is how big the large data set is.
type LargeSize struct {
	Customers int
	Sales     int
}

// Large is a year of a big shop chain: a million sales and follow-ups,
// about 850,000 answered with some 4.8 million answers, 50,000 issues with
// root causes and recovery calls, and some 100,000 repeat sales whose
// chance follows the outcome of the customer's last follow-up (see
// docs/recovery.md). Customers buy about twice a year by chance, so
// that a repeat purchase within months says something.
var Large = LargeSize{Customers: 600_000, Sales: 1_000_000}

// LargeCounts is what LoadLarge wrote.
type LargeCounts struct {
	Customers, Sales, FollowUps, Issues, Recoveries, Responses, Answers, Triggers int64
	// RepeatSales are the sales made after a follow-up's outcome, counted
	// in Sales too.
	RepeatSales int64
	Took        time.Duration
}

// LoadLarge generates the large data set in one transaction, so a failed
// load leaves nothing behind and a second load is refused. It needs the
// default scripts (editor.EnsureDefaultScripts).
func LoadLarge(ctx context.Context, pool *pgxpool.Pool, size LargeSize, now time.Time) (LargeCounts, error) {
	start := time.Now()
	var n LargeCounts
	q := store.New()
	version, err := q.ScriptVersionCurrent(ctx, pool, store.ScriptVersionCurrentParams{Name: "default", Locale: "fa"})
	if err != nil {
		return n, fmt.Errorf("reading the default script (run the migrations and start tamas once): %w", err)
	}
	err = store.InTx(ctx, pool, func(tx pgx.Tx) error {
		// Two loads at once both pass this check; the second then fails on
		// the customers' unique phones and rolls back whole.
		exists, err := q.SourceExists(ctx, tx, LargeSource)
		if err != nil {
			return err
		}
		if exists {
			return ErrLargeLoaded
		}
		src, err := q.SourceEnsure(ctx, tx, LargeSource)
		if err != nil {
			return err
		}
		var repeatFollowUps int64
		steps := []struct {
			what, table string
			dst         *int64
			run         func() (int64, error)
		}{
			{"customers", "customers", &n.Customers, func() (int64, error) { return q.DemoLargeCustomers(ctx, tx, int32(size.Customers)) }},
			{"sales", "sales", &n.Sales, func() (int64, error) {
				return q.DemoLargeSales(ctx, tx, store.DemoLargeSalesParams{SourceID: src.ID, Customers: int32(size.Customers), Now: now, Sales: int32(size.Sales)})
			}},
			{"follow-ups", "follow_ups", &n.FollowUps, func() (int64, error) {
				return q.DemoLargeFollowUps(ctx, tx, store.DemoLargeFollowUpsParams{ScriptVersionID: version.ID, Now: now, SourceID: src.ID})
			}},
			{"issues", "issues", &n.Issues, func() (int64, error) {
				return q.DemoLargeIssues(ctx, tx, store.DemoLargeIssuesParams{Now: now, SourceID: src.ID})
			}},
			{"recovery calls", "follow_ups", &n.Recoveries, func() (int64, error) {
				return q.DemoLargeRecoveries(ctx, tx, store.DemoLargeRecoveriesParams{SourceID: src.ID, Now: now, ScriptVersionID: version.ID})
			}},
			{"repeat sales", "sales", &n.RepeatSales, func() (int64, error) {
				return q.DemoLargeRepeatSales(ctx, tx, store.DemoLargeRepeatSalesParams{SourceID: src.ID, Now: now})
			}},
			{"follow-ups of the repeat sales", "follow_ups", &repeatFollowUps, func() (int64, error) {
				return q.DemoLargeFollowUps(ctx, tx, store.DemoLargeFollowUpsParams{ScriptVersionID: version.ID, Now: now, SourceID: src.ID})
			}},
			{"responses", "responses", &n.Responses, func() (int64, error) { return q.DemoLargeResponses(ctx, tx, src.ID) }},
			{"answers", "answers", &n.Answers, func() (int64, error) { return q.DemoLargeAnswers(ctx, tx, src.ID) }},
			{"issue triggers", "issue_triggers", &n.Triggers, func() (int64, error) { return q.DemoLargeIssueTriggers(ctx, tx, src.ID) }},
		}
		for _, s := range steps {
			if *s.dst, err = s.run(); err != nil {
				return fmt.Errorf("generating %s: %w", s.what, err)
			}
			if err := store.Analyze(ctx, tx, s.table); err != nil {
				return err
			}
		}
		n.Sales += n.RepeatSales
		n.FollowUps += repeatFollowUps
		if err := reports.RefreshDays(ctx, tx, now, true); err != nil {
			return err
		}
		return reports.RefreshRecovery(ctx, tx, now, true)
	})
	if err != nil {
		return n, err
	}
	if err := store.VacuumAnalyze(ctx, pool, "customers", "sales", "follow_ups", "responses", "answers", "issues", "issue_triggers", "report_days", "recovery_days"); err != nil {
		return n, err
	}
	n.Took = time.Since(start)
	return n, nil
}

func (n LargeCounts) String() string {
	return fmt.Sprintf("%d customers, %d sales (%d repeat), %d follow-ups (%d recovery calls), %d responses, %d answers, %d issues, %d issue triggers in %s",
		n.Customers, n.Sales, n.RepeatSales, n.FollowUps+n.Recoveries, n.Recoveries, n.Responses, n.Answers, n.Issues, n.Triggers, n.Took.Round(time.Second))
}
