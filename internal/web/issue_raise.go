package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
	"github.com/tamas-app/tamas/templates"
)

// callIssue raises an issue by hand from the call the agent holds.
func (s *Server) callIssue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	in := manualInput{Category: r.PostFormValue("category"), Severity: r.PostFormValue("severity"), Note: r.PostFormValue("note")}
	raised, err := s.issues.RaiseByHand(ctx, issues.Manual{
		FollowUpID: id, UserID: u.ID, Actor: u.Username,
		Category: in.Category, Severity: scripts.Severity(in.Severity), Note: in.Note,
	})
	htmx := r.Header.Get("HX-Request") != ""
	ps, refused := invalid.From(err)
	switch {
	case errors.Is(err, issues.ErrNotHeld) && htmx:
		// The whole page must go: the call is no longer the agent's.
		s.sessions.Put(ctx, "flash", i18n.T(u.Lang, "error.claim_lost"))
		w.Header().Set("HX-Redirect", "/queue")
		w.WriteHeader(http.StatusNoContent)
	case errors.Is(err, issues.ErrNotHeld):
		s.claimLost(w, r)
	case refused:
		in.Errors = problemTexts(u.Lang, ps)
		s.showCallWith(w, r, http.StatusUnprocessableEntity, callState{manual: in})
	case err != nil:
		s.internalError(w, r, err)
	default:
		key := "manual.raised"
		if !raised.Opened {
			key = "manual.joined"
		}
		msg := i18n.T(u.Lang, key, i18n.Number(u.Lang, raised.IssueID))
		if htmx {
			s.showCallWith(w, r, http.StatusOK, callState{manual: manualInput{Raised: msg}})
			return
		}
		s.sessions.Put(ctx, "flash", msg)
		http.Redirect(w, r, "/calls/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	}
}

// manualInput is the call page's "report a problem" form as typed.
type manualInput struct {
	Category, Severity, Note string
	Errors                   map[string]string
	Raised                   string
}

func manualForm(l i18n.Lang, in manualInput, names labels, causes []store.RootCause) templates.ManualIssueForm {
	f := templates.ManualIssueForm{Note: in.Note, Errors: in.Errors, Raised: in.Raised}
	for _, c := range causes {
		if c.Active {
			f.Categories = append(f.Categories, templates.Option{Value: c.Key, Label: names.of(l, c.Key), Checked: c.Key == in.Category})
		}
	}
	sev := or(in.Severity, string(scripts.SeverityMedium))
	for _, v := range severities {
		f.Severities = append(f.Severities, templates.Option{Value: string(v), Label: i18n.T(l, "severity."+string(v)), Checked: string(v) == sev})
	}
	return f
}
