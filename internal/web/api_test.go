package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/apikey"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// now is a Tuesday noon in Tehran; the server's clock is pinned to it.
var now = apptest.Now

// soldAt is a Sunday morning in Tehran. Under the default rule (7 days,
// Monday to Friday, 10:00 to 19:00) its follow-up falls on a Sunday and so
// moves to Monday 10:00 Tehran time: dueAt.
const soldAt = "2026-11-22T10:00:00+03:30"

var dueAt = time.Date(2026, 11, 30, 6, 30, 0, 0, time.UTC)

// fixture is a running server on its own database, with a key for the source
// "shop" and one for "other-shop".
type fixture struct {
	url      string
	client   *http.Client
	pool     *pgxpool.Pool
	key      string
	otherKey string
}

// setup starts the real handler stack, wired as `tamas serve` wires it, with
// phone numbers read in Iran. Every exchange of the returned client is
// checked against openapi.yaml (see docTransport).
//
// The fixture's sales share one phone, and most tests count one follow-up
// per sale, so the contact-frequency rule is off; setupAsking keeps it on.
func setup(t *testing.T) *fixture {
	t.Helper()
	f := setupAsking(t)
	apptest.AskAlways(t, f.pool)
	return f
}

func setupAsking(t *testing.T) *fixture {
	t.Helper()
	a := apptest.Open(t, apptest.Opts{At: now, Serve: true})
	shop, _ := newKey(t, a.Pool, "shop")
	other, _ := newKey(t, a.Pool, "other-shop")
	return &fixture{
		url:    a.URL,
		client: &http.Client{Transport: docTransport(t, a.Client.Transport)},
		pool:   a.Pool, key: shop, otherKey: other,
	}
}

// newKey makes an API key for source as `tamas apikey create` does.
func newKey(t *testing.T, pool *pgxpool.Pool, source string) (secret string, id int64) {
	t.Helper()
	return apptest.APIKey(t, pool, source)
}

// docCheck says what the document checker does with one exchange.
type docCheck int

const (
	// docValid: the request and the response must both match the document.
	docValid docCheck = iota
	// docInvalid: the request is deliberately wrong and the document must
	// refuse it too; the response must match the document.
	docInvalid
	// docResponseOnly: the request is not checked, the response is.
	docResponseOnly
	// docSkip: the document does not describe this exchange.
	docSkip
)

type docCheckKey struct{}

func docCheckOf(ctx context.Context) docCheck {
	c, _ := ctx.Value(docCheckKey{}).(docCheck)
	return c
}

// call is one request of a test.
type call struct {
	method, path string
	key          string            // the bearer key; empty sends no Authorization
	body         any               // a string is sent as is, anything else as JSON; nil sends none
	header       map[string]string // set after the defaults; "" deletes
	doc          docCheck
}

type reply struct {
	status int
	header http.Header
	body   []byte
}

func (f *fixture) do(t *testing.T, c call) reply {
	t.Helper()
	var body io.Reader
	switch b := c.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		body = bytes.NewReader(j)
	}
	ctx := context.WithValue(t.Context(), docCheckKey{}, c.doc)
	req, err := http.NewRequestWithContext(ctx, c.method, f.url+c.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.key != "" {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	for k, v := range c.header {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", c.method, c.path, err)
	}
	return reply{status: resp.StatusCode, header: resp.Header, body: b}
}

// want fails the test unless the reply has the status.
func (r reply) want(t *testing.T, status int) reply {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body: %s", r.status, status, r.body)
	}
	return r
}

func decode[T any](t *testing.T, r reply) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decoding %s: %v", r.body, err)
	}
	return v
}

// The API's JSON as a client reads it.
type (
	followUpJSON struct {
		ID      int64     `json:"id"`
		State   string    `json:"state"`
		DueAt   time.Time `json:"due_at"`
		Outcome string    `json:"outcome"`
	}
	customerJSON struct {
		Name, Phone, Timezone, Locale string
	}
	saleCreatedJSON struct {
		Status     string        `json:"status"`
		ExternalID string        `json:"external_id"`
		Customer   customerJSON  `json:"customer"`
		FollowUp   *followUpJSON `json:"followup"`
	}
	fieldErrorJSON struct {
		Field   string `json:"field"`
		Message string `json:"message"`
	}
	errorJSON struct {
		Error  string           `json:"error"`
		Errors []fieldErrorJSON `json:"errors"`
	}
	batchJSON struct {
		Results []struct {
			Index           int              `json:"index"`
			Status          string           `json:"status"`
			FollowUpID      *int64           `json:"followup_id"`
			FollowUpOutcome string           `json:"followup_outcome"`
			Errors          []fieldErrorJSON `json:"errors"`
		} `json:"results"`
	}
	saleJSON struct {
		ExternalID string       `json:"external_id"`
		Customer   customerJSON `json:"customer"`
		Product    struct {
			SKU, Name, Category string
		} `json:"product"`
		Branch      string       `json:"branch"`
		SoldAt      time.Time    `json:"sold_at"`
		CancelledAt *time.Time   `json:"cancelled_at"`
		FollowUp    followUpJSON `json:"followup"`
	}
	saleCancelledJSON struct {
		ExternalID string       `json:"external_id"`
		FollowUp   followUpJSON `json:"followup"`
	}
)

// sale is a valid sale as a shop sends it.
func sale(id string) map[string]any {
	return map[string]any{
		"external_id": id,
		"customer":    map[string]any{"name": "مریم رضایی", "phone": "09121234567", "timezone": "Asia/Tehran", "locale": "fa"},
		"product":     map[string]any{"sku": "GL-1", "name": "عینک", "category": "Glasses"},
		"branch":      "Tajrish",
		"sold_at":     soldAt,
	}
}

// remove is the value with() takes to delete a field.
var remove = new(int)

// with sets the field at a dotted path (customer.phone) and returns s.
func with(s map[string]any, path string, v any) map[string]any {
	m := s
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		m = m[p].(map[string]any)
	}
	if v == remove {
		delete(m, parts[len(parts)-1])
	} else {
		m[parts[len(parts)-1]] = v
	}
	return s
}

func (f *fixture) createSale(t *testing.T, key string, s map[string]any) saleCreatedJSON {
	t.Helper()
	r := f.do(t, call{method: "POST", path: "/api/v1/sales", key: key, body: s}).want(t, http.StatusCreated)
	return decode[saleCreatedJSON](t, r)
}

func salePath(externalID string) string { return "/api/v1/sales/" + url.PathEscape(externalID) }

// fields returns the distinct fields an error names, sorted.
func fields(errs []fieldErrorJSON) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Field)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestAuthRefusesBadKeys(t *testing.T) {
	t.Parallel()
	f := setup(t)
	revoked, revokedID := newKey(t, f.pool, "shop")
	if n, err := store.New().APIKeyRevoke(t.Context(), f.pool, revokedID); err != nil || n != 1 {
		t.Fatalf("revoking: %d, %v", n, err)
	}
	unknown := apikey.Generate().Secret

	cases := []struct {
		name          string
		authorization string
		doc           docCheck
	}{
		{"no key", "", docInvalid},
		{"not bearer", "Basic " + f.key, docInvalid},
		{"bearer without a key", "Bearer ", docResponseOnly},
		{"malformed key", "Bearer tms_short", docValid},
		{"key of the wrong shape", "Bearer " + strings.ToUpper(f.key), docValid},
		{"unknown key", "Bearer " + unknown, docValid},
		{"revoked key", "Bearer " + revoked, docValid},
	}
	for _, op := range apiRoutes {
		if op == "GET /api/openapi.yaml" {
			continue // public
		}
		method, path, body := exampleRequest(op)
		for _, c := range cases {
			t.Run(op+"/"+c.name, func(t *testing.T) {
				r := f.do(t, call{method: method, path: path, body: body,
					header: map[string]string{"Authorization": c.authorization}, doc: c.doc})
				r.want(t, http.StatusUnauthorized)
				if got := r.header.Get("WWW-Authenticate"); got != `Bearer realm="tamas"` {
					t.Errorf("WWW-Authenticate = %q", got)
				}
				if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
				if e := decode[errorJSON](t, r); e.Error == "" {
					t.Errorf("no error message in %s", r.body)
				}
			})
		}
	}
	if n := apptest.Count(t, f.pool, "SELECT count(*) FROM sales"); n != 0 {
		t.Errorf("%d sales stored without a valid key", n)
	}

	// The same requests with a good key get past the check.
	for _, authorization := range []string{"Bearer " + f.key, "bearer  " + f.key + " "} {
		r := f.do(t, call{method: "GET", path: salePath("none"), header: map[string]string{"Authorization": authorization}})
		r.want(t, http.StatusNotFound)
	}
}

// exampleRequest turns a route pattern into a request that reaches it.
func exampleRequest(pattern string) (method, path string, body any) {
	method, path, _ = strings.Cut(pattern, " ")
	path = strings.NewReplacer("{external_id}", "X-1", "{id}", "1").Replace(path)
	if pattern == "POST /api/v1/sales" {
		body = sale("X-1")
	}
	return method, path, body
}

func TestCreateSaleIsIdempotent(t *testing.T) {
	t.Parallel()
	f := setup(t)

	first := f.createSale(t, f.key, sale("INV-1"))
	if first.Status != "created" || first.ExternalID != "INV-1" || first.FollowUp == nil {
		t.Fatalf("first reply %+v, want created INV-1 with a follow-up", first)
	}
	if first.FollowUp.ID <= 0 || first.FollowUp.State != "scheduled" || !first.FollowUp.DueAt.Equal(dueAt) {
		t.Errorf("follow-up %+v, want a positive id, scheduled, due %v", *first.FollowUp, dueAt)
	}

	again := decode[saleCreatedJSON](t, f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: sale("INV-1")}).want(t, http.StatusOK))
	if again.Status != "existing" || again.FollowUp == nil || *again.FollowUp != *first.FollowUp {
		t.Errorf("second reply %+v, want existing with follow-up %+v", again, *first.FollowUp)
	}

	changed := with(sale("INV-1"), "product.sku", "GL-2")
	r := f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: changed}).want(t, http.StatusConflict)
	if e := decode[errorJSON](t, r); !strings.Contains(e.Error, "external_id") {
		t.Errorf("conflict error %q does not name external_id", e.Error)
	}

	for _, table := range []string{"sales", "follow_ups", "customers"} {
		if n := apptest.Count(t, f.pool, "SELECT count(*) FROM "+table); n != 1 {
			t.Errorf("%d rows in %s, want 1", n, table)
		}
	}
	var sku string
	if err := f.pool.QueryRow(t.Context(), "SELECT product_sku FROM sales").Scan(&sku); err != nil || sku != "GL-1" {
		t.Errorf("stored sku %q (%v), want the first sale's GL-1", sku, err)
	}

	// external_id is unique per source: another shop may use the same one.
	other := f.createSale(t, f.otherKey, changed)
	if other.FollowUp.ID == first.FollowUp.ID {
		t.Errorf("the other shop's sale got the first shop's follow-up %d", other.FollowUp.ID)
	}
}

func TestCreateSaleRefusesInvalidSales(t *testing.T) {
	t.Parallel()
	f := setup(t)

	cases := []struct {
		name   string
		body   any
		fields []string
		// docValid when the document accepts the request and only the
		// server's own checks refuse it.
		doc docCheck
	}{
		{"phone missing", with(sale("X"), "customer.phone", remove), []string{"customer.phone"}, docInvalid},
		{"phone too short", with(sale("X"), "customer.phone", "0912"), []string{"customer.phone"}, docValid},
		{"phone not a number", with(sale("X"), "customer.phone", "call me"), []string{"customer.phone"}, docValid},
		{"sold_at not a time", with(sale("X"), "sold_at", "yesterday"), []string{"sold_at"}, docInvalid},
		{"sold_at without offset", with(sale("X"), "sold_at", "2026-11-22T10:00:00"), []string{"sold_at"}, docInvalid},
		{"sold_at in the future", with(sale("X"), "sold_at", now.Add(6*time.Minute).Format(time.RFC3339)), []string{"sold_at"}, docValid},
		{"sold_at before 2000", with(sale("X"), "sold_at", "1999-12-31T23:59:59Z"), []string{"sold_at"}, docValid},
		{"external_id blank", with(sale("X"), "external_id", "   "), []string{"external_id"}, docValid},
		{"external_id missing", with(sale("X"), "external_id", remove), []string{"external_id"}, docInvalid},
		{"external_id too long", with(sale("X"), "external_id", strings.Repeat("x", 201)), []string{"external_id"}, docInvalid},
		{"sku missing", with(sale("X"), "product.sku", remove), []string{"product.sku"}, docInvalid},
		{"name empty", with(sale("X"), "customer.name", ""), []string{"customer.name"}, docInvalid},
		{"name blank", with(sale("X"), "customer.name", " \t"), []string{"customer.name"}, docValid},
		{"timezone unknown", with(sale("X"), "customer.timezone", "Tehran"), []string{"customer.timezone"}, docValid},
		{"locale not a language", with(sale("X"), "customer.locale", "not a tag"), []string{"customer.locale"}, docValid},
		{"everything at once", map[string]any{
			"external_id": " ",
			"customer":    map[string]any{"name": "", "phone": "12", "timezone": "Mars/Base"},
			"product":     map[string]any{},
			"sold_at":     "soon",
		}, []string{"customer.name", "customer.phone", "customer.timezone", "external_id", "product.sku", "sold_at"}, docInvalid},
		{"unknown field", with(sale("X"), "foo", 1), []string{"foo"}, docInvalid},
		{"unknown customer field", with(sale("X"), "customer.foo", "x"), []string{"customer.foo"}, docInvalid},
		{"unknown product field", with(sale("X"), "product.bar", true), []string{"product.bar"}, docInvalid},
		{"unknown fields everywhere", with(with(with(sale("X"), "foo", 1), "customer.foo", 2), "product.bar", 3),
			[]string{"customer.foo", "foo", "product.bar"}, docInvalid},
		{"phone a number", with(sale("X"), "customer.phone", 12), []string{"customer.phone"}, docInvalid},
		{"sold_at a number", with(sale("X"), "sold_at", 1764000000), []string{"sold_at"}, docInvalid},
		{"customer a string", with(sale("X"), "customer", "Maryam"), []string{"customer"}, docInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: c.body, doc: c.doc})
			r.want(t, http.StatusUnprocessableEntity)
			e := decode[errorJSON](t, r)
			if e.Error == "" {
				t.Error("no error message")
			}
			if got := fields(e.Errors); !slices.Equal(got, c.fields) {
				t.Errorf("fields %q, want %q; body: %s", got, c.fields, r.body)
			}
			for _, fe := range e.Errors {
				if fe.Message == "" {
					t.Errorf("field %q has no message", fe.Field)
				}
			}
		})
	}
	if n := apptest.Count(t, f.pool, "SELECT count(*) FROM sales"); n != 0 {
		t.Errorf("%d invalid sales stored", n)
	}

	// Within the allowed clock skew a sale from "the future" is fine.
	f.createSale(t, f.key, with(sale("skew"), "sold_at", now.Add(4*time.Minute).Format(time.RFC3339)))
}

func TestPersianAndIranianInput(t *testing.T) {
	t.Parallel()
	f := setup(t)

	phones := []struct{ name, phone string }{
		{"national", "09121234567"},
		{"international with spaces", "+98 912 123 4567"},
		{"00 prefix", "00989121234567"},
		{"Persian digits", "۰۹۱۲۱۲۳۴۵۶۷"},
		{"Arabic-Indic digits", "٠٩١٢١٢٣٤٥٦٧"},
		{"dashes", "0912-123-4567"},
	}
	// A subtest group, so that the checks after it see every sale.
	t.Run("phones", func(t *testing.T) {
		for i, p := range phones {
			t.Run(p.name, func(t *testing.T) {
				t.Parallel()
				id := "فاکتور " + strconv.Itoa(i)
				f.createSale(t, f.key, with(sale(id), "customer.phone", p.phone))
				got := decode[saleJSON](t, f.do(t, call{method: "GET", path: salePath(id), key: f.key}).want(t, http.StatusOK))
				if got.ExternalID != id || got.Customer.Phone != "+989121234567" || got.Customer.Name != "مریم رضایی" {
					t.Errorf("got %q, %q, %q; want %q, +989121234567, مریم رضایی",
						got.ExternalID, got.Customer.Phone, got.Customer.Name, id)
				}
			})
		}
	})
	if n := apptest.Count(t, f.pool, "SELECT count(*) FROM customers"); n != 1 {
		t.Errorf("%d customers for one phone written %d ways", n, len(phones))
	}

	// Content is compared after normalisation: the same sale with the phone
	// written another way is the same sale.
	r := f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key,
		body: with(sale("فاکتور 0"), "customer.phone", "+98 912 123 4567")}).want(t, http.StatusOK)
	if got := decode[saleCreatedJSON](t, r); got.Status != "existing" {
		t.Errorf("resent with another phone format: status %q, want existing", got.Status)
	}

	// Arabic yeh and kaf are stored as their Persian forms.
	arabic := with(with(with(sale("AR-1"), "customer.name", "علي كاظمي"), "customer.phone", "09355551234"),
		"product.name", "كيف")
	with(arabic, "branch", "كرج")
	f.createSale(t, f.key, arabic)
	got := decode[saleJSON](t, f.do(t, call{method: "GET", path: salePath("AR-1"), key: f.key}).want(t, http.StatusOK))
	if got.Customer.Name != "علی کاظمی" || got.Product.Name != "کیف" || got.Branch != "کرج" {
		t.Errorf("name %q, product %q, branch %q; want علی کاظمی, کیف, کرج", got.Customer.Name, got.Product.Name, got.Branch)
	}
	if got.Customer.Phone != "+989355551234" {
		t.Errorf("phone %q, want +989355551234", got.Customer.Phone)
	}
	var stored string
	if err := f.pool.QueryRow(t.Context(), "SELECT name FROM customers WHERE phone = '+989355551234'").Scan(&stored); err != nil || stored != "علی کاظمی" {
		t.Errorf("stored name %q (%v), want علی کاظمی", stored, err)
	}
	persian := with(with(with(sale("AR-1"), "customer.name", "علی کاظمی"), "customer.phone", "09355551234"),
		"product.name", "کیف")
	with(persian, "branch", "کرج")
	r = f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: persian}).want(t, http.StatusOK)
	if s := decode[saleCreatedJSON](t, r).Status; s != "existing" {
		t.Errorf("the same sale in Persian letters: status %q, want existing", s)
	}
}

func TestCreateSalesBatch(t *testing.T) {
	t.Parallel()
	f := setup(t)
	stored := f.createSale(t, f.key, sale("B-1"))

	batch := []any{
		sale("B-2"),                          // created
		sale("B-1"),                          // existing
		with(sale("B-1"), "branch", "Vanak"), // conflict with the stored sale
		with(with(sale("B-3"), "customer.phone", "0912"), "sold_at", "2030-01-01T00:00:00Z"), // invalid
		sale("B-2"),                              // a repeat of item 0
		with(sale("B-2"), "product.sku", "GL-9"), // conflicts with item 0
		with(sale("B-4"), "customer.phone", "+44 7911 123456"), // created
	}
	r := f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: batch}).want(t, http.StatusOK)
	res := decode[batchJSON](t, r).Results
	if len(res) != len(batch) {
		t.Fatalf("%d results for %d sales: %s", len(res), len(batch), r.body)
	}
	want := []struct {
		status   string
		followUp bool
		fields   []string
	}{
		{"created", true, nil},
		{"existing", true, nil},
		{"conflict", false, nil},
		{"invalid", false, []string{"customer.phone", "sold_at"}},
		{"existing", true, nil},
		{"conflict", false, nil},
		{"created", true, nil},
	}
	for i, w := range want {
		got := res[i]
		if got.Index != i || got.Status != w.status || (got.FollowUpID != nil) != w.followUp || !slices.Equal(fields(got.Errors), w.fields) {
			t.Errorf("result %d: %+v, want index %d, %s, follow-up %v, errors on %q", i, got, i, w.status, w.followUp, w.fields)
		}
	}
	if res[1].FollowUpID != nil && *res[1].FollowUpID != stored.FollowUp.ID {
		t.Errorf("existing B-1: follow-up %d, want %d", *res[1].FollowUpID, stored.FollowUp.ID)
	}
	if res[0].FollowUpID != nil && res[4].FollowUpID != nil && *res[4].FollowUpID != *res[0].FollowUpID {
		t.Errorf("repeat of B-2: follow-up %d, want item 0's %d", *res[4].FollowUpID, *res[0].FollowUpID)
	}
	if n := apptest.Count(t, f.pool, "SELECT count(*) FROM sales"); n != 3 {
		t.Errorf("%d sales stored, want B-1, B-2, B-4", n)
	}
	if n := apptest.Count(t, f.pool, "SELECT count(*) FROM follow_ups"); n != 3 {
		t.Errorf("%d follow-ups stored, want 3", n)
	}

	// Items the decoder refuses are reported the same way, and do not cost
	// the good ones.
	decodeErrs := []any{
		with(sale("B-5"), "colour", "red"),
		with(sale("B-6"), "customer.phone", 9121234567),
		"B-7",
		sale("B-8"),
	}
	r = f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: decodeErrs, doc: docInvalid}).want(t, http.StatusOK)
	res = decode[batchJSON](t, r).Results
	wantFields := [][]string{{"colour"}, {"customer.phone"}, {""}, nil}
	if len(res) != len(wantFields) {
		t.Fatalf("%d results for %d sales: %s", len(res), len(decodeErrs), r.body)
	}
	for i, w := range wantFields {
		status := "invalid"
		if w == nil {
			status = "created"
		}
		if res[i].Index != i || res[i].Status != status || !slices.Equal(fields(res[i].Errors), w) {
			t.Errorf("result %d: %+v, want %s with errors on %q", i, res[i], status, w)
		}
	}
	f.do(t, call{method: "GET", path: salePath("B-8"), key: f.key}).want(t, http.StatusOK)
	f.do(t, call{method: "GET", path: salePath("B-5"), key: f.key}).want(t, http.StatusNotFound)
}

func TestCreateSalesLimits(t *testing.T) {
	t.Parallel()

	many := func(n int) []any {
		s := make([]any, n)
		for i := range s {
			s[i] = sale("M-" + strconv.Itoa(i))
		}
		return s
	}
	cases := []struct {
		name   string
		body   any
		header map[string]string
		status int
		doc    docCheck
	}{
		{"10000 sales", many(10000), nil, http.StatusOK, docValid},
		{"10001 sales", many(10001), nil, http.StatusUnprocessableEntity, docInvalid},
		{"empty array", []any{}, nil, http.StatusUnprocessableEntity, docInvalid},
		{"array of garbage", "[1,", nil, http.StatusBadRequest, docInvalid},
		{"over 64 MiB", "[" + strings.Repeat(" ", 64<<20), nil, http.StatusRequestEntityTooLarge, docInvalid},
		{"40 MiB read whole", "[" + strings.Repeat(" ", 40<<20) + "]", nil, http.StatusUnprocessableEntity, docInvalid},
		{"text/plain", sale("CT-1"), map[string]string{"Content-Type": "text/plain"}, http.StatusUnsupportedMediaType, docInvalid},
		{"form", sale("CT-1"), map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, http.StatusUnsupportedMediaType, docInvalid},
		{"JSON with charset", sale("CT-2"), map[string]string{"Content-Type": "application/json; charset=utf-8"}, http.StatusCreated, docValid},
		// The document's prose allows a missing Content-Type; its schema
		// cannot say so.
		{"no Content-Type", sale("CT-3"), map[string]string{"Content-Type": ""}, http.StatusCreated, docResponseOnly},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			f := setup(t)
			r := f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: c.body, header: c.header, doc: c.doc})
			r.want(t, c.status)
			switch c.status {
			case http.StatusOK:
				res := decode[batchJSON](t, r).Results
				if len(res) != 10000 || res[9999].Index != 9999 || res[9999].Status != "created" {
					t.Errorf("%d results, the last %+v", len(res), res[len(res)-1])
				}
				if n := apptest.Count(t, f.pool, "SELECT count(*) FROM follow_ups"); n != 10000 {
					t.Errorf("%d follow-ups stored, want 10000", n)
				}
			case http.StatusCreated:
			default:
				if e := decode[errorJSON](t, r); e.Error == "" {
					t.Errorf("no error message in %s", r.body)
				}
				if n := apptest.Count(t, f.pool, "SELECT count(*) FROM sales"); n != 0 {
					t.Errorf("%d sales stored from a refused request", n)
				}
			}
		})
	}
}

func TestSaleGet(t *testing.T) {
	t.Parallel()
	f := setup(t)
	full := with(sale("G-1"), "product.category", "  Glasses ")
	created := f.createSale(t, f.key, full)
	minimal := map[string]any{
		"external_id": "G-2",
		"customer":    map[string]any{"name": "Sam Taylor", "phone": "+44 7911 123456"},
		"product":     map[string]any{"sku": "KETTLE-17"},
		"sold_at":     "2026-11-23T10:15:00Z",
	}
	f.createSale(t, f.key, minimal)
	theirs := f.createSale(t, f.otherKey, sale("G-3"))

	got := decode[saleJSON](t, f.do(t, call{method: "GET", path: salePath("G-1"), key: f.key}).want(t, http.StatusOK))
	var want saleJSON
	want.ExternalID = "G-1"
	want.Customer.Name, want.Customer.Phone, want.Customer.Timezone, want.Customer.Locale = "مریم رضایی", "+989121234567", "Asia/Tehran", "fa"
	want.Product.SKU, want.Product.Name, want.Product.Category = "GL-1", "عینک", "glasses"
	want.Branch = "Tajrish"
	want.SoldAt = time.Date(2026, 11, 22, 6, 30, 0, 0, time.UTC)
	want.FollowUp = *created.FollowUp
	if got.SoldAt.Location() != time.UTC {
		t.Errorf("sold_at %v is not in UTC", got.SoldAt)
	}
	got.SoldAt = got.SoldAt.UTC()
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}

	// What the shop left out is empty or the server's default.
	got = decode[saleJSON](t, f.do(t, call{method: "GET", path: salePath("G-2"), key: f.key}).want(t, http.StatusOK))
	if got.Customer.Timezone != "Asia/Tehran" || got.Customer.Locale != "fa" || got.Product.Name != "" ||
		got.Product.Category != "" || got.Branch != "" || got.Customer.Phone != "+447911123456" {
		t.Errorf("minimal sale read back as %+v", got)
	}

	for name, c := range map[string]call{
		"unknown":            {method: "GET", path: salePath("nope"), key: f.key},
		"another shop's":     {method: "GET", path: salePath("G-3"), key: f.key},
		"not the other's":    {method: "GET", path: salePath("G-1"), key: f.otherKey},
		"case matters":       {method: "GET", path: salePath("g-1"), key: f.key},
		"escaped, not found": {method: "GET", path: "/api/v1/sales/G%2D9", key: f.key},
	} {
		t.Run(name, func(t *testing.T) {
			r := f.do(t, c).want(t, http.StatusNotFound)
			if e := decode[errorJSON](t, r); e.Error != "no sale with this external_id" {
				t.Errorf("error %q", e.Error)
			}
		})
	}
	mine := decode[saleJSON](t, f.do(t, call{method: "GET", path: salePath("G-3"), key: f.otherKey}).want(t, http.StatusOK))
	if mine.FollowUp != *theirs.FollowUp {
		t.Errorf("the other shop reads follow-up %+v, want %+v", mine.FollowUp, *theirs.FollowUp)
	}
}

// Another shop's sale to the same phone shares the customer but neither
// changes nor reads it: it answers with what that shop sent, and the call
// stays in the first shop's customer's zone (#13).
func TestSaleCustomerIsEachShopsOwn(t *testing.T) {
	t.Parallel()
	f := setup(t)
	mineSent := customerJSON{Name: "مریم رضایی", Phone: "+989121234567", Timezone: "Asia/Tehran", Locale: "fa"}
	created := f.createSale(t, f.key, sale("C-1"))
	theirSale := with(sale("C-2"), "customer", map[string]any{"name": "Maryam R.", "phone": "+98 912 123 4567", "timezone": "Europe/London", "locale": "en"})
	theirs := f.createSale(t, f.otherKey, theirSale)
	theirsSent := customerJSON{Name: "Maryam R.", Phone: "+989121234567", Timezone: "Europe/London", Locale: "en"}
	if created.Customer != mineSent || theirs.Customer != theirsSent {
		t.Errorf("create answered customers %+v and %+v, want %+v and %+v", created.Customer, theirs.Customer, mineSent, theirsSent)
	}
	if !theirs.FollowUp.DueAt.Equal(dueAt) {
		t.Errorf("the other shop's follow-up is due %v, want %v (Tehran, the customer's zone)", theirs.FollowUp.DueAt, dueAt)
	}
	again := decode[saleCreatedJSON](t, f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.otherKey, body: theirSale}).want(t, http.StatusOK))
	if again.Customer != theirsSent {
		t.Errorf("sent again, the customer is %+v, want %+v", again.Customer, theirsSent)
	}
	for _, c := range []struct {
		key, id string
		want    customerJSON
	}{{f.key, "C-1", mineSent}, {f.otherKey, "C-2", theirsSent}} {
		got := decode[saleJSON](t, f.do(t, call{method: "GET", path: salePath(c.id), key: c.key}).want(t, http.StatusOK))
		if got.Customer != c.want {
			t.Errorf("GET %s: customer %+v, want %+v", c.id, got.Customer, c.want)
		}
	}
}

func TestSaleCancel(t *testing.T) {
	t.Parallel()
	f := setup(t)
	created := f.createSale(t, f.key, sale("C-1"))
	theirs := f.createSale(t, f.otherKey, sale("C-2"))

	for i := range 2 { // cancelling twice is fine
		r := f.do(t, call{method: "POST", path: salePath("C-1") + "/cancel", key: f.key}).want(t, http.StatusOK)
		got := decode[saleCancelledJSON](t, r)
		if got.ExternalID != "C-1" || got.FollowUp.ID != created.FollowUp.ID || got.FollowUp.State != "cancelled" {
			t.Errorf("cancel %d: %+v, want C-1 with follow-up %d cancelled", i+1, got, created.FollowUp.ID)
		}
	}
	got := decode[saleJSON](t, f.do(t, call{method: "GET", path: salePath("C-1"), key: f.key}).want(t, http.StatusOK))
	if got.CancelledAt == nil || got.FollowUp.State != "cancelled" {
		t.Errorf("after cancelling: cancelled_at %v, follow-up %q", got.CancelledAt, got.FollowUp.State)
	}
	if n := apptest.Count(t, f.pool, "SELECT count(*) FROM follow_up_events WHERE to_state = 'cancelled'"); n != 1 {
		t.Errorf("%d cancellation events, want 1", n)
	}

	f.do(t, call{method: "POST", path: salePath("nope") + "/cancel", key: f.key}).want(t, http.StatusNotFound)
	f.do(t, call{method: "POST", path: salePath("C-2") + "/cancel", key: f.key}).want(t, http.StatusNotFound)
	mine := decode[saleJSON](t, f.do(t, call{method: "GET", path: salePath("C-2"), key: f.otherKey}).want(t, http.StatusOK))
	if mine.CancelledAt != nil || mine.FollowUp.State != "scheduled" || mine.FollowUp.ID != theirs.FollowUp.ID {
		t.Errorf("another shop cancelled the other's sale: %+v", mine)
	}
}

func TestFollowUpGet(t *testing.T) {
	t.Parallel()
	f := setup(t)
	created := f.createSale(t, f.key, sale("F-1"))
	theirs := f.createSale(t, f.otherKey, sale("F-2"))
	id := strconv.FormatInt(created.FollowUp.ID, 10)

	r := f.do(t, call{method: "GET", path: "/api/v1/followups/" + id, key: f.key}).want(t, http.StatusOK)
	if !bytes.Contains(r.body, []byte(`"attempts":[]`)) {
		t.Errorf("attempts is not an empty array: %s", r.body)
	}
	type detail struct {
		ID           int64     `json:"id"`
		ExternalID   string    `json:"external_id"`
		Kind         string    `json:"kind"`
		State        string    `json:"state"`
		DueAt        time.Time `json:"due_at"`
		Channel      string    `json:"channel"`
		MaxAttempts  int       `json:"max_attempts"`
		AttemptCount int       `json:"attempt_count"`
	}
	got := decode[detail](t, r)
	got.DueAt = got.DueAt.UTC()
	want := detail{ID: created.FollowUp.ID, ExternalID: "F-1", Kind: "sale", State: "scheduled", DueAt: dueAt,
		Channel: "agent", MaxAttempts: 3, AttemptCount: 0}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}

	cases := []struct {
		name, id string
		doc      docCheck
	}{
		{"another shop's", strconv.FormatInt(theirs.FollowUp.ID, 10), docValid},
		{"unknown", "99999999", docValid},
		{"not a number", "abc", docInvalid},
		{"zero", "0", docInvalid},
		{"negative", "-1", docInvalid},
		{"fraction", "1.5", docInvalid},
		{"too big for int64", "9223372036854775808", docInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.do(t, call{method: "GET", path: "/api/v1/followups/" + c.id, key: f.key, doc: c.doc}).want(t, http.StatusNotFound)
			if e := decode[errorJSON](t, r); e.Error != "no follow-up with this id" {
				t.Errorf("error %q", e.Error)
			}
		})
	}
}

func TestUnknownAPIPathIsJSON404(t *testing.T) {
	t.Parallel()
	f := setup(t)
	for _, c := range []call{
		{method: "GET", path: "/api/v1/nope", key: f.key},
		{method: "GET", path: "/api/v2/sales", key: f.key},
		{method: "GET", path: "/api/", key: f.key},
		{method: "GET", path: "/api/v1/nope"},
	} {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			c.doc = docSkip
			r := f.do(t, c).want(t, http.StatusNotFound)
			if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if e := decode[errorJSON](t, r); !strings.HasPrefix(e.Error, "no such endpoint: "+c.method+" "+c.path) {
				t.Errorf("error %q", e.Error)
			}
		})
	}
}

func TestCrossSiteBrowserPostIsRefused(t *testing.T) {
	t.Parallel()
	f := setup(t)
	cases := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"cross-site fetch", map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}, http.StatusForbidden},
		{"same-site fetch from another host", map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "https://shop.example"}, http.StatusForbidden},
		{"old browser, another origin", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"same-origin fetch", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": f.url}, http.StatusCreated},
		{"a server, not a browser", nil, http.StatusCreated},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := "X-" + strconv.Itoa(i)
			doc := docValid
			if c.status == http.StatusForbidden {
				doc = docSkip // the 403 is plain text from http.CrossOriginProtection
			}
			f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: sale(id), header: c.header, doc: doc}).want(t, c.status)
			stored := f.do(t, call{method: "GET", path: salePath(id), key: f.key}).status == http.StatusOK
			if stored != (c.status == http.StatusCreated) {
				t.Errorf("stored = %v after %d", stored, c.status)
			}
			// Cancelling is a POST too.
			if c.status == http.StatusForbidden {
				f.do(t, call{method: "POST", path: salePath(id) + "/cancel", key: f.key, header: c.header, doc: doc}).want(t, c.status)
			}
		})
	}
	// Reading is safe and allowed from anywhere.
	f.do(t, call{method: "GET", path: salePath("X-3"), key: f.key, header: cases[0].header}).want(t, http.StatusOK)
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	f := setup(t)
	cases := []struct {
		name   string
		c      call
		status int
		csp    bool
	}{
		{"API JSON", call{method: "GET", path: salePath("none"), key: f.key}, http.StatusNotFound, false},
		{"API 401", call{method: "GET", path: salePath("none"), doc: docInvalid}, http.StatusUnauthorized, false},
		{"API document", call{method: "GET", path: "/api/openapi.yaml"}, http.StatusOK, false},
		{"home page", call{method: "GET", path: "/", doc: docSkip}, http.StatusOK, true},
		{"stylesheet", call{method: "GET", path: "/static/app.css", doc: docSkip}, http.StatusOK, true},
		{"health check", call{method: "GET", path: "/healthz", doc: docSkip}, http.StatusOK, true},
		{"page not found", call{method: "GET", path: "/nope", doc: docSkip}, http.StatusNotFound, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.do(t, c.c).want(t, c.status)
			for h, want := range map[string]string{
				"X-Frame-Options":        "DENY",
				"X-Content-Type-Options": "nosniff",
				"Referrer-Policy":        "same-origin",
			} {
				if got := r.header.Get(h); got != want {
					t.Errorf("%s = %q, want %q", h, got, want)
				}
			}
			csp := r.header.Get("Content-Security-Policy")
			if c.csp {
				for _, d := range []string{"default-src 'self'", "script-src 'self'", "frame-ancestors 'none'"} {
					if !strings.Contains(csp, d) {
						t.Errorf("Content-Security-Policy %q lacks %q", csp, d)
					}
				}
			} else if csp != "" {
				t.Errorf("Content-Security-Policy %q on an API response", csp)
			}
			if strings.HasPrefix(c.c.path, "/api/v1/") && r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", r.header.Get("Cache-Control"))
			}
		})
	}
}
