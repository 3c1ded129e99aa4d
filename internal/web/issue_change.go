package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
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
			s.showIssue(w, r, http.StatusUnprocessableEntity, issueForm{Errors: problemTexts(u.Lang, invalid.New("assignee", issues.CodeAssignee))})
			return
		}
		to = n
	}
	err := s.issues.Assign(r.Context(), id, u.Username, to, seenAt(r))
	if ps, ok := invalid.From(err); ok {
		s.showIssue(w, r, http.StatusUnprocessableEntity, issueForm{Errors: problemTexts(u.Lang, ps)})
		return
	}
	if errors.Is(err, issues.ErrStale) {
		s.showIssue(w, r, http.StatusConflict, issueForm{Errors: map[string]string{"seen": i18n.T(u.Lang, "issue.stale")}})
		return
	}
	s.issueDone(w, r, id, err, "issue.assigned", "#work")
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
	if ps, ok := invalid.From(err); ok {
		s.showIssue(w, r, http.StatusUnprocessableEntity, issueForm{Note: body, Errors: problemTexts(u.Lang, ps)})
		return
	}
	s.issueDone(w, r, id, err, "issue.note_added", "#notes")
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
	// The service takes what each change needs and refuses an unknown one.
	c := casework.Change{
		To:        casework.State(r.PostFormValue("to")),
		RootCause: casework.RootCause(form.Cause), RootCauseNote: form.CauseNote, Reason: form.Reason,
	}
	err := s.issues.Transition(ctx, id, u.Username, c, seenAt(r))
	if ps, ok := invalid.From(err); ok {
		// A refused state is someone else having moved the issue first,
		// or a forged form.
		form.Errors = problemTexts(u.Lang, ps)
		s.showIssue(w, r, http.StatusUnprocessableEntity, form)
		return
	}
	if errors.Is(err, issues.ErrStale) {
		form.Errors = map[string]string{"seen": i18n.T(u.Lang, "issue.stale")}
		s.showIssue(w, r, http.StatusConflict, form)
		return
	}
	if err == nil {
		s.log.Info("issue changed", "issue", id, "to", c.To, "by", u.Username)
	}
	flash := "issue.changed"
	if c.To == casework.Resolved {
		flash = "issue.resolved_flash"
	}
	s.issueDone(w, r, id, err, flash, "")
}
