package schedule

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Date is a civil date with no zone. Holidays are dates rather than instants
// because a holiday is the same day for every customer, whichever zone they
// are in.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate parses "YYYY-MM-DD" and rejects dates that do not exist, so that
// a mistyped holiday is reported instead of silently never matching.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s[:4]) || !digits(s[5:7]) || !digits(s[8:]) {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD, e.g. 2026-03-21", s)
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	date := Date{Year: y, Month: time.Month(m), Day: d}
	if err := date.check(); err != nil {
		return Date{}, fmt.Errorf("date %q: %w", s, err)
	}
	return date, nil
}

func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

func (d Date) check() error {
	if d.Month < time.January || d.Month > time.December {
		return fmt.Errorf("month must be 01 to 12, got %02d", int(d.Month))
	}
	// Day 0 of the next month is the last day of this one.
	last := time.Date(d.Year, d.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if d.Day < 1 || d.Day > last {
		return fmt.Errorf("day must be 01 to %02d in %s %d, got %02d", last, d.Month, d.Year, d.Day)
	}
	return nil
}

// addDays normalises through time.Date, so month and year ends take care of
// themselves.
func (d Date) addDays(n int) Date {
	t := time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC)
	return Date{Year: t.Year(), Month: t.Month(), Day: t.Day()}
}

func (d Date) weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Weekday()
}

// Clock is a wall-clock time of day in minutes since midnight, 0 to 1440.
// 1440 (24:00) exists so that a window can run to the end of the day.
type Clock int

// ParseClock parses "HH:MM", the format of an HTML time input, and also
// accepts "24:00" as the end of the day.
func ParseClock(s string) (Clock, error) {
	if len(s) != 5 || s[2] != ':' || !digits(s[:2]) || !digits(s[3:]) {
		return 0, fmt.Errorf("time of day %q: want HH:MM, e.g. 10:00", s)
	}
	h, _ := strconv.Atoi(s[:2])
	m, _ := strconv.Atoi(s[3:])
	switch {
	case h > 24:
		return 0, fmt.Errorf("time of day %q: hour must be 00 to 24, got %02d", s, h)
	case m > 59:
		return 0, fmt.Errorf("time of day %q: minute must be 00 to 59, got %02d", s, m)
	case h == 24 && m != 0:
		return 0, fmt.Errorf("time of day %q: the latest time of day is 24:00", s)
	}
	return Clock(h*60 + m), nil
}

func (c Clock) String() string {
	return fmt.Sprintf("%02d:%02d", c/60, c%60)
}

func (c Clock) sinceMidnight() time.Duration {
	return time.Duration(c) * time.Minute
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Calendar says when a customer may be called. The window is in the
// customer's local time: a customer is called at 10:00 where they live, not
// at 10:00 where the call centre is.
type Calendar struct {
	WorkingDays [7]bool // indexed by time.Weekday
	Holidays    []Date  // organisation holidays, matched against the customer's local date
	WindowStart Clock   // inclusive
	WindowEnd   Clock   // exclusive
}

// DefaultCalendar is what a new installation starts with.
func DefaultCalendar() Calendar {
	var days [7]bool
	for d := time.Monday; d <= time.Friday; d++ {
		days[d] = true
	}
	return Calendar{WorkingDays: days, WindowStart: 10 * 60, WindowEnd: 19 * 60}
}

// IranCalendar is the demo organisation's: the Iranian working week runs
// Saturday to Wednesday, with Thursday and Friday off.
func IranCalendar() Calendar {
	var days [7]bool
	for _, d := range []time.Weekday{time.Saturday, time.Sunday, time.Monday, time.Tuesday, time.Wednesday} {
		days[d] = true
	}
	return Calendar{WorkingDays: days, WindowStart: 10 * 60, WindowEnd: 19 * 60}
}

// Validate reports every problem at once, each naming its field, so that a
// settings form can show them all together.
func (c Calendar) Validate() error {
	var errs []error
	if !slices.Contains(c.WorkingDays[:], true) {
		errs = append(errs, errors.New("working_days must include at least one day"))
	}
	for i, h := range c.Holidays {
		if err := h.check(); err != nil {
			errs = append(errs, fmt.Errorf("holidays[%d] %s: %w", i, h, err))
		}
	}
	startOK := c.WindowStart >= 0 && c.WindowStart <= 24*60
	endOK := c.WindowEnd >= 0 && c.WindowEnd <= 24*60
	if !startOK {
		errs = append(errs, fmt.Errorf("window_start must be between 00:00 and 24:00, got %d minutes", int(c.WindowStart)))
	}
	if !endOK {
		errs = append(errs, fmt.Errorf("window_end must be between 00:00 and 24:00, got %d minutes", int(c.WindowEnd)))
	}
	if startOK && endOK && c.WindowEnd <= c.WindowStart {
		errs = append(errs, fmt.Errorf("window_end must be after window_start, got %s to %s", c.WindowStart, c.WindowEnd))
	}
	return errors.Join(errs...)
}

// IsWorkingDay reports whether d is a working weekday and not a holiday.
func (c Calendar) IsWorkingDay(d Date) bool {
	return c.WorkingDays[d.weekday()] && !slices.Contains(c.Holidays, d)
}

// InWindow reports whether instant t is on a working day, not a holiday, and
// within [WindowStart, WindowEnd) in loc. It looks only at the wall clock, so
// on a fall-back day a window covering the repeated hour is open during both
// passes of it, and on a spring-forward day the skipped hour is simply never
// read on the clock.
func (c Calendar) InWindow(t time.Time, loc *time.Location) bool {
	lt := t.In(loc)
	if !c.IsWorkingDay(dateOf(lt)) {
		return false
	}
	w := sinceMidnight(lt)
	return w >= c.WindowStart.sinceMidnight() && w < c.WindowEnd.sinceMidnight()
}

// searchDays bounds NextCallable so that a calendar made useless by holidays
// ends the search instead of looping.
const searchDays = 2 * 366

// NextCallable returns the earliest instant at or after t, on a whole minute,
// that is InWindow in loc, in UTC. Due times have minute resolution so that one
// River job per due minute can make them due.
//
// A window that opens at a wall time that does not exist that day (02:30 on a
// spring-forward day) opens at the first real instant after it (03:00); if the
// whole window falls in the skipped hour, that day has no window.
//
// Callers validate the calendar first. If no callable minute lies within about
// two years, as happens with an invalid calendar, the result is the zero time.
func (c Calendar) NextCallable(t time.Time, loc *time.Location) time.Time {
	u := ceilMinute(t)
	limit := u.Add(searchDays * 24 * time.Hour)
	// Between two zone transitions the wall clock moves with the instant, so
	// the next opening is plain arithmetic. At a transition the clock jumps,
	// possibly into the window, so the search restarts from there.
	for !u.After(limit) {
		if c.InWindow(u, loc) {
			return u.UTC()
		}
		next, found := c.nextOpening(u.In(loc))
		_, zoneEnd := u.In(loc).ZoneBounds()
		if !zoneEnd.IsZero() && (!found || !next.Before(zoneEnd)) {
			u = ceilMinute(zoneEnd)
			continue
		}
		if !found {
			return time.Time{}
		}
		u = ceilMinute(next)
	}
	return time.Time{}
}

// nextOpening returns the next instant after lt at which the wall clock reads
// WindowStart on a working day, assuming lt's UTC offset never changes.
func (c Calendar) nextOpening(lt time.Time) (time.Time, bool) {
	today := dateOf(lt)
	w := sinceMidnight(lt)
	start := c.WindowStart.sinceMidnight()
	if w < start && c.IsWorkingDay(today) {
		return lt.Add(start - w), true
	}
	for n := 1; n <= searchDays; n++ {
		if c.IsWorkingDay(today.addDays(n)) {
			return lt.Add(time.Duration(n)*24*time.Hour - w + start), true
		}
	}
	return time.Time{}, false
}

func dateOf(lt time.Time) Date {
	return Date{Year: lt.Year(), Month: lt.Month(), Day: lt.Day()}
}

func sinceMidnight(lt time.Time) time.Duration {
	return time.Duration(lt.Hour())*time.Hour +
		time.Duration(lt.Minute())*time.Minute +
		time.Duration(lt.Second())*time.Second +
		time.Duration(lt.Nanosecond())
}

// ceilMinute rounds up to a whole minute of absolute time, which is a whole
// minute of local time too because today's UTC offsets are whole minutes.
func ceilMinute(t time.Time) time.Time {
	down := t.Truncate(time.Minute)
	if down.Equal(t) {
		return down
	}
	return down.Add(time.Minute)
}
