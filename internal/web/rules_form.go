package web

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/schedule"
)

// The forms of the rules page are read here, by pure functions, so that
// every refusal can be table-tested without a server or a database.

// problem is one thing wrong with a form field: a message key and its
// arguments. Whole numbers and numerals among the arguments are written in
// the reader's digits when the message is shown; other text is shown as
// typed.
type problem struct {
	Key  string
	Args []any
}

// numeral is text made of digits, such as a date or a time of day.
type numeral string

func (p problem) text(l i18n.Lang) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		switch v := a.(type) {
		case int:
			a = i18n.Number(l, int64(v))
		case numeral:
			a = isolate(l, i18n.Digits(l, string(v)))
		case string:
			a = isolate(l, v)
		}
		args[i] = a
	}
	return i18n.T(l, p.Key, args...)
}

// isolate keeps text quoted in a Persian sentence in its own order: in a
// right-to-left line "2026-02-30" or "۲۰۲۶-۰۳-۲۱" would otherwise be drawn
// as "30-02-2026", since digits after Persian letters take the line's
// direction. It adds FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE.
func isolate(l i18n.Lang, s string) string {
	if l != i18n.FA {
		return s
	}
	return "\u2068" + s + "\u2069"
}

// ruleInput is a rule form as typed. Every field stays text so that a
// refused form is shown again exactly as it was typed.
type ruleInput struct {
	Category     string
	DelayDays    string
	Channel      string
	Script       string
	Priority     string
	MaxAttempts  string
	RetryHours   string
	RetryMinutes string
	// The channel ladder after the first step (Channel): how many hours to
	// wait for an answer, then the next channel; an empty channel ends it.
	WaitHours  string
	Channel2   string
	Wait2Hours string
	Channel3   string
}

// ruleValues is a rule ready to store.
type ruleValues struct {
	Category            string
	DelayDays           int
	Channel             schedule.Channel // the ladder's first step
	Ladder              schedule.Ladder
	Script              string
	Priority            int
	MaxAttempts         int
	RetrySpacingMinutes int
}

// Bounds of the followup_rules columns, as its CHECK constraints have them,
// and of the holidays a form may list.
const (
	maxDelayDays    = 365
	maxPriority     = 100
	maxAttempts     = 20
	maxRetryMinutes = 30 * 24 * 60
	maxHolidayName  = 100
	maxHolidayLines = 400
	maxWaitHours    = 30 * 24
)

// parseRule checks a rule form against the scripts that exist. adding is
// true for a rule for a new category, whose name is normalised as sales'
// categories are; an edited rule keeps the category it is stored under.
// automated is whether Twilio is configured: without it only agents can
// be chosen, since nothing could send an SMS or place a call. calls is
// whether calls can be placed (a sender number, not only a messaging
// service). It returns every problem at once, keyed by form field.
func parseRule(in ruleInput, adding bool, scripts []string, automated, calls bool) (ruleValues, map[string]problem) {
	probs := map[string]problem{}
	var v ruleValues

	v.Category = in.Category
	if adding {
		v.Category = sales.Category(in.Category)
		switch {
		case v.Category == "":
			probs["category"] = problem{Key: "rules.problem.category_missing"}
		case !utf8.ValidString(v.Category) || strings.IndexFunc(v.Category, unicode.IsControl) >= 0:
			probs["category"] = problem{Key: "rules.problem.category_invalid"}
		case utf8.RuneCountInString(v.Category) > sales.MaxCategory:
			probs["category"] = problem{Key: "rules.problem.category_long"}
		}
	}

	var ok bool
	if v.DelayDays, ok = wholeNumber(in.DelayDays, 0, maxDelayDays); !ok {
		probs["delay_days"] = problem{Key: "rules.problem.delay_days"}
	}

	v.Ladder, v.Channel = parseLadder(in, automated, calls, probs), schedule.Channel(strings.TrimSpace(in.Channel))

	v.Script = strings.TrimSpace(in.Script)
	switch {
	case v.Script == "":
		probs["script"] = problem{Key: "rules.problem.script_missing"}
	case !slices.Contains(scripts, v.Script):
		probs["script"] = problem{Key: "rules.problem.script_unknown", Args: []any{shorten(v.Script, 60)}}
	}

	if v.Priority, ok = wholeNumber(in.Priority, 0, maxPriority); !ok {
		probs["priority"] = problem{Key: "rules.problem.priority"}
	}
	if v.MaxAttempts, ok = wholeNumber(in.MaxAttempts, 1, maxAttempts); !ok {
		probs["max_attempts"] = problem{Key: "rules.problem.max_attempts"}
	}

	// Hours and minutes may each be left empty, not both.
	h, m := strings.TrimSpace(in.RetryHours), strings.TrimSpace(in.RetryMinutes)
	hours, hok := 0, true
	if h != "" {
		hours, hok = wholeNumber(h, 0, maxRetryMinutes/60)
	}
	minutes, mok := 0, true
	if m != "" {
		minutes, mok = wholeNumber(m, 0, maxRetryMinutes)
	}
	v.RetrySpacingMinutes = hours*60 + minutes
	if h == "" && m == "" || !hok || !mok || v.RetrySpacingMinutes < 1 || v.RetrySpacingMinutes > maxRetryMinutes {
		probs["retry_spacing"] = problem{Key: "rules.problem.retry_spacing"}
	}

	if len(probs) > 0 {
		return ruleValues{}, probs
	}
	return v, nil
}

// parseLadder reads the channel fields into a ladder, adding its problems
// to probs: a channel that cannot be used is the channel field's problem,
// a wait the wait field's, and an order the ladder refuses the ladder's.
func parseLadder(in ruleInput, automated, calls bool, probs map[string]problem) schedule.Ladder {
	fields := []struct{ channel, wait, channelField, waitField string }{
		{in.Channel, in.WaitHours, "channel", "wait_hours"},
		{in.Channel2, in.Wait2Hours, "channel2", "wait2_hours"},
		{in.Channel3, "", "channel3", ""},
	}
	var ladder schedule.Ladder
	bad := false
	for i, f := range fields {
		ch := schedule.Channel(strings.TrimSpace(f.channel))
		if ch == "" && i > 0 {
			break
		}
		switch ch {
		case schedule.ChannelAgent:
		case schedule.ChannelSMS, schedule.ChannelVoice:
			if !automated {
				// Valid in the schema, but nothing can send them until
				// Twilio is configured: a rule set to them would strand
				// its follow-ups.
				probs[f.channelField] = problem{Key: "rules.problem.channel_automated"}
				bad = true
			} else if ch == schedule.ChannelVoice && !calls {
				probs[f.channelField] = problem{Key: "rules.problem.channel_voice"}
				bad = true
			}
		default:
			probs[f.channelField] = problem{Key: "rules.problem.channel"}
			bad = true
		}
		ladder = append(ladder, schedule.Step{Channel: ch})
		if i > 0 {
			prev := fields[i-1]
			hours, ok := wholeNumber(prev.wait, 1, maxWaitHours)
			if !ok {
				probs[prev.waitField] = problem{Key: "rules.problem.wait_hours"}
				bad = true
			}
			ladder[i-1].WaitMinutes = hours * 60
		}
	}
	if !bad {
		if err := ladder.Validate(); err != nil {
			probs["ladder"] = problem{Key: "rules.problem.ladder"}
		}
	}
	return ladder
}

// wholeNumber reads a whole number in [min, max], in ASCII or Persian
// digits, as a Persian keyboard types them.
func wholeNumber(s string, min, max int) (int, bool) {
	s = i18n.ASCIIDigits(strings.TrimSpace(s))
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, false
	}
	return n, true
}

func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// calendarInput is the calendar form as typed.
type calendarInput struct {
	WorkingDays []string // checked weekdays, "0" for Sunday as time.Weekday
	Holidays    string   // one "YYYY-MM-DD name" per line
	WindowStart string   // "HH:MM"
	WindowEnd   string   // "HH:MM"; "00:00" means midnight at the end of the day
}

// parseCalendar reads the calendar form and validates the result with
// schedule.Calendar.Validate. names holds the holidays' names by ISO date.
// Problems are keyed by field, several per field where lines differ.
func parseCalendar(in calendarInput) (cal schedule.Calendar, names map[string]string, probs map[string][]problem) {
	probs = map[string][]problem{}
	add := func(field string, p problem) { probs[field] = append(probs[field], p) }

	for _, d := range in.WorkingDays {
		if n, ok := wholeNumber(d, 0, 6); ok {
			cal.WorkingDays[n] = true
		}
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
			add("holidays", problem{Key: "calendar.problem.holidays_too_many"})
			break
		}
		n := i + 1
		field, name := line, ""
		if j := strings.IndexFunc(line, unicode.IsSpace); j >= 0 {
			field, name = line[:j], line[j:]
		}
		d, err := schedule.ParseDate(i18n.ASCIIDigits(field))
		if err != nil {
			add("holidays", problem{Key: "calendar.problem.holiday_date", Args: []any{n, shorten(field, 30)}})
			continue
		}
		if first, dup := seen[d]; dup {
			add("holidays", problem{Key: "calendar.problem.holiday_duplicate", Args: []any{n, numeral(d.String()), first}})
			continue
		}
		seen[d] = n
		name = persianLetters.Replace(strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(name), "-–—:,،;")))
		if utf8.RuneCountInString(name) > maxHolidayName || strings.IndexFunc(name, unicode.IsControl) >= 0 || !utf8.ValidString(name) {
			add("holidays", problem{Key: "calendar.problem.holiday_name", Args: []any{n}})
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
		add("window_start", problem{Key: "calendar.problem.window_start"})
	}
	end, endErr := schedule.ParseClock(i18n.ASCIIDigits(strings.TrimSpace(in.WindowEnd)))
	if endErr != nil {
		add("window_end", problem{Key: "calendar.problem.window_end"})
	}
	// A time input cannot show 24:00, so midnight as an end is 00:00.
	if end == 0 && endErr == nil {
		end = 24 * 60
	}
	cal.WindowStart, cal.WindowEnd = start, end

	// Validate has the last word. Its messages name their field; the ones
	// the checks above already explain in the reader's language are not
	// repeated, anything else is shown as it is.
	for _, err := range unjoin(cal.Validate()) {
		msg := err.Error()
		switch {
		case strings.HasPrefix(msg, "working_days"):
			add("working_days", problem{Key: "calendar.problem.working_days"})
		case strings.HasPrefix(msg, "window_end must be after"):
			if startErr == nil && endErr == nil {
				add("window_end", problem{Key: "calendar.problem.window_order", Args: []any{numeral(start.String()), numeral(end.String())}})
			}
		case strings.HasPrefix(msg, "window_start") && startErr != nil, strings.HasPrefix(msg, "window_end") && endErr != nil:
		default:
			add("calendar", problem{Key: "calendar.problem.other", Args: []any{msg}})
		}
	}
	if len(probs) > 0 {
		return schedule.Calendar{}, nil, probs
	}
	return cal, names, nil
}

// unjoin lists the errors inside an errors.Join.
func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// persianLetters folds the Arabic yeh and kaf that Persian keyboards mix in,
// as sales does for names.
var persianLetters = strings.NewReplacer("ي", "ی", "ك", "ک")
