package web

import (
	"net/http"
	"strings"

	"github.com/tamas-app/tamas/internal/webshop"
)

// routes lists every route in one place.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /api/openapi.yaml", s.openAPI)

	// Text the database cannot store is refused first (refuseBadText);
	// whatever touches the database is admitted next (admission).
	api := func(h http.HandlerFunc) http.Handler { return s.refuseBadText(s.admit(s.apiKey(h))) }
	mux.Handle("POST /api/v1/sales", api(s.salesCreate))
	mux.Handle("GET /api/v1/sales/{external_id}", api(s.saleGet))
	mux.Handle("POST /api/v1/sales/{external_id}/cancel", api(s.saleCancel))
	mux.Handle("GET /api/v1/followups/{id}", api(s.followUpGet))

	mux.Handle("GET /static/", http.FileServerFS(static))

	mux.Handle("POST /webhooks/twilio/sms", s.admit(s.twilioWebhook(s.twilioSMS)))
	mux.Handle("POST /webhooks/twilio/status", s.admit(s.twilioWebhook(s.twilioStatus)))
	mux.Handle("POST /webhooks/twilio/voice/start", s.admit(s.twilioWebhook(s.twilioVoiceStart)))
	mux.Handle("POST /webhooks/twilio/voice/gather", s.admit(s.twilioWebhook(s.twilioVoiceGather)))
	mux.Handle("POST /webhooks/shopify/{source}", s.admit(s.shopWebhook(webshop.Shopify)))
	mux.Handle("POST /webhooks/woocommerce/{source}", s.admit(s.shopWebhook(webshop.WooCommerce)))

	// The public survey pages: no sign-in and no session, a signed token
	// in the path; they read bad text themselves, to show it beside its
	// answer. Same-origin checks (Handler) guard their forms.
	mux.Handle("GET /s/{token}", s.admit(http.HandlerFunc(s.surveyLink)))
	mux.Handle("POST /s/{token}", s.admit(http.HandlerFunc(s.surveyLinkAnswer)))
	mux.Handle("GET /b/{token}", s.admit(http.HandlerFunc(s.branchCardSurvey)))
	mux.Handle("POST /b/{token}", s.admit(http.HandlerFunc(s.branchCardAnswer)))

	// Pages: bad text refused, then sessions, the signed-in user, then the
	// role each route needs.
	// They share the one mux with the API, with no catch-all: a catch-all
	// matches every method, which keeps the mux from answering 405.
	pages := pageMux{mux: mux, wrap: func(h http.Handler) http.Handler { return s.refuseBadText(s.pageStack(h)) }}
	pages.HandleFunc("GET /login", s.loginPage)
	pages.HandleFunc("POST /login", s.loginSubmit)
	pages.HandleFunc("POST /logout", s.logout)
	pages.Handle("GET /{$}", s.require(anyRole, s.home))
	pages.Handle("GET /account/password", s.require(anyRole, s.passwordPage))
	pages.Handle("POST /account/password", s.require(anyRole, s.passwordChange))
	pages.Handle("GET /queue", s.require(callers, s.queuePage))
	pages.Handle("POST /queue/next", s.require(callers, s.claimNext))
	pages.Handle("GET /calls/{id}", s.require(callers, s.callPage))
	pages.Handle("POST /calls/{id}", s.require(callers, s.callSubmit))
	pages.Handle("POST /calls/{id}/extend", s.require(callers, s.callExtend))
	pages.Handle("POST /calls/{id}/issue", s.require(callers, s.callIssue))
	pages.Handle("POST /calls/{id}/release", s.require(callers, s.callRelease))
	pages.Handle("GET /customers", s.require(anyRole, s.customersPage))
	pages.Handle("GET /customers/{id}", s.require(anyRole, s.customerPage))
	pages.Handle("POST /customers/{id}/complaints", s.require(anyRole, s.customerComplaint))
	pages.Handle("POST /customers/{id}/notes", s.require(anyRole, s.customerNote))
	pages.Handle("GET /issues", s.require(desk, s.issuesPage))
	pages.Handle("GET /issues/{id}", s.require(desk, s.issuePage))
	pages.Handle("POST /issues/{id}/assign", s.require(desk, s.issueAssign))
	pages.Handle("POST /issues/{id}/notes", s.require(desk, s.issueNote))
	pages.Handle("POST /issues/{id}/state", s.require(desk, s.issueState))
	pages.Handle("GET /inbox", s.require(overseers, s.inboxPage))
	pages.Handle("POST /inbox/read", s.require(overseers, s.inboxRead))
	pages.Handle("GET /root-causes", s.require(overseers, s.rootCausesPage))
	pages.Handle("POST /root-causes", s.require(overseers, s.rootCauseAdd))
	pages.Handle("POST /root-causes/{key}", s.require(overseers, s.rootCauseUpdate))
	pages.Handle("GET /admin/users", s.require(admins, s.usersPage))
	pages.Handle("POST /admin/users", s.require(admins, s.userCreate))
	pages.Handle("POST /admin/users/{id}", s.require(admins, s.userUpdate))
	pages.Handle("POST /admin/users/{id}/password", s.require(admins, s.userPasswordReset))
	pages.Handle("POST /admin/users/{id}/languages", s.require(admins, s.userLanguages))
	pages.Handle("GET /admin/webhooks", s.require(admins, s.webhooksPage))
	pages.Handle("POST /admin/webhooks", s.require(admins, s.webhookCreate))
	pages.Handle("GET /admin/webhooks/{id}", s.require(admins, s.webhookPage))
	pages.Handle("POST /admin/webhooks/{id}", s.require(admins, s.webhookUpdate))
	pages.Handle("POST /admin/webhooks/{id}/delete", s.require(admins, s.webhookDelete))
	pages.Handle("POST /admin/webhooks/{id}/test", s.require(admins, s.webhookTest))
	pages.Handle("GET /scripts", s.require(overseers, s.scriptsPage))
	pages.Handle("POST /scripts", s.require(overseers, s.scriptCreate))
	pages.Handle("POST /scripts/import", s.require(overseers, s.scriptImport))
	pages.Handle("GET /scripts/{id}", s.require(overseers, s.scriptPage))
	pages.Handle("GET /scripts/{id}/edit", s.require(overseers, s.scriptEditPage))
	pages.Handle("POST /scripts/{id}/edit", s.require(overseers, s.scriptEditSubmit))
	pages.Handle("GET /scripts/{id}/preview", s.require(overseers, s.scriptPreview))
	pages.Handle("GET /scripts/{id}/diff", s.require(overseers, s.scriptDiff))
	pages.Handle("GET /scripts/{id}/versions/{file}", s.require(overseers, s.scriptExport))
	pages.Handle("POST /scripts/{id}/move", s.require(overseers, s.scriptMove))
	pages.Handle("GET /automated", s.require(overseers, s.automatedPage))
	pages.Handle("GET /rules", s.require(overseers, s.rulesPage))
	pages.Handle("POST /rules", s.require(overseers, s.ruleSave))
	pages.Handle("POST /rules/delete", s.require(overseers, s.ruleDelete))
	pages.Handle("POST /calendar", s.require(overseers, s.calendarSave))
	pages.Handle("GET /reports", s.require(overseers, s.reportsPage))
	pages.Handle("GET /reports/{file}", s.require(overseers, s.reportCSV))
	pages.Handle("GET /reports/recovery", s.require(overseers, s.recoveryPage))
	pages.Handle("GET /silent", s.require(overseers, s.silentPage))
	pages.Handle("GET /silent.csv", s.require(overseers, s.silentCSV))
	pages.Handle("POST /silent/settings", s.require(overseers, s.silenceSave))
	pages.Handle("GET /branches", s.require(overseers, s.branchesPage))
	pages.Handle("POST /branches/merge", s.require(overseers, s.branchMerge))
	pages.Handle("POST /branches/{id}", s.require(overseers, s.branchSave))
	pages.Handle("GET /branches/{id}/card", s.require(overseers, s.branchCardPage))
	if s.jobs != nil {
		pages.Handle("/admin/jobs/", s.require(overseers, s.withWayBack(s.jobs).ServeHTTP))
		pages.Handle("GET /admin/jobs", http.RedirectHandler("/admin/jobs/", http.StatusMovedPermanently))
	}
	return s.unrouted(mux)
}

// pageStack is what every page runs behind: admission, sessions and the
// signed-in user.
func (s *Server) pageStack(h http.Handler) http.Handler {
	return s.admit(readSessions(s.sessions.LoadAndSave(s.withUser(h))))
}

// pageMux registers pages on the one mux, each behind the page stack.
type pageMux struct {
	mux  *http.ServeMux
	wrap func(http.Handler) http.Handler
}

func (p pageMux) Handle(pattern string, h http.Handler) { p.mux.Handle(pattern, p.wrap(h)) }

func (p pageMux) HandleFunc(pattern string, h http.HandlerFunc) { p.Handle(pattern, h) }

// unrouted serves mux and answers what it has no route for in tamas's own
// form, JSON under /api/ and the error page elsewhere: 405 with the mux's
// Allow when other methods serve the path, else 404.
func (s *Server) unrouted(mux *http.ServeMux) http.Handler {
	served := routed(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			served.ServeHTTP(w, r)
			return
		}
		// The mux's own answer is plain text; keep only its status and Allow.
		probe := &headerProbe{header: http.Header{}}
		h.ServeHTTP(probe, r)
		status, key := http.StatusNotFound, "error.not_found"
		if allow := probe.header.Get("Allow"); probe.status == http.StatusMethodNotAllowed && allow != "" {
			w.Header().Set("Allow", allow)
			status, key = http.StatusMethodNotAllowed, "error.method_not_allowed"
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			s.apiUnrouted(w, r, status)
			return
		}
		s.pageStack(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.errorPage(w, r, status, key)
		})).ServeHTTP(w, r)
	})
}

// headerProbe keeps the header and status a handler writes and drops its
// body.
type headerProbe struct {
	header http.Header
	status int
}

func (p *headerProbe) Header() http.Header         { return p.header }
func (p *headerProbe) Write(b []byte) (int, error) { return len(b), nil }
func (p *headerProbe) WriteHeader(status int)      { p.status = status }
