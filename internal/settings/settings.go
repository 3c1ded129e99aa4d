// Package settings changes what supervisors set for the whole
// organisation: the follow-up rules, the calendar and what counts as a
// neutral (silent) answer. Each change is one transaction that also writes
// its audit row; saving a setting unchanged records nothing.
package settings

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/audit"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/survey"
	"github.com/tamas-app/tamas/scripts"
)

// ErrRuleGone: the rule to change or delete no longer exists.
var ErrRuleGone = errors.New("the rule no longer exists")

// Opts configures a Service.
type Opts struct {
	Pool *pgxpool.Pool
	// Channels are the channels a rule may use.
	Channels Channels
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Service changes the organisation's settings.
type Service struct {
	pool     *pgxpool.Pool
	channels Channels
	now      func() time.Time
}

// New returns a Service.
func New(o Opts) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{pool: o.Pool, channels: o.Channels, now: o.Now}
}

// SaveRule checks a rule form and adds a rule for a new category (adding)
// or changes an existing one. It returns the rule as stored and whether
// anything changed. A refused form is invalid.Problems; a rule changed
// that no longer exists is ErrRuleGone. A change applies to sales that
// arrive after it: follow-ups copy their rule.
func (s *Service) SaveRule(ctx context.Context, actor string, in RuleInput, adding bool) (v Rule, changed bool, err error) {
	q := store.New()
	scripts, err := q.ScriptNames(ctx, s.pool)
	if err != nil {
		return Rule{}, false, err
	}
	after, err := AfterOpenings(ctx, s.pool, strings.TrimSpace(in.Script))
	if err != nil {
		return Rule{}, false, err
	}
	v, probs := ParseRule(in, adding, scripts, s.channels, after)
	if len(probs) > 0 {
		return Rule{}, false, probs
	}
	ladder, err := json.Marshal(v.Ladder)
	if err != nil {
		return Rule{}, false, err
	}
	p := store.RuleUpdateParams{
		Category: v.Category, DelayDays: int32(v.DelayDays), Channel: string(v.Channel), Ladder: ladder, ScriptName: v.Script,
		Priority: int32(v.Priority), MaxAttempts: int32(v.MaxAttempts), RetrySpacingMinutes: int32(v.RetrySpacingMinutes),
		AskOnceDays: int32(v.AskOnceDays),
	}
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if adding {
			texts, err := json.Marshal(survey.DefaultOpenings().With(v.SMSTexts))
			if err != nil {
				return err
			}
			row, err := q.RuleInsert(ctx, tx, store.RuleInsertParams{
				Category: p.Category, DelayDays: p.DelayDays, Channel: p.Channel, Ladder: p.Ladder, ScriptName: p.ScriptName,
				Priority: p.Priority, MaxAttempts: p.MaxAttempts, RetrySpacingMinutes: p.RetrySpacingMinutes, SmsTexts: texts,
				AskOnceDays: p.AskOnceDays,
			})
			if errors.Is(err, store.ErrNotFound) {
				return invalid.New("category", "rules.category_exists", v.Category)
			}
			if err != nil {
				return err
			}
			changed = true
			return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: EntityRule, Key: v.Category, After: ruleRecordOf(row)})
		}
		old, err := q.RuleGetForUpdate(ctx, tx, v.Category)
		if errors.Is(err, store.ErrNotFound) {
			return ErrRuleGone
		}
		if err != nil {
			return err
		}
		before := ruleRecordOf(old)
		v.SMSTexts = before.SMSTexts.With(v.SMSTexts)
		if before.equal(v.record()) {
			return nil
		}
		if p.SmsTexts, err = json.Marshal(v.SMSTexts); err != nil {
			return err
		}
		row, err := q.RuleUpdate(ctx, tx, p)
		if err != nil {
			return err
		}
		changed = true
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: EntityRule, Key: v.Category, Before: before, After: ruleRecordOf(row)})
	})
	if err != nil {
		return Rule{}, false, err
	}
	return v, changed, nil
}

// AfterOpenings is, by language, what the SMS survey of script adds
// after a rule's first text (survey.SMS.AfterOpening): the script's
// current version in that language, or the English one it falls back to.
// A script with no published version adds nothing.
func AfterOpenings(ctx context.Context, db store.DBTX, script string) (map[string]string, error) {
	out := map[string]string{}
	for _, l := range SMSLangs {
		sv, err := store.New().ScriptVersionCurrent(ctx, db, store.ScriptVersionCurrentParams{Name: script, Locale: string(l)})
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("reading script %q: %w", script, err)
		}
		var v scripts.Version
		if err := json.Unmarshal(sv.Body, &v); err != nil {
			return nil, fmt.Errorf("decoding script version %d: %w", sv.ID, err)
		}
		out[string(l)] = survey.SMS{Version: v}.AfterOpening()
	}
	return out, nil
}

// DeleteRule removes a category's rule, so that its sales fall back to
// the default rule; ErrRuleGone if there is none.
func (s *Service) DeleteRule(ctx context.Context, actor, category string) error {
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		row, err := store.New().RuleDelete(ctx, tx, category)
		if errors.Is(err, store.ErrNotFound) {
			return ErrRuleGone
		}
		if err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: EntityRule, Key: category, Before: ruleRecordOf(row)})
	})
}

// SaveCalendar checks the calendar form and replaces the organisation
// calendar, reporting whether anything changed. Like a rule, it applies
// to sales that arrive after it.
func (s *Service) SaveCalendar(ctx context.Context, actor string, in CalendarInput) (changed bool, err error) {
	cal, names, probs := ParseCalendar(in)
	if len(probs) > 0 {
		return false, probs
	}
	after := calendarRecordFrom(cal, names)
	namesJSON, err := json.Marshal(after.HolidayNames)
	if err != nil {
		return false, err
	}
	q := store.New()
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		old, err := q.CalendarGetForUpdate(ctx, tx)
		if err != nil {
			return err
		}
		before, err := calendarRecordOf(old.WorkingDays, old.Holidays, old.HolidayNames, old.WindowStart, old.WindowEnd)
		if err != nil {
			return err
		}
		if before.equal(after) {
			return nil
		}
		p := store.CalendarParams(cal)
		if err := q.CalendarSave(ctx, tx, store.CalendarSaveParams{
			WorkingDays: p.WorkingDays, Holidays: p.Holidays, HolidayNames: namesJSON,
			WindowStart: p.WindowStart, WindowEnd: p.WindowEnd,
		}); err != nil {
			return err
		}
		changed = true
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: EntityCalendar, Before: before, After: after})
	})
	return changed, err
}

// SaveSilence changes what counts as a neutral answer, reporting whether
// anything changed. The report rollup is recounted in the same
// transaction: its silent counts were made under the old ranges.
func (s *Service) SaveSilence(ctx context.Context, actor string, set report.Silence) (changed bool, err error) {
	after := &silenceRecord{set.RatingLo, set.RatingHi, set.NPSLo, set.NPSHi}
	q := store.New()
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		old, err := q.SilenceSettingsGetForUpdate(ctx, tx)
		if err != nil {
			return err
		}
		before := &silenceRecord{int(old.RatingLo), int(old.RatingHi), int(old.NpsLo), int(old.NpsHi)}
		if *before == *after {
			return nil
		}
		if err := q.SilenceSettingsSave(ctx, tx, store.SilenceSettingsSaveParams{
			RatingLo: int16(set.RatingLo), RatingHi: int16(set.RatingHi), NpsLo: int16(set.NPSLo), NpsHi: int16(set.NPSHi),
		}); err != nil {
			return err
		}
		changed = true
		if err := audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: EntitySilence, Before: before, After: after}); err != nil {
			return err
		}
		return reports.RefreshDays(ctx, tx, s.now(), true)
	})
	return changed, err
}
