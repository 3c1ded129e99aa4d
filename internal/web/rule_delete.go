package web

import (
	"errors"
	"net/http"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/settings"
)

// ruleDelete removes a category's rule, so that its sales fall back to the
// default rule. The default rule itself is never deleted.
func (s *Server) ruleDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	category := r.PostFormValue("category")
	if category == "" {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "rules.problem.delete_default")
		return
	}
	err := s.settings.DeleteRule(ctx, u.Username, category)
	if errors.Is(err, settings.ErrRuleGone) {
		s.errorPage(w, r, http.StatusNotFound, "rules.gone")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("follow-up rule deleted", "by", u.Username, "category", category)
	s.sessions.Put(ctx, "flash", i18n.T(u.Lang, "rules.deleted", isolate(u.Lang, category)))
	http.Redirect(w, r, "/rules", http.StatusSeeOther)
}
