package main

import (
	"context"
	"fmt"

	"github.com/tamas-app/tamas/internal/pgcluster"
)

// setup installs what tamas needs on this machine and is missing: today the
// PostgreSQL server binaries for the private clusters of `tamas dev` and the
// tests. `make` runs it once before tests start their clusters in parallel.
func (e *env) setup(ctx context.Context, args []string) error {
	if len(args) > 0 {
		return usageError{"usage: tamas setup"}
	}
	bin, err := pgcluster.EnsureInstalled(ctx, e.stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "PostgreSQL server binaries: %s\n", bin)
	return nil
}
