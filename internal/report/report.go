// Package report holds the arithmetic of the reports and the silent
// customers page: date ranges, trend buckets, rates, CSAT, NPS and the
// neutral ranges that make a customer silent. The database counts; this
// package turns counts into figures. No SQL, no HTTP.
package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
)

// MaxDays is the longest range a report covers: a year and a little, so a
// full year from any day fits.
const MaxDays = 400

// DailyUpTo is the longest range shown in daily buckets; longer ones are
// shown by week, so a trend never has more than about sixty points.
const DailyUpTo = 62

// DefaultDays is the range a page opens with: the last 30 days, today
// included.
const DefaultDays = 30

// Range is a span of whole calendar days, both ends included, as dates at
// midnight UTC (a date, not an instant: the reader's zone turns it into
// instants).
type Range struct {
	From, To time.Time
}

// Day is the calendar date of t in loc, as a Range endpoint.
func Day(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// DefaultRange is the last DefaultDays days up to today.
func DefaultRange(today time.Time) Range {
	return Range{From: today.AddDate(0, 0, -(DefaultDays - 1)), To: today}
}

// ParseRange reads the from and to fields, typed as l types dates (Jalali
// for Persian, see i18n.ParseDate); an empty field takes its default. It
// returns every problem.
func ParseRange(l i18n.Lang, from, to string, today time.Time) (Range, invalid.Problems) {
	return ParseRangeOr(l, from, to, DefaultRange(today))
}

// YearRange is the last 365 days up to today: the default of a report
// about what happened months after a call.
func YearRange(today time.Time) Range {
	return Range{From: today.AddDate(0, 0, -364), To: today}
}

// ParseRangeOr is ParseRange with the default range def.
func ParseRangeOr(l i18n.Lang, from, to string, def Range) (Range, invalid.Problems) {
	r := def
	var probs invalid.Problems
	parse := func(field, s string, dst *time.Time) {
		if strings.TrimSpace(s) == "" {
			return
		}
		t, bad := i18n.ParseDate(l, field, s)
		if bad != nil {
			probs = append(probs, bad...)
			return
		}
		*dst = t
	}
	parse("from", from, &r.From)
	parse("to", to, &r.To)
	if len(probs) > 0 {
		return r, probs
	}
	switch {
	case r.To.Before(r.From):
		probs = append(probs, invalid.Problem{Field: "to", Code: "report.date_order"})
	case r.Days() > MaxDays:
		probs = append(probs, invalid.Problem{Field: "from", Code: "report.too_long", Args: []any{MaxDays}})
	}
	return r, probs
}

// Days is how many days r covers, both ends included.
func (r Range) Days() int {
	return int(r.To.Sub(r.From).Hours()/24) + 1
}

// Instants are the first instant of r and the first one after it, in loc.
func (r Range) Instants(loc *time.Location) (from, to time.Time) {
	at := func(d time.Time) time.Time { return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc) }
	return at(r.From), at(r.To.AddDate(0, 0, 1))
}

// Buckets are the trend's time slots: StrideDays long, aligned on Origin
// (as the database's date_bin aligns them), Starts in order.
type Buckets struct {
	StrideDays int
	Origin     time.Time
	Starts     []time.Time
}

// Bucketing chooses daily buckets for ranges up to DailyUpTo days and
// weekly ones beyond, weeks starting on weekStart (Saturday for Persian
// readers, Monday for others).
func Bucketing(r Range, weekStart time.Weekday) Buckets {
	b := Buckets{StrideDays: 1, Origin: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}
	if r.Days() > DailyUpTo {
		b.StrideDays = 7
		// 1 January 2000 was a Saturday.
		b.Origin = b.Origin.AddDate(0, 0, (int(weekStart)-int(time.Saturday)+7)%7)
	}
	for t := b.Start(r.From); !t.After(r.To); t = t.AddDate(0, 0, b.StrideDays) {
		b.Starts = append(b.Starts, t)
	}
	return b
}

// Start is the start of the bucket holding day d.
func (b Buckets) Start(d time.Time) time.Time {
	days := int(d.Sub(b.Origin).Hours() / 24)
	off := ((days % b.StrideDays) + b.StrideDays) % b.StrideDays
	return d.AddDate(0, 0, -off)
}

// Index is the position of the bucket starting at start, or -1.
func (b Buckets) Index(start time.Time) int {
	if len(b.Starts) == 0 {
		return -1
	}
	i := int(start.Sub(b.Starts[0]).Hours()/24) / b.StrideDays
	if i < 0 || i >= len(b.Starts) || !b.Starts[i].Equal(start) {
		return -1
	}
	return i
}

// Ratio is part/whole, or not ok when there is nothing to divide by: a
// page shows "–" rather than a made-up 0%.
func Ratio(part, whole int64) (float64, bool) {
	if whole <= 0 {
		return 0, false
	}
	return float64(part) / float64(whole), true
}

// CSAT is the share of satisfied answers (4 or 5) among rating answers.
func CSAT(top, ratings int64) (float64, bool) { return Ratio(top, ratings) }

// NPS is the percentage of promoters (9–10) minus the percentage of
// detractors (0–6) among NPS answers, from −100 to 100.
func NPS(promoters, detractors, answers int64) (float64, bool) {
	if answers <= 0 {
		return 0, false
	}
	return 100 * float64(promoters-detractors) / float64(answers), true
}

// Silence is what counts as a neutral answer: a rating from RatingLo to
// RatingHi and an NPS score from NPSLo to NPSHi, both ends included.
type Silence struct {
	RatingLo, RatingHi, NPSLo, NPSHi int
}

// DefaultSilence is a rating of 3 and an NPS score of 7 or 8 (the
// "passives" of NPS).
var DefaultSilence = Silence{RatingLo: 3, RatingHi: 3, NPSLo: 7, NPSHi: 8}

// SilenceInput is the settings form as typed.
type SilenceInput struct {
	RatingLo, RatingHi, NPSLo, NPSHi string
}

// ParseSilence checks the settings form: whole numbers in the scales'
// bounds, each range from low to high.
func ParseSilence(in SilenceInput) (Silence, invalid.Problems) {
	var s Silence
	var probs invalid.Problems
	num := func(field, v string, lo, hi int, dst *int) bool {
		n, err := strconv.Atoi(strings.TrimSpace(i18n.ASCIIDigits(v)))
		if err != nil || n < lo || n > hi {
			probs = append(probs, invalid.Problem{Field: field, Code: "report.whole_number", Args: []any{lo, hi}})
			return false
		}
		*dst = n
		return true
	}
	// Each scale's order is checked when both its ends are numbers, so
	// every problem shows at once.
	if okLo, okHi := num("rating_lo", in.RatingLo, 1, 5, &s.RatingLo), num("rating_hi", in.RatingHi, 1, 5, &s.RatingHi); okLo && okHi && s.RatingLo > s.RatingHi {
		probs = append(probs, invalid.Problem{Field: "rating_hi", Code: "report.range_order"})
	}
	if okLo, okHi := num("nps_lo", in.NPSLo, 0, 10, &s.NPSLo), num("nps_hi", in.NPSHi, 0, 10, &s.NPSHi); okLo && okHi && s.NPSLo > s.NPSHi {
		probs = append(probs, invalid.Problem{Field: "nps_hi", Code: "report.range_order"})
	}
	return s, probs
}
