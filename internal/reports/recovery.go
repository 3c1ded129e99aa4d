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

// Grouping sets of RecoveryReport, as GROUPING() numbers them.
const (
	recoveryAll      = 3 // (outcome)
	recoveryBranch   = 1 // (outcome, branch)
	recoveryCategory = 2 // (outcome, category)
)

// RepeatRow is one line of the recovery report: a repeat purchase count
// per window (report.Windows) for each outcome (report.Outcomes).
type RepeatRow struct {
	BranchID int64  // in ByBranch; 0: no branch
	Category string // in ByCategory
	// Cells[outcome][window], in the order of report.Outcomes and
	// report.Windows.
	Cells [][]report.Repeat
}

// Recovery is the recovery report of a range.
type Recovery struct {
	// Now is the moment the windows were measured against.
	Now        time.Time
	All        RepeatRow
	ByBranch   []RepeatRow
	ByCategory []RepeatRow
	// BranchNames are every branch by id, read in the same snapshot.
	BranchNames map[int64]store.Branch
}

// Recovery runs the recovery report (docs/recovery.md) on the ended
// follow-ups of sales due in rq's range; rq.Script is not a filter of it.
// Due days the rollup (recovery_days) holds are summed from it, the days
// since are computed from follow-ups and sales.
func (s *Service) Recovery(ctx context.Context, rq Query) (out Recovery, err error) {
	err = store.ReportTx(ctx, s.pool, func(tx pgx.Tx) error {
		out, err = RecoveryIn(ctx, tx, s.now(), rq)
		return err
	})
	return out, err
}

// RecoveryIn is Service.Recovery in tx, measured against now.
func RecoveryIn(ctx context.Context, tx pgx.Tx, now time.Time, rq Query) (Recovery, error) {
	out := Recovery{Now: now}
	q := store.New()
	built, err := q.RecoveryDaysState(ctx, tx)
	if err != nil {
		return out, fmt.Errorf("reading the recovery rollup state: %w", err)
	}
	var through time.Time
	if built.Valid {
		through = built.Time
	}
	_, to := rq.Range.Instants(rq.Loc)
	liveFrom, rolledFrom, rolledTo := rq.Range.Split(rq.Loc, through)
	rolled, err := q.RecoveryRollup(ctx, tx, store.RecoveryRollupParams{
		Today: report.Day(now, time.UTC), RolledFrom: rolledFrom, RolledTo: rolledTo,
		BranchID: rq.BranchID, Category: rq.Category,
	})
	if err != nil {
		return out, fmt.Errorf("summing rolled-up repeat purchases: %w", err)
	}
	live, err := q.RecoveryReport(ctx, tx, store.RecoveryReportParams{
		Now: now, FromAt: liveFrom, ToAt: to, BranchID: rq.BranchID, Category: rq.Category,
	})
	if err != nil {
		return out, fmt.Errorf("counting repeat purchases: %w", err)
	}
	for _, r := range rolled {
		live = append(live, store.RecoveryReportRow(r))
	}
	out.All, out.ByBranch, out.ByCategory = repeatRows(live)
	out.BranchNames, err = BranchNames(ctx, tx)
	return out, err
}

// RefreshRecovery recounts the recovery rollup's due days in tx, which it
// locks against a concurrent refresh: the last report.RecoveryRecheckDays
// (and any since the last refresh), or every day when full. Pages keep
// reading the previous counts until tx commits.
func RefreshRecovery(ctx context.Context, tx pgx.Tx, now time.Time, full bool) error {
	q := store.New()
	built, err := q.RecoveryDaysStateForUpdate(ctx, tx)
	if err != nil {
		return fmt.Errorf("reading the recovery rollup state: %w", err)
	}
	var through time.Time
	if built.Valid {
		through = built.Time
	}
	from, to := report.RecoveryRollupPlan(through, report.Day(now, time.UTC), full)
	if err := q.RecoveryDaysDelete(ctx, tx, store.RecoveryDaysDeleteParams{FromDay: from, ToDay: to}); err != nil {
		return fmt.Errorf("clearing rolled-up repeat purchases: %w", err)
	}
	if _, err := q.RecoveryDaysInsert(ctx, tx, store.RecoveryDaysInsertParams{FromDay: from, ToDay: to}); err != nil {
		return fmt.Errorf("rolling up repeat purchases: %w", err)
	}
	if err := q.RecoveryDaysSetBuilt(ctx, tx, to); err != nil {
		return fmt.Errorf("recording the recovery rollup's end: %w", err)
	}
	return nil
}

// RefreshRecovery recounts the recovery rollup in its own transaction.
func (s *Service) RefreshRecovery(ctx context.Context, full bool) error {
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		return RefreshRecovery(ctx, tx, s.now(), full)
	})
}

// repeatRows arranges the queries' rows into the report's lines, adding
// up rows of the same cell; branches
// and categories keep the order they first appear in, which the caller
// sorts by name.
func repeatRows(rows []store.RecoveryReportRow) (all RepeatRow, byBranch, byCategory []RepeatRow) {
	all = newRepeatRow()
	branchAt, categoryAt := map[int64]int{}, map[string]int{}
	for _, r := range rows {
		o := outcomeIndex(r.Outcome)
		if o < 0 {
			continue
		}
		var line *RepeatRow
		switch r.Grp {
		case recoveryAll:
			line = &all
		case recoveryBranch:
			i, ok := branchAt[r.BranchID]
			if !ok {
				i = len(byBranch)
				branchAt[r.BranchID] = i
				row := newRepeatRow()
				row.BranchID = r.BranchID
				byBranch = append(byBranch, row)
			}
			line = &byBranch[i]
		case recoveryCategory:
			i, ok := categoryAt[r.Category]
			if !ok {
				i = len(byCategory)
				categoryAt[r.Category] = i
				row := newRepeatRow()
				row.Category = r.Category
				byCategory = append(byCategory, row)
			}
			line = &byCategory[i]
		default:
			continue
		}
		// The rollup and the live tail each give a row of the same cell.
		for w, c := range []report.Repeat{{Bought: r.Bought30, Units: r.N30}, {Bought: r.Bought90, Units: r.N90}, {Bought: r.Bought180, Units: r.N180}} {
			line.Cells[o][w].Bought += c.Bought
			line.Cells[o][w].Units += c.Units
		}
	}
	return all, byBranch, byCategory
}

func newRepeatRow() RepeatRow {
	r := RepeatRow{Cells: make([][]report.Repeat, len(report.Outcomes))}
	for i := range r.Cells {
		r.Cells[i] = make([]report.Repeat, len(report.Windows))
	}
	return r
}

func outcomeIndex(o string) int {
	for i, v := range report.Outcomes {
		if v == o {
			return i
		}
	}
	return -1
}

// RecoveryDaysArgs refreshes the recovery report's rollup
// (recovery_days): the recent due days every few minutes, everything once
// a day (Full), so that a late recovery or a sale entered late is counted
// too.
type RecoveryDaysArgs struct {
	Full bool `json:"full"`
}

func (RecoveryDaysArgs) Kind() string { return "recovery_days" }

func (RecoveryDaysArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
