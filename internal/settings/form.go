package settings

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/survey"
)

// The forms of the rules page are read here, by pure functions, so that
// every refusal can be table-tested without a server or a database. Each
// refusal is an invalid.Problem on the form field it is about; text
// quoted from the form is a string argument, a date or time a
// schedule.Date or schedule.Clock, a line number an int.

// RuleInput is a rule form as typed. Every field stays text so that a
// refused form is shown again exactly as it was typed.
type RuleInput struct {
	Category     string
	DelayDays    string
	Channel      string
	Script       string
	Priority     string
	MaxAttempts  string
	RetryHours   string
	RetryMinutes string
	AskOnceDays  string
	// The channel ladder after the first step (Channel): how many hours to
	// wait for an answer, then the next channel; an empty channel ends it.
	WaitHours  string
	Channel2   string
	Wait2Hours string
	Channel3   string
	// SMSTexts are the first SMS texts by language ("fa", "en") as typed;
	// a language missing keeps the stored text (a new rule's default).
	SMSTexts map[string]string
}

// Rule is a rule ready to store.
type Rule struct {
	Category            string
	DelayDays           int
	Channel             schedule.Channel // the ladder's first step
	Ladder              schedule.Ladder
	Script              string
	Priority            int
	MaxAttempts         int
	RetrySpacingMinutes int
	AskOnceDays         int // a customer is asked at most once in this many days; 0 asks about every sale
	// SMSTexts holds the languages the form sent; SaveRule keeps the
	// stored text of the others.
	SMSTexts survey.Openings
}

// SMSLangs are the languages a rule has a first SMS text in, in the
// order the rules page shows them.
var SMSLangs = []i18n.Lang{i18n.FA, i18n.EN}

// MaxSMSSegments is the most SMS parts a rule's first text may take,
// answer hint and opt-out line included: past it a survey costs more to
// start than a customer will read.
const MaxSMSSegments = 4

// SMSField is the form field of a language's first SMS text.
func SMSField(l i18n.Lang) string { return "sms_text_" + string(l) }

// NormalizeSMSText is a typed first text as it is measured and stored:
// browsers send a textarea's line breaks as CRLF, and a CR would count.
func NormalizeSMSText(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
}

// MeasureSMSText measures the first message a typed opening makes, with
// what the survey adds after it (survey.SMS.AfterOpening).
func MeasureSMSText(text, after string) survey.Measurement {
	parts := []string{}
	for _, p := range []string{NormalizeSMSText(text), after} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return survey.Measure(strings.Join(parts, "\n"))
}

// parseSMSTexts checks the first texts the form sent. after holds, by
// language, what the survey of the rule's script adds after the opening.
func parseSMSTexts(in map[string]string, after map[string]string) (survey.Openings, invalid.Problems) {
	var probs invalid.Problems
	var out survey.Openings
	for _, l := range SMSLangs {
		typed, sent := in[string(l)]
		if !sent {
			continue
		}
		field, name := SMSField(l), invalid.Term("lang."+string(l))
		text := NormalizeSMSText(typed)
		switch {
		case text == "":
			probs = append(probs, invalid.New(field, "rules.sms_text_missing", name)...)
		case !utf8.ValidString(text) || strings.IndexFunc(text, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) >= 0:
			probs = append(probs, invalid.New(field, "rules.sms_text_invalid", name)...)
		default:
			if m := MeasureSMSText(text, after[string(l)]); m.Segments > MaxSMSSegments {
				probs = append(probs, invalid.New(field, "rules.sms_text_long", name, m.Segments, MaxSMSSegments)...)
			}
		}
		if out == nil {
			out = survey.Openings{}
		}
		out[string(l)] = text
	}
	return out, probs
}

// Bounds of the followup_rules columns, as its CHECK constraints have them,
// and of the holidays a form may list.
const (
	maxDelayDays    = 365
	maxAskOnceDays  = 365
	maxPriority     = 100
	maxAttempts     = 20
	maxRetryMinutes = 30 * 24 * 60
	maxHolidayName  = 100
	maxHolidayLines = 400
	maxWaitHours    = 30 * 24
)

// Channels says which channels can be used: Automated when Twilio is
// configured (without it nothing could send an SMS or place a call), Calls
// when calls can be placed (a sender number, not only a messaging service).
type Channels struct {
	Automated, Calls bool
}

// ParseRule checks a rule form against the scripts that exist. adding is
// true for a rule for a new category, whose name is normalised as sales'
// categories are; an edited rule keeps the category it is stored under.
// It returns every problem at once.
// after holds, by language, what the survey of the chosen script adds
// after a first SMS text, for measuring it.
func ParseRule(in RuleInput, adding bool, scripts []string, ch Channels, after map[string]string) (Rule, invalid.Problems) {
	var probs invalid.Problems
	add := func(field, code string, args ...any) { probs = append(probs, invalid.New(field, code, args...)...) }
	var v Rule

	v.Category = in.Category
	if adding {
		v.Category = sales.Category(in.Category)
		switch {
		case v.Category == "":
			add("category", "rules.category_missing")
		case !utf8.ValidString(v.Category) || strings.IndexFunc(v.Category, unicode.IsControl) >= 0:
			add("category", "rules.category_invalid")
		case utf8.RuneCountInString(v.Category) > sales.MaxCategory:
			add("category", "rules.category_long")
		}
	}

	var ok bool
	if v.DelayDays, ok = i18n.WholeNumber(in.DelayDays, 0, maxDelayDays); !ok {
		add("delay_days", "rules.delay_days")
	}

	if v.AskOnceDays, ok = i18n.WholeNumber(in.AskOnceDays, 0, maxAskOnceDays); !ok {
		add("ask_once_days", "rules.ask_once_days")
	}

	var ladderProbs invalid.Problems
	v.Ladder, ladderProbs = parseLadder(in, ch)
	probs = append(probs, ladderProbs...)
	v.Channel = schedule.Channel(strings.TrimSpace(in.Channel))

	v.Script = strings.TrimSpace(in.Script)
	switch {
	case v.Script == "":
		add("script", "rules.script_missing")
	case !slices.Contains(scripts, v.Script):
		add("script", "rules.script_unknown", shorten(v.Script, 60))
	}

	if v.Priority, ok = i18n.WholeNumber(in.Priority, 0, maxPriority); !ok {
		add("priority", "rules.priority")
	}
	if v.MaxAttempts, ok = i18n.WholeNumber(in.MaxAttempts, 1, maxAttempts); !ok {
		add("max_attempts", "rules.max_attempts")
	}

	// Hours and minutes may each be left empty, not both.
	h, m := strings.TrimSpace(in.RetryHours), strings.TrimSpace(in.RetryMinutes)
	hours, hok := 0, true
	if h != "" {
		hours, hok = i18n.WholeNumber(h, 0, maxRetryMinutes/60)
	}
	minutes, mok := 0, true
	if m != "" {
		minutes, mok = i18n.WholeNumber(m, 0, maxRetryMinutes)
	}
	v.RetrySpacingMinutes = hours*60 + minutes
	if h == "" && m == "" || !hok || !mok || v.RetrySpacingMinutes < 1 || v.RetrySpacingMinutes > maxRetryMinutes {
		add("retry_spacing", "rules.retry_spacing")
	}

	var smsProbs invalid.Problems
	v.SMSTexts, smsProbs = parseSMSTexts(in.SMSTexts, after)
	probs = append(probs, smsProbs...)

	if len(probs) > 0 {
		return Rule{}, probs
	}
	return v, nil
}

// parseLadder reads the channel fields into a ladder: a channel that
// cannot be used is the channel field's problem, a wait the wait field's,
// and an order the ladder refuses the ladder's.
func parseLadder(in RuleInput, ch Channels) (schedule.Ladder, invalid.Problems) {
	fields := []struct{ channel, wait, channelField, waitField string }{
		{in.Channel, in.WaitHours, "channel", "wait_hours"},
		{in.Channel2, in.Wait2Hours, "channel2", "wait2_hours"},
		{in.Channel3, "", "channel3", ""},
	}
	var ladder schedule.Ladder
	var probs invalid.Problems
	for i, f := range fields {
		c := schedule.Channel(strings.TrimSpace(f.channel))
		if c == "" && i > 0 {
			break
		}
		switch c {
		case schedule.ChannelAgent:
		case schedule.ChannelSMS, schedule.ChannelVoice, schedule.ChannelLink:
			if !ch.Automated {
				// Valid in the schema, but nothing can send them until
				// Twilio is configured: a rule set to them would strand
				// its follow-ups.
				probs = append(probs, invalid.New(f.channelField, "rules.channel_automated")...)
			} else if c == schedule.ChannelVoice && !ch.Calls {
				probs = append(probs, invalid.New(f.channelField, "rules.channel_voice")...)
			}
		default:
			probs = append(probs, invalid.New(f.channelField, "rules.channel")...)
		}
		ladder = append(ladder, schedule.Step{Channel: c})
		if i > 0 {
			prev := fields[i-1]
			hours, ok := i18n.WholeNumber(prev.wait, 1, maxWaitHours)
			if !ok {
				probs = append(probs, invalid.New(prev.waitField, "rules.wait_hours")...)
			}
			ladder[i-1].WaitMinutes = hours * 60
		}
	}
	if len(probs) == 0 {
		if err := ladder.Validate(); err != nil {
			probs = invalid.New("ladder", "rules.ladder")
		}
	}
	return ladder, probs
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// CalendarInput is the calendar form as typed.
type CalendarInput struct {
	WorkingDays []string // checked weekdays, "0" for Sunday as time.Weekday
	Holidays    string   // one date and name per line, the date as Lang types it (i18n.ParseDate)
	WindowStart string   // "HH:MM"
	WindowEnd   string   // "HH:MM"; "00:00" means midnight at the end of the day
	Lang        i18n.Lang
}

// ParseCalendar reads the calendar form and validates the result with
// schedule.Calendar.Validate. names holds the holidays' names by ISO date.
// A field may have several problems where lines differ.
func ParseCalendar(in CalendarInput) (cal schedule.Calendar, names map[string]string, probs invalid.Problems) {
	add := func(field, code string, args ...any) { probs = append(probs, invalid.New(field, code, args...)...) }

	for _, d := range in.WorkingDays {
		if n, ok := i18n.WholeNumber(d, 0, 6); ok {
			cal.WorkingDays[n] = true
		}
	}
	if !slices.Contains(cal.WorkingDays[:], true) {
		add("working_days", "calendar.working_days")
	}

	names = map[string]string{}
	seen := map[schedule.Date]int{}
	lines := strings.Split(strings.ReplaceAll(in.Holidays, "\r\n", "\n"), "\n")
	count := 0
	for i, line := range lines {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		count++
		if count > maxHolidayLines {
			add("holidays", "calendar.holidays_too_many", maxHolidayLines)
			break
		}
		n := i + 1
		field, name := line, ""
		if j := strings.IndexFunc(line, unicode.IsSpace); j >= 0 {
			field, name = line[:j], line[j:]
		}
		day, bad := i18n.ParseDate(in.Lang, "holidays", field)
		if bad != nil {
			add("holidays", "calendar.holiday_date", n, bad[0])
			continue
		}
		d := schedule.Date{Year: day.Year(), Month: day.Month(), Day: day.Day()}
		if first, dup := seen[d]; dup {
			add("holidays", "calendar.holiday_duplicate", n, typedDate{in.Lang, day}, first)
			continue
		}
		seen[d] = n
		name = persianLetters.Replace(strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(name), "-–—:,،;")))
		if utf8.RuneCountInString(name) > maxHolidayName || strings.IndexFunc(name, unicode.IsControl) >= 0 || !utf8.ValidString(name) {
			add("holidays", "calendar.holiday_name", n, maxHolidayName)
			continue
		}
		cal.Holidays = append(cal.Holidays, d)
		if name != "" {
			names[d.String()] = name
		}
	}
	slices.SortFunc(cal.Holidays, func(a, b schedule.Date) int { return strings.Compare(a.String(), b.String()) })

	start, startErr := schedule.ParseClock(i18n.ASCIIDigits(strings.TrimSpace(in.WindowStart)))
	if startErr != nil {
		add("window_start", "calendar.window_start")
	}
	end, endErr := schedule.ParseClock(i18n.ASCIIDigits(strings.TrimSpace(in.WindowEnd)))
	if endErr != nil {
		add("window_end", "calendar.window_end")
	}
	// A time input cannot show 24:00, so midnight as an end is 00:00.
	if end == 0 && endErr == nil {
		end = 24 * 60
	}
	if startErr == nil && endErr == nil && end <= start {
		add("window_end", "calendar.window_order", start, end)
	}
	cal.WindowStart, cal.WindowEnd = start, end

	if len(probs) > 0 {
		return schedule.Calendar{}, nil, probs
	}
	// Validate has the last word, for anything the checks above let
	// through; its message is the calendar's own.
	if err := cal.Validate(); err != nil {
		return schedule.Calendar{}, nil, invalid.New("calendar", "calendar.other", err.Error())
	}
	return cal, names, nil
}

// typedDate is a date as its reader types it, for a message to quote; a
// fmt.Stringer, so that the message writes it in its own reader's digits.
type typedDate struct {
	lang i18n.Lang
	day  time.Time
}

func (d typedDate) String() string { return i18n.DateValue(d.lang, d.day) }

// persianLetters folds the Arabic yeh and kaf that Persian keyboards mix in,
// as sales does for names.
var persianLetters = strings.NewReplacer("ي", "ی", "ك", "ک")
