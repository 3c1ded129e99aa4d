package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// Every generated query maps a missing row to store.ErrNotFound itself, so
// no caller has to know pgx.ErrNoRows; this fails if `make generate` stops
// writing the mapping into the generated code.
func TestMissingRowIsErrNotFound(t *testing.T) {
	t.Parallel()
	pool := testdb.New(t)
	ctx := context.Background()
	q := store.New()

	_, err := q.UserGet(ctx, pool, -1)
	if !errors.Is(err, store.ErrNotFound) || errors.Is(err, pgx.ErrNoRows) {
		t.Fatalf("UserGet of a missing id: got %v, want store.ErrNotFound", err)
	}
	err = store.InTx(ctx, pool, func(tx pgx.Tx) error {
		_, err := q.UserGetByUsername(ctx, tx, "nobody-has-this-name")
		return err
	})
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("UserGetByUsername in a transaction: got %v, want store.ErrNotFound", err)
	}
	if _, err := q.UserList(ctx, pool); err != nil {
		t.Fatalf("a list with rows or none is no error: %v", err)
	}
}
