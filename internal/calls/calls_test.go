package calls_test

import (
	"errors"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/calls"
	"github.com/tamas-app/tamas/internal/schedule"
)

func TestDecide(t *testing.T) {
	t.Parallel()
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	// Wednesday 18:30 Tehran: a retry a day later lands on Thursday, a day
	// off in the Saturday–Wednesday week, so it moves to Saturday 10:00.
	now := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	base := calls.Attempt{
		AttemptsMade: 0, MaxAttempts: 3, RetrySpacing: 24 * time.Hour,
		Now: now, Calendar: schedule.IranCalendar(), Customer: tehran,
	}
	with := func(f func(*calls.Attempt)) calls.Attempt { a := base; f(&a); return a }
	saturday10 := time.Date(2026, 11, 28, 6, 30, 0, 0, time.UTC)
	tests := []struct {
		name    string
		attempt calls.Attempt
		want    calls.Outcome
		wantErr error
	}{
		{"completed", with(func(a *calls.Attempt) { a.Disposition = calls.Completed }), calls.Outcome{State: "completed"}, nil},
		{"no answer retries on the next working day", with(func(a *calls.Attempt) { a.Disposition = calls.NoAnswer }), calls.Outcome{State: "no_answer", DueAt: saturday10}, nil},
		{"busy retries too", with(func(a *calls.Attempt) { a.Disposition = calls.Busy; a.AttemptsMade = 1 }), calls.Outcome{State: "no_answer", DueAt: saturday10}, nil},
		{"last attempt makes the customer silent", with(func(a *calls.Attempt) { a.Disposition = calls.Voicemail; a.AttemptsMade = 2 }), calls.Outcome{State: "unreachable", Silent: true}, nil},
		{"wrong number", with(func(a *calls.Attempt) { a.Disposition = calls.WrongNumber }), calls.Outcome{State: "unreachable", Silent: true}, nil},
		{"refused", with(func(a *calls.Attempt) { a.Disposition = calls.Refused }), calls.Outcome{State: "refused"}, nil},
		{"do not contact", with(func(a *calls.Attempt) { a.Disposition = calls.DoNotContact }), calls.Outcome{State: "opted_out", OptOut: true}, nil},
		{"callback at the customer's time, even on Thursday", with(func(a *calls.Attempt) {
			a.Disposition = calls.Callback
			a.CallbackAt = time.Date(2026, 11, 26, 20, 0, 30, 0, tehran)
		}), calls.Outcome{State: "callback", DueAt: time.Date(2026, 11, 26, 16, 31, 0, 0, time.UTC)}, nil},
		{"callback in the past", with(func(a *calls.Attempt) { a.Disposition = calls.Callback; a.CallbackAt = now.Add(-time.Minute) }), calls.Outcome{}, calls.ErrCallbackTime},
		{"callback without a time", with(func(a *calls.Attempt) { a.Disposition = calls.Callback }), calls.Outcome{}, calls.ErrCallbackTime},
		{"callback too far ahead", with(func(a *calls.Attempt) { a.Disposition = calls.Callback; a.CallbackAt = now.Add(61 * 24 * time.Hour) }), calls.Outcome{}, calls.ErrCallbackTime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := calls.Decide(tt.attempt)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("err = %v, want %v", err, tt.wantErr)
			}
			if got.State != tt.want.State || !got.DueAt.Equal(tt.want.DueAt) || got.OptOut != tt.want.OptOut || got.Silent != tt.want.Silent {
				t.Errorf("Decide = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	for _, d := range calls.Dispositions {
		if got, err := calls.Parse(string(d)); err != nil || got != d {
			t.Errorf("Parse(%q) = %q, %v", d, got, err)
		}
	}
	if _, err := calls.Parse("sold_upgrade"); err == nil {
		t.Error("unknown outcome accepted")
	}
}

// Submit reads the calendar only for outcomes that retry: every other
// outcome is decided the same without it, and a retry needs it.
func TestOnlyRetriesNeedTheCalendar(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	for _, d := range calls.Dispositions {
		withCal := calls.Attempt{
			Disposition: d, MaxAttempts: 3, RetrySpacing: 24 * time.Hour, Now: now,
			Calendar: schedule.IranCalendar(), Customer: time.UTC, CallbackAt: now.Add(48 * time.Hour),
		}
		without := withCal
		without.Calendar = schedule.Calendar{}
		a, errA := calls.Decide(withCal)
		b, errB := calls.Decide(without)
		same := a == b && (errA == nil) == (errB == nil)
		if d.Retries() && same {
			t.Errorf("%s: decided the same without a calendar, yet Retries says it needs one", d)
		}
		if !d.Retries() && !same {
			t.Errorf("%s: %+v, %v with the calendar but %+v, %v without; Retries says it needs none", d, a, errA, b, errB)
		}
	}
}
