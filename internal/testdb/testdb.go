// Package testdb gives each test its own database on a real PostgreSQL:
// TEST_DATABASE_URL when set, else a private cluster that the test binary
// starts and stops itself. Each database is cloned from a migrated
// template, so tests run in parallel without migrating each time.
package testdb

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver pgtestdb opens
	"github.com/peterldowns/pgtestdb"

	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/pgcluster"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
)

// adminURL is set once by Main before any test runs and only read after.
var adminURL string

// Main runs the package's tests; call it from TestMain.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	adminURL = os.Getenv("TEST_DATABASE_URL")
	if adminURL == "" {
		dir, err := os.MkdirTemp("", "tamas-test-pg-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "testdb:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		// os.MkdirTemp makes the directory 0700; the server runs as another
		// user when tests run as root.
		if err := os.Chmod(dir, 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "testdb:", err)
			return 1
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: dir, Fast: true, Out: os.Stderr})
		cancel()
		if err != nil {
			fmt.Fprintln(os.Stderr, "testdb: starting PostgreSQL:", err)
			return 1
		}
		defer c.Stop()
		adminURL = c.URL("postgres")
	}
	return m.Run()
}

// URL returns the connection URL of a fresh, migrated database.
func URL(t testing.TB) string {
	t.Helper()
	if adminURL == "" {
		t.Fatal("testdb: call testdb.Main from TestMain")
	}
	u, err := url.Parse(adminURL)
	if err != nil {
		t.Fatalf("testdb: TEST_DATABASE_URL: %v", err)
	}
	pw, _ := u.User.Password()
	conf := pgtestdb.Config{
		DriverName:                "pgx",
		Host:                      u.Hostname(),
		Port:                      u.Port(),
		User:                      u.User.Username(),
		Password:                  pw,
		Database:                  u.Path[1:],
		Options:                   u.RawQuery,
		ForceTerminateConnections: true,
	}
	return pgtestdb.Custom(t, conf, migrator{}).URL()
}

// New returns a pool on a fresh, migrated database, closed when the test ends.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), URL(t))
	if err != nil {
		t.Fatalf("testdb: connecting: %v", err)
	}
	t.Cleanup(pool.Close)
	return pool
}

type migrator struct{}

// Hash covers the seeded default scripts too: a template migrated before
// they changed must not be reused.
func (migrator) Hash() (string, error) {
	schema, err := store.SchemaFingerprint()
	if err != nil {
		return "", err
	}
	seed, err := json.Marshal(scripts.Seed())
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(seed)
	return schema + hex.EncodeToString(sum[:4]), nil
}

func (migrator) Migrate(ctx context.Context, _ *sql.DB, conf pgtestdb.Config) error {
	pool, err := pgxpool.New(ctx, conf.URL())
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := store.NewMigrator(pool).Up(ctx); err != nil {
		return err
	}
	return editor.EnsureDefaultScripts(ctx, pool)
}
