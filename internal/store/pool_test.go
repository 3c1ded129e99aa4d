package store_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tamas-app/tamas/internal/store"
)

// TAMAS_DB_MAX_CONNS wins over pool_max_conns, which wins over the default.
func TestPoolConfigSize(t *testing.T) {
	t.Parallel()
	const base = "postgres://tamas@localhost:5432/tamas"
	for _, tt := range []struct {
		url  string
		o    store.PoolOpts
		want int32
	}{
		{base, store.PoolOpts{UseDefault: true}, store.DefaultMaxConns},
		{base + "?pool_max_conns=7", store.PoolOpts{UseDefault: true}, 7},
		{base + "?pool_max_conns=7", store.PoolOpts{UseDefault: true, MaxConns: 24}, 24},
		{"host=localhost dbname=tamas pool_max_conns=5", store.PoolOpts{UseDefault: true}, 5},
		{base, store.PoolOpts{MaxConns: 3}, 3},
	} {
		cfg, err := store.PoolConfig(tt.url, tt.o)
		if err != nil {
			t.Fatalf("%s: %v", tt.url, err)
		}
		if cfg.MaxConns != tt.want {
			t.Errorf("%s %+v: MaxConns %d, want %d", tt.url, tt.o, cfg.MaxConns, tt.want)
		}
	}
}

func TestPoolConfigTimeouts(t *testing.T) {
	t.Parallel()
	cfg, err := store.PoolConfig("postgres://tamas@localhost/tamas?application_name=mine", store.PoolOpts{
		Name: "tamas-web", StatementTimeout: 10 * time.Second, LockTimeout: 5 * time.Second,
		IdleInTxTimeout: 20 * time.Second, ConnectTimeout: 10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.ConnConfig.RuntimeParams
	want := map[string]string{"statement_timeout": "10000", "lock_timeout": "5000",
		"idle_in_transaction_session_timeout": "20000", "application_name": "mine"}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %q, want %q", k, p[k], v)
		}
	}
	if cfg.ConnConfig.ConnectTimeout != 10*time.Second {
		t.Errorf("connect timeout %s, want 10s", cfg.ConnConfig.ConnectTimeout)
	}
	plain, err := store.PoolConfig("postgres://tamas@localhost/tamas", store.PoolOpts{})
	if err != nil {
		t.Fatal(err)
	}
	if _, set := plain.ConnConfig.RuntimeParams["statement_timeout"]; set {
		t.Error("a pool without timeouts got a statement_timeout")
	}
}

func TestUnavailable(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("syntax error"), false},
		{store.ErrNotFound, false},
		{&pgconn.PgError{Code: "23505"}, false},
		{fmt.Errorf("claiming: %w", context.DeadlineExceeded), true},
		{&pgconn.PgError{Code: "57014"}, true},
		{&pgconn.PgError{Code: "55P03"}, true},
		{&pgconn.PgError{Code: "53300"}, true},
		{&pgconn.PgError{Code: "57P01"}, true},
		{&pgconn.PgError{Code: "08006"}, true},
		{fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), true},
		{fmt.Errorf("query: %w", pgconn.ErrConnClosed), true},
	} {
		if got := store.Unavailable(tt.err); got != tt.want {
			t.Errorf("Unavailable(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
