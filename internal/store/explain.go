package store

import (
	"context"
	"strings"
	"time"
)

// ExplainReports runs EXPLAIN (ANALYZE, BUFFERS) on the report queries
// with p's range and filters and returns the plans, for the benchmark to
// show what the database did on a year of data. Run it in ReportTx, as
// the pages run the queries.
func ExplainReports(ctx context.Context, db DBTX, p ReportFollowUpsParams, from time.Time) (map[string]string, error) {
	plans := map[string]string{}
	for name, c := range map[string]struct {
		sql  string
		args []any
	}{
		"ReportFollowUps": {reportFollowUps, []any{p.StrideDays, p.Tz, p.Origin, p.NeutralRatingLo, p.NeutralRatingHi, p.NeutralNpsLo, p.NeutralNpsHi,
			p.LiveFrom, p.ToAt, p.BranchID, p.Category, p.Script, p.RolledFrom, p.RolledTo}},
		"ReportIssues": {reportIssues, []any{from, p.ToAt, p.BranchID, p.Category, p.Script}},
		"SilentList": {silentList, []any{from, p.ToAt, p.BranchID, p.Category,
			p.NeutralRatingLo, p.NeutralRatingHi, p.NeutralNpsLo, p.NeutralNpsHi, 0, 50}},
	} {
		plan, err := explain(ctx, db, c.sql, c.args...)
		if err != nil {
			return nil, err
		}
		plans[name] = plan
	}
	return plans, nil
}

// ExplainRecovery runs EXPLAIN (ANALYZE, BUFFERS) on the recovery report
// from the base tables (the page's live tail) with p, for the benchmark.
func ExplainRecovery(ctx context.Context, db DBTX, p RecoveryReportParams) (string, error) {
	return explain(ctx, db, recoveryReport, p.Now, p.FromAt, p.ToAt, p.BranchID, p.Category)
}

// ExplainRecoveryRollup runs EXPLAIN (ANALYZE, BUFFERS) on the recovery
// report's sum of its rollup with p, for the benchmark.
func ExplainRecoveryRollup(ctx context.Context, db DBTX, p RecoveryRollupParams) (string, error) {
	return explain(ctx, db, recoveryRollup, p.Today, p.RolledFrom, p.RolledTo, p.BranchID, p.Category)
}

func explain(ctx context.Context, db DBTX, sql string, args ...any) (string, error) {
	rows, err := db.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS, SETTINGS) "+sql, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n"), rows.Err()
}
