package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) queuePage(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	q, err := s.console.Queue(r.Context(), u.ID, u.Location, 8)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	l := u.Lang
	v := templates.QueueView{
		Page:           s.page(r, "queue.title", "queue"),
		DueNow:         i18n.Number(l, q.DueNow),
		LaterToday:     i18n.Number(l, q.LaterToday),
		MyCallbacks:    i18n.Number(l, q.MyCallbacks),
		CompletedToday: i18n.Number(l, q.CompletedToday),
		HeldID:         q.HeldID,
		HasDue:         q.DueNow > 0,
	}
	if q.LaterTodayAtLeast {
		v.LaterToday += "+"
	}
	if q.DueOutsideWindow > 0 {
		v.OutsideWindow = i18n.T(l, "queue.outside_window", i18n.Number(l, q.DueOutsideWindow))
	}
	now := time.Now()
	for _, it := range q.Next {
		loc := s.location(it.Timezone)
		v.Rows = append(v.Rows, templates.QueueRow{
			Customer: it.CustomerName, Lang: it.Locale, Product: it.Product, Branch: it.Branch,
			Due: i18n.DateTime(l, it.DueAt, u.Location), LocalTime: i18n.Time(l, now, loc) + " " + i18n.Zone(l, now, loc),
			Callback: it.Callback, Recovery: it.Recovery,
		})
	}
	s.render(w, r, http.StatusOK, templates.Queue(v))
}

// claimNext answers with a redirect to the claimed call; a second tab of
// the same agent gets the call already held.
func (s *Server) claimNext(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	start := time.Now()
	id, err := s.console.ClaimNext(r.Context(), u.ID, u.Username)
	s.metrics.ObserveClaim(claimOutcome(err), time.Since(start))
	if errors.Is(err, console.ErrNothingDue) {
		s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "queue.empty"))
		http.Redirect(w, r, "/queue", http.StatusSeeOther)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	http.Redirect(w, r, "/calls/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
}

func claimOutcome(err error) metrics.ClaimOutcome {
	switch {
	case err == nil:
		return metrics.ClaimClaimed
	case errors.Is(err, console.ErrNothingDue):
		return metrics.ClaimNothingDue
	}
	return metrics.ClaimError
}
