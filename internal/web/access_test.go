package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/app/apptest"
)

// Who may use each route, written out here rather than read from routes.go,
// so a route registered with the wrong roles fails instead of agreeing
// with itself. Page routes name the roles that may use them; the rest say
// how a request that is not theirs is turned away.
const (
	public    = "public"  // no sign-in: the page itself decides
	apiKey    = "api key" // 401 without a source's key
	twilioSig = "twilio"  // 403 without Twilio's signature
	shopSig   = "shop"    // 401 without the shop's signature
	token     = "token"   // a signed token in the path; 404 for a bad one
	agent     = "agent"   // roles, as auth.Role spells them
	sup       = "supervisor"
	service   = "service"
	admin     = "admin"
)

var everyRole = []string{agent, sup, service, admin}

var routePolicy = map[string][]string{
	"GET /healthz":          {public},
	"GET /api/openapi.yaml": {public},
	"GET /static/":          {public},
	"GET /login":            {public},
	"POST /login":           {public},
	"POST /logout":          {public},

	"POST /api/v1/sales":                       {apiKey},
	"GET /api/v1/sales/{external_id}":          {apiKey},
	"POST /api/v1/sales/{external_id}/cancel":  {apiKey},
	"GET /api/v1/followups/{id}":               {apiKey},
	"POST /webhooks/twilio/sms":                {twilioSig},
	"POST /webhooks/twilio/status":             {twilioSig},
	"POST /webhooks/twilio/voice/start":        {twilioSig},
	"POST /webhooks/twilio/voice/gather":       {twilioSig},
	"POST /webhooks/shopify/{source}":          {shopSig},
	"POST /webhooks/woocommerce/{source}":      {shopSig},
	"GET /s/{token}":                           {token},
	"POST /s/{token}":                          {token},
	"GET /b/{token}":                           {token},
	"POST /b/{token}":                          {token},
	"GET /{$}":                                 everyRole,
	"GET /account/password":                    everyRole,
	"POST /account/password":                   everyRole,
	"GET /queue":                               {agent, sup},
	"POST /queue/next":                         {agent, sup},
	"GET /calls/{id}":                          {agent, sup},
	"POST /calls/{id}":                         {agent, sup},
	"POST /calls/{id}/extend":                  {agent, sup},
	"POST /calls/{id}/issue":                   {agent, sup},
	"POST /calls/{id}/release":                 {agent, sup},
	"GET /customers":                           everyRole,
	"GET /customers/{id}":                      everyRole,
	"POST /customers/{id}/complaints":          everyRole,
	"POST /customers/{id}/notes":               everyRole,
	"GET /issues":                              {service, sup, admin},
	"GET /issues/{id}":                         {service, sup, admin},
	"POST /issues/{id}/assign":                 {service, sup, admin},
	"POST /issues/{id}/notes":                  {service, sup, admin},
	"POST /issues/{id}/state":                  {service, sup, admin},
	"GET /inbox":                               {sup, admin},
	"POST /inbox/read":                         {sup, admin},
	"GET /root-causes":                         {sup, admin},
	"POST /root-causes":                        {sup, admin},
	"POST /root-causes/{key}":                  {sup, admin},
	"GET /admin/users":                         {admin},
	"POST /admin/users":                        {admin},
	"POST /admin/users/{id}":                   {admin},
	"POST /admin/users/{id}/password":          {admin},
	"POST /admin/users/{id}/languages":         {admin},
	"GET /admin/webhooks":                      {admin},
	"POST /admin/webhooks":                     {admin},
	"GET /admin/webhooks/{id}":                 {admin},
	"POST /admin/webhooks/{id}":                {admin},
	"POST /admin/webhooks/{id}/delete":         {admin},
	"POST /admin/webhooks/{id}/test":           {admin},
	"GET /scripts":                             {sup, admin},
	"POST /scripts":                            {sup, admin},
	"POST /scripts/import":                     {sup, admin},
	"GET /scripts/{id}":                        {sup, admin},
	"GET /scripts/{id}/edit":                   {sup, admin},
	"POST /scripts/{id}/edit":                  {sup, admin},
	"GET /scripts/{id}/preview":                {sup, admin},
	"GET /scripts/{id}/diff":                   {sup, admin},
	"GET /scripts/{id}/versions/{file}":        {sup, admin},
	"POST /scripts/{id}/move":                  {sup, admin},
	"GET /automated":                           {sup, admin},
	"GET /rules":                               {sup, admin},
	"POST /rules":                              {sup, admin},
	"POST /rules/delete":                       {sup, admin},
	"POST /calendar":                           {sup, admin},
	"GET /reports":                             {sup, admin},
	"GET /reports/{file}":                      {sup, admin},
	"GET /reports/recovery":                    {sup, admin},
	"GET /silent":                              {sup, admin},
	"GET /silent.csv":                          {sup, admin},
	"POST /silent/settings":                    {sup, admin},
	"GET /branches":                            {sup, admin},
	"POST /branches/merge":                     {sup, admin},
	"POST /branches/{id}":                      {sup, admin},
	"GET /branches/{id}/card":                  {sup, admin},
	"GET /admin/jobs":                          {public}, // a redirect to the dashboard, which checks
	"GET /admin/jobs/ (dashboard, any method)": {sup, admin},
}

// TestEveryRouteForEveryRole asks every route of routes.go as a visitor who
// is not signed in and as each role: a page sends the visitor to sign in,
// turns a role it does not serve away with 403 and lets the others
// through; the API, the webhooks and the token pages turn away a request
// without their key, signature or token.
func TestEveryRouteForEveryRole(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	visitors := s.roleVisitors(t)

	patterns := append(routeTable(t), "GET /admin/jobs/ (dashboard, any method)")
	for _, p := range patterns {
		if _, ok := routePolicy[p]; !ok {
			t.Errorf("routes.go serves %q, which routePolicy does not list: say who may use it", p)
		}
	}
	for p := range routePolicy {
		if !slices.Contains(patterns, p) {
			t.Errorf("routePolicy lists %q, which routes.go does not serve", p)
		}
	}

	asked := 0
	for _, p := range patterns {
		method, path := requestOf(p, "999999999")
		allowed := routePolicy[p]
		anonymous := s.visitor(t).do(t, method, path, url.Values{}, nil)
		asked++
		switch allowed[0] {
		case public:
			if anonymous.status == http.StatusForbidden || anonymous.status >= 500 || strings.HasPrefix(anonymous.location(), "/login?") {
				t.Errorf("%s %s without sign-in: %d (Location %q), want it served", method, path, anonymous.status, anonymous.location())
			}
			continue
		case apiKey, shopSig:
			anonymous.wantStatus(t, method+" "+path+" without a key or signature", http.StatusUnauthorized)
			continue
		case twilioSig:
			anonymous.wantStatus(t, method+" "+path+" without Twilio's signature", http.StatusForbidden)
			continue
		case token:
			anonymous.wantStatus(t, method+" "+path+" with a token nobody signed", http.StatusNotFound)
			continue
		}
		if anonymous.status != http.StatusSeeOther || !strings.HasPrefix(anonymous.location(), "/login") {
			t.Errorf("%s %s without sign-in: %d to %q, want 303 to /login", method, path, anonymous.status, anonymous.location())
		}
		for _, role := range everyRole {
			r := visitors[role].do(t, method, path, url.Values{}, nil)
			asked++
			switch {
			case !slices.Contains(allowed, role) && r.status != http.StatusForbidden:
				t.Errorf("%s %s as %s: %d, want 403", method, path, role, r.status)
			case slices.Contains(allowed, role) && (r.status == http.StatusForbidden || r.status == http.StatusUnauthorized ||
				strings.HasPrefix(r.location(), "/login")):
				t.Errorf("%s %s as %s, who may use it: %d (Location %q)", method, path, role, r.status, r.location())
			case r.status >= 500:
				t.Errorf("%s %s as %s: %d", method, path, role, r.status)
			}
		}
	}
	t.Logf("%d routes, %d requests", len(patterns), asked)
}

// roleVisitors signs in one user of each role, a supervisor added.
func (s *site) roleVisitors(t *testing.T) map[string]*visitor {
	t.Helper()
	s.addUser(t, "sara", "supervisor", "en", "UTC")
	return map[string]*visitor{
		agent: s.signedIn(t, "maryam"), sup: s.signedIn(t, "sara"),
		service: s.signedIn(t, "desk"), admin: s.signedIn(t, "boss"),
	}
}

// requestOf is the method and path that ask pattern, with value in each
// of its wildcards.
func requestOf(pattern, value string) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	path, _, _ = strings.Cut(path, " ")
	path = strings.ReplaceAll(path, "{$}", "")
	path = regexp.MustCompile(`\{[a-z_]+\}`).ReplaceAllString(path, value)
	if strings.HasSuffix(path, "/") && path != "/" {
		path += "jobs"
	}
	return method, path
}

// TestEveryRouteAnswersBadTextWithoutServerError sends text the database
// cannot store (NUL, bytes that are not UTF-8) in every route's path
// values, query and form, as someone the route serves: each is refused or
// shown as the answer's problem, never a 5xx or an ERROR line.
func TestEveryRouteAnswersBadTextWithoutServerError(t *testing.T) {
	t.Parallel()
	logs := &apptest.Buffer{}
	s := openSiteWith(t, siteOpts{logger: slog.New(slog.NewTextHandler(io.MultiWriter(logs, t.Output()), nil))})
	visitors := s.roleVisitors(t)
	patterns := append(routeTable(t), "GET /admin/jobs/ (dashboard, any method)")
	form := url.Values{"q": {"a\x00b"}, "category": {"a\xffb"}, "answer.overall": {"\x00"}, "receipt": {"\xff"}, "body": {"a\x00"}}
	for _, p := range patterns {
		v := s.visitor(t)
		if role := routePolicy[p][0]; slices.Contains(everyRole, role) {
			v = visitors[role]
		}
		for _, value := range []string{"a%00b", "%ff", "1"} {
			method, path := requestOf(p, value)
			r := v.do(t, method, path+"?q=%00&from=%ff", form, nil)
			if r.status >= 500 {
				t.Errorf("%s %s with bad text: %d", method, path, r.status)
			}
		}
	}
	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "level=ERROR") {
			t.Errorf("logged as an error: %s", line)
		}
	}
}
