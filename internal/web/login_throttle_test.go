package web_test

import (
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"testing"

	"github.com/tamas-app/tamas/internal/auth"
)

// visitorFrom is a browser whose connections come from ip, another
// loopback address (Linux routes all of 127.0.0.0/8 to lo), so the server
// sees a different client without any header.
func (s *site) visitorFrom(t *testing.T, ip string) *visitor {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	dialer := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &visitor{site: s, c: &http.Client{
		Jar:           jar,
		Transport:     &http.Transport{DialContext: dialer.DialContext},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// signInAs posts username and password, with X-Forwarded-For when xff is
// not empty.
func (v *visitor) signInAs(t *testing.T, username, password, xff string) pageReply {
	t.Helper()
	var header map[string]string
	if xff != "" {
		header = map[string]string{"X-Forwarded-For": xff}
	}
	return v.do(t, http.MethodPost, "/login", url.Values{"username": {username}, "password": {password}}, header)
}

// guess gives as many wrong passwords as the per-account throttle lets
// through, each answered 401.
func (v *visitor) guess(t *testing.T, username, xff string) {
	t.Helper()
	for i := range auth.FreeFailures {
		v.signInAs(t, username, "guess-"+strconv.Itoa(i), xff).wantStatus(t, "wrong password "+strconv.Itoa(i+1), http.StatusUnauthorized)
	}
}

// A guesser who knows a username must not lock its user out: failures
// count for the username from the guesser's address, so the user, from
// their own, signs in.
func TestSignInGuessesElsewhereDoNotLockOutTheUser(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	guesser := s.visitorFrom(t, "127.0.0.2")
	guesser.guess(t, "emma", "")
	guesser.signInAs(t, "emma", "password-emma", "").
		wantStatus(t, "the right password from the guesser's address", http.StatusTooManyRequests)
	s.visitorFrom(t, "127.0.0.3").signInAs(t, "emma", "password-emma", "").
		wantRedirect(t, "emma from her own address", "/")
	// Her sign-in cleared nothing of the guesser's.
	guesser.signInAs(t, "emma", "password-emma", "").
		wantStatus(t, "the guesser after emma signed in", http.StatusTooManyRequests)
}

// One address guessing one password at many usernames is slowed down
// once it has failed auth.ClientFreeFailures times in all, though no
// username has failed more than once; other addresses are not.
func TestSignInGuessesAcrossUsernamesAreThrottledPerClient(t *testing.T) {
	t.Parallel()
	// Unknown names are checked against the dummy hash; skipping that
	// keeps fifty guesses quick without changing what is counted.
	verify := func(hash, password string) bool {
		return hash != auth.NobodyHash() && auth.VerifyPassword(hash, password)
	}
	s := openSiteWith(t, siteOpts{verify: verify})
	sprayer := s.visitorFrom(t, "127.0.0.2")
	for i := range auth.ClientFreeFailures {
		sprayer.signInAs(t, "user"+strconv.Itoa(i), "Winter2026!", "").
			wantStatus(t, "guess "+strconv.Itoa(i+1), http.StatusUnauthorized)
	}
	r := sprayer.signInAs(t, "maryam", "password-maryam", "")
	r.wantStatus(t, "a right password from the address after its failures", http.StatusTooManyRequests)
	if secs, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || secs < 1 {
		t.Errorf("Retry-After %q, want a number of seconds", r.header.Get("Retry-After"))
	}
	if n := s.Count(t, `SELECT failures FROM login_client_failures WHERE client = '127.0.0.2'`); n != auth.ClientFreeFailures {
		t.Errorf("the address's failures: %d, want %d", n, auth.ClientFreeFailures)
	}
	s.visitorFrom(t, "127.0.0.3").signInAs(t, "maryam", "password-maryam", "").
		wantRedirect(t, "maryam from another address", "/")
}

// X-Forwarded-For is anyone's to write: without TAMAS_TRUSTED_PROXIES it
// changes nothing, so a guesser cannot pose as a new client per guess.
func TestSignInIgnoresForwardedForByDefault(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	v := s.visitor(t)
	for i := range auth.FreeFailures {
		v.signInAs(t, "emma", "guess", "203.0.113."+strconv.Itoa(i+1)).
			wantStatus(t, "wrong password "+strconv.Itoa(i+1), http.StatusUnauthorized)
	}
	v.signInAs(t, "emma", "password-emma", "203.0.113.99").
		wantStatus(t, "a right password claiming another address", http.StatusTooManyRequests)
	if n := s.Count(t, `SELECT count(*) FROM login_failures WHERE client <> '127.0.0.1'`); n != 0 {
		t.Errorf("%d failures counted against an address the header named", n)
	}
}

// Behind a proxy TAMAS_TRUSTED_PROXIES lists, the client is the address
// the proxy appended to X-Forwarded-For, not what the client wrote before
// it, and a peer the list leaves out is its own client whatever it sends.
func TestSignInHonoursForwardedForFromTrustedProxies(t *testing.T) {
	t.Parallel()
	s := openSiteWith(t, siteOpts{trustedProxies: "127.0.0.1, 10.0.0.0/8"})
	proxy := s.visitor(t)
	// The guesser writes 203.0.113.2, emma's address, itself; the proxy
	// appends the guesser's real one, then an inner proxy its own.
	proxy.guess(t, "emma", "203.0.113.2, 198.51.100.7, 10.0.0.5")
	proxy.signInAs(t, "emma", "password-emma", "198.51.100.7").
		wantStatus(t, "the guesser's address", http.StatusTooManyRequests)
	proxy.signInAs(t, "emma", "password-emma", "203.0.113.2").
		wantRedirect(t, "emma through the proxy", "/")
	if n := s.Count(t, `SELECT count(*) FROM login_client_failures WHERE client = '198.51.100.7'`); n != 1 {
		t.Errorf("198.51.100.7 has %d failure rows, want 1", n)
	}

	direct := s.visitorFrom(t, "127.0.0.2")
	direct.guess(t, "maryam", "203.0.113.3")
	direct.signInAs(t, "maryam", "password-maryam", "203.0.113.4").
		wantStatus(t, "an untrusted peer naming another address", http.StatusTooManyRequests)
	if n := s.Count(t, `SELECT failures FROM login_failures WHERE username = 'maryam' AND client = '127.0.0.2'`); n != auth.FreeFailures {
		t.Errorf("maryam's failures from the untrusted peer: %d, want %d", n, auth.FreeFailures)
	}
}
