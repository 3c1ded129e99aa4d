package web_test

import (
	"cmp"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

// pagesNow is the console's clock: a Tuesday, 12:00 in Tehran, inside the
// default calling window.
var pagesNow = apptest.Now

const sessionCookie = "tamas_session"

// site is the full handler stack as `tamas serve` wires it, with sessions in
// PostgreSQL, on its own database holding two due calls to Tehran and four
// users: maryam (a Persian agent), emma (an English agent), boss (admin)
// and desk (service). Each password is "password-" + the username.
type site struct {
	*apptest.App
	// app is the pool the server uses: Pool itself unless siteOpts asks
	// for another.
	app *pgxpool.Pool
	due []int64
}

// siteOpts changes what the server sees of the database.
type siteOpts struct {
	// dbURL turns the database's URL into the one the server connects
	// to, e.g. through a proxy; nil connects directly.
	dbURL    func(string) string
	maxConns int32
	// requestTimeout and acquireTimeout are passed to web.Opts; the
	// web pool's statement and lock timeouts follow requestTimeout.
	requestTimeout, acquireTimeout time.Duration
	verify                         func(hash, password string) bool
	// pool is the test's database; nil opens a new one.
	pool *pgxpool.Pool
	// metrics counts the server's requests and claims; nil counts nothing.
	metrics *metrics.Metrics
	// webhookAllowPrivate is TAMAS_WEBHOOK_ALLOW_PRIVATE.
	webhookAllowPrivate bool
	// trustedProxies is TAMAS_TRUSTED_PROXIES.
	trustedProxies string
	// logger is the app's; nil writes to the test's output.
	logger *slog.Logger
	// cardAnswersPerHour is TAMAS_CARD_ANSWERS_PER_HOUR; 0 keeps the
	// default.
	cardAnswersPerHour int
}

func openSite(t *testing.T) *site {
	t.Helper()
	return openSiteWith(t, siteOpts{})
}

func openSiteWith(t *testing.T, o siteOpts) *site {
	t.Helper()
	ctx := context.Background()
	pool := o.pool
	if pool == nil {
		pool = testdb.New(t)
	}
	app := pool
	if o.dbURL != nil || o.maxConns > 0 || o.requestTimeout > 0 {
		url := pool.Config().ConnString()
		if o.dbURL != nil {
			url = o.dbURL(url)
		}
		var err error
		app, err = store.OpenPool(ctx, url, store.PoolOpts{
			MaxConns: o.maxConns, StatementTimeout: o.requestTimeout, LockTimeout: o.requestTimeout / 2,
			ConnectTimeout: o.requestTimeout,
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(app.Close)
	}
	a := apptest.Open(t, apptest.Opts{
		Pool: pool, WebPool: app, At: pagesNow, Serve: true, Metrics: o.metrics, VerifyPassword: o.verify, Logger: o.logger,
		Configure: func(c *config.Config) {
			c.RequestTimeout = cmp.Or(o.requestTimeout, c.RequestTimeout)
			c.DBAcquireTimeout = cmp.Or(o.acquireTimeout, c.DBAcquireTimeout)
			c.WebhookAllowPrivate = o.webhookAllowPrivate
			c.CardAnswersPerHour = cmp.Or(o.cardAnswersPerHour, c.CardAnswersPerHour)
			var err error
			if c.TrustedProxies, err = config.ParseTrustedProxies(o.trustedProxies); err != nil {
				t.Fatal(err)
			}
		},
	})
	s := &site{App: a, app: app}
	soldAt := pagesNow.Add(-10 * 24 * time.Hour).Format(time.RFC3339)
	s.due = a.Sell(t,
		sales.Input{ExternalID: "P-1", Customer: sales.CustomerInput{Name: "مریم رضایی", Phone: "09121234567", Timezone: "Asia/Tehran", Locale: "fa"},
			Product: sales.ProductInput{SKU: "GL-100", Name: "عینک مطالعه"}, Branch: "تجریش", SoldAt: soldAt},
		sales.Input{ExternalID: "P-2", Customer: sales.CustomerInput{Name: "Sara Ahmadi", Phone: "09351234567", Timezone: "Asia/Tehran", Locale: "en"},
			Product: sales.ProductInput{SKU: "PH-12", Name: "Phone A12"}, Branch: "Vanak", SoldAt: soldAt},
	)
	if n := a.MakeDue(t, pagesNow); n != 2 {
		t.Fatalf("MakeDue: %d; want 2 due", n)
	}
	for _, u := range []struct{ name, role, locale, tz string }{
		{"maryam", "agent", "fa", "Asia/Tehran"},
		{"emma", "agent", "en", "Europe/London"},
		{"boss", "admin", "en", "UTC"},
		{"desk", "service", "en", "UTC"},
	} {
		s.addUser(t, u.name, u.role, u.locale, u.tz)
	}
	return s
}

func (s *site) addUser(t *testing.T, username, role, locale, tz string) int64 {
	t.Helper()
	return s.Staff(t, store.UserInsertParams{Username: username, Role: role, Locale: locale, Timezone: tz})
}

func (s *site) userID(t *testing.T, username string) int64 {
	t.Helper()
	var id int64
	if err := s.Pool.QueryRow(context.Background(), `SELECT id FROM users WHERE username = $1`, username).Scan(&id); err != nil {
		t.Fatalf("user %s: %v", username, err)
	}
	return id
}

func (s *site) sessionExists(t *testing.T, token string) bool {
	t.Helper()
	return s.Count(t, `SELECT count(*) FROM sessions WHERE token = $1`, token) == 1
}

func (s *site) claimed(t *testing.T) int {
	t.Helper()
	return s.Count(t, `SELECT count(*) FROM follow_ups WHERE state = 'claimed'`)
}

// visitor is one browser: its own cookie jar, and redirects returned to
// the test instead of followed.
type visitor struct {
	site *site
	c    *http.Client
}

func (s *site) visitor(t *testing.T) *visitor {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &visitor{site: s, c: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type pageReply struct {
	status  int
	header  http.Header
	body    string
	cookies []*http.Cookie
}

func (p pageReply) location() string { return p.header.Get("Location") }

// session is the session cookie the reply sets, or nil.
func (p pageReply) session() *http.Cookie {
	for _, c := range p.cookies {
		if c.Name == sessionCookie {
			return c
		}
	}
	return nil
}

func (v *visitor) do(t *testing.T, method, path string, form url.Values, header map[string]string) pageReply {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(t.Context(), method, v.site.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, val := range header {
		req.Header.Set(k, val)
	}
	resp, err := v.c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return pageReply{status: resp.StatusCode, header: resp.Header, body: string(b), cookies: resp.Cookies()}
}

func (v *visitor) get(t *testing.T, path string) pageReply {
	t.Helper()
	return v.do(t, http.MethodGet, path, nil, nil)
}

func (v *visitor) post(t *testing.T, path string, form url.Values) pageReply {
	t.Helper()
	if form == nil {
		form = url.Values{}
	}
	return v.do(t, http.MethodPost, path, form, nil)
}

// wantRedirect fails unless p is a 303 to target.
func (p pageReply) wantRedirect(t *testing.T, what, target string) {
	t.Helper()
	if p.status != http.StatusSeeOther || p.location() != target {
		t.Errorf("%s: %d to %q, want 303 to %q", what, p.status, p.location(), target)
	}
}

func (p pageReply) wantStatus(t *testing.T, what string, status int) {
	t.Helper()
	if p.status != status {
		t.Errorf("%s: status %d (Location %q), want %d", what, p.status, p.location(), status)
	}
}

func (v *visitor) signIn(t *testing.T, username string) {
	t.Helper()
	r := v.post(t, "/login", url.Values{"username": {username}, "password": {"password-" + username}})
	if r.status != http.StatusSeeOther {
		t.Fatalf("signing in as %s: status %d, want 303", username, r.status)
	}
}

// signedIn is a new visitor signed in as username.
func (s *site) signedIn(t *testing.T, username string) *visitor {
	t.Helper()
	v := s.visitor(t)
	v.signIn(t, username)
	return v
}

func TestPagesSendVisitorsToSignIn(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	v := s.visitor(t)
	v.get(t, "/queue").wantRedirect(t, "GET /queue", "/login?next=%2Fqueue")
	v.get(t, "/admin/users").wantRedirect(t, "GET /admin/users", "/login?next=%2Fadmin%2Fusers")
	v.get(t, "/calls/"+strconv.FormatInt(s.due[0], 10)).wantRedirect(t, "GET /calls/{id}", "/login?next=%2Fcalls%2F"+strconv.FormatInt(s.due[0], 10))
	v.post(t, "/queue/next", nil).wantRedirect(t, "POST /queue/next", "/login")
	v.post(t, "/admin/users", url.Values{"username": {"mallory"}, "role": {"admin"}, "password": {"password-mallory"}}).
		wantRedirect(t, "POST /admin/users", "/login")
	if n := s.claimed(t); n != 0 {
		t.Errorf("%d follow-ups claimed by a visitor who is not signed in", n)
	}
	var users int
	if err := s.Pool.QueryRow(t.Context(), `SELECT count(*) FROM users WHERE username = 'mallory'`).Scan(&users); err != nil {
		t.Fatal(err)
	}
	if users != 0 {
		t.Error("a visitor who is not signed in added a user")
	}
	// The page signed in to goes back where the visitor was headed, and
	// never to another site.
	r := v.get(t, "/login?next=%2Fqueue")
	if !strings.Contains(r.body, `name="next" value="/queue"`) {
		t.Errorf("sign-in page does not carry next=/queue")
	}
	s.visitor(t).post(t, "/login", url.Values{"username": {"maryam"}, "password": {"password-maryam"}, "next": {"/queue"}}).
		wantRedirect(t, "signing in with next=/queue", "/queue")
	s.visitor(t).post(t, "/login", url.Values{"username": {"maryam"}, "password": {"password-maryam"}, "next": {"//evil.example/"}}).
		wantRedirect(t, "signing in with next=//evil.example/", "/")
}

// A sign-in link carrying next= must bring the agent back to this site,
// however the path is dressed up. Browsers drop tabs and line breaks from
// a Location before reading it (WHATWG URL), so "/\t/evil.example" is
// "//evil.example", another site.
func TestSignInNeverRedirectsOffSite(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	site, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	for _, next := range []string{
		"//evil.example/", "/\\evil.example/", "https://evil.example/", "/\t/evil.example/", "/\n/evil.example/",
		"/\r\n/evil.example/", "/\t\\evil.example/", "\t//evil.example/",
	} {
		form := url.Values{"username": {"maryam"}, "password": {"password-maryam"}, "next": {next}}
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, s.URL+"/login", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		// The transport, not a client: a client refuses to read a Location
		// with a tab in it, and the test must see what a browser would get.
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		asBrowser := strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(loc)
		target, err := site.Parse(asBrowser)
		if resp.StatusCode != http.StatusSeeOther || err != nil || target.Host != site.Host {
			t.Errorf("sign-in with next=%q: %d to %q, which a browser follows to %v; want a 303 on this site", next, resp.StatusCode, loc, target)
		}
	}
}

var loginError = regexp.MustCompile(`data-testid="login-error">([^<]*)<`)

func TestSignInFailuresLookAlike(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	wrong := s.visitor(t).post(t, "/login", url.Values{"username": {"maryam"}, "password": {"not-her-password"}})
	unknown := s.visitor(t).post(t, "/login", url.Values{"username": {"nobody"}, "password": {"password-maryam"}})
	wrong.wantStatus(t, "wrong password", http.StatusUnauthorized)
	unknown.wantStatus(t, "unknown user", http.StatusUnauthorized)
	m := loginError.FindStringSubmatch(wrong.body)
	if m == nil || m[1] != "Wrong username or password." {
		t.Fatalf("wrong password: error %v, want \"Wrong username or password.\"", m)
	}
	// The pages differ only in the username they echo.
	a := strings.ReplaceAll(wrong.body, "maryam", "USER")
	b := strings.ReplaceAll(unknown.body, "nobody", "USER")
	if a != b {
		t.Errorf("a wrong password and an unknown user give different pages:\n%s\n----\n%s", a, b)
	}
	if wrong.session() != nil || unknown.session() != nil {
		t.Error("a failed sign-in set a session cookie")
	}
}

func TestSignInIsThrottled(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	v := s.visitor(t)
	for i := range auth.FreeFailures {
		r := v.post(t, "/login", url.Values{"username": {"emma"}, "password": {"guess-" + strconv.Itoa(i)}})
		r.wantStatus(t, "failure "+strconv.Itoa(i+1), http.StatusUnauthorized)
	}
	r := v.post(t, "/login", url.Values{"username": {"emma"}, "password": {"password-emma"}})
	r.wantStatus(t, "the right password after five failures", http.StatusTooManyRequests)
	if secs, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || secs < 1 {
		t.Errorf("Retry-After %q, want a number of seconds", r.header.Get("Retry-After"))
	}
	if r.session() != nil {
		t.Error("a throttled sign-in set a session cookie")
	}
	if v.get(t, "/queue").status != http.StatusSeeOther {
		t.Error("a throttled sign-in signed the visitor in")
	}
	// Another username is not slowed down by emma's failures.
	s.visitor(t).post(t, "/login", url.Values{"username": {"maryam"}, "password": {"password-maryam"}}).
		wantRedirect(t, "maryam signs in", "/")
}

// A session id planted in the visitor's browser before sign-in (session
// fixation) must not become the signed-in session.
func TestSignInSetsANewSessionCookie(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	const planted = "planted-session-token-0123456789abcdefghijkl"
	data, err := scs.GobCodec{}.Encode(time.Now().Add(time.Hour), map[string]any{"note": "planted"})
	if err != nil {
		t.Fatal(err)
	}
	if err := pgxstore.New(s.Pool).Commit(planted, data, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	v := s.visitor(t)
	r := v.do(t, http.MethodPost, "/login", url.Values{"username": {"maryam"}, "password": {"password-maryam"}},
		map[string]string{"Cookie": sessionCookie + "=" + planted})
	r.wantRedirect(t, "signing in", "/")
	c := r.session()
	if c == nil {
		t.Fatal("signing in set no session cookie")
	}
	if c.Value == planted || c.Value == "" {
		t.Errorf("session token after sign-in %q, want a new one", c.Value)
	}
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Errorf("session cookie HttpOnly=%v SameSite=%v Path=%q, want HttpOnly, Lax, /", c.HttpOnly, c.SameSite, c.Path)
	}
	if s.sessionExists(t, planted) {
		t.Error("the planted session still exists after sign-in")
	}
	if !s.sessionExists(t, c.Value) {
		t.Error("the new session is not stored")
	}
	// The planted token does not carry the sign-in.
	s.visitor(t).do(t, http.MethodGet, "/queue", nil, map[string]string{"Cookie": sessionCookie + "=" + planted}).
		wantRedirect(t, "GET /queue with the planted token", "/login?next=%2Fqueue")
	v.get(t, "/queue").wantStatus(t, "GET /queue with the new session", http.StatusOK)
}

func TestRolesAreCheckedOnTheServer(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	const nedaPassword = "lantern orbit cactus"
	agent := s.signedIn(t, "maryam")
	newUser := url.Values{"username": {"sneaky"}, "display_name": {"Sneaky"}, "role": {"admin"}, "locale": {"en"}, "password": {"password-sneaky"}}
	agent.get(t, "/admin/users").wantStatus(t, "agent GET /admin/users", http.StatusForbidden)
	agent.post(t, "/admin/users", newUser).wantStatus(t, "agent POST /admin/users", http.StatusForbidden)
	agent.post(t, "/admin/users/"+strconv.FormatInt(s.userID(t, "emma"), 10), url.Values{"action": {"disable"}}).
		wantStatus(t, "agent POST /admin/users/{id}", http.StatusForbidden)
	var sneaky, disabled int
	if err := s.Pool.QueryRow(t.Context(), `SELECT count(*) FILTER (WHERE username = 'sneaky'), count(disabled_at) FROM users`).Scan(&sneaky, &disabled); err != nil {
		t.Fatal(err)
	}
	if sneaky != 0 || disabled != 0 {
		t.Errorf("after refused admin actions: %d users named sneaky, %d disabled; want 0 and 0", sneaky, disabled)
	}

	service := s.signedIn(t, "desk")
	service.get(t, "/queue").wantStatus(t, "service GET /queue", http.StatusForbidden)
	service.post(t, "/queue/next", nil).wantStatus(t, "service POST /queue/next", http.StatusForbidden)
	service.get(t, "/admin/users").wantStatus(t, "service GET /admin/users", http.StatusForbidden)
	if n := s.claimed(t); n != 0 {
		t.Errorf("%d follow-ups claimed after a service user's refused POST /queue/next", n)
	}

	admin := s.signedIn(t, "boss")
	admin.get(t, "/queue").wantStatus(t, "admin GET /queue", http.StatusForbidden)
	admin.get(t, "/admin/users").wantStatus(t, "admin GET /admin/users", http.StatusOK)
	admin.post(t, "/admin/users", url.Values{
		"username": {"Neda"}, "display_name": {"Neda K"}, "role": {"agent"}, "locale": {"fa"}, "password": {nedaPassword},
	}).wantRedirect(t, "admin adds neda", "/admin/users")
	var role, locale, tz string
	if err := s.Pool.QueryRow(t.Context(), `SELECT role, locale, timezone FROM users WHERE username = 'neda'`).Scan(&role, &locale, &tz); err != nil {
		t.Fatalf("the added user is not stored: %v", err)
	}
	if role != "agent" || locale != "fa" || tz != "Asia/Tehran" {
		t.Errorf("neda is %s/%s/%s, want agent/fa/Asia/Tehran", role, locale, tz)
	}
	neda := s.visitor(t)
	neda.post(t, "/login", url.Values{"username": {"neda"}, "password": {nedaPassword}}).wantRedirect(t, "neda signs in", "/")
	neda.get(t, "/queue").wantStatus(t, "neda GET /queue", http.StatusOK)

	// A password too short to keep is refused, and nothing is stored.
	admin.post(t, "/admin/users", url.Values{"username": {"short"}, "role": {"agent"}, "locale": {"en"}, "password": {"short"}}).
		wantStatus(t, "a user with a 5-character password", http.StatusUnprocessableEntity)
}

func TestDisabledUserIsSignedOut(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	agent := s.visitor(t)
	r := agent.post(t, "/login", url.Values{"username": {"emma"}, "password": {"password-emma"}})
	token := r.session()
	if token == nil {
		t.Fatal("no session cookie")
	}
	agent.get(t, "/queue").wantStatus(t, "emma's queue", http.StatusOK)

	admin := s.signedIn(t, "boss")
	admin.post(t, "/admin/users/"+strconv.FormatInt(s.userID(t, "emma"), 10), url.Values{"action": {"disable"}}).
		wantRedirect(t, "disabling emma", "/admin/users")

	agent.get(t, "/queue").wantRedirect(t, "a disabled user's GET /queue", "/login?next=%2Fqueue")
	if s.sessionExists(t, token.Value) {
		t.Error("a disabled user's session is still stored")
	}
	agent.post(t, "/queue/next", nil).wantRedirect(t, "a disabled user's POST /queue/next", "/login")
	s.visitor(t).post(t, "/login", url.Values{"username": {"emma"}, "password": {"password-emma"}}).
		wantStatus(t, "a disabled user signs in", http.StatusUnauthorized)
	if n := s.claimed(t); n != 0 {
		t.Errorf("%d follow-ups claimed by a disabled user", n)
	}
}

var callPath = regexp.MustCompile(`^/calls/([0-9]+)$`)

func TestNextCallIsTheAgentsOnly(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	maryam, emma := s.signedIn(t, "maryam"), s.signedIn(t, "emma")
	r := maryam.post(t, "/queue/next", nil)
	m := callPath.FindStringSubmatch(r.location())
	if r.status != http.StatusSeeOther || m == nil {
		t.Fatalf("POST /queue/next: %d to %q, want 303 to /calls/{id}", r.status, r.location())
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	if id != s.due[0] && id != s.due[1] {
		t.Fatalf("claimed %d, want one of %v", id, s.due)
	}
	page := maryam.get(t, r.location())
	page.wantStatus(t, "maryam opens her call", http.StatusOK)
	if !strings.Contains(page.body, `data-testid="call-form"`) {
		t.Error("maryam's call page has no call form")
	}
	// A second tab resumes the same call.
	maryam.post(t, "/queue/next", nil).wantRedirect(t, "maryam's second POST /queue/next", r.location())

	other := emma.get(t, r.location())
	other.wantRedirect(t, "emma opens maryam's call", "/queue")
	if strings.Contains(other.body, "+989") {
		t.Error("the redirect shows the customer's phone")
	}
	emma.post(t, r.location(), url.Values{"disposition": {"do_not_contact"}}).
		wantRedirect(t, "emma submits maryam's call", "/queue")
	var state string
	var by int64
	if err := s.Pool.QueryRow(t.Context(), `SELECT state, claimed_by FROM follow_ups WHERE id = $1`, id).Scan(&state, &by); err != nil {
		t.Fatal(err)
	}
	if state != "claimed" || by != s.userID(t, "maryam") {
		t.Errorf("after emma's attempts: %s by %d, want still claimed by maryam", state, by)
	}
	// Emma is told why she was sent back.
	if q := emma.get(t, "/queue"); !strings.Contains(q.body, `data-testid="flash"`) {
		t.Error("emma's queue shows no message after she was sent back")
	}
}

func TestCrossSitePostToThePagesIsRefused(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	v := s.signedIn(t, "maryam")
	r := v.do(t, http.MethodPost, "/queue/next", url.Values{},
		map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"})
	r.wantStatus(t, "cross-site POST /queue/next", http.StatusForbidden)
	if n := s.claimed(t); n != 0 {
		t.Errorf("%d follow-ups claimed by a cross-site request", n)
	}
	v.do(t, http.MethodPost, "/logout", url.Values{}, map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}).
		wantStatus(t, "cross-site POST /logout", http.StatusForbidden)
	// The same request from the site itself goes through.
	v.do(t, http.MethodPost, "/queue/next", url.Values{}, map[string]string{"Origin": s.URL, "Sec-Fetch-Site": "same-origin"}).
		wantStatus(t, "same-origin POST /queue/next", http.StatusSeeOther)
	if n := s.claimed(t); n != 1 {
		t.Errorf("%d follow-ups claimed after a same-origin POST, want 1", n)
	}
}

var (
	scriptTag = regexp.MustCompile(`(?is)<script\b([^>]*)>(.*?)</script\s*>`)
	htmlTag   = regexp.MustCompile(`(?i)<html\b[^>]*>`)
	attr      = func(name string) *regexp.Regexp { return regexp.MustCompile(`\b` + name + `="([^"]*)"`) }
	langAttr  = attr("lang")
	dirAttr   = attr("dir")
	srcAttr   = regexp.MustCompile(`\bsrc="[^"]+"`)
)

func TestPagesSecurityHeadersAndNoInlineScript(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	agent := s.signedIn(t, "maryam")
	next := agent.post(t, "/queue/next", nil).location()
	admin := s.signedIn(t, "boss")
	for _, c := range []struct {
		name string
		v    *visitor
		path string
	}{
		{"sign-in page", s.visitor(t), "/login"},
		{"queue", agent, "/queue"},
		{"call", agent, next},
		{"users", admin, "/admin/users"},
	} {
		r := c.v.get(t, c.path)
		if r.status != http.StatusOK {
			t.Errorf("%s: status %d, want 200", c.name, r.status)
			continue
		}
		if got := r.header.Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("%s: X-Frame-Options %q, want DENY", c.name, got)
		}
		csp := r.header.Get("Content-Security-Policy")
		scriptSrc := ""
		for _, d := range strings.Split(csp, ";") {
			if f := strings.Fields(d); len(f) > 0 && f[0] == "script-src" {
				scriptSrc = strings.Join(f[1:], " ")
			}
		}
		if scriptSrc == "" || strings.Contains(scriptSrc, "'unsafe-inline'") || strings.Contains(scriptSrc, "'unsafe-eval'") {
			t.Errorf("%s: CSP %q, want a script-src without 'unsafe-inline'", c.name, csp)
		}
		tags := scriptTag.FindAllStringSubmatch(r.body, -1)
		if len(tags) == 0 {
			t.Errorf("%s: no <script> tags at all; the page should load /static/app.js", c.name)
		}
		for _, m := range tags {
			if !srcAttr.MatchString(m[1]) || strings.TrimSpace(m[2]) != "" {
				t.Errorf("%s: inline script %q", c.name, m[0])
			}
		}
		if strings.Count(strings.ToLower(r.body), "<script") != len(tags) {
			t.Errorf("%s: a <script> tag the check could not read", c.name)
		}
	}
}

// htmlLangDir returns the lang and dir of the page's <html> element.
func htmlLangDir(t *testing.T, body string) (lang, dir string) {
	t.Helper()
	tag := htmlTag.FindString(body)
	if tag == "" {
		t.Fatal("no <html> element")
	}
	if m := langAttr.FindStringSubmatch(tag); m != nil {
		lang = m[1]
	}
	if m := dirAttr.FindStringSubmatch(tag); m != nil {
		dir = m[1]
	}
	return lang, dir
}

var dueNow = regexp.MustCompile(`data-testid="due-now"[^>]*>\s*<span class="value">([^<]*)</span>`)

func TestPagesLanguageAndDirection(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	for _, c := range []struct{ path, lang, dir string }{
		{"/login?lang=fa", "fa", "rtl"},
		{"/login", "en", "ltr"},
		{"/login?lang=en", "en", "ltr"},
	} {
		r := s.visitor(t).get(t, c.path)
		if lang, dir := htmlLangDir(t, r.body); lang != c.lang || dir != c.dir {
			t.Errorf("GET %s: <html lang=%q dir=%q>, want lang=%q dir=%q", c.path, lang, dir, c.lang, c.dir)
		}
	}
	r := s.visitor(t).do(t, http.MethodGet, "/login", nil, map[string]string{"Accept-Language": "fa-IR,fa;q=0.9,en;q=0.8"})
	if lang, dir := htmlLangDir(t, r.body); lang != "fa" || dir != "rtl" {
		t.Errorf("GET /login in a Persian browser: lang=%q dir=%q, want fa rtl", lang, dir)
	}

	for _, c := range []struct{ user, lang, dir, due string }{
		// Each is offered only the customer in their own language.
		{"maryam", "fa", "rtl", "۱"},
		{"emma", "en", "ltr", "1"},
	} {
		r := s.signedIn(t, c.user).get(t, "/queue")
		r.wantStatus(t, c.user+"'s queue", http.StatusOK)
		if lang, dir := htmlLangDir(t, r.body); lang != c.lang || dir != c.dir {
			t.Errorf("%s's queue: <html lang=%q dir=%q>, want lang=%q dir=%q", c.user, lang, dir, c.lang, c.dir)
		}
		m := dueNow.FindStringSubmatch(r.body)
		if m == nil || strings.TrimSpace(m[1]) != c.due {
			t.Errorf("%s's queue: due now %v, want %q", c.user, m, c.due)
		}
	}
}

func TestLogoutEndsTheSession(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	v := s.visitor(t)
	r := v.post(t, "/login", url.Values{"username": {"maryam"}, "password": {"password-maryam"}})
	token := r.session()
	if token == nil {
		t.Fatal("no session cookie")
	}
	v.get(t, "/queue").wantStatus(t, "queue before sign-out", http.StatusOK)
	out := v.post(t, "/logout", nil)
	out.wantRedirect(t, "POST /logout", "/login")
	if c := out.session(); c == nil || c.MaxAge >= 0 {
		t.Errorf("sign-out cookie %v, want the session cookie expired", c)
	}
	v.get(t, "/queue").wantRedirect(t, "GET /queue after sign-out", "/login?next=%2Fqueue")
	if s.sessionExists(t, token.Value) {
		t.Error("the session is still stored after sign-out")
	}
	// A copy of the old cookie is worthless too.
	s.visitor(t).do(t, http.MethodGet, "/queue", nil, map[string]string{"Cookie": sessionCookie + "=" + token.Value}).
		wantRedirect(t, "GET /queue with the old token", "/login?next=%2Fqueue")
}
