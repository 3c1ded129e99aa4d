package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
)

// seenAt is when the issue the form was on was last changed, or zero when
// the form does not say (then the change is not checked for staleness).
func seenAt(r *http.Request) time.Time {
	t, err := time.Parse(time.RFC3339Nano, r.PostFormValue("seen"))
	if err != nil {
		return time.Time{}
	}
	return t
}

// issueDone ends a change to issue id that no form field refused: a
// missing issue is 404, another error 500, success back to the issue with
// a flash.
func (s *Server) issueDone(w http.ResponseWriter, r *http.Request, id int64, err error, key, anchor string) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	case err != nil:
		s.internalError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", i18n.T(userOf(r.Context()).Lang, key))
	http.Redirect(w, r, "/issues/"+strconv.FormatInt(id, 10)+anchor, http.StatusSeeOther)
}

func (s *Server) issueAssign(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	var to int64
	switch v := r.PostFormValue("assignee"); {
	case r.PostFormValue("assign_me") != "":
		to = u.ID
	default:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			s.showIssue(w, r, http.StatusUnprocessableEntity, issueForm{Errors: map[string]string{"assignee": i18n.T(u.Lang, "issue.bad_assignee")}})
			return
		}
		to = n
	}
	err := s.issues.Assign(r.Context(), id, u.Username, to, seenAt(r))
	switch {
	case errors.Is(err, issues.ErrStale):
		s.showIssue(w, r, http.StatusConflict, issueForm{Errors: map[string]string{"seen": i18n.T(u.Lang, "issue.stale")}})
	case errors.Is(err, issues.ErrAssignee):
		s.showIssue(w, r, http.StatusUnprocessableEntity, issueForm{Errors: map[string]string{"assignee": i18n.T(u.Lang, "issue.bad_assignee")}})
	default:
		s.issueDone(w, r, id, err, "issue.assigned", "#work")
	}
}

func (s *Server) issueNote(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	body := r.PostFormValue("body")
	err := s.issues.AddNote(r.Context(), id, u.ID, u.Username, body)
	switch {
	case errors.Is(err, issues.ErrNote):
		s.showIssue(w, r, http.StatusUnprocessableEntity, issueForm{Note: body, Errors: map[string]string{"body": i18n.T(u.Lang, "issue.bad_note", i18n.Number(u.Lang, issues.MaxNote))}})
	default:
		s.issueDone(w, r, id, err, "issue.note_added", "#notes")
	}
}

func (s *Server) issueState(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	form := issueForm{
		Cause: r.PostFormValue("root_cause"), CauseNote: r.PostFormValue("root_cause_note"), Reason: r.PostFormValue("reason"),
	}
	for field, text := range map[string]string{"root_cause_note": form.CauseNote, "reason": form.Reason} {
		if utf8.RuneCountInString(text) > issues.MaxNote {
			form.Errors = map[string]string{field: i18n.T(u.Lang, "issue.bad_note", i18n.Number(u.Lang, issues.MaxNote))}
			s.showIssue(w, r, http.StatusUnprocessableEntity, form)
			return
		}
	}
	var err error
	flash := "issue.changed"
	c := casework.Change{To: casework.State(r.PostFormValue("to"))}
	switch c.To {
	case casework.InProgress, casework.Closed:
	case casework.Resolved:
		c.RootCause, c.RootCauseNote = casework.RootCause(form.Cause), strings.TrimSpace(form.CauseNote)
		flash = "issue.resolved_flash"
	case casework.WontFix:
		c.Reason = strings.TrimSpace(form.Reason)
	default:
		err = casework.ErrTransition
	}
	if err == nil {
		err = s.issues.Transition(ctx, id, u.Username, c, seenAt(r))
	}
	refuse := func(field, key string) {
		form.Errors = map[string]string{field: i18n.T(u.Lang, key)}
		s.showIssue(w, r, http.StatusUnprocessableEntity, form)
	}
	switch {
	case errors.Is(err, issues.ErrStale):
		form.Errors = map[string]string{"seen": i18n.T(u.Lang, "issue.stale")}
		s.showIssue(w, r, http.StatusConflict, form)
	case errors.Is(err, casework.ErrRootCause):
		refuse("root_cause", "issue.bad_root_cause")
	case errors.Is(err, casework.ErrCauseNote):
		refuse("root_cause_note", "issue.bad_cause_note")
	case errors.Is(err, casework.ErrReason):
		refuse("reason", "issue.bad_reason")
	case errors.Is(err, casework.ErrTransition):
		// Someone else moved the issue first, or the form was forged.
		refuse("state", "issue.bad_transition")
	default:
		if err == nil {
			s.log.Info("issue changed", "issue", id, "to", r.PostFormValue("to"), "by", u.Username)
		}
		s.issueDone(w, r, id, err, flash, "")
	}
}
