package main

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/tamas-app/tamas/internal/apikey"
	"github.com/tamas-app/tamas/internal/store"
)

func (e *env) apikey(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("apikey", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	args = fs.Args()
	if len(args) == 0 {
		return usageError{"usage: tamas apikey create SOURCE | list | revoke ID"}
	}
	switch args[0] {
	case "create":
		if len(args) != 2 || strings.TrimSpace(args[1]) == "" {
			return usageError{"usage: tamas apikey create SOURCE (the shop system's name, e.g. pos-tehran)"}
		}
		return e.apikeyCreate(ctx, strings.TrimSpace(args[1]))
	case "list":
		return e.apikeyList(ctx)
	case "revoke":
		if len(args) != 2 {
			return usageError{"usage: tamas apikey revoke ID"}
		}
		id, err := strconv.ParseInt(args[1], 10, 64)
		if err != nil || id <= 0 {
			return usageError{fmt.Sprintf("revoke: %q is not a key id; see `tamas apikey list`", args[1])}
		}
		return e.apikeyRevoke(ctx, id)
	default:
		return usageError{fmt.Sprintf("unknown apikey command %q; use create, list or revoke", args[0])}
	}
}

func (e *env) apikeyCreate(ctx context.Context, sourceName string) error {
	if len(sourceName) > 100 {
		return usageError{"create: SOURCE is longer than 100 characters"}
	}
	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	key, err := createAPIKey(ctx, pool, sourceName)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s\n", key.Secret)
	fmt.Fprintf(e.stderr, "API key for source %q created. It is shown only this once: store it in the shop system now.\n", sourceName)
	return nil
}

func createAPIKey(ctx context.Context, db store.DBTX, sourceName string) (apikey.Key, error) {
	q := store.New()
	src, err := q.SourceEnsure(ctx, db, sourceName)
	if err != nil {
		return apikey.Key{}, fmt.Errorf("creating source: %w", err)
	}
	key := apikey.Generate()
	if _, err := q.APIKeyInsert(ctx, db, store.APIKeyInsertParams{SourceID: src.ID, Prefix: key.Prefix, KeyHash: key.Hash}); err != nil {
		return apikey.Key{}, fmt.Errorf("storing API key: %w", err)
	}
	return key, nil
}

func (e *env) apikeyList(ctx context.Context) error {
	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	rows, err := store.New().APIKeyList(ctx, pool)
	if err != nil {
		return fmt.Errorf("listing API keys: %w", err)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tSOURCE\tKEY\tCREATED\tLAST USED\tSTATUS")
	for _, r := range rows {
		status := "active"
		if r.RevokedAt != nil {
			status = "revoked " + r.RevokedAt.UTC().Format(time.DateTime)
		}
		lastUsed := "never"
		if r.LastUsedAt != nil {
			lastUsed = r.LastUsedAt.UTC().Format(time.DateTime)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s…\t%s\t%s\t%s\n", r.ID, r.SourceName, r.Prefix,
			r.CreatedAt.UTC().Format(time.DateTime), lastUsed, status)
	}
	return tw.Flush()
}

func (e *env) apikeyRevoke(ctx context.Context, id int64) error {
	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	n, err := store.New().APIKeyRevoke(ctx, pool, id)
	if err != nil {
		return fmt.Errorf("revoking API key: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("no active API key with id %d; see `tamas apikey list`", id)
	}
	fmt.Fprintf(e.stdout, "API key %d revoked\n", id)
	return nil
}
