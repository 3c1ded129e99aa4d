// Package store holds the schema, the SQL queries and the transactions of
// tamas. It is the only package that speaks SQL.
package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrNotFound is what a query reading one row returns when there is none,
// in place of pgx.ErrNoRows, so callers never depend on the driver.
var ErrNotFound = errors.New("not found")

// interpretError is applied to every error the generated queries return
// (`make generate` writes the calls after sqlc), the way River's driver maps
// driver errors in one place.
func interpretError(err error) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// InTx runs fn in a transaction that is committed when fn returns nil and
// rolled back otherwise.
func InTx(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	if err := pgx.BeginFunc(ctx, pool, fn); err != nil {
		return fmt.Errorf("transaction: %w", err)
	}
	return nil
}

// InTxRetry is InTx for transactions that lock rows other transactions may
// lock in another order: a deadlock (or a serialization failure) rolls
// back only the transaction PostgreSQL chose, and running it again
// succeeds. fn must be safe to run more than once.
func InTxRetry(ctx context.Context, pool *pgxpool.Pool, fn func(pgx.Tx) error) error {
	const attempts = 3
	var err error
	for range attempts {
		err = InTx(ctx, pool, fn)
		var pgErr *pgconn.PgError
		if !errors.As(err, &pgErr) || (pgErr.Code != "40P01" && pgErr.Code != "40001") {
			return err
		}
	}
	return err
}
