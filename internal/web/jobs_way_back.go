package web

import (
	"bytes"
	"html"
	"net/http"
	"strconv"
	"strings"

	"github.com/tamas-app/tamas/internal/i18n"
)

// withWayBack puts a link back to tamas on River's dashboard: riverui is a
// single-page app with no room for our header and no option for one, so the
// link goes into its HTML page as it leaves. The dashboard's own CSP allows
// inline styles; its API answers pass through untouched. The link sits at
// the bottom right, where the dashboard has nothing of its own.
func (s *Server) withWayBack(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := userOf(r.Context())
		link := `<a href="/" dir="auto" lang="` + string(u.Lang) + `" data-testid="jobs-way-back" style="position:fixed;bottom:16px;right:16px;z-index:2147483647;padding:8px 14px;border-radius:6px;background:#114b4d;color:#fff;font:600 14px/1.2 system-ui,sans-serif;text-decoration:none;box-shadow:0 2px 8px rgba(0,0,0,.3)">` +
			html.EscapeString(i18n.T(u.Lang, "jobs.way_back")) + `</a>`
		bw := &pageBuffer{ResponseWriter: w}
		next.ServeHTTP(bw, r)
		bw.finish(link)
	})
}

// pageBuffer holds back a successful HTML response so a link can be added
// after its <body> tag; anything else is written straight through.
type pageBuffer struct {
	http.ResponseWriter
	status    int
	buffering bool
	body      bytes.Buffer
}

func (b *pageBuffer) WriteHeader(code int) {
	if b.status != 0 {
		return
	}
	b.status = code
	if code == http.StatusOK && strings.HasPrefix(b.Header().Get("Content-Type"), "text/html") {
		b.buffering = true
		return
	}
	b.ResponseWriter.WriteHeader(code)
}

func (b *pageBuffer) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.WriteHeader(http.StatusOK)
	}
	if b.buffering {
		return b.body.Write(p)
	}
	return b.ResponseWriter.Write(p)
}

func (b *pageBuffer) finish(link string) {
	if !b.buffering {
		return
	}
	page := b.body.Bytes()
	if i := bytes.Index(page, []byte("<body")); i >= 0 {
		if j := bytes.IndexByte(page[i:], '>'); j >= 0 {
			at := i + j + 1
			page = append(page[:at:at], append([]byte(link), page[at:]...)...)
		}
	}
	b.Header().Set("Content-Length", strconv.Itoa(len(page)))
	b.ResponseWriter.WriteHeader(http.StatusOK)
	_, _ = b.ResponseWriter.Write(page)
}
