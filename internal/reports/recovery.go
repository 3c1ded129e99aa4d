package reports

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

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
func (s *Service) Recovery(ctx context.Context, rq Query) (Recovery, error) {
	out := Recovery{Now: s.now()}
	from, to := rq.Range.Instants(rq.Loc)
	err := store.ReportTx(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := store.New().RecoveryReport(ctx, tx, store.RecoveryReportParams{
			Now: out.Now, FromAt: from, ToAt: to, BranchID: rq.BranchID, Category: rq.Category,
		})
		if err != nil {
			return fmt.Errorf("counting repeat purchases: %w", err)
		}
		out.All, out.ByBranch, out.ByCategory = repeatRows(rows)
		out.BranchNames, err = BranchNames(ctx, tx)
		return err
	})
	return out, err
}

// repeatRows arranges the query's rows into the report's lines; branches
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
		line.Cells[o] = []report.Repeat{{Bought: r.Bought30, Units: r.N30}, {Bought: r.Bought90, Units: r.N90}, {Bought: r.Bought180, Units: r.N180}}
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
