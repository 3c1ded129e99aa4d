package web

import (
	"net/http"
	"strings"
)

// internalError logs the detail and shows the user none of it. A database
// that is down, frozen or saturated is not a bug: that gets 503 and a
// warning (unavailable).
func (s *Server) internalError(w http.ResponseWriter, r *http.Request, err error) {
	if unavailable(err) {
		s.unavailable(w, r, err)
		return
	}
	if err != nil {
		s.log.Error("internal error", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if strings.HasPrefix(r.URL.Path, "/api/") {
		writeAPIError(w, http.StatusInternalServerError, "internal error; the details are in the server log")
		return
	}
	http.Error(w, "Something went wrong on our side. Please try again.", http.StatusInternalServerError)
}
