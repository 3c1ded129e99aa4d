// Package apptest opens tamas for tests the way `tamas serve` wires it: the
// app from app.New, on a fresh test database, with a test configuration
// (phone numbers read in Iran, Tehran's time and Persian by default), a
// clock the test may pin and move, and, when asked, the workers, the web
// handler on an httptest server and Twilio against internal/twiliofake. It
// sits next to app as rivertest sits next to river.
package apptest

import (
	"cmp"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app"
	"github.com/tamas-app/tamas/internal/apikey"
	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

// Now is a Tuesday, 12:00 in Tehran: inside the default calling window
// (Monday to Friday, 10:00 to 19:00 in the customer's zone).
var Now = time.Date(2026, 11, 24, 8, 30, 0, 0, time.UTC)

// PublicBase is the address Twilio is told to call back on; signatures
// are computed on it, whatever address a test server really has.
const PublicBase = "https://tamas.example"

// Sender is the number texts and calls come from.
const Sender = "+982191000000"

// Config is the test configuration, parsed as serve parses its
// environment: phone numbers read in Iran, Asia/Tehran and Persian for
// customers who name neither, and the defaults of everything else.
func Config(t testing.TB) config.Config {
	t.Helper()
	env := map[string]string{
		"TAMAS_PHONE_REGION": "IR", "TAMAS_DEFAULT_TIMEZONE": "Asia/Tehran", "TAMAS_DEFAULT_LOCALE": "fa",
	}
	cfg, err := config.Parse(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// Opts says what to open.
type Opts struct {
	// Pool is the test's database; nil opens a fresh one.
	Pool *pgxpool.Pool
	// MaxConns sizes the fresh database's pool; zero is pgx's default.
	MaxConns int32
	// WebPool is the pool the app serves requests on, say through a
	// proxy; nil is Pool. River and its workers stay on Pool, as serve
	// keeps them on a pool of their own.
	WebPool *pgxpool.Pool
	// At pins the app's clock (SetNow moves it); zero leaves the wall
	// clock.
	At time.Time
	// Work builds the working River client; the test starts and stops it
	// (App.Start, App.Stop).
	Work bool
	// Serve serves the web handler on an httptest server at URL.
	Serve bool
	// Twilio configures Twilio against a fake (Fake), with the real
	// client, before Configure runs.
	Twilio bool
	// Configure changes the test configuration before the app is built.
	Configure func(*config.Config)
	// Metrics is recorded into by every service; nil records nothing.
	Metrics *metrics.Metrics
	// Logger is the app's; nil writes to the test's output.
	Logger *slog.Logger
	// VerifyPassword checks sign-ins; nil is the real check.
	VerifyPassword func(hash, password string) bool
	// SweepEvery and TwilioWorkers are app.Opts'.
	SweepEvery    time.Duration
	TwilioWorkers int
}

// App is tamas as serve wires it, on a test database.
type App struct {
	*app.App
	// Pool is the test's database, for its own queries.
	Pool   *pgxpool.Pool
	Config config.Config
	// URL is the test server's address when Opts.Serve, and Client a
	// client for it.
	URL    string
	Client *http.Client
	// Fake is the fake Twilio when Opts.Twilio.
	Fake *twiliofake.Server
	// Shop is the id of the sales source "shop".
	Shop int64
	now  atomic.Pointer[time.Time]
}

// Open builds the app; what it starts stops when the test ends.
func Open(t testing.TB, o Opts) *App {
	t.Helper()
	a := &App{Pool: o.Pool, Config: Config(t)}
	if a.Pool == nil {
		a.Pool = open(t, o.MaxConns)
	}
	a.Shop = Source(t, a.Pool, "shop")
	webPool := o.WebPool
	if webPool == nil {
		webPool = a.Pool
	}
	var clock func() time.Time
	if !o.At.IsZero() {
		a.SetNow(o.At)
		clock = a.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(t.Output(), nil))
	}
	if o.Twilio {
		a.Fake = twiliofake.New(t, twiliofake.Options{})
		a.Config.Twilio = twilio.Config{
			AccountSID: a.Fake.AccountSid, AuthToken: a.Fake.AuthToken, From: Sender,
			PublicBaseURL: PublicBase, PerSecond: 1000, Timeout: 5 * time.Second,
		}
	}
	if o.Configure != nil {
		o.Configure(&a.Config)
	}
	opts := app.Opts{
		Config: a.Config, Logger: o.Logger, WebPool: webPool, RiverPool: a.Pool,
		Web: o.Serve, Work: o.Work, Metrics: o.Metrics, Now: clock,
		SweepEvery: o.SweepEvery, TwilioWorkers: o.TwilioWorkers, VerifyPassword: o.VerifyPassword,
	}
	if a.Fake != nil {
		opts.TwilioHTTP = a.Fake.HTTPClient(a.Config.Twilio.Timeout)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var err error
	if a.App, err = app.New(ctx, opts); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.Close)
	if o.Serve {
		srv := httptest.NewServer(a.Handler)
		t.Cleanup(srv.Close)
		a.URL, a.Client = srv.URL, srv.Client()
	}
	return a
}

// open is a pool of size maxConns on a fresh database.
func open(t testing.TB, maxConns int32) *pgxpool.Pool {
	t.Helper()
	if maxConns == 0 {
		return testdb.New(t)
	}
	cfg, err := pgxpool.ParseConfig(testdb.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	cfg.MaxConns = maxConns
	pool, err := pgxpool.NewWithConfig(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// Now is the app's clock.
func (a *App) Now() time.Time {
	if now := a.now.Load(); now != nil {
		return *now
	}
	return time.Now()
}

// SetNow moves the app's clock to now.
func (a *App) SetNow(now time.Time) { a.now.Store(&now) }

// Count is the single number sql returns on the test's database.
func (a *App) Count(t testing.TB, sql string, args ...any) int {
	t.Helper()
	return Count(t, a.Pool, sql, args...)
}

// Count is the single number sql returns.
func Count(t testing.TB, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// Source is the id of the sales source name, made if missing.
func Source(t testing.TB, pool *pgxpool.Pool, name string) int64 {
	t.Helper()
	src, err := store.New().SourceEnsure(context.Background(), pool, name)
	if err != nil {
		t.Fatal(err)
	}
	return src.ID
}

// AskAlways turns the contact-frequency rule off (ask_once_days 0 on every
// rule), for tests that sell to one phone again and again and count on
// one follow-up per sale.
func AskAlways(t testing.TB, pool *pgxpool.Pool) {
	t.Helper()
	if err := store.New().RulesAskAboutEverySale(context.Background(), pool); err != nil {
		t.Fatal(err)
	}
}

// APIKey makes an API key for the source name as `tamas apikey create`
// does, making the source if missing, and returns the secret and the key's
// id.
func APIKey(t testing.TB, pool *pgxpool.Pool, name string) (secret string, id int64) {
	t.Helper()
	k := apikey.Generate()
	row, err := store.New().APIKeyInsert(context.Background(), pool, store.APIKeyInsertParams{
		SourceID: Source(t, pool, name), Prefix: k.Prefix, KeyHash: k.Hash,
	})
	if err != nil {
		t.Fatal(err)
	}
	return k.Secret, row.ID
}

// Sale is a pair of glasses sold at Tajrish to a Persian customer in
// Tehran with phone.
func Sale(externalID, phone string, soldAt time.Time) sales.Input {
	return sales.Input{
		ExternalID: externalID,
		Customer:   sales.CustomerInput{Name: "مریم رضایی", Phone: phone, Timezone: "Asia/Tehran", Locale: "fa"},
		Product:    sales.ProductInput{SKU: "GL-1", Name: "عینک", Category: "glasses"},
		Branch:     "Tajrish",
		SoldAt:     soldAt.Format(time.RFC3339),
	}
}

// Sell stores inputs from the source "shop" and returns their follow-ups'
// ids; every sale must be new.
func (a *App) Sell(t testing.TB, inputs ...sales.Input) []int64 {
	t.Helper()
	out, err := a.Intake.Ingest(context.Background(), a.Shop, inputs)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(out))
	for i, o := range out {
		if o.Status != intake.StatusCreated {
			t.Fatalf("sale %s: %+v, want created", inputs[i].ExternalID, o)
		}
		ids[i] = o.FollowUp.ID
	}
	return ids
}

// MakeDue makes the follow-ups due by at as the due job does, queuing
// their automated steps, and returns how many it changed.
func (a *App) MakeDue(t testing.TB, at time.Time) int {
	t.Helper()
	n, err := a.Due.MakeDue(context.Background(), at, "test")
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Claim sells a standard sale to phone ten days ago, makes its follow-up
// due and has agent claim it, and returns the follow-up's id.
func (a *App) Claim(t testing.TB, agent console.User, externalID, phone string) int64 {
	t.Helper()
	id := a.Sell(t, Sale(externalID, phone, a.Now().Add(-10*24*time.Hour)))[0]
	a.MakeDue(t, a.Now())
	got, err := a.Console.ClaimNext(context.Background(), agent.ID, agent.Name)
	if err != nil || got != id {
		t.Fatalf("claimed %d, %v; want %d", got, err, id)
	}
	return id
}

// Staff adds a user who signs in with "password-" + u.Username; an empty
// display name is the username.
func (a *App) Staff(t testing.TB, u store.UserInsertParams) int64 {
	t.Helper()
	hash, err := auth.HashPassword("password-" + u.Username)
	if err != nil {
		t.Fatal(err)
	}
	u.PasswordHash, u.DisplayName = hash, cmp.Or(u.DisplayName, u.Username)
	id, err := store.New().UserInsert(context.Background(), a.Pool, u)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// User adds a Persian user in Tehran with role. No password matches its
// placeholder hash, which spares the hashing: it acts through the services,
// not by signing in.
func (a *App) User(t testing.TB, username, role string) console.User {
	t.Helper()
	id, err := store.New().UserInsert(context.Background(), a.Pool, store.UserInsertParams{
		Username: username, DisplayName: username, Role: role, Locale: "fa", Timezone: "Asia/Tehran", PasswordHash: "x",
	})
	if err != nil {
		t.Fatal(err)
	}
	return console.User{ID: id, Name: username}
}
