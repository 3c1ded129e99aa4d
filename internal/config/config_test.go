package config_test

import (
	"log/slog"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/twilio"
)

// env is a getenv backed by a map: tests never read the real environment.
func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestParseDefaults(t *testing.T) {
	t.Parallel()
	got, err := config.Parse(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := config.Config{
		DatabaseURL:      "",
		Addr:             "127.0.0.1:8080",
		PhoneRegion:      "",
		DefaultTimezone:  "UTC",
		DefaultLocale:    "en",
		LogLevel:         slog.LevelInfo,
		SoldAtSkew:       5 * time.Minute,
		ClaimTTL:         10 * time.Minute,
		Twilio:           twilio.Config{PerSecond: twilio.DefaultPerSecond, Timeout: 10 * time.Second},
		RequestTimeout:   10 * time.Second,
		DBAcquireTimeout: 2 * time.Second,

		CardAnswersPerHour: 10,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("config\n got %+v\nwant %+v", got, want)
	}
}

// Metrics are served nowhere unless an address is given, so they are never
// public by accident.
func TestParseMetricsOffUnlessSet(t *testing.T) {
	t.Parallel()
	for _, v := range []string{"", " "} {
		c, err := config.Parse(env(map[string]string{"TAMAS_METRICS_ADDR": v}))
		if err != nil {
			t.Fatal(err)
		}
		if c.MetricsAddr != "" || strings.Contains(c.Redacted(), "TAMAS_METRICS_ADDR") {
			t.Errorf("TAMAS_METRICS_ADDR=%q: MetricsAddr = %q, Redacted %q; want off", v, c.MetricsAddr, c.Redacted())
		}
	}
	c, err := config.Parse(env(map[string]string{"TAMAS_METRICS_ADDR": ":9464"}))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(c.Redacted(), " TAMAS_METRICS_ADDR=:9464") {
		t.Errorf("Redacted() = %q, want the metrics address", c.Redacted())
	}
}

// Blank values count as unset.
func TestParseBlankIsDefault(t *testing.T) {
	t.Parallel()
	got, err := config.Parse(env(map[string]string{
		"DATABASE_URL": " ", "TAMAS_ADDR": " ", "TAMAS_PHONE_REGION": " ",
		"TAMAS_DEFAULT_TIMEZONE": "\t", "TAMAS_DEFAULT_LOCALE": " ", "TAMAS_LOG_LEVEL": " ",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if got.DatabaseURL != "" || got.Addr != "127.0.0.1:8080" || got.DefaultTimezone != "UTC" || got.DefaultLocale != "en" || got.LogLevel != slog.LevelInfo {
		t.Errorf("config = %+v, want the defaults", got)
	}
}

func TestParseReadsEverySetting(t *testing.T) {
	t.Parallel()
	got, err := config.Parse(env(map[string]string{
		"DATABASE_URL":                " postgres://tamas:s3cret@db:5432/tamas?sslmode=disable ",
		"TAMAS_ADDR":                  ":9090",
		"TAMAS_PHONE_REGION":          " ir ",
		"TAMAS_DEFAULT_TIMEZONE":      " Asia/Tehran ",
		"TAMAS_DEFAULT_LOCALE":        "FA-ir",
		"TAMAS_LOG_LEVEL":             "debug",
		"TAMAS_CLAIM_TTL":             "15m",
		"TAMAS_SECURE_COOKIES":        "true",
		"TAMAS_METRICS_ADDR":          " 127.0.0.1:9464 ",
		"TAMAS_DB_MAX_CONNS":          " 24 ",
		"TAMAS_REQUEST_TIMEOUT":       "30s",
		"TAMAS_DB_ACQUIRE_TIMEOUT":    "500ms",
		"TAMAS_WEBHOOK_ALLOW_PRIVATE": " true ",
		"TAMAS_TRUSTED_PROXIES":       " 10.0.0.1, 192.168.7.9/16,,fd00::/8 ",
		"TAMAS_LINK_SECRET":           " 0123456789abcdef0123456789abcdef ",
		"TAMAS_CARD_ANSWERS_PER_HOUR": " 40 ",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := config.Config{
		DatabaseURL:         "postgres://tamas:s3cret@db:5432/tamas?sslmode=disable",
		Addr:                ":9090",
		PhoneRegion:         "IR",
		DefaultTimezone:     "Asia/Tehran",
		DefaultLocale:       "fa-IR",
		LogLevel:            slog.LevelDebug,
		SoldAtSkew:          5 * time.Minute,
		ClaimTTL:            15 * time.Minute,
		SecureCookies:       true,
		MetricsAddr:         "127.0.0.1:9464",
		Twilio:              twilio.Config{PerSecond: twilio.DefaultPerSecond, Timeout: 10 * time.Second},
		DBMaxConns:          24,
		RequestTimeout:      30 * time.Second,
		DBAcquireTimeout:    500 * time.Millisecond,
		WebhookAllowPrivate: true,
		TrustedProxies: []netip.Prefix{
			netip.MustParsePrefix("10.0.0.1/32"), netip.MustParsePrefix("192.168.0.0/16"), netip.MustParsePrefix("fd00::/8"),
		},
		LinkSecret:         []byte("0123456789abcdef0123456789abcdef"),
		CardAnswersPerHour: 40,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("config\n got %+v\nwant %+v", got, want)
	}
}

func TestParseAcceptsDatabaseURLForms(t *testing.T) {
	t.Parallel()
	for _, u := range []string{
		"postgres://localhost/tamas",
		"postgresql://tamas@localhost:5432/tamas",
		"host=localhost user=tamas dbname=tamas",
	} {
		c, err := config.Parse(env(map[string]string{"DATABASE_URL": u}))
		if err != nil {
			t.Errorf("DATABASE_URL=%q: %v", u, err)
		} else if c.DatabaseURL != u {
			t.Errorf("DATABASE_URL=%q read as %q", u, c.DatabaseURL)
		}
	}
}

func TestParseRefusesMalformedSettings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, value string
		wantMsg     string // must appear in the error
	}{
		{"TAMAS_ADDR", "nope", `"nope" is not host:port`},
		{"TAMAS_ADDR", "127.0.0.1", "is not host:port"},
		{"TAMAS_ADDR", "127.0.0.1:99999", "has no valid port"},
		{"TAMAS_METRICS_ADDR", "9464", `"9464" is not host:port`},
		{"TAMAS_METRICS_ADDR", "127.0.0.1:metrics", "has no valid port"},
		{"TAMAS_PHONE_REGION", "XX", `"XX" is not an ISO country code`},
		{"TAMAS_PHONE_REGION", "UK", `"UK" is not an ISO country code`},
		{"TAMAS_DEFAULT_TIMEZONE", "Mars/Base", `unknown time zone "Mars/Base"`},
		{"TAMAS_DEFAULT_TIMEZONE", "Local", "not Local"},
		{"TAMAS_DEFAULT_LOCALE", "!!", `"!!" is not a language tag`},
		{"TAMAS_LOG_LEVEL", "loud", `"loud" is not one of debug, info, warn, error`},
		{"TAMAS_CLAIM_TTL", "10", `"10" is not a duration between 1m and 4h`},
		{"TAMAS_CLAIM_TTL", "5s", `"5s" is not a duration between 1m and 4h`},
		{"TAMAS_SECURE_COOKIES", "yes please", `"yes please" is not true or false`},
		{"TAMAS_WEBHOOK_ALLOW_PRIVATE", "lan", `"lan" is not true or false`},
		{"TAMAS_TRUSTED_PROXIES", "10.0.0.1,proxy.internal", `"proxy.internal" is not an IP address or CIDR network`},
		{"TAMAS_TRUSTED_PROXIES", "10.0.0.0/33", `"10.0.0.0/33" is not an IP address or CIDR network`},
		{"TAMAS_TRUSTED_PROXIES", "10.0.0.300", `"10.0.0.300" is not an IP address`},
		{"TAMAS_TRUSTED_PROXIES", "fe80::1%eth0", `"fe80::1%eth0" is not an IP address`},
		{"TAMAS_TRUSTED_PROXIES", "::ffff:10.0.0.0/104", `"::ffff:10.0.0.0/104" is not an IP address`},
		{"TAMAS_CARD_ANSWERS_PER_HOUR", "0", `"0" is not a number of answer sets between 1 and 10000`},
		{"TAMAS_CARD_ANSWERS_PER_HOUR", "ten", `"ten" is not a number of answer sets`},
		{"TAMAS_DB_MAX_CONNS", "0", `"0" is not a number of connections between 1 and 1000`},
		{"TAMAS_DB_MAX_CONNS", "many", `"many" is not a number of connections`},
		{"TAMAS_REQUEST_TIMEOUT", "10", `"10" is not a duration between 1s and 10m`},
		{"TAMAS_REQUEST_TIMEOUT", "500ms", `"500ms" is not a duration between 1s and 10m`},
		{"TAMAS_DB_ACQUIRE_TIMEOUT", "1ms", `"1ms" is not a duration of at least 10ms`},
		{"TAMAS_DB_ACQUIRE_TIMEOUT", "10s", "must be shorter than TAMAS_REQUEST_TIMEOUT (10s)"},
		{"TAMAS_LINK_SECRET", "short", "5 characters is too short; use at least 32"},
		{"DATABASE_URL", "mysql://x", "expected postgres://"},
		{"DATABASE_URL", "localhost:5432", "expected postgres://"},
		{"DATABASE_URL", "postgres://tamas:s3cret@db:notaport/tamas", "not a valid URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"="+tt.value, func(t *testing.T) {
			t.Parallel()
			c, err := config.Parse(env(map[string]string{tt.name: tt.value}))
			if err == nil {
				t.Fatalf("no error; config %+v", c)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.name+": ") || !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("error = %q, want %q: …%s…", msg, tt.name, tt.wantMsg)
			}
			if strings.Contains(msg, "s3cret") {
				t.Errorf("error %q shows the database password", msg)
			}
			if !reflect.DeepEqual(c, config.Config{}) {
				t.Errorf("config = %+v beside an error, want the zero value", c)
			}
		})
	}
}

func TestParseRefusesOtherDatabaseSchemes(t *testing.T) {
	t.Parallel()
	if _, err := config.Parse(env(map[string]string{"DATABASE_URL": "mysql://x?tls=true"})); err == nil {
		t.Error("DATABASE_URL=mysql://x?tls=true accepted")
	}
}

func TestRedactedHidesDatabasePassword(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		url     string
		secrets []string // none may appear
		keep    []string // each must appear
	}{
		{name: "url", url: "postgres://tamas:s3cret@db:5432/tamas", secrets: []string{"s3cret"}, keep: []string{"postgres://tamas:xxxxx@db:5432/tamas"}},
		{name: "postgresql scheme and options", url: "postgresql://tamas:s3cret@db/tamas?sslmode=require", secrets: []string{"s3cret"}, keep: []string{"sslmode=require"}},
		{name: "escaped characters", url: "postgres://tamas:p%40ss%2Fw0rd@db/tamas", secrets: []string{"p%40ss%2Fw0rd", "p@ss/w0rd", "ss%2Fw0rd"}, keep: []string{"db/tamas"}},
		{name: "no password", url: "postgres://tamas@db/tamas", keep: []string{"postgres://tamas@db/tamas"}},
		{name: "password in the query", url: "postgres://tamas@db/tamas?password=s3cret", secrets: []string{"s3cret"}, keep: []string{"db/tamas"}},
		{name: "key=value string", url: "host=db user=tamas password=s3cret dbname=tamas", secrets: []string{"s3cret"}, keep: []string{"host=db"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := config.Parse(env(map[string]string{"DATABASE_URL": tt.url}))
			if err != nil {
				t.Fatal(err)
			}
			got := c.Redacted()
			for _, s := range tt.secrets {
				if strings.Contains(got, s) {
					t.Errorf("Redacted() = %q shows %q", got, s)
				}
			}
			for _, s := range tt.keep {
				if !strings.Contains(got, s) {
					t.Errorf("Redacted() = %q, want it to keep %q", got, s)
				}
			}
			if !strings.HasPrefix(got, "DATABASE_URL=") || !strings.Contains(got, " TAMAS_ADDR=127.0.0.1:8080 ") {
				t.Errorf("Redacted() = %q, want DATABASE_URL=… TAMAS_ADDR=…", got)
			}
			if c.DatabaseURL != tt.url {
				t.Errorf("Redacted changed the config: DatabaseURL = %q", c.DatabaseURL)
			}
		})
	}
}

func TestRedactedShowsSettings(t *testing.T) {
	t.Parallel()
	c, err := config.Parse(env(map[string]string{"TAMAS_PHONE_REGION": "IR", "TAMAS_DEFAULT_TIMEZONE": "Asia/Tehran", "TAMAS_DEFAULT_LOCALE": "fa"}))
	if err != nil {
		t.Fatal(err)
	}
	want := "DATABASE_URL=(unset: private cluster) TAMAS_ADDR=127.0.0.1:8080 TAMAS_PHONE_REGION=IR TAMAS_DEFAULT_TIMEZONE=Asia/Tehran TAMAS_DEFAULT_LOCALE=fa"
	if got := c.Redacted(); got != want {
		t.Errorf("Redacted()\n got %q\nwant %q", got, want)
	}
}

func TestCheckAddr(t *testing.T) {
	t.Parallel()
	for _, a := range []string{"127.0.0.1:8080", ":8080", "localhost:0", "[::1]:8080"} {
		if err := config.CheckAddr(a); err != nil {
			t.Errorf("CheckAddr(%q) = %v, want nil", a, err)
		}
	}
	for _, a := range []string{"nope", "127.0.0.1", "127.0.0.1:-1", "127.0.0.1:http-alt-nope", "::1:8080"} {
		if err := config.CheckAddr(a); err == nil {
			t.Errorf("CheckAddr(%q) = nil, want an error", a)
		}
	}
}

// Settings that loosen a protection show in the start-up line when on, and
// not at all when off.
func TestRedactedShowsLoosenedProtections(t *testing.T) {
	t.Parallel()
	off, err := config.Parse(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if r := off.Redacted(); strings.Contains(r, "TAMAS_TRUSTED_PROXIES") || strings.Contains(r, "TAMAS_WEBHOOK_ALLOW_PRIVATE") {
		t.Errorf("Redacted() with both off = %q", r)
	}
	on, err := config.Parse(env(map[string]string{"TAMAS_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16", "TAMAS_WEBHOOK_ALLOW_PRIVATE": "true"}))
	if err != nil {
		t.Fatal(err)
	}
	r := on.Redacted()
	for _, want := range []string{" TAMAS_TRUSTED_PROXIES=10.0.0.1/32,192.168.0.0/16", " TAMAS_WEBHOOK_ALLOW_PRIVATE=true"} {
		if !strings.Contains(r, want) {
			t.Errorf("Redacted() = %q, want %q in it", r, want)
		}
	}
}
