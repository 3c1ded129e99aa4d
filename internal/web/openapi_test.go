package web_test

import (
	"bytes"
	"net/http"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// apiRoutes are the API operations that routes.go serves, as its patterns.
// TestAPIRoutesMatchRoutesGo keeps the list honest, and the document must
// describe exactly these.
var apiRoutes = []string{
	"GET /api/openapi.yaml",
	"POST /api/v1/sales",
	"GET /api/v1/sales/{external_id}",
	"POST /api/v1/sales/{external_id}/cancel",
	"GET /api/v1/followups/{id}",
}

var routePattern = regexp.MustCompile(`mux\.Handle(?:Func)?\(\s*"([^"]*)"`)

func TestAPIRoutesMatchRoutesGo(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	var served []string
	for _, m := range routePattern.FindAllSubmatch(src, -1) {
		pattern := string(m[1])
		method, path, ok := strings.Cut(pattern, " ")
		switch {
		case !ok && strings.HasPrefix(pattern, "/api/"):
			t.Errorf("routes.go: %q serves every method; give it one", pattern)
		case ok && strings.HasPrefix(path, "/api/"):
			served = append(served, method+" "+path)
		}
	}
	if len(served) == 0 {
		t.Fatal("found no API routes in routes.go; has the way routes are declared changed?")
	}
	slices.Sort(served)
	listed := slices.Sorted(slices.Values(apiRoutes))
	if !slices.Equal(served, listed) {
		t.Errorf("routes.go serves\n\t%s\nthe test lists\n\t%s", strings.Join(served, "\n\t"), strings.Join(listed, "\n\t"))
	}
}

// documentedOperations reads "METHOD /path" for every operation of
// openapi.yaml.
func documentedOperations(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Paths map[string]map[string]any `yaml:"paths"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("openapi.yaml: %v", err)
	}
	var ops []string
	for path, item := range doc.Paths {
		for method := range item {
			switch method {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
				ops = append(ops, strings.ToUpper(method)+" "+path)
			}
		}
	}
	slices.Sort(ops)
	return ops
}

func TestDocumentDescribesEveryAPIRoute(t *testing.T) {
	t.Parallel()
	documented := documentedOperations(t)
	for _, r := range apiRoutes {
		if !slices.Contains(documented, r) {
			t.Errorf("%s is served but not in openapi.yaml", r)
		}
	}
	for _, op := range documented {
		if !slices.Contains(apiRoutes, op) {
			t.Errorf("%s is in openapi.yaml but not in routes.go", op)
		}
	}
}

// TestDocumentedOperationsAreServed asks the running server for every
// operation of the document: none may get the 404 "no such endpoint"
// or a 405.
func TestDocumentedOperationsAreServed(t *testing.T) {
	t.Parallel()
	f := setup(t)
	served := func(t *testing.T, c call) bool {
		r := f.do(t, c)
		return r.status != http.StatusMethodNotAllowed &&
			!(r.status == http.StatusNotFound && bytes.Contains(r.body, []byte("no such endpoint")))
	}
	for _, op := range documentedOperations(t) {
		t.Run(op, func(t *testing.T) {
			method, path, body := exampleRequest(op)
			if !served(t, call{method: method, path: path, key: f.key, body: body}) {
				t.Errorf("%s is documented but not served", op)
			}
		})
	}
	// The check itself can tell: an undocumented operation is not served.
	if served(t, call{method: "DELETE", path: "/api/v1/sales/X-1", key: f.key, doc: docSkip}) {
		t.Error("DELETE /api/v1/sales/X-1 counts as served; the check is broken")
	}
}

func TestServedDocumentIsOpenAPIYAML(t *testing.T) {
	t.Parallel()
	f := setup(t)
	want, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r := f.do(t, call{method: "GET", path: "/api/openapi.yaml"}).want(t, http.StatusOK)
	if !bytes.Equal(r.body, want) {
		t.Error("GET /api/openapi.yaml differs from openapi.yaml")
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/yaml") {
		t.Errorf("Content-Type %q", ct)
	}
}
