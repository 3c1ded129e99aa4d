package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/store"
)

const usage = `tamas: follow-up calls after every sale

Usage:
  tamas serve [--role web|worker|all] [--addr HOST:PORT] [--sweep-every DURATION]
                                                         run the web server and/or the workers
  tamas migrate [--status]                               apply (or show) database migrations
  tamas dev [--addr HOST:PORT] [--demo] [--demo-size small|large]
                                                         private database, demo data, serve
  tamas import sales FILE.csv [--source NAME] [--batch N]
                                                         bulk-import sales from CSV
  tamas apikey create SOURCE | list | revoke ID          manage shop API keys
  tamas webshop set SOURCE shopify|woocommerce [--category C] | list
                                                         take a web shop's order webhooks; the secret is read from standard input
  tamas user add NAME --role ROLE [--locale fa|en] [--name TEXT] [--timezone ZONE]
                                                         add a user; the password is read from standard input
  tamas script lint FILE | import FILE [--publish] | export NAME [--locale fa|en] [--version N]
                                                         check, store or print a call script (YAML)
  tamas setup                                            install the PostgreSQL server binaries if missing

Configuration comes from the environment; see README.md.
`

// env is what every command gets: the parsed configuration and the
// process's standard streams.
type env struct {
	cfg    config.Config
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func exitCode(err error) int {
	var u usageError
	if errors.As(err, &u) {
		return 2
	}
	var l lintExit
	if errors.As(err, &l) {
		return l.code
	}
	return 1
}

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(stdout, usage)
		return nil
	}
	cfg, err := config.Parse(getenv)
	if err != nil {
		return err
	}
	e := &env{
		cfg: cfg, getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel})),
	}
	err = e.dispatch(ctx, args[0], args[1:])
	// -h on a subcommand printed its flags already; that is not a failure.
	if u := (usageError{}); errors.As(err, &u) && u.msg == flag.ErrHelp.Error() {
		return nil
	}
	return err
}

func (e *env) dispatch(ctx context.Context, cmd string, rest []string) error {
	switch cmd {
	case "serve":
		return e.serve(ctx, rest)
	case "migrate":
		return e.migrate(ctx, rest)
	case "dev":
		return e.dev(ctx, rest)
	case "import":
		return e.importCmd(ctx, rest)
	case "apikey":
		return e.apikey(ctx, rest)
	case "webshop":
		return e.webshop(ctx, rest)
	case "setup":
		return e.setup(ctx, rest)
	case "user":
		return e.user(ctx, rest)
	case "script":
		return e.script(ctx, rest)
	default:
		return usageError{fmt.Sprintf("unknown command %q\n\n%s", cmd, usage)}
	}
}

// devURLFile is where a running `tamas dev` leaves its database URL, so that
// `tamas apikey` or `tamas import` in another terminal find the same database
// without DATABASE_URL.
const devURLFile = ".tamas/database_url"

// databaseURL is DATABASE_URL, or the URL of a running `tamas dev`.
func (e *env) databaseURL() (string, error) {
	if e.cfg.DatabaseURL != "" {
		return e.cfg.DatabaseURL, nil
	}
	b, err := os.ReadFile(devURLFile)
	if err == nil {
		return strings.TrimSpace(string(b)), nil
	}
	abs, _ := filepath.Abs(devURLFile)
	return "", fmt.Errorf("DATABASE_URL is not set and no `tamas dev` is running here (%s not found); set DATABASE_URL=postgres://… or start `make run`", abs)
}

func (e *env) connect(ctx context.Context) (*pgxpool.Pool, error) {
	url, err := e.databaseURL()
	if err != nil {
		return nil, err
	}
	return openPool(ctx, url, store.PoolOpts{})
}

// openPool opens a pool shaped by o and checks that the database answers.
// The administrative commands take pgxpool's defaults (store.PoolOpts{}):
// no statement timeout, for migrations and imports run long statements.
func openPool(ctx context.Context, url string, o store.PoolOpts) (*pgxpool.Pool, error) {
	pool, err := store.OpenPool(ctx, url, o)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_URL: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connecting to %s: %w", config.RedactURL(url), err)
	}
	return pool, nil
}
