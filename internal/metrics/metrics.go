// Package metrics is what tamas tells Prometheus: one registry per process,
// the counters and histograms the code paths update, and the collectors
// that read the database and the connection pools when /metrics is
// scraped. Every method works on a nil *Metrics and does nothing, so code
// built without metrics (tests, the command-line tools) passes nil.
package metrics

import (
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/tamas-app/tamas/internal/store"
)

const namespace = "tamas"

type Opts struct {
	// DB answers the queries run at scrape time.
	DB     store.DBTX
	Logger *slog.Logger
	// Pools are the connection pools to report, by name ("web", "river").
	Pools map[string]*pgxpool.Pool
	// QueryTimeout bounds each scrape-time query; 0 means 2 seconds, well
	// inside Prometheus's default 10-second scrape timeout.
	QueryTimeout time.Duration
}

type Metrics struct {
	reg             *prometheus.Registry
	log             *slog.Logger
	claims          *prometheus.HistogramVec
	dueLag          prometheus.Histogram
	breaches        *prometheus.CounterVec
	texts           *prometheus.CounterVec
	jobsWorked      *prometheus.CounterVec
	requests        *prometheus.CounterVec
	requestDuration *prometheus.HistogramVec
}

// New builds the registry with the Go and process collectors and every
// tamas metric.
func New(o Opts) *Metrics {
	log := o.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	timeout := o.QueryTimeout
	if timeout <= 0 {
		timeout = 2 * time.Second
	}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		log: log,
		claims: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "claim_duration_seconds",
			Help: "Time to claim the next call for an agent (POST /queue/next), by outcome: claimed, nothing_due or error.",
			// A claim takes about a millisecond alone and seconds when
			// agents queue for pool connections.
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"outcome"}),
		dueLag: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: namespace, Name: "due_lag_seconds",
			Help: "How late a follow-up became due: the time it was made due minus its due time.",
			// River's scheduler runs every 5 s and buckets are minutes, so
			// seconds are normal; hours mean the workers were down.
			Buckets: []float64{1, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600, 24 * 3600},
		}),
		breaches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "sla_breaches_total",
			Help: "Issues marked past their deadline, by what noticed it: sla_job (the deadline job) or state_change (the issue ended late before the job ran).",
		}, []string{"noticed_by"}),
		texts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "texts_total",
			Help: "Texts requested from Twilio, by outcome: sent, refused, unsubscribed, rate_limited or unknown.",
		}, []string{"outcome"}),
		jobsWorked: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "river_jobs_worked_total",
			Help: "Jobs this process finished working, by kind and outcome: completed, retryable, discarded, cancelled or snoozed.",
		}, []string{"kind", "outcome"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "http_requests_total",
			Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "code"}),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route"}),
	}
	m.reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.claims, m.dueLag, m.breaches, m.texts, m.jobsWorked, m.requests, m.requestDuration,
		newPoolCollector(o.Pools),
	)
	if o.DB != nil {
		m.reg.MustRegister(newDBCollector(o.DB, timeout, log))
	}
	return m
}

// Registry is where the metrics are registered, for tests to gather.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in Prometheus's formats. A collector that
// fails leaves its own families out and the rest are still served.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		ErrorLog:      slog.NewLogLogger(m.log.Handler(), slog.LevelError),
		ErrorHandling: promhttp.ContinueOnError,
		Registry:      m.reg,
		// Each scrape queries the database; two scrapers at once are
		// plenty, a third is refused rather than queued.
		MaxRequestsInFlight: 2,
	})
}

// ClaimOutcome is how a claim ended.
type ClaimOutcome string

const (
	ClaimClaimed    ClaimOutcome = "claimed"
	ClaimNothingDue ClaimOutcome = "nothing_due"
	ClaimError      ClaimOutcome = "error"
)

func (m *Metrics) ObserveClaim(o ClaimOutcome, d time.Duration) {
	if m == nil {
		return
	}
	m.claims.WithLabelValues(string(o)).Observe(d.Seconds())
}

// ObserveDueLag records how late one follow-up became due.
func (m *Metrics) ObserveDueLag(d time.Duration) {
	if m == nil {
		return
	}
	m.dueLag.Observe(d.Seconds())
}

// BreachNoticer is what marked an issue breached.
type BreachNoticer string

const (
	BreachBySLAJob      BreachNoticer = "sla_job"
	BreachByStateChange BreachNoticer = "state_change"
)

// SLABreached counts one issue marked past its deadline; call it once the
// transaction that marked it has committed.
func (m *Metrics) SLABreached(by BreachNoticer) {
	if m == nil {
		return
	}
	m.breaches.WithLabelValues(string(by)).Inc()
}

// TextOutcome is what Twilio answered to a text.
type TextOutcome string

const (
	// TextSent: accepted, or found at Twilio after an unanswered request.
	TextSent TextOutcome = "sent"
	// TextRefused: a 4xx other than the two below; not sent again.
	TextRefused TextOutcome = "refused"
	// TextUnsubscribed: the number texted STOP to Twilio.
	TextUnsubscribed TextOutcome = "unsubscribed"
	// TextRateLimited: 429; River sends it again later.
	TextRateLimited TextOutcome = "rate_limited"
	// TextUnknown: a timeout or 5xx; it is looked up before anything is
	// sent again.
	TextUnknown TextOutcome = "unknown"
)

func (m *Metrics) Text(o TextOutcome) {
	if m == nil {
		return
	}
	m.texts.WithLabelValues(string(o)).Inc()
}

// Unmatched is the route of a request no pattern matched, so that probes
// of random paths do not each make a series.
const Unmatched = "unmatched"

// ObserveRequest records one answered HTTP request. route is the ServeMux
// pattern that matched (e.g. "GET /calls/{id}"), never the path.
func (m *Metrics) ObserveRequest(route string, code int, d time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = Unmatched
	}
	m.requests.WithLabelValues(route, strconv.Itoa(code)).Inc()
	m.requestDuration.WithLabelValues(route).Observe(d.Seconds())
}
