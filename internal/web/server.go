// Package web holds tamas's HTTP routes, handlers and middleware.
package web

import (
	"cmp"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/branches"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/customers"
	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/publicsurvey"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/settings"
	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/users"
	"github.com/tamas-app/tamas/internal/webhooks/endpoints"
	"github.com/tamas-app/tamas/internal/webshop"
)

// Opts is what the web layer is built from: the services its handlers call
// (app.New builds them as serve runs them) and the limits of a request.
type Opts struct {
	Logger   *slog.Logger
	Pool     *pgxpool.Pool
	Intake   *intake.Service
	Console  *console.Service
	Sessions *scs.SessionManager
	Editor   *editor.Service
	Issues   *issues.Service
	// Location loads a time zone; nil means time.LoadLocation. Pass a
	// caching one (sales.Normalizer.Location): every page shows zones and
	// LoadLocation reads tzdata from disk each time.
	Location func(name string) (*time.Location, error)
	// Jobs is River's own dashboard (riverui), served under /admin/jobs/
	// for supervisors and admins; nil leaves the route out.
	Jobs http.Handler
	// River enqueues the webhook test button's delivery.
	River *river.Client[pgx.Tx]
	// Twilio is the Twilio configuration; its zero value leaves the
	// automated channels unavailable.
	Twilio twilio.Config
	// Automated handles Twilio's webhooks; nil refuses them all.
	Automated *automated.Service
	// Surveys serves the public survey pages of links and branch cards.
	Surveys *publicsurvey.Service
	// WebhookAllowPrivate accepts webhook endpoints on loopback and
	// private addresses.
	WebhookAllowPrivate bool
	// Metrics counts requests and claims; nil counts nothing.
	Metrics *metrics.Metrics
	// RequestTimeout bounds each request, session load included; zero
	// means DefaultRequestTimeout.
	RequestTimeout time.Duration
	// AcquireTimeout is how long a request waits for one of the pool's
	// connections before it is answered 503; zero means
	// DefaultAcquireTimeout.
	AcquireTimeout time.Duration
	// VerifyPassword checks a sign-in; nil means auth.VerifyPassword.
	// Tests hold it to see what a sign-in holds while it hashes.
	VerifyPassword func(hash, password string) bool
	// TrustedProxies are the proxies whose X-Forwarded-For names the
	// client a sign-in is counted against (TAMAS_TRUSTED_PROXIES); empty
	// counts every sign-in against its peer's address.
	TrustedProxies []netip.Prefix
	// Now is the sign-in throttle's clock; nil means time.Now.
	Now func() time.Time
}

// The defaults of TAMAS_REQUEST_TIMEOUT and TAMAS_DB_ACQUIRE_TIMEOUT.
const (
	DefaultRequestTimeout = 10 * time.Second
	DefaultAcquireTimeout = 2 * time.Second
)

// Server holds what the handlers need; handlers are its methods.
type Server struct {
	log       *slog.Logger
	pool      *pgxpool.Pool
	intake    *intake.Service
	console   *console.Service
	sessions  *scs.SessionManager
	editor    *editor.Service
	issues    *issues.Service
	jobs      http.Handler
	river     *river.Client[pgx.Tx]
	twilio    twilio.Config
	automated *automated.Service
	zones     func(name string) (*time.Location, error)
	metrics   *metrics.Metrics
	settings  *settings.Service
	reports   *reports.Service
	branches  *branches.Service
	endpoints *endpoints.Service
	users     *users.Service
	webshops  *webshop.Service
	customers *customers.Service
	surveys   *publicsurvey.Service

	requestTimeout time.Duration
	admission      *admission
	hashers        chan struct{}
	verify         func(hash, password string) bool
	trustedProxies []netip.Prefix
	untrustedProxy sync.Once
}

// New is the web layer: the console's pages, the sales API and the
// webhooks of Twilio and the web shops, with the services that only the
// web uses (settings, reports, webhook endpoints, users, web shops) built
// on o.Pool. Serve its Handler.
func New(o Opts) *Server {
	zones := o.Location
	if zones == nil {
		zones = time.LoadLocation
	}
	s := &Server{zones: zones, log: o.Logger, pool: o.Pool, intake: o.Intake, console: o.Console, sessions: o.Sessions, editor: o.Editor, issues: o.Issues, jobs: o.Jobs, river: o.River, twilio: o.Twilio, automated: o.Automated, metrics: o.Metrics, surveys: o.Surveys}
	s.settings = settings.New(settings.Opts{Pool: o.Pool, Channels: settings.Channels{Automated: o.Twilio.Configured(), Calls: o.Twilio.CanCall()}})
	s.reports = reports.New(reports.Opts{Pool: o.Pool})
	s.branches = branches.New(branches.Opts{Pool: o.Pool})
	s.endpoints = endpoints.New(endpoints.Opts{Pool: o.Pool, River: o.River, AllowPrivate: o.WebhookAllowPrivate})
	s.webshops = webshop.New(webshop.Opts{Pool: o.Pool, Intake: o.Intake})
	if o.Intake != nil {
		s.customers = customers.New(customers.Opts{Pool: o.Pool, Normalizer: o.Intake.Normalizer()})
	}
	s.users = users.New(users.Opts{Pool: o.Pool, Hash: s.hashPassword, Verify: s.verifyPassword, Now: o.Now})
	s.requestTimeout = cmp.Or(o.RequestTimeout, DefaultRequestTimeout)
	s.admission = newAdmission(int(o.Pool.Config().MaxConns), cmp.Or(o.AcquireTimeout, DefaultAcquireTimeout))
	s.hashers = make(chan struct{}, runtime.GOMAXPROCS(0))
	s.verify = o.VerifyPassword
	s.trustedProxies = o.TrustedProxies
	if s.verify == nil {
		s.verify = auth.VerifyPassword
	}
	// Sessions load before any handler runs and save after it: their
	// failures take the handlers' error path, 503 included.
	s.sessions.ErrorFunc = s.internalError
	return s
}

// location is the zone called name, or UTC when it cannot be loaded: a
// page shows times in some zone rather than failing.
func (s *Server) location(name string) *time.Location {
	loc, err := s.zones(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Handler is the full stack: counting, recovery, then logging, then the
// request's deadline, then cross-origin protection, then the routes.
func (s *Server) Handler() http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeAPIError(w, http.StatusForbidden, "cross-origin request refused")
			return
		}
		http.Error(w, "This request came from another site and was refused.", http.StatusForbidden)
	}))
	// Twilio's webhooks come from Twilio, not a browser; their signature
	// is their protection.
	cop.AddInsecureBypassPattern("POST /webhooks/twilio/")
	return s.countRequests(s.recoverPanics(s.logRequests(securityHeaders(s.withDeadline(cop.Handler(s.routes()))))))
}
