package web

import (
	"encoding/json"
	"net/http"
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

// apiUnrouted answers an API request no route serves: 404, or 405 when
// w's Allow header already names the methods that do.
func (s *Server) apiUnrouted(w http.ResponseWriter, r *http.Request, status int) {
	if status == http.StatusMethodNotAllowed {
		writeAPIError(w, status, r.Method+" is not allowed on "+r.URL.Path+"; use "+w.Header().Get("Allow")+"; see /api/openapi.yaml")
		return
	}
	writeAPIError(w, status, "no such endpoint: "+r.Method+" "+r.URL.Path+"; see /api/openapi.yaml")
}
