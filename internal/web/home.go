package web

import (
	"net/http"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	// Agents and service staff start where their work is.
	switch u.Role {
	case auth.RoleAgent:
		http.Redirect(w, r, "/queue", http.StatusSeeOther)
		return
	case auth.RoleService:
		http.Redirect(w, r, "/issues", http.StatusSeeOther)
		return
	}
	rows, err := store.New().FollowUpCountByState(r.Context(), s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.HomeView{Page: s.page(r, "home.title", "home")}
	for _, row := range rows {
		v.States = append(v.States, templates.StateCount{State: row.State, Count: tile(u.Lang, row.Count)})
	}
	s.render(w, r, http.StatusOK, templates.Home(v))
}
