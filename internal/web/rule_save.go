package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
)

var (
	errRuleExists = errors.New("the category already has a rule")
	errRuleGone   = errors.New("the rule no longer exists")
)

// ruleSave adds a rule for a new category (mode=add) or changes an
// existing one, and records the change in the same transaction. A change
// applies to sales that arrive after it: follow-ups copy their rule.
func (s *Server) ruleSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	in := ruleInput{
		Category: r.PostFormValue("category"), DelayDays: r.PostFormValue("delay_days"),
		Channel: r.PostFormValue("channel"), Script: r.PostFormValue("script"),
		Priority: r.PostFormValue("priority"), MaxAttempts: r.PostFormValue("max_attempts"),
		RetryHours: r.PostFormValue("retry_hours"), RetryMinutes: r.PostFormValue("retry_minutes"),
		WaitHours: r.PostFormValue("wait_hours"), Channel2: r.PostFormValue("channel2"),
		Wait2Hours: r.PostFormValue("wait2_hours"), Channel3: r.PostFormValue("channel3"),
	}
	adding := r.PostFormValue("mode") == "add"
	scripts, err := store.New().ScriptNames(ctx, s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v, probs := parseRule(in, adding, scripts, s.twilio.Configured(), s.twilio.CanCall())
	if len(probs) > 0 {
		s.showRules(w, r, http.StatusUnprocessableEntity, refused{rule: &in, adding: adding, ruleErrs: probs})
		return
	}
	changed, err := s.saveRule(ctx, u.Username, v, adding)
	switch {
	case errors.Is(err, errRuleExists):
		probs := map[string]problem{"category": {Key: "rules.problem.category_exists", Args: []any{v.Category}}}
		s.showRules(w, r, http.StatusUnprocessableEntity, refused{rule: &in, adding: true, ruleErrs: probs})
		return
	case errors.Is(err, errRuleGone):
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

// saveRule stores v and its audit row in one transaction, and reports
// whether anything changed: saving a rule unchanged records nothing.
func (s *Server) saveRule(ctx context.Context, actor string, v ruleValues, adding bool) (changed bool, err error) {
	q := store.New()
	ladder, err := json.Marshal(v.Ladder)
	if err != nil {
		return false, err
	}
	p := store.RuleUpdateParams{
		Category: v.Category, DelayDays: int32(v.DelayDays), Channel: string(v.Channel), Ladder: ladder, ScriptName: v.Script,
		Priority: int32(v.Priority), MaxAttempts: int32(v.MaxAttempts), RetrySpacingMinutes: int32(v.RetrySpacingMinutes),
	}
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if adding {
			row, err := q.RuleInsert(ctx, tx, store.RuleInsertParams{
				Category: p.Category, DelayDays: p.DelayDays, Channel: p.Channel, Ladder: p.Ladder, ScriptName: p.ScriptName,
				Priority: p.Priority, MaxAttempts: p.MaxAttempts, RetrySpacingMinutes: p.RetrySpacingMinutes,
			})
			if errors.Is(err, store.ErrNotFound) {
				return errRuleExists
			}
			if err != nil {
				return err
			}
			changed = true
			return writeAudit(ctx, tx, actor, auditRule, v.Category, nil, ruleRecordOf(row))
		}
		old, err := q.RuleGetForUpdate(ctx, tx, v.Category)
		if errors.Is(err, store.ErrNotFound) {
			return errRuleGone
		}
		if err != nil {
			return err
		}
		before := ruleRecordOf(old)
		if before.equal(v.record()) {
			return nil
		}
		row, err := q.RuleUpdate(ctx, tx, p)
		if err != nil {
			return err
		}
		changed = true
		return writeAudit(ctx, tx, actor, auditRule, v.Category, before, ruleRecordOf(row))
	})
	return changed, err
}
