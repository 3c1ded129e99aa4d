package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// VacuumAnalyze brings the planner's statistics and the visibility map up
// to date after a bulk load, so that the report index is read index-only.
// It cannot run inside a transaction, which is why it is not a query.
func VacuumAnalyze(ctx context.Context, pool *pgxpool.Pool, tables ...string) error {
	for _, t := range tables {
		if _, err := pool.Exec(ctx, "VACUUM (ANALYZE) "+pgx.Identifier{t}.Sanitize()); err != nil {
			return fmt.Errorf("vacuuming %s: %w", t, err)
		}
	}
	return nil
}
