package webhooks

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"syscall"
	"time"
)

// ErrPrivateAddress refuses a receiver on this machine or its private
// network: an admin's URL must not become a way to read the metadata
// service, the database or anything else only the server can reach.
var ErrPrivateAddress = errors.New("webhook: private address refused")

// blocked are the networks a receiver may not be on unless private
// receivers are allowed, beyond what netip.Addr's own predicates cover.
var blocked = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network"
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),   // reserved, broadcast
	netip.MustParsePrefix("fd00:ec2::254/128"),
}

// PrivateAddress reports whether ip is one no receiver may be on: loopback,
// private (RFC 1918, fc00::/7), link-local (which holds the cloud metadata
// address 169.254.169.254), unspecified, multicast, carrier-grade NAT or
// reserved, in IPv4 or IPv4-mapped IPv6 form.
func PrivateAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return true
	}
	for _, p := range blocked {
		if p.Contains(ip) {
			return true
		}
	}
	// NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes.
	if nat64.Contains(ip) {
		b := ip.As16()
		return PrivateAddress(netip.AddrFrom4([4]byte(b[12:])))
	}
	return false
}

var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// refusePrivate is a net.Dialer Control hook: it runs on the address
// actually dialled, after DNS, so a name that resolves to a private address
// (or is rebound to one between registration and delivery) is refused too.
func refusePrivate(_, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil || PrivateAddress(ap.Addr()) {
		return ErrPrivateAddress
	}
	return nil
}

// LiteralPrivate reports whether rawURL names its host by a private IP
// address, which can be refused as the endpoint is registered; names are
// only resolved, and refused, as a delivery connects.
func LiteralPrivate(rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(u.Hostname())
	return err == nil && PrivateAddress(ip)
}

// HTTPClientOpts configures NewHTTPClient.
type HTTPClientOpts struct {
	// AllowPrivate lets deliveries reach loopback and private addresses,
	// for receivers on the same network (TAMAS_WEBHOOK_ALLOW_PRIVATE).
	AllowPrivate bool
}

// NewHTTPClient is the client deliveries are sent with: a 10 s timeout, no
// proxy, connections to private addresses refused unless o allows them, and
// no redirects followed, since a redirect would send the signed body to a
// URL the admin never entered. A 3xx answer counts as a failure.
func NewHTTPClient(o HTTPClientOpts) *http.Client {
	dialer := &net.Dialer{Timeout: Timeout, KeepAlive: 30 * time.Second}
	if !o.AllowPrivate {
		dialer.Control = refusePrivate
	}
	return &http.Client{
		Timeout: Timeout,
		// No Proxy: through a proxy, the dialled address would be the
		// proxy's and the receiver's would go unchecked.
		Transport: &http.Transport{
			DialContext:         dialer.DialContext,
			ForceAttemptHTTP2:   true,
			MaxIdleConns:        100,
			IdleConnTimeout:     90 * time.Second,
			TLSHandshakeTimeout: Timeout,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Failure is the short reason an attempt failed, as the endpoint's page
// shows it: the HTTP status of a non-2xx answer (never its body, which
// could carry whatever the receiver's host wants to show), or the kind of
// error that kept the request from being answered. It is empty for a 2xx.
func Failure(status int, err error) string {
	var (
		dnsErr  *net.DNSError
		certErr *tls.CertificateVerificationError
		recErr  tls.RecordHeaderError
		alert   tls.AlertError
		netErr  net.Error
	)
	switch {
	case err == nil && status >= 200 && status <= 299:
		return ""
	case err == nil:
		return "HTTP " + strconv.Itoa(status)
	case errors.Is(err, ErrPrivateAddress):
		return "refused: private address"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.As(err, &dnsErr):
		return "unknown host"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &certErr), errors.As(err, &recErr), errors.As(err, &alert):
		return "TLS error"
	default:
		return "connection failed"
	}
}
