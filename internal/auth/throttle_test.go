package auth_test

import (
	"net/netip"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/auth"
)

func TestClientWait(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{auth.FreeFailures, 0},
		{auth.ClientFreeFailures - 1, 0},
		{auth.ClientFreeFailures, time.Second},
		{auth.ClientFreeFailures + 1, 2 * time.Second},
		{auth.ClientFreeFailures + 30, auth.MaxWait},
	}
	for _, tt := range tests {
		if got := auth.ClientWait(tt.failures, now, now); got != tt.want {
			t.Errorf("ClientWait(%d failures) = %v, want %v", tt.failures, got, tt.want)
		}
	}
}

func TestClientKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ addr, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"::ffff:203.0.113.7", "203.0.113.7"},
		// One host's /64 is one client, whichever address it picks.
		{"2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff::9", "2001:db8:1:2::/64"},
		{"fe80::1%eth0", "fe80::/64"},
	}
	for _, tt := range tests {
		if got := auth.ClientKey(netip.MustParseAddr(tt.addr)); got != tt.want {
			t.Errorf("ClientKey(%s) = %q, want %q", tt.addr, got, tt.want)
		}
	}
	if got := auth.ClientKey(netip.Addr{}); got != "unknown" {
		t.Errorf("ClientKey(no address) = %q, want unknown", got)
	}
}
