package web_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/web"
)

// waitFor polls cond until it holds or d passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(d)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("after %s: %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// apiGet is a GET on the API with key, bounded by d.
func apiGet(t *testing.T, base, key, path string, d time.Duration) (int, http.Header, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), d)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// timedGet is a visitor's GET that must answer within d.
func (v *visitor) timedGet(t *testing.T, path string, d time.Duration) pageReply {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), d)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, v.site.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := v.c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: no answer within %s: %v", path, d, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return pageReply{status: resp.StatusCode, header: resp.Header, body: string(b), cookies: resp.Cookies()}
}

// A flood of wrong passwords must not take the connections agents and
// shops need: with two connections and every sign-in stuck inside its
// password check, none is held, the API and the queue answer, and once
// the checks finish every failure was counted and throttled as before.
func TestSignInFloodHoldsNoConnection(t *testing.T) {
	t.Parallel()
	var (
		hold   atomic.Bool
		inside atomic.Int32
		gate   = make(chan struct{})
	)
	verify := func(hash, password string) bool {
		if hold.Load() {
			inside.Add(1)
			<-gate
		}
		return auth.VerifyPassword(hash, password)
	}
	s := openSiteWith(t, siteOpts{maxConns: 2, verify: verify})
	// Registered after the site, so it runs before the server waits for
	// its requests: a failing test must not leave them stuck.
	release := sync.OnceFunc(func() { hold.Store(false); close(gate) })
	t.Cleanup(release)
	agent := s.signedIn(t, "maryam")
	key, _ := newKey(t, s.Pool, "shop")
	hold.Store(true)

	// Five guesses at emma's password reach the check (the sixth is
	// throttled by the failures the five recorded first), and one guess
	// each at four unknown names, which are checked against the dummy hash.
	const emmaGuesses, strangers = 6, 4
	type reply struct {
		who    string
		status int
	}
	replies := make(chan reply, emmaGuesses+strangers)
	var wg sync.WaitGroup
	guess := func(username, password string) {
		defer wg.Done()
		r := s.visitor(t).do(t, http.MethodPost, "/login", url.Values{"username": {username}, "password": {password}}, nil)
		replies <- reply{username, r.status}
	}
	for i := range emmaGuesses {
		wg.Add(1)
		go guess("emma", "guess-"+strconv.Itoa(i))
	}
	for i := range strangers {
		wg.Add(1)
		go guess("stranger"+strconv.Itoa(i), "guess")
	}
	checking := min(auth.FreeFailures+strangers, runtime.GOMAXPROCS(0))
	waitFor(t, 30*time.Second, "sign-ins never reached the password check", func() bool {
		return int(inside.Load()) == checking
	})
	waitFor(t, 30*time.Second, "the failures were not recorded before the passwords were checked", func() bool {
		return apptest.Count(t, s.Pool, `SELECT coalesce(sum(failures), 0) FROM login_failures`) == auth.FreeFailures+strangers
	})
	waitFor(t, 5*time.Second, "sign-ins hold connections while their passwords are checked", func() bool {
		return s.app.Stat().AcquiredConns() == 0
	})

	status, _, body := apiGet(t, s.URL, key, "/api/v1/followups/"+strconv.FormatInt(s.due[0], 10), 30*time.Second)
	if status != http.StatusOK {
		t.Errorf("API during the flood: %d %s, want 200", status, body)
	}
	if r := agent.timedGet(t, "/queue", 30*time.Second); r.status != http.StatusOK {
		t.Errorf("queue during the flood: %d, want 200", r.status)
	}

	release()
	wg.Wait()
	close(replies)
	got := map[string]int{}
	for r := range replies {
		got[fmt.Sprintf("%s %d", r.who[:4], r.status)]++
	}
	want := map[string]int{"emma 401": auth.FreeFailures, "emma 429": emmaGuesses - auth.FreeFailures, "stra 401": strangers}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("sign-in answers %v, want %v", got, want)
	}
	if n := apptest.Count(t, s.Pool, `SELECT failures FROM login_failures WHERE username = 'emma'`); n != auth.FreeFailures {
		t.Errorf("emma's failures: %d, want %d", n, auth.FreeFailures)
	}
	s.visitor(t).post(t, "/login", url.Values{"username": {"emma"}, "password": {"password-emma"}}).
		wantStatus(t, "emma's right password after the flood", http.StatusTooManyRequests)
}

// proxy stands between the server and PostgreSQL. Frozen, it accepts
// connections and holds what it is sent, forwarding nothing, as a hung
// server or network does; down, it drops every connection at once.
type proxy struct {
	ln       net.Listener
	upstream string

	mu     sync.Mutex
	down   bool
	thawed chan struct{} // closed while not frozen
	conns  map[net.Conn]bool
}

func newProxy(t *testing.T, upstream string) *proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, upstream: upstream, thawed: make(chan struct{}), conns: map[net.Conn]bool{}}
	close(p.thawed)
	t.Cleanup(func() {
		ln.Close()
		p.setDown(true)
		p.thaw()
	})
	go p.serve()
	return p
}

func (p *proxy) addr() string { return p.ln.Addr().String() }

func (p *proxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *proxy) handle(c net.Conn) {
	p.mu.Lock()
	down := p.down
	if !down {
		p.conns[c] = true
	}
	p.mu.Unlock()
	if down {
		c.Close()
		return
	}
	<-p.gate() // a frozen server accepts and then says nothing
	up, err := net.Dial("tcp", p.upstream)
	if err != nil {
		c.Close()
		return
	}
	p.mu.Lock()
	p.conns[up] = true
	p.mu.Unlock()
	go p.pipe(up, c)
	p.pipe(c, up)
}

// pipe copies from src to dst, holding each chunk while frozen.
func (p *proxy) pipe(src, dst net.Conn) {
	defer src.Close()
	defer dst.Close()
	buf := make([]byte, 32*1024)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			<-p.gate()
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			return
		}
	}
}

func (p *proxy) gate() chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.thawed
}

func (p *proxy) freeze() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.thawed = make(chan struct{})
}

func (p *proxy) thaw() {
	p.mu.Lock()
	defer p.mu.Unlock()
	select {
	case <-p.thawed:
	default:
		close(p.thawed)
	}
}

func (p *proxy) setDown(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if down {
		for c := range p.conns {
			c.Close()
		}
		clear(p.conns)
	}
}

// When PostgreSQL freezes or goes down, a signed-in page and the API
// answer 503 with Retry-After within the request's deadline — or, with a
// long deadline, as soon as the first lookup (session or API key) has
// waited its few seconds — and answer 200 again once it is back, without a
// restart.
func TestDatabaseFrozenOrDownAnswers503(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		deadline time.Duration
		// The answer must come within this plus the time to write it.
		within time.Duration
	}{
		{"short deadline", 2 * time.Second, 2 * time.Second},
		{"long deadline", time.Minute, web.LookupTimeout},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			frozenOrDown(t, c.deadline, c.within+2*time.Second)
		})
	}
}

func frozenOrDown(t *testing.T, deadline, answerBy time.Duration) {
	var px *proxy
	s := openSiteWith(t, siteOpts{
		dbURL: func(dbURL string) string {
			u, err := url.Parse(dbURL)
			if err != nil {
				t.Fatal(err)
			}
			px = newProxy(t, u.Host)
			u.Host = px.addr()
			return u.String()
		},
		maxConns: 4, requestTimeout: deadline, acquireTimeout: 500 * time.Millisecond,
	})
	agent := s.signedIn(t, "maryam")
	key, _ := newKey(t, s.Pool, "shop")
	apiPath := "/api/v1/followups/" + strconv.FormatInt(s.due[0], 10)

	check := func(state string, want int) {
		t.Helper()
		start := time.Now()
		r := agent.timedGet(t, "/queue", answerBy)
		if r.status != want {
			t.Errorf("%s: queue %d, want %d", state, r.status, want)
		}
		status, h, body := apiGet(t, s.URL, key, apiPath, answerBy)
		if status != want {
			t.Errorf("%s: API %d %s, want %d", state, status, body, want)
		}
		if want == http.StatusServiceUnavailable {
			if r.header.Get("Retry-After") == "" || h.Get("Retry-After") == "" {
				t.Errorf("%s: Retry-After %q on the page, %q on the API; want both set", state, r.header.Get("Retry-After"), h.Get("Retry-After"))
			}
			if h.Get("Content-Type") != "application/json; charset=utf-8" {
				t.Errorf("%s: API error as %q, want JSON", state, h.Get("Content-Type"))
			}
		}
		t.Logf("%s: both answered in %s", state, time.Since(start).Round(time.Millisecond))
	}

	check("running", http.StatusOK)
	px.freeze()
	check("frozen", http.StatusServiceUnavailable)
	px.thaw()
	waitFor(t, 10*time.Second, "the page did not recover after the freeze", func() bool {
		return agent.timedGet(t, "/queue", answerBy).status == http.StatusOK
	})
	check("thawed", http.StatusOK)

	px.setDown(true)
	check("down", http.StatusServiceUnavailable)
	px.setDown(false)
	waitFor(t, 10*time.Second, "the page did not recover after the outage", func() bool {
		return agent.timedGet(t, "/queue", answerBy).status == http.StatusOK
	})
	check("back up", http.StatusOK)
}
