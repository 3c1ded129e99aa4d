package store

import (
	"context"
	"fmt"
	"time"

	"github.com/tamas-app/tamas/internal/schedule"
)

// LoadCalendar reads the organisation's calling calendar.
func LoadCalendar(ctx context.Context, db DBTX) (schedule.Calendar, error) {
	row, err := New().CalendarGet(ctx, db)
	if err != nil {
		return schedule.Calendar{}, fmt.Errorf("reading the calendar: %w", err)
	}
	return CalendarOf(row), nil
}

// CalendarOf is the calendar a calendar row stores, for queries that read
// it joined with something else.
func CalendarOf(c CalendarGetRow) schedule.Calendar {
	var cal schedule.Calendar
	for i := 0; i < 7 && i < len(c.WorkingDays); i++ {
		cal.WorkingDays[i] = c.WorkingDays[i]
	}
	for _, h := range c.Holidays {
		cal.Holidays = append(cal.Holidays, schedule.Date{Year: h.Year(), Month: h.Month(), Day: h.Day()})
	}
	cal.WindowStart = schedule.Clock(c.WindowStart)
	cal.WindowEnd = schedule.Clock(c.WindowEnd)
	return cal
}

// CalendarParams is cal as CalendarSet stores it.
func CalendarParams(cal schedule.Calendar) CalendarSetParams {
	p := CalendarSetParams{
		WorkingDays: cal.WorkingDays[:],
		Holidays:    []time.Time{},
		WindowStart: int16(cal.WindowStart),
		WindowEnd:   int16(cal.WindowEnd),
	}
	for _, h := range cal.Holidays {
		p.Holidays = append(p.Holidays, time.Date(h.Year, h.Month, h.Day, 0, 0, 0, 0, time.UTC))
	}
	return p
}
