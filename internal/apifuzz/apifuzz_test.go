package apifuzz_test

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"pgregory.net/rapid"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

var requests = flag.Int("requests", 3000, "how many requests the API fuzzer sends, one rapid check each")

func TestMain(m *testing.M) { testdb.Main(m) }

// now is the app's pinned clock.
var now = apptest.Now

// TestAPIFollowsItsDocument sends generated requests, valid and not, to
// every path and method of the document the server serves, and holds the
// server to it: no 5xx, and every answer is one the document gives for
// that request, headers and body included. rapid shrinks a failure to a
// smallest request that still fails.
func TestAPIFollowsItsDocument(t *testing.T) {
	t.Parallel()
	// Warnings and errors only: thousands of request lines say nothing.
	logger := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	a := apptest.Open(t, apptest.Opts{At: now, Serve: true, Logger: logger})
	f := newFuzzer(t, a)
	setFlag(t, "rapid.checks", strconv.Itoa(*requests))
	setFlag(t, "rapid.nofailfile", "true")
	defer f.stats.log(t)
	rapid.Check(t, f.one)
	// Sales of one customer within the rules' window share a follow-up,
	// possibly another source's: what the model must allow for.
	t.Logf("sales stored: %d, of them linked to an earlier follow-up: %d, to another source's: %d",
		a.Count(t, `SELECT count(*) FROM sales`), a.Count(t, `SELECT count(*) FROM sales WHERE covered_by IS NOT NULL`),
		a.Count(t, `SELECT count(*) FROM sales s JOIN follow_ups f ON f.id = s.covered_by JOIN sales o ON o.id = f.sale_id
			WHERE o.source_id <> s.source_id`))
}

// setFlag sets one of rapid's flags unless the command line did.
func setFlag(t *testing.T, name, value string) {
	t.Helper()
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	if given && name != "rapid.checks" {
		return
	}
	if err := flag.Set(name, value); err != nil {
		t.Fatal(err)
	}
}

// fuzzer holds what the checks share: the server, its document and what
// the sources have stored so far.
type fuzzer struct {
	base   string
	client *http.Client
	doc    *openapi3.T
	routes []route
	// auth is the Authorization header of each way a request can be
	// signed; "" sends none.
	auth map[string][]string
	// stored is what each source's requests got back, by path parameter
	// name, so reads can ask for what exists.
	stored map[string]map[string][]string
	// sent is what each source sent, by the same names: what it may have
	// stored.
	sent  map[string]map[string][]string
	stats stats
}

// route is one operation of the document.
type route struct {
	path, method string
	item         *openapi3.PathItem
	op           *openapi3.Operation
	params       []*openapi3.Parameter // the path parameters
}

const (
	authKey     = "key"
	authNone    = "no key"
	authBad     = "malformed key"
	authRevoked = "revoked key"
	authOther   = "other source's key"
)

// sourceOf is the source a valid key acts for.
var sourceOf = map[string]string{authKey: "shop", authOther: "other-shop"}

func newFuzzer(t *testing.T, a *apptest.App) *fuzzer {
	t.Helper()
	shop, _ := apptest.APIKey(t, a.Pool, "shop")
	other, _ := apptest.APIKey(t, a.Pool, "other-shop")
	revoked, id := apptest.APIKey(t, a.Pool, "shop")
	if _, err := store.New().APIKeyRevoke(t.Context(), a.Pool, id); err != nil {
		t.Fatal(err)
	}
	f := &fuzzer{
		base: a.URL, client: a.Client, doc: servedDocument(t, a),
		auth: map[string][]string{
			authKey:     {"Bearer " + shop},
			authNone:    {""},
			authBad:     {"Bearer", "Bearer ", "Basic " + shop, "Token " + shop, shop, "Bearer tms_short", "Bearer " + shop + "x", "Bearer " + strings.ToUpper(shop)},
			authRevoked: {"Bearer " + revoked},
			authOther:   {"Bearer " + other},
		},
		stored: map[string]map[string][]string{"shop": {}, "other-shop": {}},
		sent:   map[string]map[string][]string{"shop": {}, "other-shop": {}},
		stats:  newStats(),
	}
	for _, path := range f.doc.Paths.InMatchingOrder() {
		item := f.doc.Paths.Value(path)
		ops := item.Operations()
		for _, method := range sortedKeys(ops) {
			r := route{path: path, method: method, item: item, op: ops[method]}
			for _, p := range append(slices.Clip(item.Parameters), ops[method].Parameters...) {
				if p.Value.In == openapi3.ParameterInPath {
					r.params = append(r.params, p.Value)
				}
			}
			f.routes = append(f.routes, r)
		}
	}
	slices.SortFunc(f.routes, func(a, b route) int { return strings.Compare(a.path+" "+a.method, b.path+" "+b.method) })
	if len(f.routes) < 4 {
		t.Fatalf("the document has only %d operations", len(f.routes))
	}
	return f
}

// servedDocument is the document as the server serves it, checked to be
// valid OpenAPI.
func servedDocument(t *testing.T, a *apptest.App) *openapi3.T {
	t.Helper()
	resp, err := a.Client.Get(a.URL + "/api/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /api/openapi.yaml: %d, %v", resp.StatusCode, err)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("the served document is not valid OpenAPI: %v", err)
	}
	return doc
}

// plan is one request, and what the check needs to know of how it was
// made.
type plan struct {
	kind   string
	method string
	target string // the request target, escaped as sent
	// route is the operation the request is for; nil when the method is
	// not one the path serves (item is then that path's) or the path is
	// none of the document's (item is nil too).
	route  *route
	item   *openapi3.PathItem
	params map[string]string
	body   *body
	auth   string
	header string // the Authorization sent
	// routed: the path is the route's with ordinary parameter values, so
	// the request reaches the operation (and its key check).
	routed bool
	// validBody: the document accepts the body.
	validBody bool
	// expect, when set, are the only statuses the request may get.
	expect []int
	// own: the path names what the key's source stored; foreign: what
	// only another source stored.
	own, foreign bool
}

func (p plan) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s [%s; %s]", p.method, short(p.target), p.kind, p.auth)
	if p.body != nil {
		if p.body.none {
			fmt.Fprintf(&b, "\nContent-Type: %q, no body", p.body.contentType)
		} else {
			fmt.Fprintf(&b, "\nContent-Type: %q, body (%d bytes): %q", p.body.contentType, len(p.body.data), short(string(p.body.data)))
		}
	}
	return b.String()
}

// kinds are the kinds of request and how often each is drawn.
var kinds = []struct {
	name   string
	weight int
	make   func(f *fuzzer, t *rapid.T) plan
}{
	{"valid body", 25, (*fuzzer).validBody},
	{"invalid body", 30, (*fuzzer).invalidBody},
	{"body where none is declared", 3, (*fuzzer).undeclaredBody},
	{"read back", 12, (*fuzzer).readBack},
	{"path value from the schema", 8, (*fuzzer).schemaValue},
	{"odd path value", 12, (*fuzzer).oddValue},
	{"wrong method", 7, (*fuzzer).wrongMethod},
	{"unknown path", 3, (*fuzzer).unknownPath},
}

// one sends one request and checks the answer.
func (f *fuzzer) one(t *rapid.T) {
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	n := uniform(t, total, "kind")
	var p plan
	for _, k := range kinds {
		if n < k.weight {
			p = k.make(f, t)
			if p.kind == "" {
				p.kind = k.name
			}
			break
		}
		n -= k.weight
	}
	if p.auth == "" {
		p.auth = f.drawAuth(t)
	}
	p.header = rapid.SampledFrom(f.auth[p.auth]).Draw(t, "authorization")
	t.Logf("request: %s", p)
	r := f.send(t, p)
	f.stats.add(p, r.status)
	f.check(t, p, r)
	f.remember(p, r)
}

func (f *fuzzer) drawAuth(t *rapid.T) string {
	n := uniform(t, 100, "auth")
	switch {
	case n < 76:
		return authKey
	case n < 84:
		return authOther
	case n < 88:
		return authNone
	case n < 94:
		return authBad
	default:
		return authRevoked
	}
}

// drawRoute draws an operation that ok accepts.
func (f *fuzzer) drawRoute(t *rapid.T, ok func(route) bool) *route {
	var fit []*route
	for i := range f.routes {
		if ok(f.routes[i]) {
			fit = append(fit, &f.routes[i])
		}
	}
	if len(fit) == 0 {
		t.Fatalf("the document has no operation for this kind of request")
	}
	return evenly(t, fit, "operation")
}

func hasBody(r route) bool   { return r.op.RequestBody != nil }
func hasParams(r route) bool { return len(r.params) > 0 }

// uniform draws from [0, n) evenly, where rapid's integers favour small
// values: the kinds of request and of mutation are drawn as often as their
// weights say.
func uniform(t *rapid.T, n int, label string) int {
	v := 0
	for i, bit := range rapid.SliceOfN(rapid.Bool(), 20, 20).Draw(t, label) {
		if bit {
			v |= 1 << i
		}
	}
	return v % n
}

func evenly[E any](t *rapid.T, xs []E, label string) E {
	return xs[uniform(t, len(xs), label)]
}

// requestSchema is the schema of the operation's JSON body.
func requestSchema(r *route) *openapi3.Schema {
	return r.op.RequestBody.Value.Content.Get("application/json").Schema.Value
}

// at is a plan for r with its path parameters drawn by value, which
// returns a parameter's decoded value.
func at(r *route, value func(p *openapi3.Parameter) string) plan {
	p := plan{method: r.method, route: r, item: r.item, params: map[string]string{}, routed: true}
	p.target = r.path
	for _, param := range r.params {
		v := value(param)
		p.params[param.Name] = v
		p.target = strings.Replace(p.target, "{"+param.Name+"}", url.PathEscape(v), 1)
	}
	return p
}

// example is the value the document shows for a parameter.
func example(p *openapi3.Parameter) string {
	if p.Example != nil {
		return fmt.Sprint(p.Example)
	}
	return fmt.Sprint(p.Schema.Value.Example)
}

func (f *fuzzer) validBody(t *rapid.T) plan {
	r := f.drawRoute(t, hasBody)
	p := at(r, example)
	b := jsonBody(encode(drawValue(t, requestSchema(r), "body")))
	p.body, p.validBody = &b, true
	return p
}

func (f *fuzzer) invalidBody(t *rapid.T) plan {
	r := f.drawRoute(t, hasBody)
	p := at(r, example)
	s := requestSchema(r)
	var b body
	if limit := bodyLimit(r.op); limit > 0 && uniform(t, 1000, "too large?") == 999 {
		b, p.kind, p.expect = tooLarge(limit), "invalid body: too large", []int{http.StatusRequestEntityTooLarge, http.StatusUnauthorized}
	} else {
		m := evenly(t, mutations, "mutation")
		b, p.kind = m.apply(t, drawValue(t, s, "body"), s), "invalid body: "+m.name
	}
	p.body = &b
	return p
}

func (f *fuzzer) undeclaredBody(t *rapid.T) plan {
	r := f.drawRoute(t, func(r route) bool { return !hasBody(r) })
	p := f.withStored(t, r)
	b := jsonBody([]byte(rapid.SampledFrom([]string{"{}", "x", `[1,2]`, `{"external_id":"A-1"}`}).Draw(t, "body")))
	p.body = &b
	return p
}

// readBack asks for what a source stored (or the document's example, before
// anything is), signed by either source's key.
func (f *fuzzer) readBack(t *rapid.T) plan {
	r := f.drawRoute(t, hasParams)
	p := f.withStored(t, r)
	if rapid.IntRange(0, 9).Draw(t, "HEAD?") == 0 && r.method == http.MethodGet {
		p.method, p.kind = http.MethodHead, "read back with HEAD"
	}
	return p
}

func (f *fuzzer) withStored(t *rapid.T, r *route) plan {
	owner := rapid.SampledFrom([]string{"shop", "other-shop"}).Draw(t, "owner")
	stored := len(r.params) > 0
	p := at(r, func(param *openapi3.Parameter) string {
		if have := f.stored[owner][param.Name]; len(have) > 0 {
			return evenly(t, have, param.Name)
		}
		stored = false
		return example(param)
	})
	p.auth = f.drawAuth(t)
	mine := sourceOf[p.auth]
	p.own = stored && mine == owner
	p.foreign = stored && mine != "" && mine != owner
	for name, v := range p.params {
		p.foreign = p.foreign && !slices.Contains(f.stored[mine][name], v) && !slices.Contains(f.sent[mine][name], v)
	}
	return p
}

func (f *fuzzer) schemaValue(t *rapid.T) plan {
	r := f.drawRoute(t, hasParams)
	return at(r, func(param *openapi3.Parameter) string {
		return fmt.Sprint(drawValue(t, param.Schema.Value, param.Name))
	})
}

// oddValues are path parameter values as sent, already escaped: empty,
// dot segments, NUL, invalid UTF-8, encoded slashes, numbers out of range,
// very long, Persian raw and escaped.
var oddValues = []string{
	"", ".", "..", "%2e", "%2E%2E", "%00", "a%00b", "%ff", "%C3%28", "%ED%A0%80", "%2F", "a%2Fb", "..%2F..", "%2F..%2F",
	"%20", "%20x%20", "+", "~", "%25", "%3F", "%23", "%E2%80%AE", "%EF%BB%BF", "0", "-1", "1e3", "1.5", "0x10", "%2B1",
	"9223372036854775807", "9223372036854775808", "99999999999999999999999", "null",
	strings.Repeat("x", 201), strings.Repeat("x", 5000), strings.Repeat("%D9%85", 2000),
	"مریم", "%D9%85%D8%B1%DB%8C%D9%85", "INV-%DB%B1%DB%B2%DB%B3", "%3Cscript%3E", "'%20OR%201=1--",
}

func (f *fuzzer) oddValue(t *rapid.T) plan {
	r := f.drawRoute(t, hasParams)
	odd := rapid.IntRange(0, len(r.params)-1).Draw(t, "odd parameter")
	p := at(r, example)
	p.target = r.path
	for i, param := range r.params {
		v := url.PathEscape(p.params[param.Name])
		if i == odd {
			v = evenly(t, oddValues, "odd value")
			p.params[param.Name] = v
		}
		p.target = strings.Replace(p.target, "{"+param.Name+"}", v, 1)
	}
	p.routed = false
	return p
}

// methods are what a wrong method is drawn from (CONNECT takes a host, not
// a path, so it never reaches a route).
var methods = []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "PROPFIND", "FOO"}

func (f *fuzzer) wrongMethod(t *rapid.T) plan {
	r := f.drawRoute(t, func(route) bool { return true })
	served := allowOf(r.item)
	var wrong []string
	for _, m := range methods {
		if !slices.Contains(served, m) {
			wrong = append(wrong, m)
		}
	}
	p := at(r, example)
	p.method, p.route = evenly(t, wrong, "method"), nil
	if rapid.Bool().Draw(t, "with a body?") {
		b := jsonBody([]byte(`{"external_id":"A-1"}`))
		p.body = &b
	}
	return p
}

// unknownPath changes a document path into one the document does not have.
func (f *fuzzer) unknownPath(t *rapid.T) plan {
	r := f.drawRoute(t, func(route) bool { return true })
	p := at(r, example)
	rest, _ := strings.CutPrefix(p.target, "/api/")
	var unknown []string
	for _, c := range []string{p.target + "/extra", "/api/" + strings.ToUpper(rest), "/api/v0/" + rest, p.target + ".json", p.target + "/"} {
		if !f.inDocument(c) {
			unknown = append(unknown, c)
		}
	}
	p.target = rapid.SampledFrom(unknown).Draw(t, "path")
	p.route, p.item = nil, nil
	return p
}

// inDocument: one of the document's paths matches path, a parameter
// standing for any one non-empty segment.
func (f *fuzzer) inDocument(path string) bool {
	segs := strings.Split(path, "/")
	for _, rt := range f.routes {
		tmpl := strings.Split(rt.path, "/")
		if len(tmpl) != len(segs) {
			continue
		}
		match := true
		for i, s := range tmpl {
			param := strings.HasPrefix(s, "{") && segs[i] != ""
			match = match && (s == segs[i] || param)
		}
		if match {
			return true
		}
	}
	return false
}

// allowOf is what the Allow header of a path must name: its methods, and
// HEAD with GET.
func allowOf(item *openapi3.PathItem) []string {
	var out []string
	for m := range item.Operations() {
		out = append(out, m)
		if m == http.MethodGet {
			out = append(out, http.MethodHead)
		}
	}
	slices.Sort(out)
	return out
}

// reply is a response, read.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) String() string {
	return fmt.Sprintf("%d %s %s", r.status, r.header.Get("Content-Type"), short(string(r.body)))
}

func (f *fuzzer) send(t *rapid.T, p plan) reply {
	var rd io.Reader
	if p.body != nil && !p.body.none {
		rd = bytes.NewReader(p.body.data)
	}
	req, err := http.NewRequestWithContext(context.Background(), p.method, f.base+"/", rd)
	if err != nil {
		t.Fatal(err)
	}
	// Sent as it is: net/url would re-escape some of the odd values.
	req.URL.Opaque = p.target
	if p.body != nil && p.body.contentType != "" {
		req.Header.Set("Content-Type", p.body.contentType)
	}
	if p.header != "" {
		req.Header.Set("Authorization", p.header)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", p, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s: reading the answer: %v", p, err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: data}
}

// check holds the answer to the document.
func (f *fuzzer) check(t *rapid.T, p plan, r reply) {
	fail := func(format string, args ...any) {
		t.Fatalf("%s\n%s\nanswered %s", fmt.Sprintf(format, args...), p, r)
	}
	if r.status >= 500 {
		fail("a server error")
	}
	switch {
	case p.route == nil && p.item != nil:
		allow := strings.Join(allowOf(p.item), ", ")
		if r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") != allow {
			fail("a method the path does not serve must get 405 with Allow: %s", allow)
		}
		f.genericError(p, r, fail)
		return
	case p.route == nil:
		if r.status != http.StatusNotFound {
			fail("a path the document does not have must get 404")
		}
		f.genericError(p, r, fail)
		return
	}
	op := p.route.op
	if op.Responses.Status(r.status) == nil {
		// A path that no longer matches the route is an unknown path.
		if r.status == http.StatusNotFound && !p.routed {
			f.genericError(p, r, fail)
			return
		}
		fail("status %d is not in the document for %s %s", r.status, p.route.method, p.route.path)
	}
	if p.method == http.MethodHead {
		if len(r.body) > 0 {
			fail("HEAD answered with a body")
		}
		return
	}
	if err := f.validate(p, r); err != nil {
		fail("the answer does not match the document: %v", err)
	}
	if r.status == http.StatusUnauthorized && r.header.Get("WWW-Authenticate") != `Bearer realm="tamas"` {
		fail("401 without the documented WWW-Authenticate")
	}
	badKey := p.auth == authNone || p.auth == authBad || p.auth == authRevoked
	switch {
	case p.routed && f.secured(op) && badKey && !slices.Contains(refusals, r.status):
		fail("a request with a %s must be refused", p.auth)
	case p.routed && !badKey && r.status == http.StatusUnauthorized:
		fail("a valid key was refused")
	case p.validBody && slices.Contains([]int{http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType}, r.status):
		fail("a body the document accepts got %d", r.status)
	case p.foreign && r.status != http.StatusNotFound:
		fail("one source read what another stored")
	case p.expect != nil && !slices.Contains(p.expect, r.status):
		fail("want one of %v", p.expect)
	case p.own && r.status != http.StatusOK:
		fail("a source could not read back what it stored")
	}
}

// refusals are the answers that show nothing of a source's data: what a
// request with a bad key may get (a request may be refused for its form
// before its key is looked at).
var refusals = []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType}

// validate checks the answer against the operation's declared response:
// status, headers, Content-Type and body.
func (f *fuzzer) validate(p plan, r reply) error {
	req, err := http.NewRequest(p.method, f.base+p.route.path, nil)
	if err != nil {
		return err
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request: req, PathParams: p.params,
			Route: &routers.Route{Spec: f.doc, Path: p.route.path, PathItem: p.route.item, Method: p.route.method, Operation: p.route.op},
		},
		Status: r.status, Header: r.header, Body: io.NopCloser(bytes.NewReader(r.body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
}

// genericError checks the answers the document gives for every path in
// its description (404 for an unknown path, 405 for a wrong method): an
// Error object as JSON, except to HEAD.
func (f *fuzzer) genericError(p plan, r reply, fail func(string, ...any)) {
	if p.method == http.MethodHead {
		return
	}
	if !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
		fail("an error must be JSON")
	}
	var v any
	if err := json.Unmarshal(r.body, &v); err != nil {
		fail("the error is not JSON: %v", err)
	}
	if err := f.doc.Components.Schemas["Error"].Value.VisitJSON(v); err != nil {
		fail("the error does not match the Error schema: %v", err)
	}
}

// secured: the operation needs a key.
func (f *fuzzer) secured(op *openapi3.Operation) bool {
	if op.Security != nil {
		return len(*op.Security) > 0
	}
	return len(f.doc.Security) > 0
}

// remember keeps the values of a successful answer that name things a
// path can ask for (a key of the answer spelt as a path parameter), and
// every such value a source sent, which it may have stored without the
// answer saying so (a batch answers with follow-up ids only).
func (f *fuzzer) remember(p plan, r reply) {
	source := sourceOf[p.auth]
	if source == "" || p.method == http.MethodHead || p.route == nil {
		return
	}
	if p.body != nil {
		f.collect(p.body.data, f.sent[source])
	}
	if r.status < 300 {
		f.collect(r.body, f.stored[source])
	}
}

// aliases are the other keys a path parameter's value comes back under: a
// batch's results name the follow-up each sale was given, its own or one
// that already asks the customer (contact frequency), as followup_id, and
// the source may read it as /followups/{id}.
var aliases = map[string]string{"followup_id": "id"}

// collect adds to into the values in the JSON data under a key spelt as a
// path parameter, as sent and trimmed.
func (f *fuzzer) collect(data []byte, into map[string][]string) {
	names := map[string]bool{}
	for _, rt := range f.routes {
		for _, param := range rt.params {
			names[param.Name] = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for _, k := range sortedKeys(v) {
				name := cmp.Or(aliases[k], k)
				if s, ok := scalar(v[k]); ok && names[name] {
					for _, s := range []string{s, strings.TrimSpace(s)} {
						if !slices.Contains(into[name], s) {
							into[name] = append(into[name], s)
						}
					}
				}
				walk(v[k])
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
}

func scalar(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	}
	return "", false
}

func short(s string) string {
	if len(s) > 300 {
		return s[:300] + fmt.Sprintf("… (%d bytes)", len(s))
	}
	return s
}
