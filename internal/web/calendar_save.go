package web

import (
	"encoding/json"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/store"
)

// calendarSave replaces the organisation calendar and records the change
// in the same transaction. Like a rule, it applies to sales that arrive
// after it.
func (s *Server) calendarSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.generic")
		return
	}
	in := calendarInput{
		WorkingDays: r.PostForm["working_day"], Holidays: r.PostFormValue("holidays"),
		WindowStart: r.PostFormValue("window_start"), WindowEnd: r.PostFormValue("window_end"),
	}
	cal, names, probs := parseCalendar(in)
	if len(probs) > 0 {
		s.showRules(w, r, http.StatusUnprocessableEntity, refused{calendar: &in, calErrs: probs})
		return
	}
	after := calendarRecordFrom(cal, names)
	namesJSON, err := json.Marshal(after.HolidayNames)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	changed := false
	q := store.New()
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		old, err := q.CalendarGetForUpdate(ctx, tx)
		if err != nil {
			return err
		}
		before, err := calendarRecordOf(old.WorkingDays, old.Holidays, old.HolidayNames, old.WindowStart, old.WindowEnd)
		if err != nil {
			return err
		}
		if before.equal(after) {
			return nil
		}
		p := intake.CalendarToParams(cal)
		if err := q.CalendarSave(ctx, tx, store.CalendarSaveParams{
			WorkingDays: p.WorkingDays, Holidays: p.Holidays, HolidayNames: namesJSON,
			WindowStart: p.WindowStart, WindowEnd: p.WindowEnd,
		}); err != nil {
			return err
		}
		changed = true
		return writeAudit(ctx, tx, u.Username, auditCalendar, "", before, after)
	})
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
