package intake

import (
	"context"
	"fmt"
	"time"

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
	c, err := q.CalendarGet(ctx, db)
	if err != nil {
		return plan{}, fmt.Errorf("reading the calendar: %w", err)
	}
	rules, err := q.RuleList(ctx, db)
	if err != nil {
		return plan{}, fmt.Errorf("reading follow-up rules: %w", err)
	}
	versions, err := q.ScriptVersionCurrentAll(ctx, db)
	if err != nil {
		return plan{}, fmt.Errorf("reading script versions: %w", err)
	}
	p := plan{calendar: CalendarFromRow(c), rules: make(map[string]store.FollowupRule, len(rules)), versions: map[[2]string]int64{}}
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

// CalendarFromRow converts the stored calendar.
func CalendarFromRow(c store.CalendarGetRow) schedule.Calendar {
	var cal schedule.Calendar
	for i := 0; i < 7 && i < len(c.WorkingDays); i++ {
		cal.WorkingDays[i] = c.WorkingDays[i]
	}
	for _, h := range c.Holidays {
		cal.Holidays = append(cal.Holidays, schedule.Date{Year: h.Year(), Month: h.Month(), Day: h.Day()})
	}
	cal.WindowStart = schedule.Clock(c.WindowStart)
	cal.WindowEnd = schedule.Clock(c.WindowEnd)
	return cal
}

// CalendarToParams converts a calendar for storing.
func CalendarToParams(cal schedule.Calendar) store.CalendarSetParams {
	p := store.CalendarSetParams{
		WorkingDays: cal.WorkingDays[:],
		Holidays:    []time.Time{},
		WindowStart: int16(cal.WindowStart),
		WindowEnd:   int16(cal.WindowEnd),
	}
	for _, h := range cal.Holidays {
		p.Holidays = append(p.Holidays, time.Date(h.Year, h.Month, h.Day, 0, 0, 0, 0, time.UTC))
	}
	return p
}
