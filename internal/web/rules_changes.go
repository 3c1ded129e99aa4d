package web

import (
	"cmp"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/settings"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

// ladderText is a ladder as one line: "SMS survey, after 24 h Voice survey".
func ladderText(l i18n.Lang, ladder schedule.Ladder) string {
	var parts []string
	for i, s := range ladder {
		if i == 0 {
			parts = append(parts, channelLabel(l, string(s.Channel)))
			continue
		}
		parts = append(parts, i18n.T(l, "rules.ladder_then", i18n.Number(l, int64(ladder[i-1].WaitMinutes/60)), channelLabel(l, string(s.Channel))))
	}
	return strings.Join(parts, "")
}

// auditEntries shows audit rows to a reader: times in their zone and
// calendar, values in their digits, only the fields that changed.
func auditEntries(l i18n.Lang, loc *time.Location, rows []store.AuditLog, people actors) []templates.AuditEntry {
	out := make([]templates.AuditEntry, 0, len(rows))
	for _, row := range rows {
		e := templates.AuditEntry{When: i18n.DateTime(l, row.At, loc)}
		e.Who, e.WhoTitle = people.who(row.Actor)
		switch {
		case row.Before == nil:
			e.Action = i18n.T(l, "audit.added")
		case row.After == nil:
			e.Action = i18n.T(l, "audit.deleted")
		default:
			e.Action = i18n.T(l, "audit.changed")
		}
		switch row.Entity {
		case settings.EntityRule:
			e.What = i18n.T(l, "audit.rule", isolate(l, row.EntityKey))
			if row.EntityKey == "" {
				e.What = i18n.T(l, "audit.default_rule")
			}
			var before, after *settings.RuleRecord
			if decode(row.Before, &before) && decode(row.After, &after) {
				e.Changes = ruleChanges(l, before, after)
			}
		case settings.EntityCalendar:
			e.What = i18n.T(l, "audit.calendar")
			var before, after *settings.CalendarRecord
			if decode(row.Before, &before) && decode(row.After, &after) {
				e.Changes = calendarChanges(l, before, after)
			}
		default:
			e.What = row.Entity + " " + row.EntityKey
		}
		out = append(out, e)
	}
	return out
}

// decode reads a JSON column; NULL leaves *v nil.
func decode[T any](b []byte, v **T) bool {
	if b == nil {
		return true
	}
	*v = new(T)
	return json.Unmarshal(b, *v) == nil
}

// field is one audited field, shown as text.
type field struct {
	label string
	show  func(any) string
}

// changes lists, for each field, before → after where they differ; for an
// addition or deletion every field is listed with the value it had.
func changes(fields []field, before, after []any) []templates.Change {
	var out []templates.Change
	for i, f := range fields {
		switch {
		case before == nil:
			out = append(out, templates.Change{Field: f.label, After: f.show(after[i])})
		case after == nil:
			out = append(out, templates.Change{Field: f.label, After: f.show(before[i])})
		default:
			b, a := f.show(before[i]), f.show(after[i])
			if b != a {
				out = append(out, templates.Change{Field: f.label, Before: b, After: a, HasBefore: true})
			}
		}
	}
	return out
}

func ruleChanges(l i18n.Lang, before, after *settings.RuleRecord) []templates.Change {
	if before != nil && after != nil && before.SMSTexts == nil {
		// Written before rules had texts: what they were is not known,
		// and the migration's defaults are no supervisor's change.
		b := *before
		b.SMSTexts = after.SMSTexts
		before = &b
	}
	num := func(v any) string { return i18n.Number(l, int64(v.(int32))) }
	fields := []field{
		{i18n.T(l, "rules.delay_days"), num},
		{i18n.T(l, "rules.channel"), func(v any) string { return channelLabel(l, v.(string)) }},
		{i18n.T(l, "rules.script"), func(v any) string { return v.(string) }},
		{i18n.T(l, "rules.priority"), num},
		{i18n.T(l, "rules.max_attempts"), num},
		{i18n.T(l, "rules.retry_spacing"), func(v any) string { return spacingText(l, int(v.(int32))) }},
		{i18n.T(l, "rules.ladder"), func(v any) string { return v.(string) }},
	}
	text := func(v any) string { return cmp.Or(v.(string), "—") }
	for _, lang := range settings.SMSLangs {
		fields = append(fields, field{i18n.T(l, "rules.sms_text", i18n.T(l, "lang."+string(lang))), text})
	}
	values := func(r *settings.RuleRecord) []any {
		if r == nil {
			return nil
		}
		ladder := r.Ladder
		if len(ladder) == 0 {
			ladder = schedule.SingleStep(schedule.Channel(r.Channel))
		}
		out := []any{r.DelayDays, r.Channel, r.ScriptName, r.Priority, r.MaxAttempts, r.RetrySpacingMinutes, ladderText(l, ladder)}
		for _, lang := range settings.SMSLangs {
			out = append(out, r.SMSTexts[string(lang)])
		}
		return out
	}
	return changes(fields, values(before), values(after))
}

func calendarChanges(l i18n.Lang, before, after *settings.CalendarRecord) []templates.Change {
	clock := func(v any) string { return i18n.Digits(l, schedule.Clock(v.(int)).String()) }
	fields := []field{
		{i18n.T(l, "calendar.working_days"), func(v any) string { return daysText(l, v.([]bool)) }},
		{i18n.T(l, "calendar.window_start"), clock},
		{i18n.T(l, "calendar.window_end"), clock},
	}
	values := func(c *settings.CalendarRecord) []any {
		if c == nil {
			return nil
		}
		return []any{c.WorkingDays, c.WindowStart, c.WindowEnd}
	}
	out := changes(fields, values(before), values(after))
	// Holidays are many: only the ones added and removed are listed.
	var was, is []string
	if before != nil {
		was = holidayTexts(l, before)
	}
	if after != nil {
		is = holidayTexts(l, after)
	}
	if added := minus(is, was); len(added) > 0 {
		out = append(out, templates.Change{Field: i18n.T(l, "audit.holidays_added"), After: strings.Join(added, listSep(l))})
	}
	if removed := minus(was, is); len(removed) > 0 {
		out = append(out, templates.Change{Field: i18n.T(l, "audit.holidays_removed"), After: strings.Join(removed, listSep(l))})
	}
	return out
}

func holidayTexts(l i18n.Lang, c *settings.CalendarRecord) []string {
	out := make([]string, 0, len(c.Holidays))
	for _, iso := range c.Holidays {
		s := i18n.Digits(l, iso)
		if t, err := time.Parse(time.DateOnly, iso); err == nil {
			s = i18n.Date(l, t, time.UTC)
		}
		if n := c.HolidayNames[iso]; n != "" {
			s += " (" + n + ")"
		}
		out = append(out, s)
	}
	return out
}

// minus is a without the elements of b, in a's order.
func minus(a, b []string) []string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, s)
		}
	}
	return out
}

func listSep(l i18n.Lang) string {
	if l == i18n.FA {
		return "، "
	}
	return ", "
}

// weekOrder is the reader's week: Saturday first in Iran, Monday first
// in English.
func weekOrder(l i18n.Lang) []time.Weekday {
	if l == i18n.FA {
		return []time.Weekday{time.Saturday, time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	}
	return []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}
}

func daysText(l i18n.Lang, days []bool) string {
	var names []string
	for _, d := range weekOrder(l) {
		if int(d) < len(days) && days[d] {
			names = append(names, i18n.Weekday(l, d))
		}
	}
	if len(names) == 0 {
		return "—"
	}
	return strings.Join(names, listSep(l))
}

// spacingText is a retry spacing in hours and minutes: "24 h", "1 h 30 min".
func spacingText(l i18n.Lang, minutes int) string {
	h, m := int64(minutes/60), int64(minutes%60)
	switch {
	case m == 0:
		return i18n.T(l, "rules.spacing_h", i18n.Number(l, h))
	case h == 0:
		return i18n.T(l, "rules.spacing_m", i18n.Number(l, m))
	}
	return i18n.T(l, "rules.spacing_hm", i18n.Number(l, h), i18n.Number(l, m))
}

func channelLabel(l i18n.Lang, c string) string {
	return i18n.T(l, "channel."+c)
}
