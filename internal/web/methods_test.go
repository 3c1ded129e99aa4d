package web_test

import (
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// routeTable reads every "METHOD /path" pattern of routes.go, pages and
// API alike; patterns that serve every method are left out.
func routeTable(t *testing.T) []string {
	t.Helper()
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, m := range regexp.MustCompile(`\.Handle(?:Func)?\(\s*"([A-Z]+ [^"]*)"`).FindAllSubmatch(src, -1) {
		patterns = append(patterns, string(m[1]))
	}
	if len(patterns) < 50 {
		t.Fatalf("found only %d routes in routes.go; has the way routes are declared changed?", len(patterns))
	}
	return patterns
}

// examplePath is a path pattern's path with its wildcards filled in.
func examplePath(path string) string {
	path = strings.ReplaceAll(path, "{$}", "")
	path = regexp.MustCompile(`\{[^}]*\}`).ReplaceAllString(path, "1")
	if strings.HasSuffix(path, "/") && path != "/" {
		path += "x"
	}
	return path
}

// allowOf is the Allow header a known path's wrong method must carry: the
// methods of every pattern that matches it, HEAD with GET, sorted.
func allowOf(t *testing.T, patterns []string, path string) string {
	t.Helper()
	mux := http.NewServeMux()
	for _, p := range patterns {
		mux.HandleFunc(p, func(http.ResponseWriter, *http.Request) {})
	}
	var methods []string
	for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
		if _, pattern := mux.Handler(httptestRequest(m, path)); pattern != "" {
			methods = append(methods, m)
			if m == "GET" {
				methods = append(methods, "HEAD")
			}
		}
	}
	slices.Sort(methods)
	return strings.Join(methods, ", ")
}

func httptestRequest(method, path string) *http.Request {
	r, _ := http.NewRequest(method, "http://tamas"+path, nil)
	return r
}

// TestWrongMethodIs405 walks the route table: a known path asked with a
// method none of its routes serve is 405 with the methods they do serve in
// Allow, as JSON under /api/ and as the HTML error page elsewhere.
func TestWrongMethodIs405(t *testing.T) {
	t.Parallel()
	f := setup(t)
	patterns := routeTable(t)
	type wrong struct{ method, path, allow string }
	// These are spelt out so that the walk below cannot agree with a
	// broken table.
	cases := []wrong{
		{"GET", "/api/v1/sales", "POST"},
		{"DELETE", "/api/v1/sales/X-1", "GET, HEAD"},
		{"PUT", "/api/v1/followups/1", "GET, HEAD"},
		{"GET", "/api/v1/sales/X-1/cancel", "POST"},
		{"HEAD", "/api/v1/sales", "POST"},
		{"POST", "/healthz", "GET, HEAD"},
		{"GET", "/webhooks/twilio/sms", "POST"},
		{"DELETE", "/calls/1", "GET, HEAD, POST"},
		{"GET", "/logout", "POST"},
		{"POST", "/", "GET, HEAD"},
	}
	seen := map[string]bool{}
	for _, p := range patterns {
		_, path, _ := strings.Cut(p, " ")
		path = examplePath(path)
		// River's dashboard serves every method under /admin/jobs/, to
		// which the mux redirects /admin/jobs.
		if seen[path] || path == "/admin/jobs" {
			continue
		}
		seen[path] = true
		allow := allowOf(t, patterns, path)
		method := "GET"
		if strings.Contains(allow, "GET") {
			method = "DELETE"
		}
		cases = append(cases, wrong{method, path, allow})
	}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			r := f.do(t, call{method: c.method, path: c.path, key: f.key, doc: docSkip}).want(t, http.StatusMethodNotAllowed)
			if got := r.header.Get("Allow"); got != c.allow {
				t.Errorf("Allow %q, want %q", got, c.allow)
			}
			if c.method == "HEAD" {
				return
			}
			ct := r.header.Get("Content-Type")
			if strings.HasPrefix(c.path, "/api/") {
				if ct != "application/json; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				if e := decode[errorJSON](t, r); !strings.Contains(e.Error, c.allow) {
					t.Errorf("error %q does not name the allowed methods", e.Error)
				}
			} else if ct != "text/html; charset=utf-8" || !strings.Contains(string(r.body), "<html") {
				t.Errorf("Content-Type %q, body %.200s", ct, r.body)
			}
		})
	}
}

// TestRightMethodStillServed: HEAD keeps working wherever GET does, and an
// unknown path stays 404.
func TestRightMethodStillServed(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.do(t, call{method: "HEAD", path: "/login", doc: docSkip}).want(t, http.StatusOK)
	f.do(t, call{method: "HEAD", path: "/healthz", doc: docSkip}).want(t, http.StatusOK)
	f.do(t, call{method: "DELETE", path: "/no-such-page", doc: docSkip}).want(t, http.StatusNotFound)
	f.do(t, call{method: "DELETE", path: "/api/v1/no-such-thing", key: f.key, doc: docSkip}).want(t, http.StatusNotFound)
}

// TestMalformedJSONIs400 tells a body that is not the JSON the endpoint
// reads (400) from well-formed JSON that fails validation (422).
func TestMalformedJSONIs400(t *testing.T) {
	t.Parallel()
	f := setup(t)
	for _, c := range []struct {
		name   string
		body   any
		status int
	}{
		{"syntax error", `{"external_id": `, http.StatusBadRequest},
		{"array cut short", "[1,", http.StatusBadRequest},
		{"trailing garbage", `{"external_id": "A-1"} x`, http.StatusBadRequest},
		{"two objects", `{} {}`, http.StatusBadRequest},
		{"empty body", "", http.StatusBadRequest},
		{"blank body", " \n ", http.StatusBadRequest},
		{"a string", `"a sale"`, http.StatusBadRequest},
		{"a number", `42`, http.StatusBadRequest},
		{"null", `null`, http.StatusBadRequest},
		{"invalid sale", map[string]any{"external_id": "A-1"}, http.StatusUnprocessableEntity},
		{"wrong field type", map[string]any{"external_id": 7}, http.StatusUnprocessableEntity},
		{"empty array", []any{}, http.StatusUnprocessableEntity},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: c.body, doc: docInvalid,
				header: map[string]string{"Content-Type": "application/json"}}).want(t, c.status)
			if e := decode[errorJSON](t, r); e.Error == "" {
				t.Errorf("no error message in %s", r.body)
			}
		})
	}
}
