package web

import "net/http"

// routes lists every route in one place.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /api/openapi.yaml", s.openAPI)

	mux.Handle("POST /api/v1/sales", s.apiKey(s.salesCreate))
	mux.Handle("GET /api/v1/sales/{external_id}", s.apiKey(s.saleGet))
	mux.Handle("POST /api/v1/sales/{external_id}/cancel", s.apiKey(s.saleCancel))
	mux.Handle("GET /api/v1/followups/{id}", s.apiKey(s.followUpGet))
	mux.Handle("/api/", http.HandlerFunc(s.apiNotFound))

	mux.Handle("GET /static/", http.FileServerFS(static))
	mux.HandleFunc("GET /{$}", s.home)
	return mux
}
