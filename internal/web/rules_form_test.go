package web

import (
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/schedule"
)

// goodRule is a valid edit of the default rule; each case changes a field.
var goodRule = ruleInput{
	DelayDays: "7", Channel: "agent", Script: "default", Priority: "50", MaxAttempts: "3",
	RetryHours: "24", RetryMinutes: "0",
}

func TestParseRule(t *testing.T) {
	t.Parallel()
	scripts := []string{"default", "glasses-check"}
	with := func(f func(*ruleInput)) ruleInput {
		in := goodRule
		f(&in)
		return in
	}
	tests := []struct {
		name   string
		in     ruleInput
		adding bool
		// automated: Twilio is configured.
		automated bool
		want      ruleValues        // checked when wantProblems is empty; no Ladder means the channel alone
		wantP     map[string]string // field → message key
	}{
		{
			name: "valid default rule",
			in:   goodRule,
			want: ruleValues{DelayDays: 7, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440},
		},
		{
			name:   "new category is trimmed, folded and lower-cased as sales are",
			in:     with(func(r *ruleInput) { r.Category = "  Glasses عينك " }),
			adding: true,
			want:   ruleValues{Category: "glasses عینک", DelayDays: 7, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440},
		},
		{
			name: "an edited rule keeps its stored key",
			in:   with(func(r *ruleInput) { r.Category = "Odd Key " }),
			want: ruleValues{Category: "Odd Key ", DelayDays: 7, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440},
		},
		{
			name: "Persian digits and bounds",
			in: ruleInput{DelayDays: "۳۶۵", Channel: "agent", Script: "glasses-check", Priority: "۰", MaxAttempts: "20",
				RetryMinutes: "1"},
			want: ruleValues{DelayDays: 365, Channel: schedule.ChannelAgent, Script: "glasses-check", Priority: 0, MaxAttempts: 20, RetrySpacingMinutes: 1},
		},
		{
			name: "hours and minutes add up",
			in:   with(func(r *ruleInput) { r.RetryHours, r.RetryMinutes = "1", "90" }),
			want: ruleValues{DelayDays: 7, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 150},
		},
		{
			name: "30 days of spacing is the most",
			in:   with(func(r *ruleInput) { r.RetryHours, r.RetryMinutes = "720", "" }),
			want: ruleValues{DelayDays: 7, Channel: schedule.ChannelAgent, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 43200},
		},
		{name: "delay 400", in: with(func(r *ruleInput) { r.DelayDays = "400" }), wantP: map[string]string{"delay_days": "rules.problem.delay_days"}},
		{name: "delay negative", in: with(func(r *ruleInput) { r.DelayDays = "-1" }), wantP: map[string]string{"delay_days": "rules.problem.delay_days"}},
		{name: "delay fraction", in: with(func(r *ruleInput) { r.DelayDays = "1.5" }), wantP: map[string]string{"delay_days": "rules.problem.delay_days"}},
		{name: "delay empty", in: with(func(r *ruleInput) { r.DelayDays = "" }), wantP: map[string]string{"delay_days": "rules.problem.delay_days"}},
		{name: "channel sms", in: with(func(r *ruleInput) { r.Channel = "sms" }), wantP: map[string]string{"channel": "rules.problem.channel_automated"}},
		{name: "channel voice", in: with(func(r *ruleInput) { r.Channel = "voice" }), wantP: map[string]string{"channel": "rules.problem.channel_automated"}},
		{name: "sms with Twilio", automated: true, in: with(func(r *ruleInput) { r.Channel = "sms" }),
			want: ruleValues{DelayDays: 7, Channel: schedule.ChannelSMS, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440}},
		{name: "ladder sms, voice, agent", automated: true, in: with(func(r *ruleInput) {
			r.Channel, r.WaitHours, r.Channel2, r.Wait2Hours, r.Channel3 = "sms", "۲۴", "voice", "48", "agent"
		}), want: ruleValues{DelayDays: 7, Channel: schedule.ChannelSMS, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440,
			Ladder: schedule.Ladder{{Channel: "sms", WaitMinutes: 24 * 60}, {Channel: "voice", WaitMinutes: 48 * 60}, {Channel: "agent"}}}},
		{name: "ladder ignores a wait with no next channel", automated: true, in: with(func(r *ruleInput) { r.Channel, r.WaitHours = "sms", "5" }),
			want: ruleValues{DelayDays: 7, Channel: schedule.ChannelSMS, Script: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 1440}},
		{name: "ladder needs a wait", automated: true, in: with(func(r *ruleInput) { r.Channel, r.Channel2 = "sms", "agent" }),
			wantP: map[string]string{"wait_hours": "rules.problem.wait_hours"}},
		{name: "ladder agent first", automated: true, in: with(func(r *ruleInput) { r.WaitHours, r.Channel2 = "3", "sms" }),
			wantP: map[string]string{"ladder": "rules.problem.ladder"}},
		{name: "ladder voice without Twilio", in: with(func(r *ruleInput) { r.WaitHours, r.Channel2 = "3", "voice" }),
			wantP: map[string]string{"channel2": "rules.problem.channel_automated"}},
		{name: "channel unknown", in: with(func(r *ruleInput) { r.Channel = "fax" }), wantP: map[string]string{"channel": "rules.problem.channel"}},
		{name: "script unknown", in: with(func(r *ruleInput) { r.Script = "pitch" }), wantP: map[string]string{"script": "rules.problem.script_unknown"}},
		{name: "script empty", in: with(func(r *ruleInput) { r.Script = " " }), wantP: map[string]string{"script": "rules.problem.script_missing"}},
		{name: "priority 101", in: with(func(r *ruleInput) { r.Priority = "101" }), wantP: map[string]string{"priority": "rules.problem.priority"}},
		{name: "attempts 0", in: with(func(r *ruleInput) { r.MaxAttempts = "0" }), wantP: map[string]string{"max_attempts": "rules.problem.max_attempts"}},
		{name: "attempts 21", in: with(func(r *ruleInput) { r.MaxAttempts = "21" }), wantP: map[string]string{"max_attempts": "rules.problem.max_attempts"}},
		{name: "spacing empty", in: with(func(r *ruleInput) { r.RetryHours, r.RetryMinutes = "", "" }), wantP: map[string]string{"retry_spacing": "rules.problem.retry_spacing"}},
		{name: "spacing zero", in: with(func(r *ruleInput) { r.RetryHours, r.RetryMinutes = "0", "0" }), wantP: map[string]string{"retry_spacing": "rules.problem.retry_spacing"}},
		{name: "spacing over 30 days", in: with(func(r *ruleInput) { r.RetryHours, r.RetryMinutes = "720", "1" }), wantP: map[string]string{"retry_spacing": "rules.problem.retry_spacing"}},
		{name: "spacing not a number", in: with(func(r *ruleInput) { r.RetryHours = "a day" }), wantP: map[string]string{"retry_spacing": "rules.problem.retry_spacing"}},
		{name: "missing category", in: with(func(r *ruleInput) { r.Category = "   " }), adding: true, wantP: map[string]string{"category": "rules.problem.category_missing"}},
		{name: "category too long", in: with(func(r *ruleInput) { r.Category = strings.Repeat("x", 201) }), adding: true, wantP: map[string]string{"category": "rules.problem.category_long"}},
		{name: "category with a line break", in: with(func(r *ruleInput) { r.Category = "a\nb" }), adding: true, wantP: map[string]string{"category": "rules.problem.category_invalid"}},
		{
			name: "every problem at once",
			in:   ruleInput{DelayDays: "x", Channel: "sms", Script: "nope", Priority: "-3", MaxAttempts: "99", RetryHours: "0"},
			wantP: map[string]string{
				"delay_days": "rules.problem.delay_days", "channel": "rules.problem.channel_automated",
				"script": "rules.problem.script_unknown", "priority": "rules.problem.priority",
				"max_attempts": "rules.problem.max_attempts", "retry_spacing": "rules.problem.retry_spacing",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, probs := parseRule(tt.in, tt.adding, scripts, tt.automated, tt.automated)
			if tt.want.Ladder == nil {
				tt.want.Ladder = schedule.SingleStep(tt.want.Channel)
			}
			keys := map[string]string{}
			for f, p := range probs {
				keys[f] = p.Key
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
			if len(tt.wantP) > 0 && !reflect.DeepEqual(got, ruleValues{}) {
				t.Errorf("a refused rule came back with values %+v", got)
			}
			// Every message exists in both languages and names its field.
			for f, p := range probs {
				for _, l := range []i18n.Lang{i18n.EN, i18n.FA} {
					if txt := p.text(l); txt == p.Key || !strings.Contains(txt, ":") {
						t.Errorf("%s in %s: %q does not name its field", f, l, txt)
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
	_, probs := parseRule(in, false, []string{"default"}, false, false)
	if got := probs["script"].text(i18n.EN); !strings.Contains(got, "“sales-pitch”") {
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
		in        calendarInput
		want      schedule.Calendar
		wantNames map[string]string
		wantP     map[string][]string
	}{
		{
			name: "Iranian week with named and unnamed holidays",
			in: calendarInput{WorkingDays: iran, WindowStart: "10:00", WindowEnd: "19:00",
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
			in:   calendarInput{WorkingDays: []string{"1"}, WindowStart: "08:30", WindowEnd: "00:00"},
			want: schedule.Calendar{WorkingDays: [7]bool{false, true}, WindowStart: 510, WindowEnd: 1440},
		},
		{
			name:  "window end before start",
			in:    calendarInput{WorkingDays: iran, WindowStart: "19:00", WindowEnd: "10:00"},
			wantP: map[string][]string{"window_end": {"calendar.problem.window_order"}},
		},
		{
			name:  "window of no length",
			in:    calendarInput{WorkingDays: iran, WindowStart: "10:00", WindowEnd: "10:00"},
			wantP: map[string][]string{"window_end": {"calendar.problem.window_order"}},
		},
		{
			name:  "no working day",
			in:    calendarInput{WindowStart: "10:00", WindowEnd: "19:00"},
			wantP: map[string][]string{"working_days": {"calendar.problem.working_days"}},
		},
		{
			name: "bad holiday dates, one message per line",
			in: calendarInput{WorkingDays: iran, WindowStart: "10:00", WindowEnd: "19:00",
				Holidays: "2026-02-30 no such day\n21/03/2026\n2026-03-21\n2026-03-21 again"},
			wantP: map[string][]string{"holidays": {"calendar.problem.holiday_date", "calendar.problem.holiday_date", "calendar.problem.holiday_duplicate"}},
		},
		{
			name: "holiday name too long",
			in: calendarInput{WorkingDays: iran, WindowStart: "10:00", WindowEnd: "19:00",
				Holidays: "2026-03-21 " + strings.Repeat("n", 101)},
			wantP: map[string][]string{"holidays": {"calendar.problem.holiday_name"}},
		},
		{
			name:  "times that are not times",
			in:    calendarInput{WorkingDays: iran, WindowStart: "", WindowEnd: "25:00"},
			wantP: map[string][]string{"window_start": {"calendar.problem.window_start"}, "window_end": {"calendar.problem.window_end"}},
		},
		{
			name:  "unknown weekday values are ignored",
			in:    calendarInput{WorkingDays: []string{"7", "-1", "x"}, WindowStart: "10:00", WindowEnd: "19:00"},
			wantP: map[string][]string{"working_days": {"calendar.problem.working_days"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cal, names, probs := parseCalendar(tt.in)
			keys := map[string][]string{}
			for f, ps := range probs {
				for _, p := range ps {
					keys[f] = append(keys[f], p.Key)
				}
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

// Persian messages show numbers in Persian digits, and keep dates and
// times quoted in them in an isolate, so a right-to-left line does not
// reverse "۲۰۲۶-۰۱-۰۱".
func TestCalendarProblemsInPersian(t *testing.T) {
	t.Parallel()
	_, _, probs := parseCalendar(calendarInput{WorkingDays: []string{"6"}, WindowStart: "19:00", WindowEnd: "10:00",
		Holidays: "2026-01-01\n2026-01-01"})
	if got, want := probs["window_end"][0].text(i18n.FA), "از \u2068۱۹:۰۰\u2069 تا \u2068۱۰:۰۰\u2069"; !strings.Contains(got, want) {
		t.Errorf("window order in Persian: %q, want it to contain %q", got, want)
	}
	if got, want := probs["holidays"][0].text(i18n.FA), "سطر ۲: تاریخ \u2068۲۰۲۶-۰۱-۰۱\u2069 در سطر ۱"; !strings.Contains(got, want) {
		t.Errorf("duplicate holiday in Persian: %q, want it to contain %q", got, want)
	}
}

func TestSpacingText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang    i18n.Lang
		minutes int
		want    string
	}{
		{i18n.EN, 1440, "24 h"},
		{i18n.EN, 90, "1 h 30 min"},
		{i18n.EN, 45, "45 min"},
		{i18n.FA, 1440, "۲۴ ساعت"},
		{i18n.FA, 90, "۱ ساعت و ۳۰ دقیقه"},
	}
	for _, tt := range tests {
		if got := spacingText(tt.lang, tt.minutes); got != tt.want {
			t.Errorf("spacingText(%s, %d) = %q, want %q", tt.lang, tt.minutes, got, tt.want)
		}
	}
}

func TestWeekOrder(t *testing.T) {
	t.Parallel()
	if got := weekOrder(i18n.FA)[0]; got != time.Saturday {
		t.Errorf("Persian week starts on %s, want Saturday", got)
	}
	if got := weekOrder(i18n.EN)[0]; got != time.Monday {
		t.Errorf("English week starts on %s, want Monday", got)
	}
	if got := daysText(i18n.FA, []bool{true, false, false, false, false, false, true}); got != "شنبه، یکشنبه" {
		t.Errorf("daysText(FA, Sat+Sun) = %q", got)
	}
}

func TestParseRuleVoiceNeedsASenderNumber(t *testing.T) {
	t.Parallel()
	in := goodRule
	in.Channel, in.WaitHours, in.Channel2 = "sms", "24", "voice"
	_, probs := parseRule(in, false, []string{"default"}, true, false)
	if probs["channel2"].Key != "rules.problem.channel_voice" {
		t.Errorf("problems %v, want channel2 refused: calls need a sender number", probs)
	}
	in.Channel2 = "agent"
	if _, probs := parseRule(in, false, []string{"default"}, true, false); len(probs) != 0 {
		t.Errorf("an SMS ladder refused without a sender number: %v", probs)
	}
}
