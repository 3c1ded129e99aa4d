package web

import (
	"net/http"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

// automatedShown is how many messages and calls the page lists.
const automatedShown = 100

// automatedPage shows supervisors the latest texts and automated calls
// with their delivery status.
func (s *Server) automatedPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	l := u.Lang
	q := store.New()
	ms, err := q.TwilioMessageListRecent(ctx, s.pool, automatedShown)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	cs, err := q.TwilioCallListRecent(ctx, s.pool, automatedShown)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.AutomatedView{Page: s.page(r, "automated.title", "automated")}
	for _, m := range ms {
		number := m.ToNumber
		if m.Direction == "inbound" {
			number = m.FromNumber
		}
		name := ""
		if m.CustomerName != nil {
			name = *m.CustomerName
		}
		v.Messages = append(v.Messages, templates.AutomatedMessage{
			At: i18n.DateTime(l, m.CreatedAt, u.Location), Direction: i18n.T(l, "automated.direction."+m.Direction),
			Customer: name, Number: number, Body: m.Body, State: i18n.T(l, "automated.state."+m.State),
			Status: m.Status, Attempts: i18n.Number(l, int64(m.Attempts)), Error: m.Error,
			Failed: m.State == "failed" || m.Status == "failed" || m.Status == "undelivered",
		})
	}
	for _, c := range cs {
		v.Calls = append(v.Calls, templates.AutomatedCall{
			At: i18n.DateTime(l, c.CreatedAt, u.Location), Customer: c.CustomerName, Number: c.ToNumber,
			Attempt: i18n.Number(l, int64(c.Attempt)), State: i18n.T(l, "automated.state."+c.State),
			Status: c.Status, Attempts: i18n.Number(l, int64(c.Attempts)), Error: c.Error,
			Failed: c.State == "failed" || c.Status == "failed" || c.Status == "busy" || c.Status == "no-answer",
		})
	}
	s.render(w, r, http.StatusOK, templates.Automated(v))
}
