package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/templates"
)

// callRelease hands the call back to the queue ("not for me / cannot take
// it now"). Only the agent holding the call may: anyone else is refused
// with 403, the call untouched.
func (s *Server) callRelease(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	in := console.Release{Reason: r.PostFormValue("reason"), Note: r.PostFormValue("release_note")}
	err := s.console.Release(r.Context(), id, console.User{ID: u.ID, Name: u.Username}, in)
	if probs, ok := invalid.From(err); ok {
		s.showCallWith(w, r, http.StatusUnprocessableEntity, callState{release: in, releaseProblems: probs})
		return
	}
	if errors.Is(err, console.ErrNotHeld) {
		s.errorPage(w, r, http.StatusForbidden, "error.claim_lost")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("call released", "by", u.Username, "follow_up", id, "reason", in.Reason)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "release.done", releaseHours(u.Lang)))
	http.Redirect(w, r, "/queue", http.StatusSeeOther)
}

func releaseHours(l i18n.Lang) string {
	return i18n.Number(l, int64(console.ReleaseAway/time.Hour))
}

// releaseForm is the call page's "release this call" card, with what the
// agent sent and its problems when it was refused.
func releaseForm(l i18n.Lang, in console.Release, probs invalid.Problems) templates.ReleaseForm {
	f := templates.ReleaseForm{
		Hint: i18n.T(l, "call.release_hint", releaseHours(l)), Note: in.Note,
		Errors: problemTexts(l, probs), Open: len(probs) > 0,
	}
	for _, reason := range console.ReleaseReasons {
		f.Reasons = append(f.Reasons, templates.Option{
			Value: reason, Label: i18n.T(l, "release.reason."+reason), Checked: in.Reason == reason,
		})
	}
	return f
}
