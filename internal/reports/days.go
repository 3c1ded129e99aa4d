package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/store"
)

// DaysArgs refreshes the reports' rollup (report_days): the recent weeks
// every few minutes, everything once a day (Full), so that answers
// recorded long after a call was due are counted too.
type DaysArgs struct {
	Full bool `json:"full"`
}

func (DaysArgs) Kind() string { return "report_days" }

func (DaysArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// RefreshDays recounts the rollup's days in tx, which it locks against a
// concurrent refresh; full recounts every day. Reports keep reading the
// previous counts until tx commits.
func RefreshDays(ctx context.Context, tx pgx.Tx, now time.Time, full bool) error {
	q := store.New()
	built, err := q.ReportDaysStateForUpdate(ctx, tx)
	if err != nil {
		return fmt.Errorf("reading the rollup state: %w", err)
	}
	var through time.Time
	if built.Valid {
		through = built.Time
	}
	from, to := report.RollupPlan(through, report.Day(now, time.UTC), full)
	if err := q.ReportDaysDelete(ctx, tx, store.ReportDaysDeleteParams{FromDay: from, ToDay: to}); err != nil {
		return fmt.Errorf("clearing rolled-up days: %w", err)
	}
	if _, err := q.ReportDaysInsert(ctx, tx, store.ReportDaysInsertParams{FromDay: from, ToDay: to}); err != nil {
		return fmt.Errorf("rolling up days: %w", err)
	}
	if err := q.ReportDaysSetBuilt(ctx, tx, to); err != nil {
		return fmt.Errorf("recording the rollup's end: %w", err)
	}
	return nil
}

// Refresh recounts the rollup in its own transaction.
func (s *Service) Refresh(ctx context.Context, full bool) error {
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		return RefreshDays(ctx, tx, s.now(), full)
	})
}
