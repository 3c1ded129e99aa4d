package schedule_test

import (
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/schedule"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("loading zone %s: %v", name, err)
	}
	return loc
}

// mustTime parses RFC 3339 with an explicit offset, so that a test instant is
// never ambiguous around a DST change.
func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	tm, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		t.Fatalf("parsing test time %q: %v", s, err)
	}
	return tm
}

func mustDate(t *testing.T, s string) schedule.Date {
	t.Helper()
	d, err := schedule.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// everyDay is a calendar with no days off, to test the window on weekends.
func everyDay(start, end schedule.Clock) schedule.Calendar {
	return schedule.Calendar{WorkingDays: [7]bool{true, true, true, true, true, true, true}, WindowStart: start, WindowEnd: end}
}

func withHolidays(t *testing.T, c schedule.Calendar, dates ...string) schedule.Calendar {
	t.Helper()
	for _, s := range dates {
		c.Holidays = append(c.Holidays, mustDate(t, s))
	}
	return c
}

func nowruz(t *testing.T) schedule.Calendar {
	t.Helper()
	return withHolidays(t, schedule.IranCalendar(), "2026-03-20", "2026-03-21", "2026-03-22", "2026-03-23", "2026-03-24")
}

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    schedule.Date
		wantErr string
	}{
		{in: "2026-03-21", want: schedule.Date{Year: 2026, Month: time.March, Day: 21}},
		{in: "2024-02-29", want: schedule.Date{Year: 2024, Month: time.February, Day: 29}},
		{in: "2026-12-31", want: schedule.Date{Year: 2026, Month: time.December, Day: 31}},
		{in: "2026-02-29", wantErr: "day must be 01 to 28 in February 2026, got 29"},
		{in: "2026-04-31", wantErr: "day must be 01 to 30 in April 2026, got 31"},
		{in: "2026-03-00", wantErr: "day must be 01 to 31"},
		{in: "2026-13-01", wantErr: "month must be 01 to 12, got 13"},
		{in: "2026-00-10", wantErr: "month must be 01 to 12, got 00"},
		{in: "2026-3-21", wantErr: "want YYYY-MM-DD"},
		{in: "2026/03/21", wantErr: "want YYYY-MM-DD"},
		{in: "21-03-2026", wantErr: "want YYYY-MM-DD"},
		{in: "2026-03-21 ", wantErr: "want YYYY-MM-DD"},
		{in: "+026-03-21", wantErr: "want YYYY-MM-DD"},
		{in: "", wantErr: "want YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := schedule.ParseDate(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseDate(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestParseClock(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    schedule.Clock
		wantErr string
	}{
		{in: "00:00", want: 0},
		{in: "10:00", want: 600},
		{in: "19:30", want: 1170},
		{in: "23:59", want: 1439},
		{in: "24:00", want: 1440},
		{in: "24:01", wantErr: "the latest time of day is 24:00"},
		{in: "25:00", wantErr: "hour must be 00 to 24, got 25"},
		{in: "10:60", wantErr: "minute must be 00 to 59, got 60"},
		{in: "9:30", wantErr: "want HH:MM"},
		{in: "10", wantErr: "want HH:MM"},
		{in: "10:00:00", wantErr: "want HH:MM"},
		{in: "-1:00", wantErr: "want HH:MM"},
		{in: "ab:cd", wantErr: "want HH:MM"},
		{in: "", wantErr: "want HH:MM"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got, err := schedule.ParseClock(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseClock(%q) error = %v, want one containing %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseClock(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseClock(%q) = %d, want %d", tt.in, got, tt.want)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q, want %q", got.String(), tt.in)
			}
		})
	}
}

func TestCalendarValidate(t *testing.T) {
	t.Parallel()
	noDays := schedule.DefaultCalendar()
	noDays.WorkingDays = [7]bool{}
	window := func(start, end schedule.Clock) schedule.Calendar {
		c := schedule.DefaultCalendar()
		c.WindowStart, c.WindowEnd = start, end
		return c
	}
	badHoliday := schedule.DefaultCalendar()
	badHoliday.Holidays = []schedule.Date{{Year: 2026, Month: time.March, Day: 20}, {Year: 2026, Month: time.February, Day: 30}}

	tests := []struct {
		name    string
		cal     schedule.Calendar
		wantErr []string // every one must appear; none means valid
	}{
		{name: "default", cal: schedule.DefaultCalendar()},
		{name: "iran with holidays", cal: nowruz(t)},
		{name: "whole day", cal: window(0, 1440)},
		{name: "one minute", cal: window(600, 601)},
		{name: "no working days", cal: noDays, wantErr: []string{"working_days must include at least one day"}},
		{name: "end equals start", cal: window(600, 600), wantErr: []string{"window_end must be after window_start, got 10:00 to 10:00"}},
		{name: "end before start", cal: window(1140, 600), wantErr: []string{"window_end must be after window_start, got 19:00 to 10:00"}},
		{name: "negative start", cal: window(-5, 600), wantErr: []string{"window_start must be between 00:00 and 24:00, got -5 minutes"}},
		{name: "end past midnight", cal: window(600, 1441), wantErr: []string{"window_end must be between 00:00 and 24:00, got 1441 minutes"}},
		{name: "impossible holiday", cal: badHoliday, wantErr: []string{"holidays[1] 2026-02-30: day must be 01 to 28 in February 2026, got 30"}},
		{
			name: "several problems at once",
			cal:  schedule.Calendar{WindowStart: 1500, WindowEnd: 600},
			wantErr: []string{
				"working_days must include at least one day",
				"window_start must be between 00:00 and 24:00, got 1500 minutes",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantValid(t, tt.cal.Validate(), tt.wantErr)
		})
	}
}

func TestCalendarIsWorkingDay(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cal  schedule.Calendar
		date string
		want bool
	}{
		{name: "default monday", cal: schedule.DefaultCalendar(), date: "2026-03-02", want: true},
		{name: "default friday", cal: schedule.DefaultCalendar(), date: "2026-03-06", want: true},
		{name: "default saturday", cal: schedule.DefaultCalendar(), date: "2026-03-07", want: false},
		{name: "default sunday", cal: schedule.DefaultCalendar(), date: "2026-03-08", want: false},
		{name: "iran saturday", cal: schedule.IranCalendar(), date: "2026-03-07", want: true},
		{name: "iran wednesday", cal: schedule.IranCalendar(), date: "2026-03-11", want: true},
		{name: "iran thursday", cal: schedule.IranCalendar(), date: "2026-03-12", want: false},
		{name: "iran friday", cal: schedule.IranCalendar(), date: "2026-03-13", want: false},
		{name: "nowruz saturday", cal: nowruz(t), date: "2026-03-21", want: false},
		{name: "nowruz tuesday", cal: nowruz(t), date: "2026-03-24", want: false},
		{name: "after nowruz", cal: nowruz(t), date: "2026-03-25", want: true},
		{name: "leap day", cal: schedule.DefaultCalendar(), date: "2028-02-29", want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.cal.IsWorkingDay(mustDate(t, tt.date)); got != tt.want {
				t.Errorf("IsWorkingDay(%s) = %v, want %v", tt.date, got, tt.want)
			}
		})
	}
}

func TestCalendarInWindow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		cal  schedule.Calendar
		zone string
		at   string
		want bool
	}{
		{name: "start is inclusive", cal: schedule.DefaultCalendar(), zone: "America/New_York", at: "2026-03-02T10:00:00-05:00", want: true},
		{name: "just before start", cal: schedule.DefaultCalendar(), zone: "America/New_York", at: "2026-03-02T09:59:59.999-05:00", want: false},
		{name: "just before end", cal: schedule.DefaultCalendar(), zone: "America/New_York", at: "2026-03-02T18:59:59.999-05:00", want: true},
		{name: "end is exclusive", cal: schedule.DefaultCalendar(), zone: "America/New_York", at: "2026-03-02T19:00:00-05:00", want: false},
		{name: "weekend", cal: schedule.DefaultCalendar(), zone: "America/New_York", at: "2026-03-07T12:00:00-05:00", want: false},
		{name: "evaluated in the customer's zone, not the instant's", cal: schedule.DefaultCalendar(), zone: "America/New_York", at: "2026-03-02T12:00:00Z", want: false},
		{name: "monday in kiritimati while sunday in utc", cal: schedule.DefaultCalendar(), zone: "Pacific/Kiritimati", at: "2026-03-01T22:00:00Z", want: true},
		{name: "friday in pago pago while saturday in utc", cal: schedule.DefaultCalendar(), zone: "Pacific/Pago_Pago", at: "2026-03-07T03:00:00Z", want: true},
		{name: "tehran friday", cal: schedule.IranCalendar(), zone: "Asia/Tehran", at: "2026-03-13T12:00:00+03:30", want: false},
		{name: "tehran saturday", cal: schedule.IranCalendar(), zone: "Asia/Tehran", at: "2026-03-14T12:00:00+03:30", want: true},
		{name: "holiday", cal: nowruz(t), zone: "Asia/Tehran", at: "2026-03-22T12:00:00+03:30", want: false},
		{name: "holiday by local date, not utc date", cal: withHolidays(t, schedule.DefaultCalendar(), "2026-03-02"), zone: "Pacific/Kiritimati", at: "2026-03-01T22:00:00Z", want: false},
		{name: "repeated hour, first pass", cal: everyDay(60, 90), zone: "America/New_York", at: "2026-11-01T01:15:00-04:00", want: true},
		{name: "repeated hour, second pass", cal: everyDay(60, 90), zone: "America/New_York", at: "2026-11-01T01:15:00-05:00", want: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			at := mustTime(t, tt.at)
			if got := tt.cal.InWindow(at, mustLoad(t, tt.zone)); got != tt.want {
				t.Errorf("InWindow(%s in %s) = %v, want %v", tt.at, tt.zone, got, tt.want)
			}
		})
	}
}

func TestCalendarNextCallable(t *testing.T) {
	t.Parallel()
	def := schedule.DefaultCalendar()
	tests := []struct {
		name string
		cal  schedule.Calendar
		zone string
		at   string
		want string // zero time when empty
	}{
		// The window and rounding.
		{name: "inside stays", cal: def, zone: "America/New_York", at: "2026-03-02T12:00:00-05:00", want: "2026-03-02T17:00:00Z"},
		{name: "start exactly stays", cal: def, zone: "America/New_York", at: "2026-03-02T10:00:00-05:00", want: "2026-03-02T15:00:00Z"},
		{name: "seconds round up", cal: def, zone: "America/New_York", at: "2026-03-02T12:00:01-05:00", want: "2026-03-02T17:01:00Z"},
		{name: "nanosecond rounds up", cal: def, zone: "America/New_York", at: "2026-03-02T12:00:00.000000001-05:00", want: "2026-03-02T17:01:00Z"},
		{name: "before start waits for start", cal: def, zone: "America/New_York", at: "2026-03-02T08:15:00-05:00", want: "2026-03-02T15:00:00Z"},
		{name: "last minute stays", cal: def, zone: "America/New_York", at: "2026-03-02T18:59:00-05:00", want: "2026-03-02T23:59:00Z"},
		{name: "end is exclusive", cal: def, zone: "America/New_York", at: "2026-03-02T19:00:00-05:00", want: "2026-03-03T15:00:00Z"},
		{name: "rounding up to the end moves to the next day", cal: def, zone: "America/New_York", at: "2026-03-02T18:59:30-05:00", want: "2026-03-03T15:00:00Z"},
		{name: "friday evening waits for monday", cal: def, zone: "America/New_York", at: "2026-02-27T19:30:00-05:00", want: "2026-03-02T15:00:00Z"},
		{name: "window to midnight", cal: everyDay(1380, 1440), zone: "UTC", at: "2026-03-02T23:59:30Z", want: "2026-03-03T23:00:00Z"},

		// DST in New York and London: the window follows the wall clock.
		{name: "ny weekend over spring forward", cal: def, zone: "America/New_York", at: "2026-03-06T20:00:00-05:00", want: "2026-03-09T14:00:00Z"},
		{name: "ny weekend over fall back", cal: def, zone: "America/New_York", at: "2026-10-30T20:00:00-04:00", want: "2026-11-02T15:00:00Z"},
		{name: "london weekend over spring forward", cal: def, zone: "Europe/London", at: "2026-03-27T19:00:00Z", want: "2026-03-30T09:00:00Z"},
		{name: "london weekend over fall back", cal: def, zone: "Europe/London", at: "2026-10-23T19:00:00+01:00", want: "2026-10-26T10:00:00Z"},
		{name: "window opening in the skipped hour opens when it ends", cal: everyDay(150, 300), zone: "America/New_York", at: "2026-03-08T01:00:00-05:00", want: "2026-03-08T07:00:00Z"},
		{name: "same, searching from the day before", cal: everyDay(150, 300), zone: "America/New_York", at: "2026-03-07T23:00:00-05:00", want: "2026-03-08T07:00:00Z"},
		{name: "window wholly in the skipped hour has no window that day", cal: everyDay(135, 165), zone: "America/New_York", at: "2026-03-08T01:00:00-05:00", want: "2026-03-09T06:15:00Z"},
		{name: "repeated hour, inside on the first pass", cal: everyDay(90, 180), zone: "America/New_York", at: "2026-11-01T01:45:00-04:00", want: "2026-11-01T05:45:00Z"},
		{name: "repeated hour, before start on the first pass", cal: everyDay(90, 180), zone: "America/New_York", at: "2026-11-01T01:00:00-04:00", want: "2026-11-01T05:30:00Z"},
		{name: "repeated hour, before start on the second pass", cal: everyDay(90, 180), zone: "America/New_York", at: "2026-11-01T01:10:00-05:00", want: "2026-11-01T06:30:00Z"},
		{name: "falling back into the window", cal: everyDay(60, 90), zone: "America/New_York", at: "2026-11-01T01:40:00-04:00", want: "2026-11-01T06:00:00Z"},

		// Chile changes its clocks at midnight, so the date itself jumps.
		{name: "santiago, rounding onto the fall back at midnight", cal: everyDay(1410, 1440), zone: "America/Santiago", at: "2026-04-05T02:59:30Z", want: "2026-04-05T03:30:00Z"},
		{name: "santiago, spring forward skips the sunday window", cal: everyDay(0, 30), zone: "America/Santiago", at: "2026-09-05T23:45:00-04:00", want: "2026-09-07T03:00:00Z"},

		// Tehran: no DST, Saturday to Wednesday.
		{name: "tehran thursday waits for saturday", cal: schedule.IranCalendar(), zone: "Asia/Tehran", at: "2026-03-12T12:00:00+03:30", want: "2026-03-14T06:30:00Z"},
		{name: "tehran friday evening waits for saturday", cal: schedule.IranCalendar(), zone: "Asia/Tehran", at: "2026-03-13T20:00:00+03:30", want: "2026-03-14T06:30:00Z"},
		{name: "tehran wednesday last minute", cal: schedule.IranCalendar(), zone: "Asia/Tehran", at: "2026-03-11T18:59:00+03:30", want: "2026-03-11T15:29:00Z"},
		{name: "tehran wednesday end waits for saturday", cal: schedule.IranCalendar(), zone: "Asia/Tehran", at: "2026-03-11T19:00:00+03:30", want: "2026-03-14T06:30:00Z"},
		{name: "tehran september, when DST used to end", cal: schedule.IranCalendar(), zone: "Asia/Tehran", at: "2026-09-22T08:00:00+03:30", want: "2026-09-22T06:30:00Z"},
		{name: "nowruz and the weekend before it", cal: nowruz(t), zone: "Asia/Tehran", at: "2026-03-18T19:00:00+03:30", want: "2026-03-25T06:30:00Z"},

		// Zones far from the server's.
		{name: "kiritimati monday while sunday in utc", cal: def, zone: "Pacific/Kiritimati", at: "2026-03-01T18:00:00Z", want: "2026-03-01T20:00:00Z"},
		{name: "kiritimati friday evening to monday", cal: def, zone: "Pacific/Kiritimati", at: "2026-03-06T06:00:00Z", want: "2026-03-08T20:00:00Z"},
		{name: "kiritimati holiday by local date", cal: withHolidays(t, def, "2026-03-02"), zone: "Pacific/Kiritimati", at: "2026-03-01T22:00:00Z", want: "2026-03-02T20:00:00Z"},
		{name: "pago pago friday afternoon while saturday in utc", cal: def, zone: "Pacific/Pago_Pago", at: "2026-03-07T03:00:00Z", want: "2026-03-07T03:00:00Z"},
		{name: "pago pago morning", cal: def, zone: "Pacific/Pago_Pago", at: "2026-03-02T20:00:00Z", want: "2026-03-02T21:00:00Z"},

		// The search ends.
		{name: "no working day gives zero", cal: schedule.Calendar{WindowStart: 600, WindowEnd: 1140}, zone: "America/New_York", at: "2026-03-02T12:00:00-05:00"},
		{name: "empty window gives zero", cal: everyDay(600, 600), zone: "America/New_York", at: "2026-03-02T12:00:00-05:00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			loc := mustLoad(t, tt.zone)
			got := tt.cal.NextCallable(mustTime(t, tt.at), loc)
			if tt.want == "" {
				if !got.IsZero() {
					t.Fatalf("NextCallable(%s) = %s, want the zero time", tt.at, got)
				}
				return
			}
			want := mustTime(t, tt.want)
			if !got.Equal(want) {
				t.Fatalf("NextCallable(%s) = %s (%s), want %s (%s)", tt.at, got, got.In(loc), want, want.In(loc))
			}
			if got.Location() != time.UTC {
				t.Errorf("NextCallable returned zone %s, want UTC", got.Location())
			}
			if !tt.cal.InWindow(got, loc) {
				t.Errorf("NextCallable returned %s, which is not InWindow", got)
			}
		})
	}
}
