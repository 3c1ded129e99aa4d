package settings

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/survey"
)

// goodRule is a valid edit of the default rule; each case changes a field.
var goodRule = RuleInput{
	DelayDays: "7", Channel: "agent", Script: "default", Priority: "50", MaxAttempts: "3",
	RetryHours: "24", RetryMinutes: "0", AskOnceDays: "30",
}

func TestParseRule(t *testing.T) {
	t.Parallel()
	scripts := []string{"default", "glasses-check"}
	with := func(f func(*RuleInput)) RuleInput {
		in := goodRule
		f(&in)
		return in
	}
	tests := []struct {
		name   string
		in     RuleInput
		adding bool
		// automated: Twilio is configured.
		automated bool
		want      Rule              // checked when wantProblems is empty; no Ladder means the channel alone
		wantP     map[string]string // field → message key
	}{
		{
			name: "asking about every sale is zero days, in Persian digits",
			in:   with(func(r *RuleInput) { r.AskOnceDays = " ۰ " }),
			want: Rule{DelayDays: 7, AskOnceDays: 0, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440},
		},
		{name: "ask once in 366 days is too long", in: with(func(r *RuleInput) { r.AskOnceDays = "366" }), wantP: map[string]string{"ask_once_days": "rules.ask_once_days"}},
		{name: "ask once days missing", in: with(func(r *RuleInput) { r.AskOnceDays = "" }), wantP: map[string]string{"ask_once_days": "rules.ask_once_days"}},
		{name: "ask once days negative", in: with(func(r *RuleInput) { r.AskOnceDays = "-1" }), wantP: map[string]string{"ask_once_days": "rules.ask_once_days"}},
		{
			name: "valid default rule",
			in:   goodRule,
			want: Rule{DelayDays: 7, AskOnceDays: 30, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440},
		},
		{
			name:   "new category is trimmed, folded and lower-cased as sales are",
			in:     with(func(r *RuleInput) { r.Category = "  Glasses عينك " }),
			adding: true,
			want:   Rule{Category: "glasses عینک", DelayDays: 7, AskOnceDays: 30, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440},
		},
		{
			name: "an edited rule keeps its stored key",
			in:   with(func(r *RuleInput) { r.Category = "Odd Key " }),
			want: Rule{Category: "Odd Key ", DelayDays: 7, AskOnceDays: 30, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440},
		},
		{
			name: "Persian digits and bounds",
			in: RuleInput{DelayDays: "۳۶۵", Channel: "agent", Script: "glasses-check", Priority: "۰", MaxAttempts: "20",
				RetryMinutes: "1", AskOnceDays: "۳۶۵"},
			want: Rule{DelayDays: 365, AskOnceDays: 365, Channel: schedule.ChannelAgent, Script: "glasses-check", Priority: 0, MaxAttempts: 20, RetrySpacingMinutes: 1},
		},
		{
			name: "hours and minutes add up",
			in:   with(func(r *RuleInput) { r.RetryHours, r.RetryMinutes = "1", "90" }),
			want: Rule{DelayDays: 7, AskOnceDays: 30, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 150},
		},
		{
			name: "30 days of spacing is the most",
			in:   with(func(r *RuleInput) { r.RetryHours, r.RetryMinutes = "720", "" }),
			want: Rule{DelayDays: 7, AskOnceDays: 30, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 43200},
		},
		{name: "delay 400", in: with(func(r *RuleInput) { r.DelayDays = "400" }), wantP: map[string]string{"delay_days": "rules.delay_days"}},
		{name: "delay negative", in: with(func(r *RuleInput) { r.DelayDays = "-1" }), wantP: map[string]string{"delay_days": "rules.delay_days"}},
		{name: "delay fraction", in: with(func(r *RuleInput) { r.DelayDays = "1.5" }), wantP: map[string]string{"delay_days": "rules.delay_days"}},
		{name: "delay empty", in: with(func(r *RuleInput) { r.DelayDays = "" }), wantP: map[string]string{"delay_days": "rules.delay_days"}},
		{name: "channel sms", in: with(func(r *RuleInput) { r.Channel = "sms" }), wantP: map[string]string{"channel": "rules.channel_automated"}},
		{name: "channel voice", in: with(func(r *RuleInput) { r.Channel = "voice" }), wantP: map[string]string{"channel": "rules.channel_automated"}},
		{name: "sms with Twilio", automated: true, in: with(func(r *RuleInput) { r.Channel = "sms" }),
			want: Rule{DelayDays: 7, AskOnceDays: 30, Channel: schedule.ChannelSMS, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440}},
		{name: "ladder sms, voice, agent", automated: true, in: with(func(r *RuleInput) {
			r.Channel, r.WaitHours, r.Channel2, r.Wait2Hours, r.Channel3 = "sms", "۲۴", "voice", "48", "agent"
		}), want: Rule{DelayDays: 7, AskOnceDays: 30, Channel: schedule.ChannelSMS, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440,
			Ladder: schedule.Ladder{{Channel: "sms", WaitMinutes: 24 * 60}, {Channel: "voice", WaitMinutes: 48 * 60}, {Channel: "agent"}}}},
		{name: "ladder ignores a wait with no next channel", automated: true, in: with(func(r *RuleInput) { r.Channel, r.WaitHours = "sms", "5" }),
			want: Rule{DelayDays: 7, AskOnceDays: 30, Channel: schedule.ChannelSMS, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440}},
		{name: "ladder needs a wait", automated: true, in: with(func(r *RuleInput) { r.Channel, r.Channel2 = "sms", "agent" }),
			wantP: map[string]string{"wait_hours": "rules.wait_hours"}},
		{name: "ladder agent first", automated: true, in: with(func(r *RuleInput) { r.WaitHours, r.Channel2 = "3", "sms" }),
			wantP: map[string]string{"ladder": "rules.ladder"}},
		{name: "ladder voice without Twilio", in: with(func(r *RuleInput) { r.WaitHours, r.Channel2 = "3", "voice" }),
			wantP: map[string]string{"channel2": "rules.channel_automated"}},
		{name: "channel unknown", in: with(func(r *RuleInput) { r.Channel = "fax" }), wantP: map[string]string{"channel": "rules.channel"}},
		{name: "script unknown", in: with(func(r *RuleInput) { r.Script = "pitch" }), wantP: map[string]string{"script": "rules.script_unknown"}},
		{name: "script empty", in: with(func(r *RuleInput) { r.Script = " " }), wantP: map[string]string{"script": "rules.script_missing"}},
		{name: "priority 101", in: with(func(r *RuleInput) { r.Priority = "101" }), wantP: map[string]string{"priority": "rules.priority"}},
		{name: "attempts 0", in: with(func(r *RuleInput) { r.MaxAttempts = "0" }), wantP: map[string]string{"max_attempts": "rules.max_attempts"}},
		{name: "attempts 21", in: with(func(r *RuleInput) { r.MaxAttempts = "21" }), wantP: map[string]string{"max_attempts": "rules.max_attempts"}},
		{name: "spacing empty", in: with(func(r *RuleInput) { r.RetryHours, r.RetryMinutes = "", "" }), wantP: map[string]string{"retry_spacing": "rules.retry_spacing"}},
		{name: "spacing zero", in: with(func(r *RuleInput) { r.RetryHours, r.RetryMinutes = "0", "0" }), wantP: map[string]string{"retry_spacing": "rules.retry_spacing"}},
		{name: "spacing over 30 days", in: with(func(r *RuleInput) { r.RetryHours, r.RetryMinutes = "720", "1" }), wantP: map[string]string{"retry_spacing": "rules.retry_spacing"}},
		{name: "spacing not a number", in: with(func(r *RuleInput) { r.RetryHours = "a day" }), wantP: map[string]string{"retry_spacing": "rules.retry_spacing"}},
		{name: "missing category", in: with(func(r *RuleInput) { r.Category = "   " }), adding: true, wantP: map[string]string{"category": "rules.category_missing"}},
		{name: "category too long", in: with(func(r *RuleInput) { r.Category = strings.Repeat("x", 201) }), adding: true, wantP: map[string]string{"category": "rules.category_long"}},
		{name: "category with a line break", in: with(func(r *RuleInput) { r.Category = "a\nb" }), adding: true, wantP: map[string]string{"category": "rules.category_invalid"}},
		{
			name: "every problem at once",
			in:   RuleInput{DelayDays: "x", Channel: "sms", Script: "nope", Priority: "-3", MaxAttempts: "99", RetryHours: "0", AskOnceDays: "y"},
			wantP: map[string]string{
				"delay_days": "rules.delay_days", "ask_once_days": "rules.ask_once_days", "channel": "rules.channel_automated",
				"script": "rules.script_unknown", "priority": "rules.priority",
				"max_attempts": "rules.max_attempts", "retry_spacing": "rules.retry_spacing",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, probs := ParseRule(tt.in, tt.adding, scripts, Channels{tt.automated, tt.automated}, nil)
			if tt.want.Ladder == nil {
				tt.want.Ladder = schedule.SingleStep(tt.want.Channel)
			}
			keys := map[string]string{}
			for _, p := range probs {
				keys[p.Field] = p.Code
			}
			if tt.wantP == nil {
				tt.wantP = map[string]string{}
			}
			if !maps.Equal(keys, tt.wantP) {
				t.Fatalf("problems %v, want %v", keys, tt.wantP)
			}
			if len(tt.wantP) == 0 && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("parseRule = %+v, want %+v", got, tt.want)
			}
			if len(tt.wantP) == 0 {
				r := schedule.Rule{DelayDays: got.DelayDays, Channel: got.Channel, Priority: got.Priority,
					MaxAttempts: got.MaxAttempts, RetrySpacing: time.Duration(got.RetrySpacingMinutes) * time.Minute}
				if err := r.Validate(); err != nil {
					t.Errorf("accepted a rule the schedule refuses: %v", err)
				}
			}
			if len(tt.wantP) > 0 && !reflect.DeepEqual(got, Rule{}) {
				t.Errorf("a refused rule came back with values %+v", got)
			}
			// Every message exists in both languages and names its field.
			for _, p := range probs {
				for _, l := range []i18n.Lang{i18n.EN, i18n.FA} {
					if txt := i18n.Problem(l, p); txt == "invalid."+p.Code || !strings.Contains(txt, ":") {
						t.Errorf("%s in %s: %q does not name its field", p.Field, l, txt)
					}
				}
			}
		})
	}
}

func TestParseRuleUnknownScriptIsNamed(t *testing.T) {
	t.Parallel()
	in := goodRule
	in.Script = "sales-pitch"
	_, probs := ParseRule(in, false, []string{"default"}, Channels{}, nil)
	if got := i18n.Problem(i18n.EN, probs.On("script")[0]); !strings.Contains(got, "“sales-pitch”") {
		t.Errorf("message %q does not name the script", got)
	}
}

func TestParseCalendar(t *testing.T) {
	t.Parallel()
	iran := []string{"6", "0", "1", "2", "3"}
	date := func(s string) schedule.Date {
		d, err := schedule.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name      string
		in        CalendarInput
		want      schedule.Calendar
		wantNames map[string]string
		wantP     map[string][]string
	}{
		{
			name: "Iranian week with named and unnamed holidays",
			in: CalendarInput{WorkingDays: iran, WindowStart: "10:00", WindowEnd: "19:00",
				Holidays: "2026-03-22 Nowruz 2\r\n\n  2026-03-21   —  Nowruz\n۲۰۲۶-۰۴-۰۱\tروز جمهوری اسلامی\n2026-06-04 عيد"},
			want: schedule.Calendar{
				WorkingDays: [7]bool{true, true, true, true, false, false, true},
				Holidays:    []schedule.Date{date("2026-03-21"), date("2026-03-22"), date("2026-04-01"), date("2026-06-04")},
				WindowStart: 600, WindowEnd: 1140,
			},
			wantNames: map[string]string{"2026-03-21": "Nowruz", "2026-03-22": "Nowruz 2", "2026-04-01": "روز جمهوری اسلامی", "2026-06-04": "عید"},
		},
		{
			name: "an end of 00:00 is midnight",
			in:   CalendarInput{WorkingDays: []string{"1"}, WindowStart: "08:30", WindowEnd: "00:00"},
			want: schedule.Calendar{WorkingDays: [7]bool{false, true}, WindowStart: 510, WindowEnd: 1440},
		},
		{
			name:  "window end before start",
			in:    CalendarInput{WorkingDays: iran, WindowStart: "19:00", WindowEnd: "10:00"},
			wantP: map[string][]string{"window_end": {"calendar.window_order"}},
		},
		{
			name:  "window of no length",
			in:    CalendarInput{WorkingDays: iran, WindowStart: "10:00", WindowEnd: "10:00"},
			wantP: map[string][]string{"window_end": {"calendar.window_order"}},
		},
		{
			name:  "no working day",
			in:    CalendarInput{WindowStart: "10:00", WindowEnd: "19:00"},
			wantP: map[string][]string{"working_days": {"calendar.working_days"}},
		},
		{
			name: "bad holiday dates, one message per line",
			in: CalendarInput{WorkingDays: iran, WindowStart: "10:00", WindowEnd: "19:00",
				Holidays: "2026-02-30 no such day\n21/03/2026\n2026-03-21\n2026-03-21 again"},
			wantP: map[string][]string{"holidays": {"calendar.holiday_date", "calendar.holiday_date", "calendar.holiday_duplicate"}},
		},
		{
			name: "holiday name too long",
			in: CalendarInput{WorkingDays: iran, WindowStart: "10:00", WindowEnd: "19:00",
				Holidays: "2026-03-21 " + strings.Repeat("n", 101)},
			wantP: map[string][]string{"holidays": {"calendar.holiday_name"}},
		},
		{
			name:  "times that are not times",
			in:    CalendarInput{WorkingDays: iran, WindowStart: "", WindowEnd: "25:00"},
			wantP: map[string][]string{"window_start": {"calendar.window_start"}, "window_end": {"calendar.window_end"}},
		},
		{
			name:  "unknown weekday values are ignored",
			in:    CalendarInput{WorkingDays: []string{"7", "-1", "x"}, WindowStart: "10:00", WindowEnd: "19:00"},
			wantP: map[string][]string{"working_days": {"calendar.working_days"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cal, names, probs := ParseCalendar(tt.in)
			keys := map[string][]string{}
			for _, p := range probs {
				keys[p.Field] = append(keys[p.Field], p.Code)
			}
			if tt.wantP == nil {
				tt.wantP = map[string][]string{}
			}
			if !maps.EqualFunc(keys, tt.wantP, slices.Equal) {
				t.Fatalf("problems %v, want %v", keys, tt.wantP)
			}
			if len(tt.wantP) > 0 {
				return
			}
			if cal.WorkingDays != tt.want.WorkingDays || cal.WindowStart != tt.want.WindowStart ||
				cal.WindowEnd != tt.want.WindowEnd || !slices.Equal(cal.Holidays, tt.want.Holidays) {
				t.Errorf("calendar %+v, want %+v", cal, tt.want)
			}
			if tt.wantNames == nil {
				tt.wantNames = map[string]string{}
			}
			if !maps.Equal(names, tt.wantNames) {
				t.Errorf("names %q, want %q", names, tt.wantNames)
			}
			if err := cal.Validate(); err != nil {
				t.Errorf("accepted a calendar that does not validate: %v", err)
			}
		})
	}
}

func TestParseRuleVoiceNeedsASenderNumber(t *testing.T) {
	t.Parallel()
	in := goodRule
	in.Channel, in.WaitHours, in.Channel2 = "sms", "24", "voice"
	_, probs := ParseRule(in, false, []string{"default"}, Channels{Automated: true}, nil)
	if ps := probs.On("channel2"); len(ps) != 1 || ps[0].Code != "rules.channel_voice" {
		t.Errorf("problems %v, want channel2 refused: calls need a sender number", probs)
	}
	in.Channel2 = "agent"
	if _, probs := ParseRule(in, false, []string{"default"}, Channels{Automated: true}, nil); len(probs) != 0 {
		t.Errorf("an SMS ladder refused without a sender number: %v", probs)
	}
}

// Each refusal of the calendar form is a typed problem on its own field,
// with the values its message quotes, whatever words schedule's own
// validation uses.
func TestParseCalendarProblemsAreTyped(t *testing.T) {
	t.Parallel()
	_, _, probs := ParseCalendar(CalendarInput{WorkingDays: []string{"9"}, WindowStart: "19:00", WindowEnd: "10:00"})
	want := invalid.Problems{
		{Field: "working_days", Code: "calendar.working_days"},
		{Field: "window_end", Code: "calendar.window_order", Args: []any{schedule.Clock(19 * 60), schedule.Clock(10 * 60)}},
	}
	if !reflect.DeepEqual(probs, want) {
		t.Fatalf("problems %#v, want %#v", probs, want)
	}
}

func TestParseRuleSMSTexts(t *testing.T) {
	t.Parallel()
	// What the default Persian script adds after the opening.
	after := map[string]string{"fa": "لطفاً عددی از ۱ تا ۵ بفرستید.\nبرای لغو این پیام‌ها «لغو» بفرستید.", "en": "Reply with a number from 1 to 5.\nReply STOP to stop these messages."}
	// Four UCS-2 parts hold 4×67 units: the opening, a line break, then the rest.
	most := 4*67 - 1 - survey.Measure(after["fa"]).Units
	for _, tc := range []struct {
		name  string
		texts map[string]string
		want  survey.Openings
		wantP map[string]string
	}{
		{"none sent keeps the stored ones", nil, nil, map[string]string{}},
		{"trimmed, CRLF as LF", map[string]string{"fa": "  سلام\r\nراضی هستید؟ ", "en": "Hi\r\nhappy?"},
			survey.Openings{"fa": "سلام\nراضی هستید؟", "en": "Hi\nhappy?"}, map[string]string{}},
		{"empty", map[string]string{"fa": " \r\n ", "en": "Hi"}, nil, map[string]string{"sms_text_fa": "rules.sms_text_missing"}},
		{"control character", map[string]string{"en": "Hi\tthere"}, nil, map[string]string{"sms_text_en": "rules.sms_text_invalid"}},
		{"five parts", map[string]string{"fa": strings.Repeat("س", most+1)}, nil, map[string]string{"sms_text_fa": "rules.sms_text_long"}},
		{"four parts is the most", map[string]string{"fa": strings.Repeat("س", most)}, survey.Openings{"fa": strings.Repeat("س", most)}, map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			in := goodRule
			in.SMSTexts = tc.texts
			got, probs := ParseRule(in, false, []string{"default"}, Channels{}, after)
			keys := map[string]string{}
			for _, p := range probs {
				keys[p.Field] = p.Code
			}
			if !maps.Equal(keys, tc.wantP) {
				t.Fatalf("problems %v, want %v", keys, tc.wantP)
			}
			if len(probs) == 0 && !maps.Equal(got.SMSTexts, tc.want) {
				t.Errorf("texts %q, want %q", got.SMSTexts, tc.want)
			}
		})
	}
}

func TestSMSTooLongSaysHowManyParts(t *testing.T) {
	t.Parallel()
	in := goodRule
	in.SMSTexts = map[string]string{"fa": strings.Repeat("س", 400)}
	_, probs := ParseRule(in, false, []string{"default"}, Channels{}, nil)
	if len(probs) != 1 {
		t.Fatalf("problems %v, want one", probs)
	}
	if got := i18n.Problem(i18n.FA, probs[0]); !strings.Contains(got, "فارسی") || !strings.Contains(got, "۶") || !strings.Contains(got, "۴") {
		t.Errorf("Persian message %q lacks the language, the six parts or the limit of four", got)
	}
	if got := i18n.Problem(i18n.EN, probs[0]); !strings.Contains(got, "Persian") || !strings.Contains(got, "6 SMS parts") {
		t.Errorf("English message %q lacks the language or the six parts", got)
	}
}
