package web

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/settings"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/survey"
	"github.com/tamas-app/tamas/templates"
)

// auditShown is how many changes the rules page lists.
const auditShown = 20

func (s *Server) rulesPage(w http.ResponseWriter, r *http.Request) {
	s.showRules(w, r, http.StatusOK, refused{})
}

// refused is a form that was sent back: what was typed and what is wrong,
// shown in place of the stored values of that one form.
type refused struct {
	rule     *settings.RuleInput // nil: no rule form was refused
	adding   bool
	ruleErrs invalid.Problems
	calendar *settings.CalendarInput
	calErrs  invalid.Problems
}

func (s *Server) showRules(w http.ResponseWriter, r *http.Request, status int, ref refused) {
	ctx := r.Context()
	u := userOf(ctx)
	l := u.Lang
	q := store.New()
	rules, err := q.RuleList(ctx, s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	scripts, err := q.ScriptNames(ctx, s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	cal, err := q.CalendarGetWithNames(ctx, s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	var changes []store.AuditLog
	for _, entity := range []string{settings.EntityRule, settings.EntityCalendar} {
		rows, err := q.AuditListRecent(ctx, s.pool, store.AuditListRecentParams{Entity: entity, MaxRows: auditShown})
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		changes = append(changes, rows...)
	}
	slices.SortFunc(changes, func(a, b store.AuditLog) int {
		return cmp.Or(b.At.Compare(a.At), cmp.Compare(b.ID, a.ID))
	})
	changes = changes[:min(len(changes), auditShown)]

	people, err := s.actorsOf(ctx, l, u.Role == auth.RoleAdmin, auditActors(changes))
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.RulesView{
		Page:    s.page(r, "rules.title", "rules"),
		Refused: ref.rule != nil || ref.calendar != nil,
		Scripts: scripts,
		Changes: auditEntries(l, u.Location, changes, people),
	}
	v.Automated = s.twilio.Configured()
	v.Channels = []templates.ChannelOption{{Value: string(schedule.ChannelAgent), Label: channelLabel(l, "agent")}}
	// A link step needs SMS to deliver its text, so it waits for Twilio too.
	for _, c := range []string{string(schedule.ChannelSMS), string(schedule.ChannelVoice), string(schedule.ChannelLink)} {
		o := templates.ChannelOption{Value: c, Label: channelLabel(l, c)}
		if !v.Automated {
			o.Label, o.Disabled = i18n.T(l, "rules.channel_later", channelLabel(l, c)), true
		} else if c == string(schedule.ChannelVoice) && !s.twilio.CanCall() {
			o.Label, o.Disabled = i18n.T(l, "rules.channel_no_caller", channelLabel(l, c)), true
		}
		v.Channels = append(v.Channels, o)
	}

	afters := map[string]map[string]string{}
	after := func(script string) (map[string]string, error) {
		if a, ok := afters[script]; ok {
			return a, nil
		}
		a, err := settings.AfterOpenings(ctx, s.pool, script)
		afters[script] = a
		return a, err
	}
	// The default rule first, then the categories in order.
	slices.SortFunc(rules, func(a, b store.FollowupRule) int { return cmp.Compare(a.Category, b.Category) })
	var def store.FollowupRule
	for i, row := range rules {
		f := ruleFormOf(l, row)
		f.ID = "rule-" + strconv.Itoa(i)
		texts := survey.DecodeOpenings(row.SmsTexts)
		if row.Category == "" {
			def = row
		}
		if ref.rule != nil && !ref.adding && ref.rule.Category == row.Category {
			f = typedRule(l, f, *ref.rule, ref.ruleErrs)
			texts = texts.With(ref.rule.SMSTexts)
		}
		a, err := after(f.Script)
		if err != nil {
			s.internalError(w, r, err)
			return
		}
		f.SMSTexts = smsTexts(l, texts, a)
		v.Rules = append(v.Rules, f)
	}
	// A new rule starts from the default one, the rule its category had.
	v.Add = ruleFormOf(l, def)
	v.Add.Category, v.Add.Label, v.Add.Default, v.Add.ID = "", "", false, "new-rule"
	addTexts := survey.DecodeOpenings(def.SmsTexts)
	if ref.rule != nil && ref.adding {
		v.Add = typedRule(l, v.Add, *ref.rule, ref.ruleErrs)
		v.Add.Category = ref.rule.Category
		addTexts = addTexts.With(ref.rule.SMSTexts)
	}
	a, err := after(v.Add.Script)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v.Add.SMSTexts = smsTexts(l, addTexts, a)

	v.Calendar, err = calendarForm(l, cal)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if ref.calendar != nil {
		in := ref.calendar
		checked := map[string]bool{}
		for _, d := range in.WorkingDays {
			checked[d] = true
		}
		for i := range v.Calendar.Days {
			v.Calendar.Days[i].Checked = checked[v.Calendar.Days[i].Value]
		}
		v.Calendar.Holidays, v.Calendar.WindowStart, v.Calendar.WindowEnd = in.Holidays, in.WindowStart, in.WindowEnd
		v.Calendar.Errors = map[string][]string{}
		for _, p := range ref.calErrs {
			v.Calendar.Errors[p.Field] = append(v.Calendar.Errors[p.Field], problemText(l, p))
		}
	}
	s.render(w, r, status, templates.Rules(v))
}

// smsTexts shows a rule's first texts with their cost: each measured with
// what the survey of the rule's script adds after it (after, by language).
func smsTexts(l i18n.Lang, texts survey.Openings, after map[string]string) []templates.SMSText {
	class := func(c survey.PriceClass) string { return i18n.T(l, "rules.sms_class."+string(c)) }
	var out []templates.SMSText
	for _, lang := range settings.SMSLangs {
		m := settings.MeasureSMSText(texts[string(lang)], after[string(lang)])
		out = append(out, templates.SMSText{
			Lang: string(lang), Dir: lang.Dir(), Field: settings.SMSField(lang),
			Label: i18n.T(l, "rules.sms_text", i18n.T(l, "lang."+string(lang))),
			Text:  texts[string(lang)], After: after[string(lang)],
			Segments: i18n.Number(l, int64(m.Segments)), Encoding: string(m.Encoding),
			Left: i18n.Number(l, int64(m.Left)), Class: class(m.Class),
			OnePart: class(survey.OnePart), FewParts: class(survey.FewParts), ManyParts: class(survey.ManyParts),
		})
	}
	return out
}

func ruleFormOf(l i18n.Lang, row store.FollowupRule) templates.RuleForm {
	// Numbers in the reader's digits: the inputs are text, so that
	// Persian digits can be typed into them.
	n := func(v int32) string { return i18n.Digits(l, strconv.Itoa(int(v))) }
	f := templates.RuleForm{
		Category: row.Category, Label: row.Category, Default: row.Category == "",
		DelayDays: n(row.DelayDays), AskOnceDays: n(row.AskOnceDays),
		Channel: row.Channel, Script: row.ScriptName,
		Priority: n(row.Priority), MaxAttempts: n(row.MaxAttempts),
		RetryHours: n(row.RetrySpacingMinutes / 60), RetryMinutes: n(row.RetrySpacingMinutes % 60),
	}
	ladder := settings.LadderOf(row.Ladder, row.Channel)
	waits := []*string{&f.WaitHours, &f.Wait2Hours}
	channels := []*string{&f.Channel2, &f.Channel3}
	for i, step := range ladder {
		if i > 0 && i <= len(channels) {
			*channels[i-1] = string(step.Channel)
		}
		if i < len(waits) && step.WaitMinutes > 0 {
			*waits[i] = n(int32(step.WaitMinutes / 60))
		}
	}
	if f.Default {
		f.Label = i18n.T(l, "rules.default")
	}
	return f
}

// typedRule shows a refused rule form as it was typed, with its problems.
func typedRule(l i18n.Lang, f templates.RuleForm, in settings.RuleInput, probs invalid.Problems) templates.RuleForm {
	f.DelayDays, f.AskOnceDays, f.Channel, f.Script, f.Priority = in.DelayDays, in.AskOnceDays, in.Channel, in.Script, in.Priority
	f.MaxAttempts, f.RetryHours, f.RetryMinutes = in.MaxAttempts, in.RetryHours, in.RetryMinutes
	f.WaitHours, f.Channel2, f.Wait2Hours, f.Channel3 = in.WaitHours, in.Channel2, in.Wait2Hours, in.Channel3
	f.Errors = problemTexts(l, probs)
	return f
}

func calendarForm(l i18n.Lang, c store.CalendarGetWithNamesRow) (templates.CalendarForm, error) {
	var f templates.CalendarForm
	for _, d := range weekOrder(l) {
		f.Days = append(f.Days, templates.DayOption{
			Value: strconv.Itoa(int(d)), Label: i18n.Weekday(l, d), Checked: int(d) < len(c.WorkingDays) && c.WorkingDays[d],
		})
	}
	names := map[string]string{}
	if len(c.HolidayNames) > 0 {
		if err := json.Unmarshal(c.HolidayNames, &names); err != nil {
			return f, err
		}
	}
	holidays := slices.Clone(c.Holidays)
	slices.SortFunc(holidays, time.Time.Compare)
	for _, h := range holidays {
		iso := h.Format(time.DateOnly)
		line := i18n.DateValue(l, h)
		if n := names[iso]; n != "" {
			line += " " + n
		}
		f.Holidays += line + "\n"
		f.Saved = append(f.Saved, templates.HolidayLine{ISO: iso, Local: i18n.Date(l, h, time.UTC), Name: names[iso]})
	}
	f.WindowStart = i18n.ClockValue(l, int(c.WindowStart))
	f.WindowEnd = i18n.ClockValue(l, int(c.WindowEnd)%(24*60)) // a time input cannot show 24:00
	return f, nil
}
