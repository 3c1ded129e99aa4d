package web

import (
	"net/http"
	"net/netip"
	"testing"
)

func TestClientAddr(t *testing.T) {
	t.Parallel()
	trusted := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("fd00::/8")}
	tests := []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"no header", "198.51.100.7:4321", nil, "198.51.100.7"},
		{"untrusted peer", "198.51.100.7:4321", []string{"203.0.113.1"}, "198.51.100.7"},
		{"trusted peer", "10.0.0.1:4321", []string{"203.0.113.1"}, "203.0.113.1"},
		{"what the client wrote is left of its address", "10.0.0.1:4321", []string{"192.0.2.1, 203.0.113.1"}, "203.0.113.1"},
		{"a chain of trusted proxies", "10.0.0.1:4321", []string{"192.0.2.1, 203.0.113.1, 10.2.3.4"}, "203.0.113.1"},
		{"several headers are one list", "10.0.0.1:4321", []string{"192.0.2.1", "203.0.113.1, 10.2.3.4"}, "203.0.113.1"},
		{"a hop with a port", "10.0.0.1:4321", []string{"[2001:db8::1]:443"}, "2001:db8::1"},
		{"garbage stops at the last address known", "10.0.0.1:4321", []string{"203.0.113.1, unknown, 10.2.3.4"}, "10.2.3.4"},
		{"only trusted hops", "10.0.0.1:4321", []string{"10.9.9.9"}, "10.9.9.9"},
		{"empty header", "10.0.0.1:4321", []string{""}, "10.0.0.1"},
		{"IPv6 proxy", "[fd00::1]:4321", []string{"2001:db8::7"}, "2001:db8::7"},
		{"IPv4-mapped peer", "[::ffff:10.0.0.1]:4321", []string{"203.0.113.1"}, "203.0.113.1"},
	}
	for _, tt := range tests {
		r := &http.Request{RemoteAddr: tt.remote, Header: http.Header{"X-Forwarded-For": tt.xff}}
		if got := clientAddr(r, trusted); got.String() != tt.want {
			t.Errorf("%s: clientAddr = %s, want %s", tt.name, got, tt.want)
		}
	}
	if got := clientAddr(&http.Request{RemoteAddr: "@", Header: http.Header{}}, trusted); got.IsValid() {
		t.Errorf("an unreadable peer: %s, want no address", got)
	}
}
