package web

import (
	"net/http"
	"net/netip"
	"strings"
)

// clientAddr is the address a sign-in or a card answer is counted
// against: the peer's, unless the peer is one of the trusted proxies
// (TAMAS_TRUSTED_PROXIES). Then X-Forwarded-For is read from the right,
// where each proxy appended the address it was reached from, and the first
// entry that is not itself a trusted proxy is the client; entries further
// left are whatever the client wrote and are never believed. An entry that
// is not an address ends the walk at the last address known.
func clientAddr(r *http.Request, trusted []netip.Prefix) netip.Addr {
	addr := peerAddr(r.RemoteAddr)
	if !isTrusted(addr, trusted) {
		return addr
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := peerAddr(strings.TrimSpace(hops[i]))
		if !hop.IsValid() {
			break
		}
		addr = hop
		if !isTrusted(addr, trusted) {
			break
		}
	}
	return addr
}

// signInClient is clientAddr for loginSubmit. The first time a request
// comes with X-Forwarded-For from a peer that is not trusted, it says so
// once: behind a proxy that TAMAS_TRUSTED_PROXIES does not list, every
// sign-in counts against the proxy's one address, and a guesser anywhere
// would slow everyone down.
func (s *Server) signInClient(r *http.Request) netip.Addr {
	addr := clientAddr(r, s.trustedProxies)
	if r.Header.Get("X-Forwarded-For") != "" && !isTrusted(peerAddr(r.RemoteAddr), s.trustedProxies) {
		s.untrustedProxy.Do(func() {
			s.log.Warn("sign-in with X-Forwarded-For from a peer TAMAS_TRUSTED_PROXIES does not list; the header is ignored, so if tamas is behind this proxy every sign-in through it counts against its address",
				"peer", r.RemoteAddr)
		})
	}
	return addr
}

// peerAddr reads "host:port" as net/http writes RemoteAddr, or a bare
// address as proxies write X-Forwarded-For; the zero Addr when it is
// neither.
func peerAddr(s string) netip.Addr {
	a, err := netip.ParseAddr(s)
	if ap, perr := netip.ParseAddrPort(s); perr == nil {
		a, err = ap.Addr(), nil
	}
	if err != nil {
		return netip.Addr{}
	}
	// A zoned address matches no network; the zone names an interface
	// of this host, not a different client.
	return a.Unmap().WithZone("")
}

func isTrusted(addr netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
