package due_test

import (
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/due"
)

func TestMinute(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 14, 5, 42, 0, time.UTC)
	tests := []struct {
		name      string
		due, want time.Time
	}{
		{"future minute kept", time.Date(2026, 11, 30, 6, 30, 0, 0, time.UTC), time.Date(2026, 11, 30, 6, 30, 0, 0, time.UTC)},
		{"past shares the current minute", time.Date(2025, 1, 1, 10, 0, 0, 0, time.UTC), time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)},
		{"this minute", time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC), time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC)},
		{"zone ignored", time.Date(2026, 11, 30, 10, 0, 0, 0, time.FixedZone("IRST", 3*3600+1800)), time.Date(2026, 11, 30, 6, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := due.Minute(tt.due, now); !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("Minute(%v) = %v, want %v in UTC", tt.due, got, tt.want)
			}
		})
	}
}
