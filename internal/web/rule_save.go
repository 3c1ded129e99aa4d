package web

import (
	"errors"
	"net/http"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/settings"
)

// ruleSave adds a rule for a new category (mode=add) or changes an
// existing one.
func (s *Server) ruleSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	in := settings.RuleInput{
		Category: r.PostFormValue("category"), DelayDays: r.PostFormValue("delay_days"),
		Channel: r.PostFormValue("channel"), Script: r.PostFormValue("script"),
		Priority: r.PostFormValue("priority"), MaxAttempts: r.PostFormValue("max_attempts"),
		RetryHours: r.PostFormValue("retry_hours"), RetryMinutes: r.PostFormValue("retry_minutes"),
		WaitHours: r.PostFormValue("wait_hours"), Channel2: r.PostFormValue("channel2"),
		Wait2Hours: r.PostFormValue("wait2_hours"), Channel3: r.PostFormValue("channel3"),
		AskOnceDays: r.PostFormValue("ask_once_days"),
	}
	for _, l := range settings.SMSLangs {
		// A form without a language's field leaves its text as it is.
		if typed, ok := r.PostForm[settings.SMSField(l)]; ok {
			if in.SMSTexts == nil {
				in.SMSTexts = map[string]string{}
			}
			in.SMSTexts[string(l)] = typed[0]
		}
	}
	adding := r.PostFormValue("mode") == "add"
	v, changed, err := s.settings.SaveRule(ctx, u.Username, in, adding)
	if probs, ok := invalid.From(err); ok {
		s.showRules(w, r, http.StatusUnprocessableEntity, refused{rule: &in, adding: adding, ruleErrs: probs})
		return
	}
	switch {
	case errors.Is(err, settings.ErrRuleGone):
		s.errorPage(w, r, http.StatusNotFound, "rules.gone")
		return
	case err != nil:
		s.internalError(w, r, err)
		return
	}
	msg := i18n.T(u.Lang, "rules.unchanged")
	switch {
	case changed && adding:
		msg = i18n.T(u.Lang, "rules.added", isolate(u.Lang, v.Category))
	case changed && v.Category == "":
		msg = i18n.T(u.Lang, "rules.default_saved")
	case changed:
		msg = i18n.T(u.Lang, "rules.saved", isolate(u.Lang, v.Category))
	}
	if changed {
		s.log.Info("follow-up rule saved", "by", u.Username, "category", v.Category, "added", adding)
	}
	s.sessions.Put(ctx, "flash", msg)
	http.Redirect(w, r, "/rules", http.StatusSeeOther)
}
