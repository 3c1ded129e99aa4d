package auth

import (
	"net/netip"
	"time"
)

// The sign-in throttle counts failed sign-ins under two keys, each for
// Window from its first failure (docs/design.md, "Sign-in"):
//
//   - an account from one client: the real user, signing in from their own
//     address, is not locked out by a guesser somewhere else, and a guesser
//     gets FreeFailures free tries at an account per address per Window,
//     then waits that double up to MaxWait (about two dozen tries an hour);
//   - a client across every account, with the higher ClientFreeFailures:
//     guessing one password at many usernames from one address is slowed
//     down too (about seventy tries an hour), while an office of many
//     agents behind one address does not mistype fifty times an hour.
//
// A right password takes back its own count of both and clears the
// account's, never the client's: signing in to one account must not let
// its owner go on guessing others.
const (
	// FreeFailures is how many wrong passwords one client may give for
	// one username in a Window before it must wait: room for typos.
	FreeFailures = 5
	// ClientFreeFailures is how many failed sign-ins one client may have
	// across every username in a Window before it must wait.
	ClientFreeFailures = 50
	// MaxWait is the longest wait between two attempts.
	MaxWait = 5 * time.Minute
	// Window is how long a count lasts. A failure more than Window after
	// the first one starts a new count, and counts that old are deleted,
	// so names that do not exist do not pile up.
	Window = time.Hour
)

// Wait returns how long a client with failures failed sign-ins as one
// username, the last at last, must still wait at now before the next
// attempt is looked at.
func Wait(failures int, last, now time.Time) time.Duration {
	return wait(FreeFailures, failures, last, now)
}

// ClientWait is Wait for a client's failures across every username.
func ClientWait(failures int, last, now time.Time) time.Duration {
	return wait(ClientFreeFailures, failures, last, now)
}

// wait doubles from a second after free failures, up to MaxWait.
func wait(free, failures int, last, now time.Time) time.Duration {
	if failures < free {
		return 0
	}
	wait := time.Second << min(failures-free, 9)
	wait = min(wait, MaxWait)
	if left := last.Add(wait).Sub(now); left > 0 {
		return left
	}
	return 0
}

// ClientKey is what a client's failures are counted under: its IPv4
// address, or the /64 network of its IPv6 address, since one host usually
// has a whole /64 to pick addresses from. An address that could not be
// read counts as one client, "unknown".
func ClientKey(addr netip.Addr) string {
	addr = addr.Unmap()
	switch {
	case !addr.IsValid():
		return "unknown"
	case addr.Is6():
		p, _ := addr.WithZone("").Prefix(64)
		return p.String()
	}
	return addr.String()
}
