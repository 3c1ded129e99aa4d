package web

import (
	"encoding/json"
	"net/http"
	"strings"
)

type apiError struct {
	Error  string       `json:"error"`
	Errors []fieldError `json:"errors,omitempty"`
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func writeAPIError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Error: msg})
}

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

func (s *Server) apiNotFound(w http.ResponseWriter, r *http.Request) {
	writeAPIError(w, http.StatusNotFound, "no such endpoint: "+r.Method+" "+r.URL.Path+"; see /api/openapi.yaml")
}
