package web

import (
	"errors"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/templates"
)

// maxFormBody is the largest urlencoded form a page reads: ParseForm's own
// limit, made explicit so that a larger form is answered 413 instead of
// being read as an empty one.
const maxFormBody = 10 << 20

// refuseBadText answers 400 to a request whose path, query or urlencoded
// form holds text PostgreSQL cannot store (NUL, bytes that are not UTF-8)
// or that nobody types (control characters other than tab and line
// breaks), before any handler hands it to the database, where it would
// fail as a 500. Every route runs behind it, so handlers need not check.
// A multipart body is left unread for its handler to stream.
func (s *Server) refuseBadText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, status := badText(w, r)
		if p == nil {
			next.ServeHTTP(w, r)
			return
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			writeJSON(w, status, apiError{Error: "the request is refused: " + i18n.Problem(i18n.EN, *p), Errors: fieldErrors(invalid.Problems{*p})})
			return
		}
		// Sessions load so that the page is in the reader's language.
		s.pageStack(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			page := s.page(r, "error.bad_request", "error")
			s.showError(w, r, status, page, i18n.Problem(page.Lang, *p))
		})).ServeHTTP(w, r)
	})
}

// badText is the first problem with r's text and the status it is
// answered with, or nil.
func badText(w http.ResponseWriter, r *http.Request) (*invalid.Problem, int) {
	if p := badPath(r); p != nil {
		return p, http.StatusBadRequest
	}
	// Handlers read the query with r.URL.Query, which skips what does not
	// parse; so does this.
	query, _ := url.ParseQuery(r.URL.RawQuery)
	if p := badValues(query); p != nil {
		return p, http.StatusBadRequest
	}
	if strings.HasPrefix(r.URL.Path, "/api/") || !urlencoded(r) {
		return nil, 0
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBody)
	if err := r.ParseForm(); err != nil {
		if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
			return &invalid.Problem{Code: "request.form_too_large", Args: []any{maxFormBody >> 20}}, http.StatusRequestEntityTooLarge
		}
		return &invalid.Problem{Code: "request.form"}, http.StatusBadRequest
	}
	if p := badValues(r.PostForm); p != nil {
		return p, http.StatusBadRequest
	}
	return nil, 0
}

// urlencoded is whether r carries a form that ParseForm reads from its
// body.
func urlencoded(r *http.Request) bool {
	if r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodPatch {
		return false
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return mt == "application/x-www-form-urlencoded"
}

// wildcard finds the names of a route pattern's wildcards.
var wildcard = regexp.MustCompile(`\{([^}.$]+)(?:\.\.\.)?\}`)

// badPath names the path's wildcard that holds bad text, else "path".
func badPath(r *http.Request) *invalid.Problem {
	code := textProblem(r.URL.Path)
	if code == "" {
		return nil
	}
	field := "path"
	for _, m := range wildcard.FindAllStringSubmatch(r.Pattern, -1) {
		if textProblem(r.PathValue(m[1])) != "" {
			field = m[1]
			break
		}
	}
	return &invalid.Problem{Field: field, Code: code, Args: []any{field}}
}

// badValues finds the first bad name or value, in name order so that the
// same request always gets the same answer.
func badValues(vs url.Values) *invalid.Problem {
	for _, k := range slices.Sorted(maps.Keys(vs)) {
		code := textProblem(k)
		for _, v := range vs[k] {
			if code == "" {
				code = textProblem(v)
			}
		}
		if code != "" {
			field := printable(k)
			return &invalid.Problem{Field: field, Code: code, Args: []any{field}}
		}
	}
	return nil
}

// textProblem is the code for what is wrong with s, or "".
func textProblem(s string) string {
	switch {
	case !utf8.ValidString(s):
		return "request.utf8"
	case strings.IndexFunc(s, sales.IsControl) >= 0:
		return "request.control"
	}
	return ""
}

// printable is a parameter's name fit to quote back: what is not text is
// shown as U+FFFD, and a long name is cut short.
func printable(name string) string {
	name = strings.Map(func(r rune) rune {
		if sales.IsControl(r) || r == '\t' || r == '\n' || r == '\r' {
			return utf8.RuneError
		}
		return r
	}, strings.ToValidUTF8(name, string(utf8.RuneError)))
	if utf8.RuneCountInString(name) > 40 {
		name = string([]rune(name)[:40]) + "…"
	}
	return name
}

// showError renders the error page with message under page's title.
func (s *Server) showError(w http.ResponseWriter, r *http.Request, status int, page templates.Page, message string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := templates.ErrorPage(page, status, message).Render(r.Context(), w); err != nil {
		s.log.Error("rendering error page", "err", err)
	}
}
