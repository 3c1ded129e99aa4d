package schedule_test

import (
	"fmt"
	"time"

	"github.com/tamas-app/tamas/internal/schedule"
)

// A sale on a Friday evening in Tehran with the default one-week delay lands
// on the first day of the Nowruz holidays, so the call waits for the first
// working day after them.
func ExampleDueAt() {
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		panic(err)
	}
	cal := schedule.IranCalendar()
	for _, s := range []string{"2026-03-20", "2026-03-21", "2026-03-22", "2026-03-23", "2026-03-24"} {
		d, err := schedule.ParseDate(s)
		if err != nil {
			panic(err)
		}
		cal.Holidays = append(cal.Holidays, d)
	}
	if err := cal.Validate(); err != nil {
		panic(err)
	}

	soldAt := time.Date(2026, time.March, 13, 20, 0, 0, 0, tehran)
	due := schedule.DueAt(soldAt, schedule.DefaultRule().DelayDays, cal, tehran)
	fmt.Println(due)
	fmt.Println(due.In(tehran).Format("Monday 2006-01-02 15:04 MST"))
	// Output:
	// 2026-03-25 06:30:00 +0000 UTC
	// Wednesday 2026-03-25 10:00 +0330
}

// The calling window's end is exclusive and due times are whole minutes, so
// half a minute before closing is already too late.
func ExampleCalendar_NextCallable() {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	cal := schedule.DefaultCalendar()
	at := time.Date(2026, time.March, 6, 18, 59, 30, 0, newYork) // a Friday
	next := cal.NextCallable(at, newYork)
	fmt.Println(next.In(newYork).Format("Monday 2006-01-02 15:04 MST"))
	// Output:
	// Monday 2026-03-09 10:00 EDT
}
