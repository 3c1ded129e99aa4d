package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app"
	"github.com/tamas-app/tamas/internal/apikey"
	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/demo"
	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/pgcluster"
	"github.com/tamas-app/tamas/internal/store"
)

const (
	devDir        = ".tamas"
	devKeyFile    = ".tamas/demo_api_key"
	devLoginsFile = ".tamas/demo_logins"
	demoSaleCount = 300
)

// dev is the embedded default: a private PostgreSQL under ./.tamas (unless
// DATABASE_URL is set), migrated, with demo data, then serve.
func (e *env) dev(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", e.cfg.Addr, "listen address (env TAMAS_ADDR)")
	withDemo := fs.Bool("demo", e.cfg.DatabaseURL == "", "load demo data and demo logins (default only for the private cluster, never silently into DATABASE_URL)")
	demoSize := fs.String("demo-size", "small", "demo data set: small (a few hundred sales) or large (a year: 1,000,000 follow-ups, ~5,000,000 answers; takes minutes)")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if *demoSize != "small" && *demoSize != "large" {
		return usageError{"--demo-size: small or large, not " + strconv.Quote(*demoSize)}
	}
	if *demoSize == "large" {
		*withDemo = true // asking for the large set is asking for demo data
	}
	if err := config.CheckAddr(*addr); err != nil {
		return usageError{"--addr: " + err.Error()}
	}
	// The demo organisation is in Tehran; an explicit setting still wins.
	if e.getenv("TAMAS_PHONE_REGION") == "" {
		e.cfg.PhoneRegion = "IR"
	}
	if e.getenv("TAMAS_DEFAULT_TIMEZONE") == "" {
		e.cfg.DefaultTimezone = "Asia/Tehran"
	}
	if e.getenv("TAMAS_DEFAULT_LOCALE") == "" {
		e.cfg.DefaultLocale = "fa"
	}
	url := e.cfg.DatabaseURL
	if url == "" {
		c, err := e.startDevCluster(ctx)
		if err != nil {
			return err
		}
		defer func() {
			os.Remove(devURLFile)
			fmt.Fprintln(e.stderr, "stopping PostgreSQL…")
			if err := c.Stop(); err != nil {
				e.log.Error("stopping PostgreSQL", "err", err)
			}
		}()
		url = c.URL("tamas")
		if err := os.WriteFile(devURLFile, []byte(url+"\n"), 0o600); err != nil {
			return fmt.Errorf("writing %s: %w", devURLFile, err)
		}
	}
	pool, err := openPool(ctx, url, store.PoolOpts{})
	if err != nil {
		return err
	}
	defer pool.Close()
	if _, err := store.NewMigrator(pool).Up(ctx); err != nil {
		return err
	}
	if err := editor.EnsureDefaultScripts(ctx, pool); err != nil {
		return err
	}
	var (
		key    string
		logins []demoLogin
	)
	if *withDemo {
		if key, err = e.devData(ctx, pool); err != nil {
			return err
		}
		if logins, err = e.devLogins(ctx, pool); err != nil {
			return err
		}
		if *demoSize == "large" {
			if err := e.devLarge(ctx, pool); err != nil {
				return err
			}
		}
	}
	// Serving opens pools of its own, with the web's timeouts.
	pool.Close()
	return e.serveWith(ctx, url, serveOpts{role: "all", addr: *addr, ready: func(addr string) {
		e.printWelcome(addr, url, key, logins)
	}})
}

func (e *env) startDevCluster(ctx context.Context) (*pgcluster.Cluster, error) {
	if err := os.MkdirAll(devDir, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", devDir, err)
	}
	abs, err := filepath.Abs(filepath.Join(devDir, "pg"))
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(e.stderr, "starting a private PostgreSQL in %s…\n", abs)
	bin, err := pgcluster.EnsureInstalled(ctx, e.stderr)
	if err != nil {
		return nil, err
	}
	c, err := pgcluster.Start(ctx, pgcluster.Options{Dir: abs, BinDir: bin, Out: e.stderr})
	if err != nil {
		return nil, err
	}
	if err := c.CreateDatabase(ctx, "tamas"); err != nil {
		c.Stop()
		return nil, err
	}
	return c, nil
}

// devData loads the demo organisation once and returns a working API key
// for it, reusing the one from the last run when it is still valid.
func (e *env) devData(ctx context.Context, pool *pgxpool.Pool) (string, error) {
	loaded, err := demo.Loaded(ctx, pool)
	if err != nil {
		return "", fmt.Errorf("checking demo data: %w", err)
	}
	if !loaded {
		fmt.Fprintln(e.stderr, "loading demo data…")
		a, err := app.New(ctx, app.Opts{Config: e.cfg, Logger: e.log, WebPool: pool, RiverPool: pool})
		if err != nil {
			return "", err
		}
		answered, err := demo.Load(ctx, pool, a.Intake, a.River, demoSaleCount, time.Now())
		if err != nil {
			return "", err
		}
		fmt.Fprintf(e.stderr, "demo data: %d sales, %d follow-ups already answered\n", demoSaleCount, answered)
	}
	if b, err := os.ReadFile(devKeyFile); err == nil {
		secret := strings.TrimSpace(string(b))
		_, err := store.New().APIKeyGetActiveByHash(ctx, pool, apikey.Hash(secret))
		if err == nil {
			return secret, nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return "", fmt.Errorf("checking the demo API key: %w", err)
		}
	}
	key, err := createAPIKey(ctx, pool, demo.Source)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(devDir, 0o755); err != nil {
		return "", err
	}
	if err := os.WriteFile(devKeyFile, []byte(key.Secret+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("writing %s: %w", devKeyFile, err)
	}
	return key.Secret, nil
}

// devLarge adds the large data set once; a second run says it is there.
func (e *env) devLarge(ctx context.Context, pool *pgxpool.Pool) error {
	fmt.Fprintln(e.stderr, "generating the large demo data set (a year of a big chain; a few minutes)…")
	n, err := demo.LoadLarge(ctx, pool, demo.Large, time.Now())
	if errors.Is(err, demo.ErrLargeLoaded) {
		fmt.Fprintln(e.stderr, demo.ErrLargeLoaded)
		return nil
	}
	if err != nil {
		return fmt.Errorf("large demo data: %w", err)
	}
	fmt.Fprintf(e.stderr, "large demo data: %s\n", n)
	return nil
}

type demoLogin struct {
	username, password, role, locale, name string
}

// devLogins makes one user per role (two agents: one Persian, one English)
// the first time, with random passwords kept in .tamas/demo_logins, and
// returns them for printing.
func (e *env) devLogins(ctx context.Context, pool *pgxpool.Pool) ([]demoLogin, error) {
	if b, err := os.ReadFile(devLoginsFile); err == nil {
		var logins []demoLogin
		for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			f := strings.Split(line, "\t")
			if len(f) == 5 {
				logins = append(logins, demoLogin{f[0], f[1], f[2], f[3], f[4]})
			}
		}
		if len(logins) > 0 {
			return logins, nil
		}
	}
	logins := []demoLogin{
		{"agent1", "", "agent", "fa", "سارا احمدی"},
		{"agent2", "", "agent", "en", "Emma Clark"},
		{"supervisor", "", "supervisor", "fa", "رضا کریمی"},
		{"service", "", "service", "fa", "نرگس موسوی"},
		{"admin", "", "admin", "en", "Admin"},
	}
	var file strings.Builder
	q := store.New()
	for i := range logins {
		l := &logins[i]
		l.password = demoPassword(l.username, l.name)
		hash, err := auth.HashPassword(l.password)
		if err != nil {
			return nil, err
		}
		tz := "Asia/Tehran"
		if l.locale == "en" {
			tz = "Europe/London"
		}
		if _, err := q.UserInsert(ctx, pool, store.UserInsertParams{
			Username: l.username, DisplayName: l.name, Role: l.role, Locale: l.locale, Timezone: tz, PasswordHash: hash,
		}); err != nil {
			// An existing user keeps their password: the demo never takes
			// over an account it did not make.
			var pgErr *pgconn.PgError
			if errors.As(err, &pgErr) && pgErr.Code == "23505" {
				l.password = "(exists; password unchanged)"
				continue
			}
			return nil, fmt.Errorf("adding demo user %s: %w", l.username, err)
		}
		fmt.Fprintf(&file, "%s\t%s\t%s\t%s\t%s\n", l.username, l.password, l.role, l.locale, l.name)
	}
	if err := os.WriteFile(devLoginsFile, []byte(file.String()), 0o600); err != nil {
		return nil, fmt.Errorf("writing %s: %w", devLoginsFile, err)
	}
	return logins, nil
}

// demoPassword is a random password that passes the rule for new
// passwords, as every password a person will type must.
func demoPassword(personal ...string) string {
	for {
		b := make([]byte, 9)
		_, _ = rand.Read(b)
		if p := base64.RawURLEncoding.EncodeToString(b); len(auth.CheckNewPassword("password", p, personal...)) == 0 {
			return p
		}
	}
}

func (e *env) printWelcome(addr, dbURL, key string, logins []demoLogin) {
	if key == "" {
		fmt.Fprintf(e.stdout, "\ntamas is running at http://%s/ on %s (no demo data: pass --demo to load it)\nPress Ctrl-C to stop.\n", addr, config.RedactURL(dbURL))
		return
	}
	var who strings.Builder
	for _, l := range logins {
		fmt.Fprintf(&who, "    %-11s %-14s %-10s %s\n", l.username, l.password, l.role, l.locale)
	}
	fmt.Fprintf(e.stdout, `
tamas is running at http://%[1]s/

  sign in (user, password, role, language):
%[6]s
  database      %[2]s
  API key       %[3]s   (source %[4]q)
  API document  http://%[1]s/api/openapi.yaml

  try:
    curl -s -H 'Authorization: Bearer %[3]s' -H 'Content-Type: application/json' \
      -d '{"external_id":"T-1","customer":{"name":"مریم رضایی","phone":"09121234567","timezone":"Asia/Tehran","locale":"fa"},"product":{"sku":"GL-100","category":"glasses"},"sold_at":"%[5]s"}' \
      http://%[1]s/api/v1/sales

Press Ctrl-C to stop.
`, addr, config.RedactURL(dbURL), key, demo.Source, time.Now().UTC().Add(-time.Hour).Format(time.RFC3339), who.String())
}
