package schedule_test

import (
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/schedule"
)

func TestDueAt(t *testing.T) {
	t.Parallel()
	def := schedule.DefaultCalendar()
	tests := []struct {
		name   string
		cal    schedule.Calendar
		zone   string
		soldAt string
		delay  int
		want   string
	}{
		{name: "no delay inside the window", cal: def, zone: "America/New_York", soldAt: "2026-03-02T11:00:00-05:00", delay: 0, want: "2026-03-02T16:00:00Z"},
		{name: "a week is a week across spring forward", cal: def, zone: "America/New_York", soldAt: "2026-03-02T14:23:45-05:00", delay: 7, want: "2026-03-09T18:24:00Z"},
		{name: "lands on the sunday of fall back", cal: def, zone: "America/New_York", soldAt: "2026-10-24T12:00:00-04:00", delay: 8, want: "2026-11-02T15:00:00Z"},
		{name: "lands on a holiday over the new year", cal: withHolidays(t, def, "2027-01-01"), zone: "America/New_York", soldAt: "2026-12-28T15:00:00-05:00", delay: 4, want: "2027-01-04T15:00:00Z"},
		{name: "a year later", cal: def, zone: "America/New_York", soldAt: "2026-03-02T12:00:00-05:00", delay: 365, want: "2027-03-02T17:00:00Z"},
		{name: "tehran friday evening, no delay", cal: schedule.IranCalendar(), zone: "Asia/Tehran", soldAt: "2026-03-13T20:00:00+03:30", delay: 0, want: "2026-03-14T06:30:00Z"},
		{name: "tehran friday evening, a week lands on nowruz", cal: nowruz(t), zone: "Asia/Tehran", soldAt: "2026-03-13T20:00:00+03:30", delay: 7, want: "2026-03-25T06:30:00Z"},
		{name: "tehran lands inside nowruz", cal: nowruz(t), zone: "Asia/Tehran", soldAt: "2026-03-11T12:00:00+03:30", delay: 10, want: "2026-03-25T06:30:00Z"},
		{name: "tehran lands inside the window", cal: nowruz(t), zone: "Asia/Tehran", soldAt: "2026-03-07T11:15:00+03:30", delay: 3, want: "2026-03-10T07:45:00Z"},
		{name: "kiritimati counts days on its own date", cal: def, zone: "Pacific/Kiritimati", soldAt: "2026-03-06T21:00:00Z", delay: 2, want: "2026-03-08T21:00:00Z"},
		{name: "pago pago counts days on its own date", cal: def, zone: "Pacific/Pago_Pago", soldAt: "2026-03-06T01:00:00Z", delay: 1, want: "2026-03-07T01:00:00Z"},
		{name: "wall time in the skipped hour becomes the end of the gap", cal: everyDay(0, 1440), zone: "America/New_York", soldAt: "2026-03-01T02:30:00-05:00", delay: 7, want: "2026-03-08T07:00:00Z"},
		{name: "wall time in the repeated hour takes its first pass", cal: everyDay(0, 1440), zone: "America/New_York", soldAt: "2026-10-25T01:30:00-04:00", delay: 7, want: "2026-11-01T05:30:00Z"},
		{name: "never due before the sale", cal: everyDay(0, 1440), zone: "America/New_York", soldAt: "2026-11-01T01:30:00-05:00", delay: 0, want: "2026-11-01T06:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			loc := mustLoad(t, tt.zone)
			got := schedule.DueAt(mustTime(t, tt.soldAt), tt.delay, tt.cal, loc)
			want := mustTime(t, tt.want)
			if !got.Equal(want) {
				t.Fatalf("DueAt(%s, %d) = %s (%s), want %s (%s)", tt.soldAt, tt.delay, got, got.In(loc), want, want.In(loc))
			}
			if got.Location() != time.UTC {
				t.Errorf("DueAt returned zone %s, want UTC", got.Location())
			}
		})
	}
}

func TestRetryAt(t *testing.T) {
	t.Parallel()
	def := schedule.DefaultCalendar()
	tests := []struct {
		name    string
		cal     schedule.Calendar
		zone    string
		last    string
		spacing time.Duration
		want    string
	}{
		{name: "next day same time", cal: def, zone: "America/New_York", last: "2026-03-02T12:00:00-05:00", spacing: 24 * time.Hour, want: "2026-03-03T17:00:00Z"},
		{name: "friday evening waits for monday", cal: def, zone: "America/New_York", last: "2026-02-27T18:30:00-05:00", spacing: time.Hour, want: "2026-03-02T15:00:00Z"},
		{name: "rounding up to the window end moves to the next day", cal: def, zone: "America/New_York", last: "2026-03-02T18:58:30-05:00", spacing: time.Minute, want: "2026-03-03T15:00:00Z"},
		{name: "spacing is elapsed time across spring forward", cal: everyDay(0, 1440), zone: "America/New_York", last: "2026-03-07T12:00:00-05:00", spacing: 24 * time.Hour, want: "2026-03-08T17:00:00Z"},
		{name: "tehran wednesday to saturday", cal: schedule.IranCalendar(), zone: "Asia/Tehran", last: "2026-03-11T18:00:00+03:30", spacing: 24 * time.Hour, want: "2026-03-14T06:30:00Z"},
		{name: "thirty days landing on nowruz", cal: nowruz(t), zone: "Asia/Tehran", last: "2026-02-22T12:00:00+03:30", spacing: 30 * 24 * time.Hour, want: "2026-03-25T06:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			loc := mustLoad(t, tt.zone)
			got := schedule.RetryAt(mustTime(t, tt.last), tt.spacing, tt.cal, loc)
			want := mustTime(t, tt.want)
			if !got.Equal(want) {
				t.Fatalf("RetryAt(%s, %s) = %s (%s), want %s (%s)", tt.last, tt.spacing, got, got.In(loc), want, want.In(loc))
			}
			if got.Location() != time.UTC {
				t.Errorf("RetryAt returned zone %s, want UTC", got.Location())
			}
		})
	}
}
