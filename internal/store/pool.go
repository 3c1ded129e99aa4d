package store

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DefaultMaxConns is the web pool's size when neither TAMAS_DB_MAX_CONNS
// nor pool_max_conns says otherwise. Two hundred agents fit: 200 claimers
// on 8 connections claimed ~8× faster than on 200 (LIBRARIES.md), because a
// 2-core server runs only a few statements at once; the rest only queue
// inside PostgreSQL instead of in the pool.
const DefaultMaxConns = 16

// PoolOpts shapes one pool. The zero value is pgxpool's configuration
// from the URL alone.
type PoolOpts struct {
	// MaxConns, when above zero, wins over the URL's pool_max_conns;
	// DefaultMaxConns applies when both are absent and UseDefault is set.
	MaxConns   int32
	UseDefault bool
	// Name is the connections' application_name unless the URL gives
	// one: pg_stat_activity then shows which pool a backend belongs to.
	Name string
	// StatementTimeout, LockTimeout and IdleInTxTimeout become the
	// connections' statement_timeout, lock_timeout and
	// idle_in_transaction_session_timeout; zero leaves the server's.
	StatementTimeout time.Duration
	// ConnectTimeout applies unless the URL sets connect_timeout. pgxpool
	// goes on connecting after the request that asked has given up, so
	// without one a server that accepts but never answers keeps the pool's
	// places taken.
	ConnectTimeout  time.Duration
	LockTimeout     time.Duration
	IdleInTxTimeout time.Duration
}

// PoolConfig parses url (a URL or key=value settings) into a pool
// configuration shaped by o.
func PoolConfig(url string, o PoolOpts) (*pgxpool.Config, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	if o.MaxConns > 0 {
		cfg.MaxConns = o.MaxConns
	} else if o.UseDefault && !setsMaxConns(url) {
		cfg.MaxConns = DefaultMaxConns
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = o.ConnectTimeout
	}
	params := cfg.ConnConfig.RuntimeParams
	if _, set := params["application_name"]; !set && o.Name != "" {
		params["application_name"] = o.Name
	}
	for name, d := range map[string]time.Duration{
		"statement_timeout":                   o.StatementTimeout,
		"lock_timeout":                        o.LockTimeout,
		"idle_in_transaction_session_timeout": o.IdleInTxTimeout,
	} {
		if d > 0 {
			params[name] = strconv.FormatInt(d.Milliseconds(), 10)
		}
	}
	return cfg, nil
}

// setsMaxConns reports whether the connection settings name
// pool_max_conns: pgxpool.ParseConfig removes it after reading it, so the
// only place left to look is a plain parse.
func setsMaxConns(url string) bool {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return false
	}
	_, ok := cfg.RuntimeParams["pool_max_conns"]
	return ok
}

// OpenPool opens a pool shaped by o. It does not connect: the caller pings
// when it wants to know the database is there.
func OpenPool(ctx context.Context, url string, o PoolOpts) (*pgxpool.Pool, error) {
	cfg, err := PoolConfig(url, o)
	if err != nil {
		return nil, err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("opening the %s pool: %w", cmp.Or(o.Name, "database"), err)
	}
	return pool, nil
}
