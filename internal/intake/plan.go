package intake

import (
	"context"
	"fmt"

	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
)

// plan is the calendar and the rules, read once per transaction so that a
// batch is scheduled by one consistent set of rules.
type plan struct {
	calendar schedule.Calendar
	rules    map[string]store.FollowupRule
	versions map[[2]string]int64 // (script name, locale) → current published version
}

func loadPlan(ctx context.Context, q *store.Queries, db store.DBTX) (plan, error) {
	cal, err := store.LoadCalendar(ctx, db)
	if err != nil {
		return plan{}, err
	}
	rules, err := q.RuleList(ctx, db)
	if err != nil {
		return plan{}, fmt.Errorf("reading follow-up rules: %w", err)
	}
	versions, err := q.ScriptVersionCurrentAll(ctx, db)
	if err != nil {
		return plan{}, fmt.Errorf("reading script versions: %w", err)
	}
	p := plan{calendar: cal, rules: make(map[string]store.FollowupRule, len(rules)), versions: map[[2]string]int64{}}
	for _, r := range rules {
		p.rules[r.Category] = r
	}
	for _, v := range versions {
		p.versions[[2]string{v.Name, v.Locale}] = v.ID
	}
	if _, ok := p.rules[""]; !ok {
		return plan{}, fmt.Errorf("no default follow-up rule is configured")
	}
	return p, nil
}

// rule returns the category's rule, or the default rule.
func (p plan) rule(category string) store.FollowupRule {
	if r, ok := p.rules[category]; ok {
		return r
	}
	return p.rules[""]
}

// version is the script version a new follow-up is given: the script in the
// customer's language, else in English; nil when none is published yet.
func (p plan) version(script, locale string) *int64 {
	for _, l := range []string{locale, "en"} {
		if id, ok := p.versions[[2]string{script, l}]; ok {
			return &id
		}
	}
	return nil
}

// maxAskOnceDays is the longest contact-frequency window of any rule.
func (p plan) maxAskOnceDays() int {
	days := 0
	for _, r := range p.rules {
		days = max(days, int(r.AskOnceDays))
	}
	return days
}
