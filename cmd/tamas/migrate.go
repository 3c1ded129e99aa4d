package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/store"
)

func (e *env) migrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	status := fs.Bool("status", false, "show where the database stands instead of migrating")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	m := store.NewMigrator(pool)
	if *status {
		st, err := m.Status(ctx)
		if err != nil {
			return err
		}
		for _, l := range st.Lines {
			fmt.Fprintln(e.stdout, l)
		}
		if st.Current {
			fmt.Fprintln(e.stdout, "schema is current")
		} else {
			fmt.Fprintln(e.stdout, "schema is behind: run `tamas migrate`")
		}
		return nil
	}
	lines, err := m.Up(ctx)
	if err != nil {
		return err
	}
	for _, l := range lines {
		fmt.Fprintln(e.stdout, l)
	}
	if err := editor.EnsureDefaultScripts(ctx, pool); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "schema is current")
	return nil
}
