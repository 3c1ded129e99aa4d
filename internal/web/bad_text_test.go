package web_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/sales"
)

// Text PostgreSQL cannot store (NUL, bytes that are not UTF-8) or that no
// person types (other control characters) is refused where it enters:
// 400 naming the parameter, in JSON under /api/ and on the error page
// elsewhere, logged as a refusal rather than as a server error. Before,
// each of these reached the database and came back as a 500 with an ERROR
// line.
func TestBadTextIsRefusedNotAServerError(t *testing.T) {
	t.Parallel()
	logs := &apptest.Buffer{}
	s := openSiteWith(t, siteOpts{logger: slog.New(slog.NewTextHandler(io.MultiWriter(logs, t.Output()), nil))})
	key, _ := newKey(t, s.Pool, "shop")
	api := &fixture{url: s.URL, client: &http.Client{Transport: docTransport(t, s.Client.Transport)}, pool: s.Pool, key: key}

	boss := s.signedIn(t, "boss")
	s.answerBadly(t, s.signedIn(t, "maryam"))
	issue := strconv.FormatInt(s.issueIDs(t)["product_defect"], 10)
	var script int64
	if err := s.Pool.QueryRow(t.Context(), `SELECT id FROM scripts ORDER BY id LIMIT 1`).Scan(&script); err != nil {
		t.Fatal(err)
	}
	draft := "/scripts/" + strconv.FormatInt(script, 10) + "/edit"

	for _, c := range []struct {
		name, method, path string
		status             int
		field              string
	}{
		{"sale with NUL", "GET", "/api/v1/sales/a%00b", http.StatusBadRequest, "external_id"},
		{"cancel with %ff", "POST", "/api/v1/sales/%ff/cancel", http.StatusBadRequest, "external_id"},
		{"sale with a control character", "GET", "/api/v1/sales/a%01b", http.StatusBadRequest, "external_id"},
		{"follow-up with NUL", "GET", "/api/v1/followups/1%00", http.StatusBadRequest, "id"},
		{"query with NUL", "GET", "/api/v1/sales/A-1?x=%00", http.StatusBadRequest, "x"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := api.do(t, call{method: c.method, path: c.path, key: key, doc: docResponseOnly})
			r.want(t, c.status)
			if e := decode[errorJSON](t, r); len(e.Errors) != 1 || e.Errors[0].Field != c.field || e.Errors[0].Message == "" {
				t.Errorf("errors %+v, want one naming %q", e.Errors, c.field)
			}
		})
	}

	nul, ff := "a\x00b", "a\xffb"
	for _, c := range []struct {
		name, method, path string
		form               url.Values
		field              string
	}{
		{"issue filter with NUL", "GET", "/issues?category=%00", nil, "category"},
		{"issue filter with %ff", "GET", "/issues?branch=%ff", nil, "branch"},
		{"report filter with NUL", "GET", "/reports?branch=a%00", nil, "branch"},
		{"report filter with %ff", "GET", "/reports?category=%ff", nil, "category"},
		{"silent filter with NUL", "GET", "/silent?category=%00", nil, "category"},
		{"silent CSV filter with %ff", "GET", "/silent.csv?branch=%ff", nil, "branch"},
		{"new root cause with NUL", "POST", "/root-causes", url.Values{"key": {nul}, "label_en": {"x"}, "label_fa": {"x"}}, "key"},
		{"root cause label with %ff", "POST", "/root-causes", url.Values{"key": {"warranty"}, "label_en": {ff}, "label_fa": {"x"}}, "label_en"},
		{"root cause path with NUL", "POST", "/root-causes/a%00b", url.Values{"label_en": {"x"}, "label_fa": {"x"}}, "key"},
		{"issue note with NUL", "POST", "/issues/" + issue + "/notes", url.Values{"body": {nul}}, "body"},
		{"issue note with %ff", "POST", "/issues/" + issue + "/notes", url.Values{"body": {ff}}, "body"},
		{"user name with NUL", "POST", "/admin/users", url.Values{"username": {nul}, "role": {"agent"}, "password": {"password-long-enough"}}, "username"},
		{"display name with %ff", "POST", "/admin/users", url.Values{"username": {"newbie"}, "display_name": {ff}, "role": {"agent"}, "password": {"password-long-enough"}}, "display_name"},
		{"script draft with NUL", "POST", draft, url.Values{"intro": {nul}, "action": {"save"}}, "intro"},
		{"script draft with %ff", "POST", draft, url.Values{"closing": {ff}, "action": {"save"}}, "closing"},
		{"rule delete with NUL", "POST", "/rules/delete", url.Values{"category": {nul}}, "category"},
		{"rule delete with %ff", "POST", "/rules/delete", url.Values{"category": {ff}}, "category"},
		{"form with a control character", "POST", "/rules/delete", url.Values{"category": {"a\x1bb"}}, "category"},
		{"form field name with NUL", "POST", "/rules/delete", url.Values{"category": {"x"}, nul: {"x"}}, "a\uFFFDb"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := boss.do(t, c.method, c.path, c.form, nil)
			r.wantStatus(t, c.name, http.StatusBadRequest)
			if !strings.Contains(r.body, "“"+c.field+"”") || !strings.Contains(r.header.Get("Content-Type"), "text/html") {
				t.Errorf("%s: the page does not name %q:\n%s", c.name, c.field, r.body)
			}
		})
	}
	// A form larger than ParseForm reads is refused as such, not read as
	// an empty one.
	r := boss.post(t, "/rules/delete", url.Values{"category": {strings.Repeat("x", 10<<20)}})
	r.wantStatus(t, "a 10 MiB form", http.StatusRequestEntityTooLarge)
	if !strings.Contains(r.body, "The form is larger than 10 MiB.") {
		t.Errorf("the 413 page does not say why:\n%s", r.body)
	}

	// Line breaks and tabs are what people type in notes; they pass.
	boss.post(t, "/issues/"+issue+"/notes", url.Values{"body": {"first line\r\n\tsecond"}}).
		wantRedirect(t, "a note with line breaks", "/issues/"+issue+"#notes")

	// The page is in the reader's language.
	r = s.signedIn(t, "maryam").get(t, "/queue?x=%00")
	r.wantStatus(t, "maryam's filter with NUL", http.StatusBadRequest)
	if !strings.Contains(r.body, "«x»") {
		t.Errorf("maryam's refusal is not in Persian:\n%s", r.body)
	}

	for _, line := range strings.Split(logs.String(), "\n") {
		if strings.Contains(line, "level=ERROR") {
			t.Errorf("logged as an error: %s", line)
		}
	}
}

// A JSON string may spell a NUL ("\u0000"); the sale is refused with 422
// naming the field, in every field, rather than failing in the database.
// An external_id of ".", ".." or "/" could never be read back or
// cancelled: a URL path cannot carry the first two as a segment, and the
// router takes an escaped "/" alone for a trailing slash.
func TestSaleTextIsRefusedByField(t *testing.T) {
	t.Parallel()
	f := setup(t)
	for _, c := range []struct {
		field string
		value any
		doc   docCheck
	}{
		{"external_id", "a\x00b", docInvalid},
		{"external_id", ".", docInvalid},
		{"external_id", "..", docInvalid},
		{"external_id", " .. ", docResponseOnly}, // trimmed, then refused
		{"external_id", "/", docInvalid},
		{"customer.name", "a\x00b", docResponseOnly},
		{"customer.phone", "09121234567\x00", docResponseOnly},
		{"customer.timezone", "Asia/Tehran\x00", docResponseOnly},
		{"customer.locale", "fa\x00", docResponseOnly},
		{"product.sku", "\x00", docResponseOnly},
		{"product.category", "a\x00", docResponseOnly},
		{"branch", "\x00b", docResponseOnly},
		{"sold_at", soldAt + "\x00", docResponseOnly},
	} {
		t.Run(c.field+"="+strconv.Quote(c.value.(string)), func(t *testing.T) {
			r := f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: with(sale("S-1"), c.field, c.value), doc: c.doc})
			r.want(t, http.StatusUnprocessableEntity)
			if got := fields(decode[errorJSON](t, r).Errors); len(got) != 1 || got[0] != c.field {
				t.Errorf("errors on %v, want on %s alone", got, c.field)
			}
		})
	}
	if n := apptest.Count(t, f.pool, "SELECT count(*) FROM sales"); n != 0 {
		t.Errorf("%d sales stored", n)
	}
	// A dot among other characters is an ordinary id.
	f.createSale(t, f.key, sale("..."))
	f.createSale(t, f.key, sale(".a"))
	f.createSale(t, f.key, sale("/a"))
	f.do(t, call{method: "GET", path: salePath("..."), key: f.key}).want(t, http.StatusOK)
}

// The sales API's body limit holds a full batch of the longest valid
// sales, as the document promises: each field at its maxLength in
// characters of four bytes, or padded with spaces to that many bytes where
// the field's characters are ASCII.
func TestSalesBodyLimitHoldsAFullBatchOfLongestSales(t *testing.T) {
	t.Parallel()
	f := setup(t)
	s := sale("")
	for field, chars := range sales.MaxLengths() {
		switch field {
		case "customer.phone", "customer.timezone", "customer.locale", "sold_at":
			v := walk(s, field)
			with(s, field, v+strings.Repeat(" ", utf8.UTFMax*chars-len(v)))
		default:
			with(s, field, strings.Repeat("😀", chars))
		}
	}
	body, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: string(body), doc: docResponseOnly}).want(t, http.StatusCreated)

	doc, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`Bodies larger\s+than (\d+) MiB`).FindSubmatch(doc)
	if m == nil {
		t.Fatal("openapi.yaml states no body limit")
	}
	limit, _ := strconv.Atoi(string(m[1]))
	const batch = 10000
	if need := batch*(len(body)+1) + 1; need > limit<<20 {
		t.Errorf("%d sales of %d bytes need %d bytes; the limit is %d MiB", batch, len(body), need, limit)
	}
}

// walk reads the value at a dotted path of a sale.
func walk(s map[string]any, path string) string {
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		s = s[p].(map[string]any)
	}
	return s[parts[len(parts)-1]].(string)
}
