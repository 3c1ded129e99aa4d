package web

import (
	"embed"
	"net/http"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

//go:embed static
var static embed.FS

//go:embed openapi.yaml
var openAPIDoc []byte

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	rows, err := store.New().FollowUpCountByState(r.Context(), s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.HomeView{Page: templates.Page{Title: "Overview", Lang: "en"}}
	for _, row := range rows {
		v.States = append(v.States, templates.StateCount{State: row.State, Count: row.Count})
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := templates.Home(v).Render(r.Context(), w); err != nil {
		s.log.Error("rendering home", "err", err)
	}
}

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	_, _ = w.Write(openAPIDoc)
}
