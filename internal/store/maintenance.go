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

// Analyze refreshes the planner's statistics of tables inside a
// transaction, so that each step of a bulk load is planned on the rows the
// steps before it wrote rather than on an empty table.
func Analyze(ctx context.Context, db DBTX, tables ...string) error {
	for _, t := range tables {
		if _, err := db.Exec(ctx, "ANALYZE "+pgx.Identifier{t}.Sanitize()); err != nil {
			return fmt.Errorf("analysing %s: %w", t, err)
		}
	}
	return nil
}

// ReportTx runs a report's queries in one read-only snapshot, so its
// figures agree with each other; without JIT compilation, which took one
// to three seconds for a report's aggregate on this kind of machine, many
// times what running it takes; and with enough memory that a year's
// sorts stay off the disk (see BenchmarkReports).
func ReportTx(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	return pgx.BeginTxFunc(ctx, pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SET LOCAL jit = off; SET LOCAL work_mem = '32MB'"); err != nil {
			return err
		}
		return fn(tx)
	})
}

// FoldFollowUpCounts folds the counter rows of backends that have gone and
// drops empty ones (FollowUpCountsFold), in one transaction so a count
// read meanwhile never misses the moved rows.
func FoldFollowUpCounts(ctx context.Context, pool *pgxpool.Pool) error {
	q := New()
	return InTx(ctx, pool, func(tx pgx.Tx) error {
		if err := q.FollowUpCountsFold(ctx, tx); err != nil {
			return fmt.Errorf("folding follow-up counts: %w", err)
		}
		if err := q.FollowUpCountsDropZeros(ctx, tx); err != nil {
			return fmt.Errorf("dropping empty follow-up counts: %w", err)
		}
		return nil
	})
}
