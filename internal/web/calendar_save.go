package web

import (
	"net/http"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/settings"
)

// calendarSave replaces the organisation calendar. Like a rule, it
// applies to sales that arrive after it.
func (s *Server) calendarSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.generic")
		return
	}
	in := settings.CalendarInput{
		WorkingDays: r.PostForm["working_day"], Holidays: r.PostFormValue("holidays"),
		WindowStart: r.PostFormValue("window_start"), WindowEnd: r.PostFormValue("window_end"),
		Lang: u.Lang,
	}
	changed, err := s.settings.SaveCalendar(ctx, u.Username, in)
	if probs, ok := invalid.From(err); ok {
		s.showRules(w, r, http.StatusUnprocessableEntity, refused{calendar: &in, calErrs: probs})
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	msg := i18n.T(u.Lang, "rules.unchanged")
	if changed {
		msg = i18n.T(u.Lang, "calendar.saved")
		s.log.Info("calendar saved", "by", u.Username)
	}
	s.sessions.Put(ctx, "flash", msg)
	http.Redirect(w, r, "/rules#calendar", http.StatusSeeOther)
}
