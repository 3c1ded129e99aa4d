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
		rows, err := db.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS, SETTINGS) "+c.sql, c.args...)
		if err != nil {
			return nil, err
		}
		var lines []string
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				rows.Close()
				return nil, err
			}
			lines = append(lines, line)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		plans[name] = strings.Join(lines, "\n")
	}
	return plans, nil
}
