package settings

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/survey"
)

// Entities of the audit_log rows this package writes.
const (
	EntityRule     = "rule"
	EntityCalendar = "calendar"
	EntitySilence  = "silence"
)

// RuleRecord is a followup_rules row as the audit log keeps it: the
// columns a supervisor sets, by their column names. updated_at is left
// out; the audit row has its own time.
type RuleRecord struct {
	Category            string `json:"category"`
	DelayDays           int32  `json:"delay_days"`
	Channel             string `json:"channel"`
	ScriptName          string `json:"script_name"`
	Priority            int32  `json:"priority"`
	MaxAttempts         int32  `json:"max_attempts"`
	RetrySpacingMinutes int32  `json:"retry_spacing_minutes"`
	// Ladder is absent from records written before rules had ladders,
	// SMSTexts from those written before rules had first SMS texts, and
	// AskOnceDays from those written before contact frequency.
	Ladder      schedule.Ladder `json:"ladder,omitempty"`
	SMSTexts    survey.Openings `json:"sms_texts,omitempty"`
	AskOnceDays *int32          `json:"ask_once_days,omitempty"`
}

func ruleRecordOf(r store.FollowupRule) *RuleRecord {
	return &RuleRecord{
		Category: r.Category, DelayDays: r.DelayDays, Channel: r.Channel, ScriptName: r.ScriptName,
		Priority: r.Priority, MaxAttempts: r.MaxAttempts, RetrySpacingMinutes: r.RetrySpacingMinutes,
		Ladder: LadderOf(r.Ladder, r.Channel), SMSTexts: survey.DecodeOpenings(r.SmsTexts), AskOnceDays: &r.AskOnceDays,
	}
}

// LadderOf reads a stored ladder; an unreadable one is the channel alone,
// which is what the schema's check promises its first step is.
func LadderOf(b []byte, channel string) schedule.Ladder {
	var l schedule.Ladder
	if err := json.Unmarshal(b, &l); err != nil || len(l) == 0 {
		return schedule.SingleStep(schedule.Channel(channel))
	}
	return l
}

func (v Rule) record() *RuleRecord {
	return &RuleRecord{
		Category: v.Category, DelayDays: int32(v.DelayDays), Channel: string(v.Channel), ScriptName: v.Script,
		Priority: int32(v.Priority), MaxAttempts: int32(v.MaxAttempts), RetrySpacingMinutes: int32(v.RetrySpacingMinutes),
		Ladder: v.Ladder, SMSTexts: v.SMSTexts, AskOnceDays: ptr(int32(v.AskOnceDays)),
	}
}

func (r *RuleRecord) equal(o *RuleRecord) bool {
	return r.Category == o.Category && r.DelayDays == o.DelayDays && r.Channel == o.Channel &&
		r.ScriptName == o.ScriptName && r.Priority == o.Priority && r.MaxAttempts == o.MaxAttempts &&
		r.RetrySpacingMinutes == o.RetrySpacingMinutes && slices.Equal(r.Ladder, o.Ladder) &&
		maps.Equal(r.SMSTexts, o.SMSTexts) &&
		(r.AskOnceDays == nil) == (o.AskOnceDays == nil) && (r.AskOnceDays == nil || *r.AskOnceDays == *o.AskOnceDays)
}

func ptr[T any](v T) *T { return &v }

// CalendarRecord is the calendar row as the audit log keeps it.
type CalendarRecord struct {
	WorkingDays  []bool            `json:"working_days"` // Sunday first, as time.Weekday
	Holidays     []string          `json:"holidays"`     // ISO dates, in order
	HolidayNames map[string]string `json:"holiday_names"`
	WindowStart  int               `json:"window_start"` // minutes since midnight
	WindowEnd    int               `json:"window_end"`
}

func calendarRecordOf(workingDays []bool, holidays []time.Time, names []byte, start, end int16) (*CalendarRecord, error) {
	c := &CalendarRecord{WorkingDays: workingDays, Holidays: []string{}, HolidayNames: map[string]string{},
		WindowStart: int(start), WindowEnd: int(end)}
	for _, h := range holidays {
		c.Holidays = append(c.Holidays, h.Format(time.DateOnly))
	}
	slices.Sort(c.Holidays)
	if len(names) > 0 {
		if err := json.Unmarshal(names, &c.HolidayNames); err != nil {
			return nil, fmt.Errorf("reading holiday names: %w", err)
		}
	}
	return c, nil
}

func calendarRecordFrom(cal schedule.Calendar, names map[string]string) *CalendarRecord {
	c := &CalendarRecord{WorkingDays: cal.WorkingDays[:], Holidays: []string{}, HolidayNames: map[string]string{},
		WindowStart: int(cal.WindowStart), WindowEnd: int(cal.WindowEnd)}
	for _, h := range cal.Holidays {
		c.Holidays = append(c.Holidays, h.String())
		if n := names[h.String()]; n != "" {
			c.HolidayNames[h.String()] = n
		}
	}
	return c
}

func (c *CalendarRecord) equal(o *CalendarRecord) bool {
	a, _ := json.Marshal(c) // maps marshal with sorted keys
	b, _ := json.Marshal(o)
	return string(a) == string(b)
}

// silenceRecord is the neutral ranges as the audit log keeps them.
type silenceRecord struct {
	RatingLo int `json:"rating_lo"`
	RatingHi int `json:"rating_hi"`
	NPSLo    int `json:"nps_lo"`
	NPSHi    int `json:"nps_hi"`
}
