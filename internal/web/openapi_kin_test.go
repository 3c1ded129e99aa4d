package web_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

func loadDoc(t *testing.T) *openapi3.T {
	t.Helper()
	data, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatalf("loading openapi.yaml: %v", err)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatalf("openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentIsValid(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi %q, want 3.0.3", doc.OpenAPI)
	}
}

// docTransport checks every exchange against openapi.yaml as docCheck
// tells; a mismatch is the request's error, so it fails the test that made
// the request.
func docTransport(t *testing.T, base http.RoundTripper) http.RoundTripper {
	t.Helper()
	doc := loadDoc(t)
	// The document's one server is "/", the host it is served from; the
	// legacy router matches no request against a relative server, so route
	// by path alone, which is what "/" means.
	doc.Servers = nil
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return &docChecker{base: base, router: router}
}

type docChecker struct {
	base   http.RoundTripper
	router routers.Router
}

func (d *docChecker) RoundTrip(req *http.Request) (*http.Response, error) {
	check := docCheckOf(req.Context())
	if check == docSkip {
		return d.base.RoundTrip(req)
	}
	in, err := d.checkRequest(req, check)
	if err != nil {
		if req.Body != nil {
			req.Body.Close()
		}
		return nil, err
	}
	resp, err := d.base.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	err = openapi3filter.ValidateResponse(req.Context(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	})
	if err != nil {
		return nil, fmt.Errorf("the response does not match openapi.yaml: %v\n%d %s", err, resp.StatusCode, short(body))
	}
	return resp, nil
}

// checkRequest validates a copy of req, so that req itself is sent as it is.
func (d *docChecker) checkRequest(req *http.Request, check docCheck) (*openapi3filter.RequestValidationInput, error) {
	copied := req.Clone(req.Context())
	var body []byte
	if req.GetBody != nil {
		rc, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		body, err = io.ReadAll(rc)
		if err != nil {
			return nil, err
		}
		copied.Body = io.NopCloser(bytes.NewReader(body))
	}
	route, params, err := d.router.FindRoute(copied)
	if err != nil {
		return nil, fmt.Errorf("%s %s is not in openapi.yaml: %v", req.Method, req.URL.Path, err)
	}
	in := &openapi3filter.RequestValidationInput{
		Request: copied, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: bearerPresent, MultiError: true},
	}
	if check == docResponseOnly {
		return in, nil
	}
	err = openapi3filter.ValidateRequest(req.Context(), in)
	switch {
	case check == docValid && err != nil:
		return nil, fmt.Errorf("openapi.yaml refuses the request: %v\n%s %s %s", err, req.Method, req.URL.Path, short(body))
	case check == docInvalid && err == nil:
		return nil, fmt.Errorf("openapi.yaml accepts a request the test sends as invalid: %s %s %s", req.Method, req.URL.Path, short(body))
	}
	return in, nil
}

// bearerPresent is the document's bearerAuth as far as a document can
// check it: whether a key is valid only the server knows.
func bearerPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	scheme, token, ok := strings.Cut(in.RequestValidationInput.Request.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
		return errors.New("no bearer token")
	}
	return nil
}

func short(b []byte) string {
	if len(b) > 500 {
		return string(b[:500]) + "…"
	}
	return string(b)
}
