package webhooks_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync/atomic"
	"syscall"
	"testing"

	"github.com/tamas-app/tamas/internal/webhooks"
)

func TestPrivateAddress(t *testing.T) {
	t.Parallel()
	for _, a := range []string{
		"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "fd12::1", "fc00::1",
		"169.254.169.254", "fe80::1", "fd00:ec2::254", "0.0.0.0", "::", "224.0.0.1", "ff02::1", "100.64.0.1",
		"255.255.255.255", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "64:ff9b::a00:1",
	} {
		if !webhooks.PrivateAddress(netip.MustParseAddr(a)) {
			t.Errorf("%s is allowed; want refused", a)
		}
	}
	for _, a := range []string{"93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"} {
		if webhooks.PrivateAddress(netip.MustParseAddr(a)) {
			t.Errorf("%s is refused; want allowed", a)
		}
	}
}

func TestLiteralPrivate(t *testing.T) {
	t.Parallel()
	for url, want := range map[string]bool{
		"http://127.0.0.1:8080/in":          true,
		"http://[::1]/in":                   true,
		"http://169.254.169.254/latest":     true,
		"https://10.0.0.5/hook":             true,
		"https://[::ffff:192.168.0.1]/hook": true,
		"https://hooks.example.com/in":      false, // names are checked as deliveries connect
		"https://93.184.216.34/in":          false,
	} {
		if got := webhooks.LiteralPrivate(url); got != want {
			t.Errorf("LiteralPrivate(%s) = %v, want %v", url, got, want)
		}
	}
}

// TestHTTPClientRefusesPrivateReceivers: the check is on the address
// dialled, so a receiver on loopback is refused by its address and by a
// name resolving to it, and reached once private receivers are allowed.
func TestHTTPClientRefusesPrivateReceivers(t *testing.T) {
	t.Parallel()
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	t.Cleanup(srv.Close)
	_, port, err := net.SplitHostPort(srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	byName := "http://localhost:" + port + "/"
	refusing := webhooks.NewHTTPClient(webhooks.HTTPClientOpts{})
	for _, url := range []string{srv.URL, byName} {
		resp, err := refusing.Get(url)
		if err == nil {
			resp.Body.Close()
		}
		if !errors.Is(err, webhooks.ErrPrivateAddress) {
			t.Errorf("GET %s: %v; want ErrPrivateAddress", url, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the loopback receiver was reached %d times", n)
	}
	allowing := webhooks.NewHTTPClient(webhooks.HTTPClientOpts{AllowPrivate: true})
	resp, err := allowing.Get(srv.URL)
	if err != nil {
		t.Fatalf("with private receivers allowed: %v", err)
	}
	resp.Body.Close()
	if n := hits.Load(); n != 1 {
		t.Errorf("%d hits with private receivers allowed; want 1", n)
	}
}

func TestFailureIsShortAndSafe(t *testing.T) {
	t.Parallel()
	wrap := func(err error) error { return fmt.Errorf("Post %q: %w", "http://x", err) }
	for _, c := range []struct {
		status int
		err    error
		want   string
	}{
		{200, nil, ""},
		{204, nil, ""},
		{302, nil, "HTTP 302"},
		{500, nil, "HTTP 500"},
		{0, wrap(&net.OpError{Op: "dial", Err: webhooks.ErrPrivateAddress}), "refused: private address"},
		{0, wrap(context.DeadlineExceeded), "timeout"},
		{0, wrap(&net.DNSError{Err: "no such host", Name: "nowhere.invalid", IsNotFound: true}), "unknown host"},
		{0, wrap(&net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}), "connection refused"},
		{0, wrap(errors.New("EOF from 10.0.0.1: secret banner")), "connection failed"},
	} {
		if got := webhooks.Failure(c.status, c.err); got != c.want {
			t.Errorf("Failure(%d, %v) = %q, want %q", c.status, c.err, got, c.want)
		}
	}
}
