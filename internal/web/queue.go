package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/branches"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/schedule"
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
		DueNow:         tile(l, q.DueNow),
		LaterToday:     tile(l, q.LaterToday),
		MyCallbacks:    tile(l, q.MyCallbacks),
		CompletedToday: tile(l, q.CompletedToday),
		HeldID:         q.HeldID,
		HasDue:         q.DueNow > 0,
	}
	if q.LaterTodayAtLeast {
		v.LaterToday += "+"
	}
	for _, w := range q.Why {
		v.Why = append(v.Why, whySentence(l, w, u.Location))
	}
	v.NothingDue = len(q.Why) == 1 && q.Why[0].Reason == schedule.NothingDue
	if q.DueInOtherLanguages > 0 {
		v.OtherLanguages = i18n.T(l, "queue.other_languages", i18n.Number(l, q.DueInOtherLanguages))
	}
	if u.Role == auth.RoleSupervisor {
		if v.Unspoken, err = s.unspoken(r, l); err != nil {
			s.internalError(w, r, err)
			return
		}
	}
	now := time.Now()
	for _, it := range q.Next {
		loc := s.location(it.Timezone)
		v.Rows = append(v.Rows, templates.QueueRow{
			Customer: it.CustomerName, Lang: it.Locale, Product: it.Product, Branch: branches.Name(l, it.Branch),
			Due: i18n.DateTime(l, it.DueAt, u.Location), LocalTime: i18n.Time(l, now, loc) + " " + i18n.Zone(l, now, loc),
			Callback: it.Callback, Recovery: it.Recovery,
		})
	}
	for _, c := range q.Callbacks {
		loc := s.location(c.Timezone)
		v.Callbacks = append(v.Callbacks, templates.CallbackRow{
			Customer: c.CustomerName, Lang: c.Locale, Due: c.Due,
			At:        i18n.DateTime(l, c.DueAt, u.Location),
			LocalTime: i18n.Time(l, c.DueAt, loc) + " " + i18n.Zone(l, c.DueAt, loc),
		})
	}
	s.render(w, r, http.StatusOK, templates.Queue(v))
}

// tile is a count as a big figure shows it. A lone Persian zero "۰" is a
// dot that reads as a bullet, so zero is spelt out in Persian.
func tile(l i18n.Lang, n int64) string {
	if n == 0 {
		return i18n.T(l, "count.zero")
	}
	return i18n.Number(l, n)
}

// whySentence says in l why the calls of w wait, and when they can be
// made, in the reader's zone and calendar.
func whySentence(l i18n.Lang, w schedule.Waiting, loc *time.Location) string {
	opens := i18n.DateTime(l, w.Opens, loc)
	switch {
	case w.Reason == schedule.NothingDue && w.Opens.IsZero():
		return i18n.T(l, "queue.why.nothing_scheduled")
	case w.Reason == schedule.NothingDue:
		return i18n.T(l, "queue.why.nothing_due", opens)
	case w.Opens.IsZero():
		return i18n.T(l, "queue.why.never", i18n.Number(l, w.Due), places(l, w.Zones))
	}
	return i18n.T(l, "queue.why."+string(w.Reason), i18n.Number(l, w.Due), places(l, w.Zones), opens)
}

// places names zones by their city in the reader's language.
func places(l i18n.Lang, zones []string) string {
	names := make([]string, len(zones))
	for i, z := range zones {
		names[i] = i18n.City(l, z)
	}
	sep := ", "
	if l == i18n.FA {
		sep = "، "
	}
	return strings.Join(names, sep)
}

// unspoken is the supervisors' list of languages customers wait in that
// no enabled agent speaks, with how many wait in each.
func (s *Server) unspoken(r *http.Request, l i18n.Lang) ([]templates.LanguageCount, error) {
	counts, err := s.console.Unspoken(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]templates.LanguageCount, len(counts))
	for i, c := range counts {
		out[i] = templates.LanguageCount{Code: c.Language, Name: languageName(l, c.Language), Due: i18n.Number(l, c.Due)}
	}
	return out, nil
}

// languageName names a language in the reader's language where the
// messages know it, else by its code.
func languageName(l i18n.Lang, code string) string {
	key := "lang." + code
	if name := i18n.T(l, key); name != key {
		return name
	}
	return code
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
