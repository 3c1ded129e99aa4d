package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// Migrator applies tamas's own migrations, then River's.
type Migrator struct {
	pool *pgxpool.Pool
}

func NewMigrator(pool *pgxpool.Pool) *Migrator {
	return &Migrator{pool: pool}
}

// provider builds goose's provider. Only migrating takes the session lock,
// which lets two copies of `tamas migrate` start at once without applying a
// migration twice; reading the status must not wait behind a long migration.
func (m *Migrator) provider(db *sql.DB, locked bool) (*goose.Provider, error) {
	dir, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var opts []goose.ProviderOption
	if locked {
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	return goose.NewProvider(goose.DialectPostgres, db, dir, opts...)
}

// Up applies every pending migration and returns one line per change.
func (m *Migrator) Up(ctx context.Context) ([]string, error) {
	db := stdlib.OpenDBFromPool(m.pool)
	defer db.Close()
	p, err := m.provider(db, true)
	if err != nil {
		return nil, fmt.Errorf("loading migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return nil, fmt.Errorf("applying tamas migrations: %w", err)
	}
	var lines []string
	for _, r := range results {
		lines = append(lines, fmt.Sprintf("tamas %05d %s applied", r.Source.Version, r.Source.Path))
	}
	rm, err := rivermigrate.New(riverpgxv5.New(m.pool), nil)
	if err != nil {
		return nil, fmt.Errorf("loading River migrations: %w", err)
	}
	res, err := rm.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, fmt.Errorf("applying River migrations: %w", err)
	}
	for _, v := range res.Versions {
		lines = append(lines, fmt.Sprintf("river %03d %s applied", v.Version, v.Name))
	}
	return lines, nil
}

// Status describes where the database stands. Current is false when either
// tamas's or River's schema is behind this binary.
type Status struct {
	Current bool
	Lines   []string
}

func (m *Migrator) Status(ctx context.Context) (Status, error) {
	db := stdlib.OpenDBFromPool(m.pool)
	defer db.Close()
	p, err := m.provider(db, false)
	if err != nil {
		return Status{}, fmt.Errorf("loading migrations: %w", err)
	}
	st := Status{Current: true}
	// goose creates its version table when asked for the status; a server
	// checking whether it may start must not change the schema.
	var hasTable bool
	if err := m.pool.QueryRow(ctx, "SELECT to_regclass('goose_db_version') IS NOT NULL").Scan(&hasTable); err != nil {
		return Status{}, fmt.Errorf("reading migration status: %w", err)
	}
	if !hasTable {
		for _, src := range p.ListSources() {
			st.Lines = append(st.Lines, fmt.Sprintf("tamas %05d %-30s pending", src.Version, src.Path))
		}
		st.Current = false
		st.Lines = append(st.Lines, "river schema not checked")
		return st, nil
	}
	statuses, err := p.Status(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("reading migration status: %w", err)
	}
	for _, s := range statuses {
		state := "applied " + s.AppliedAt.UTC().Format("2006-01-02 15:04:05Z")
		if s.State == goose.StatePending {
			state = "pending"
			st.Current = false
		}
		st.Lines = append(st.Lines, fmt.Sprintf("tamas %05d %-30s %s", s.Source.Version, s.Source.Path, state))
	}
	rm, err := rivermigrate.New(riverpgxv5.New(m.pool), nil)
	if err != nil {
		return Status{}, fmt.Errorf("loading River migrations: %w", err)
	}
	res, err := rm.Validate(ctx, nil)
	if err != nil {
		return Status{}, fmt.Errorf("checking River migrations: %w", err)
	}
	if res.OK {
		st.Lines = append(st.Lines, "river schema current")
	} else {
		st.Current = false
		st.Lines = append(st.Lines, "river schema behind: "+strings.Join(res.Messages, "; "))
	}
	return st, nil
}

// SchemaFingerprint identifies the schema this binary migrates to: test
// helpers key their migrated template databases by it.
func SchemaFingerprint() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrationFiles, "migrations", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := migrationFiles.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	if err != nil {
		return "", err
	}
	rm, err := rivermigrate.New[pgx.Tx](riverpgxv5.New(nil), nil)
	if err != nil {
		return "", err
	}
	for _, m := range rm.AllVersions() {
		h.Write([]byte(m.SQLUp))
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
