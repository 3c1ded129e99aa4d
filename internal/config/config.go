// Package config reads tamas's settings from the environment once, at start,
// and fails with one line naming the setting that is wrong.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"

	"github.com/tamas-app/tamas/internal/twilio"
)

type Config struct {
	// DatabaseURL is empty when unset: `tamas dev` then starts its own cluster.
	DatabaseURL     string
	Addr            string
	PhoneRegion     string
	DefaultTimezone string
	DefaultLocale   string
	LogLevel        slog.Level
	// SoldAtSkew is how far in the future a sale's time may lie.
	SoldAtSkew time.Duration
	// ClaimTTL is how long an agent holds a call without touching it.
	ClaimTTL time.Duration
	// SecureCookies marks the session cookie Secure: on behind HTTPS.
	SecureCookies bool
	// SalesPhrasesFile replaces the non-sales guard's shipped phrase list
	// for the languages it covers; empty keeps the shipped lists.
	SalesPhrasesFile string
	// Twilio is unset (zero) unless its settings are given; the automated
	// channels need it.
	Twilio twilio.Config
	// MetricsAddr is where /metrics is served; empty (the default) serves
	// it nowhere, so it is never public by accident.
	MetricsAddr string
	// DBMaxConns is the web pool's size; zero leaves it to pool_max_conns
	// in DATABASE_URL, else the built-in default.
	DBMaxConns int32
	// RequestTimeout bounds a web request from its session load to its
	// last byte, so a frozen database gives a 503 instead of a hung page.
	RequestTimeout time.Duration
	// DBAcquireTimeout is how long a request waits for a free database
	// connection before it is answered 503.
	DBAcquireTimeout time.Duration
	// WebhookAllowPrivate lets webhook endpoints be on loopback and private
	// addresses, for receivers on the same network; off, they are refused.
	WebhookAllowPrivate bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client a sign-in is counted against; empty (the default) trusts
	// no header, since any client can write one.
	TrustedProxies []netip.Prefix
	// LinkSecret signs survey links and branch cards (TAMAS_LINK_SECRET);
	// empty uses the key migration 00029 stored in the database. Never
	// printed.
	LinkSecret []byte
	// CardAnswersPerHour is how many answer sets one client may send on
	// branch cards in an hour (TAMAS_CARD_ANSWERS_PER_HOUR).
	CardAnswersPerHour int
}

// DefaultCardAnswersPerHour is enough for a family at one counter and too
// few to bury a branch's service desk in issues (docs/survey-links.md).
const DefaultCardAnswersPerHour = 10

// Parse reads the settings; getenv is os.Getenv outside tests.
func Parse(getenv func(string) string) (Config, error) {
	c := Config{
		DatabaseURL:      strings.TrimSpace(getenv("DATABASE_URL")),
		Addr:             or(getenv("TAMAS_ADDR"), "127.0.0.1:8080"),
		MetricsAddr:      strings.TrimSpace(getenv("TAMAS_METRICS_ADDR")),
		PhoneRegion:      strings.ToUpper(strings.TrimSpace(getenv("TAMAS_PHONE_REGION"))),
		DefaultTimezone:  or(getenv("TAMAS_DEFAULT_TIMEZONE"), "UTC"),
		DefaultLocale:    or(getenv("TAMAS_DEFAULT_LOCALE"), "en"),
		SoldAtSkew:       5 * time.Minute,
		ClaimTTL:         10 * time.Minute,
		RequestTimeout:   10 * time.Second,
		DBAcquireTimeout: 2 * time.Second,

		CardAnswersPerHour: DefaultCardAnswersPerHour,
	}
	if c.DatabaseURL != "" {
		if err := checkDatabaseURL(c.DatabaseURL); err != nil {
			return Config{}, fmt.Errorf("DATABASE_URL: %w", err)
		}
	}
	if err := CheckAddr(c.Addr); err != nil {
		return Config{}, fmt.Errorf("TAMAS_ADDR: %w", err)
	}
	if c.MetricsAddr != "" {
		if err := CheckAddr(c.MetricsAddr); err != nil {
			return Config{}, fmt.Errorf("TAMAS_METRICS_ADDR: %w", err)
		}
	}
	if c.PhoneRegion != "" && phonenumbers.GetCountryCodeForRegion(c.PhoneRegion) == 0 {
		return Config{}, fmt.Errorf("TAMAS_PHONE_REGION: %q is not an ISO country code such as IR or GB", c.PhoneRegion)
	}
	if c.DefaultTimezone == "Local" {
		return Config{}, fmt.Errorf("TAMAS_DEFAULT_TIMEZONE: use an IANA name such as Asia/Tehran, not Local")
	}
	if _, err := time.LoadLocation(c.DefaultTimezone); err != nil {
		return Config{}, fmt.Errorf("TAMAS_DEFAULT_TIMEZONE: unknown time zone %q; use an IANA name such as Asia/Tehran", c.DefaultTimezone)
	}
	tag, err := language.Parse(c.DefaultLocale)
	if err != nil {
		return Config{}, fmt.Errorf("TAMAS_DEFAULT_LOCALE: %q is not a language tag such as fa or en", c.DefaultLocale)
	}
	c.DefaultLocale = tag.String()
	if v := strings.TrimSpace(getenv("TAMAS_CLAIM_TTL")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Minute || d > 4*time.Hour {
			return Config{}, fmt.Errorf("TAMAS_CLAIM_TTL: %q is not a duration between 1m and 4h, e.g. 10m", v)
		}
		c.ClaimTTL = d
	}
	if v := strings.TrimSpace(getenv("TAMAS_SECURE_COOKIES")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Config{}, fmt.Errorf("TAMAS_SECURE_COOKIES: %q is not true or false", v)
		}
		c.SecureCookies = b
	}
	if v := strings.TrimSpace(getenv("TAMAS_WEBHOOK_ALLOW_PRIVATE")); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Config{}, fmt.Errorf("TAMAS_WEBHOOK_ALLOW_PRIVATE: %q is not true or false", v)
		}
		c.WebhookAllowPrivate = b
	}
	if c.TrustedProxies, err = ParseTrustedProxies(getenv("TAMAS_TRUSTED_PROXIES")); err != nil {
		return Config{}, fmt.Errorf("TAMAS_TRUSTED_PROXIES: %w", err)
	}
	if v := strings.TrimSpace(getenv("TAMAS_SALES_PHRASES")); v != "" {
		if _, err := os.Stat(v); err != nil {
			return Config{}, fmt.Errorf("TAMAS_SALES_PHRASES: %v", err)
		}
		c.SalesPhrasesFile = v
	}
	if err := c.parseDatabaseLimits(getenv); err != nil {
		return Config{}, err
	}
	if v := strings.TrimSpace(getenv("TAMAS_CARD_ANSWERS_PER_HOUR")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return Config{}, fmt.Errorf("TAMAS_CARD_ANSWERS_PER_HOUR: %q is not a number of answer sets between 1 and 10000", v)
		}
		c.CardAnswersPerHour = n
	}
	if v := strings.TrimSpace(getenv("TAMAS_LINK_SECRET")); v != "" {
		if len(v) < 32 {
			return Config{}, fmt.Errorf("TAMAS_LINK_SECRET: %d characters is too short; use at least 32 random characters", len(v))
		}
		c.LinkSecret = []byte(v)
	}
	tw, err := twilio.ParseConfig(getenv)
	if err != nil {
		return Config{}, err
	}
	c.Twilio = tw
	if lvl := strings.TrimSpace(getenv("TAMAS_LOG_LEVEL")); lvl != "" {
		if err := c.LogLevel.UnmarshalText([]byte(lvl)); err != nil {
			return Config{}, fmt.Errorf("TAMAS_LOG_LEVEL: %q is not one of debug, info, warn, error", lvl)
		}
	}
	return c, nil
}

func (c *Config) parseDatabaseLimits(getenv func(string) string) error {
	if v := strings.TrimSpace(getenv("TAMAS_DB_MAX_CONNS")); v != "" {
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil || n < 1 || n > 1000 {
			return fmt.Errorf("TAMAS_DB_MAX_CONNS: %q is not a number of connections between 1 and 1000, e.g. 16", v)
		}
		c.DBMaxConns = int32(n)
	}
	if v := strings.TrimSpace(getenv("TAMAS_REQUEST_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second || d > 10*time.Minute {
			return fmt.Errorf("TAMAS_REQUEST_TIMEOUT: %q is not a duration between 1s and 10m, e.g. 10s", v)
		}
		c.RequestTimeout = d
	}
	if v := strings.TrimSpace(getenv("TAMAS_DB_ACQUIRE_TIMEOUT")); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 10*time.Millisecond {
			return fmt.Errorf("TAMAS_DB_ACQUIRE_TIMEOUT: %q is not a duration of at least 10ms, e.g. 2s", v)
		}
		c.DBAcquireTimeout = d
	}
	// A wait as long as the request would leave no time to answer it.
	if c.DBAcquireTimeout >= c.RequestTimeout {
		return fmt.Errorf("TAMAS_DB_ACQUIRE_TIMEOUT: %s must be shorter than TAMAS_REQUEST_TIMEOUT (%s)", c.DBAcquireTimeout, c.RequestTimeout)
	}
	return nil
}

// ParseTrustedProxies reads a comma-separated list of IP addresses and
// CIDR networks, such as "10.0.0.1, 192.168.0.0/16, fd00::/8".
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for item := range strings.SplitSeq(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		p, err := parseProxy(item)
		if err != nil {
			return nil, fmt.Errorf("%q is not an IP address or CIDR network, e.g. 10.0.0.1 or 10.0.0.0/8", item)
		}
		out = append(out, p)
	}
	return out, nil
}

// parseProxy reads one network, or one address as the network of that
// address alone. Clients' addresses are compared unmapped (10.0.0.1, not
// ::ffff:10.0.0.1), so IPv4-mapped IPv6 is refused rather than never
// matching.
func parseProxy(s string) (netip.Prefix, error) {
	if !strings.Contains(s, "/") {
		a, err := netip.ParseAddr(s)
		if err != nil || a.Zone() != "" {
			return netip.Prefix{}, errors.New("not an address")
		}
		s += "/" + strconv.Itoa(a.BitLen())
	}
	p, err := netip.ParsePrefix(s)
	if err != nil || p.Addr().Is4In6() {
		return netip.Prefix{}, errors.New("not a network")
	}
	return p.Masked(), nil
}

// CheckAddr accepts host:port with a numeric port, as net.Listen wants it.
func CheckAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port, e.g. 127.0.0.1:8080", addr)
	}
	if _, err := net.LookupPort("tcp", port); err != nil {
		return fmt.Errorf("%q has no valid port", addr)
	}
	return nil
}

func checkDatabaseURL(s string) error {
	if strings.Contains(s, "://") {
		if !strings.HasPrefix(s, "postgres://") && !strings.HasPrefix(s, "postgresql://") {
			return fmt.Errorf("expected postgres://user:password@host:port/database")
		}
		if _, err := url.Parse(s); err != nil {
			return fmt.Errorf("not a valid URL")
		}
	}
	if _, err := pgconn.ParseConfig(s); err != nil {
		return fmt.Errorf("not valid connection settings; expected postgres://user:password@host:port/database")
	}
	return nil
}

// Redacted is the configuration as it may be printed: the database password
// is masked.
func (c Config) Redacted() string {
	db := "(unset: private cluster)"
	if c.DatabaseURL != "" {
		db = RedactURL(c.DatabaseURL)
	}
	s := fmt.Sprintf("DATABASE_URL=%s TAMAS_ADDR=%s TAMAS_PHONE_REGION=%s TAMAS_DEFAULT_TIMEZONE=%s TAMAS_DEFAULT_LOCALE=%s",
		db, c.Addr, c.PhoneRegion, c.DefaultTimezone, c.DefaultLocale)
	if c.MetricsAddr != "" {
		s += " TAMAS_METRICS_ADDR=" + c.MetricsAddr
	}
	// Both loosen a protection, so whoever reads the start-up line must
	// see that they are on.
	if len(c.TrustedProxies) > 0 {
		nets := make([]string, len(c.TrustedProxies))
		for i, p := range c.TrustedProxies {
			nets[i] = p.String()
		}
		s += " TAMAS_TRUSTED_PROXIES=" + strings.Join(nets, ",")
	}
	if c.WebhookAllowPrivate {
		s += " TAMAS_WEBHOOK_ALLOW_PRIVATE=true"
	}
	if c.Twilio.Configured() {
		// The auth token is a secret and is never printed.
		s += fmt.Sprintf(" TWILIO_ACCOUNT_SID=%s PUBLIC_BASE_URL=%s", c.Twilio.AccountSID, c.Twilio.PublicBaseURL)
	}
	return s
}

// RedactURL masks the password of a connection string, wherever it is:
// in the URL's user part, in a password= query parameter, or in key=value
// settings.
func RedactURL(s string) string {
	if !strings.Contains(s, "://") {
		return keyValuePassword.ReplaceAllString(s, "${1}xxxxx")
	}
	u, err := url.Parse(s)
	if err != nil {
		return "(unparseable connection URL)"
	}
	if u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

var keyValuePassword = regexp.MustCompile(`(?i)(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)`)

func or(v, def string) string {
	if v = strings.TrimSpace(v); v != "" {
		return v
	}
	return def
}
