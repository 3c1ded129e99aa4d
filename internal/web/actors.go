package web

import (
	"context"
	"strings"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
)

// actors names the actors of recorded changes for one reader: a person by
// the name people know them by, tamas's own work by one translated word.
// Admins also get the recorded actor itself, to match with logs.
type actors struct {
	names map[string]string
	lang  i18n.Lang
	admin bool
}

// actorsOf reads the names of the people among recorded.
func (s *Server) actorsOf(ctx context.Context, l i18n.Lang, admin bool, recorded []string) (actors, error) {
	rows, err := store.New().UserNamesFor(ctx, s.pool, recorded)
	if err != nil {
		return actors{}, err
	}
	a := actors{names: make(map[string]string, len(rows)), lang: l, admin: admin}
	for _, r := range rows {
		a.names[r.Username] = r.Name
	}
	return a, nil
}

// who is the name shown for actor, and the title that keeps the recorded
// actor visible to admins ("" for others).
func (a actors) who(actor string) (name, title string) {
	name = actor
	switch n, ok := a.names[actor]; {
	case ok:
		name = n
	case automatic(actor):
		name = i18n.T(a.lang, "audit.automatic")
	}
	if a.admin {
		title = actor
	}
	return name, title
}

// automatic tells an actor that is tamas itself: a job ("job:<kind>"), the
// API, or the seeding of the database.
func automatic(actor string) bool {
	return strings.HasPrefix(actor, "job:") || actor == "system" || actor == "api"
}

// auditActors are the actors of rows.
func auditActors(rows []store.AuditLog) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Actor
	}
	return out
}
