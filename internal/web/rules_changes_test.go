package web

import (
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/settings"
)

// Persian messages show numbers in Persian digits, and keep dates and
// times quoted in them in an isolate, so a right-to-left line does not
// reverse "۲۰۲۶-۰۱-۰۱".
func TestCalendarProblemsInPersian(t *testing.T) {
	t.Parallel()
	_, _, probs := settings.ParseCalendar(settings.CalendarInput{WorkingDays: []string{"6"}, WindowStart: "19:00", WindowEnd: "10:00",
		Holidays: "2026-01-01\n2026-01-01"})
	if got, want := problemText(i18n.FA, probs.On("window_end")[0]), "از \u2068۱۹:۰۰\u2069 تا \u2068۱۰:۰۰\u2069"; !strings.Contains(got, want) {
		t.Errorf("window order in Persian: %q, want it to contain %q", got, want)
	}
	if got, want := problemText(i18n.FA, probs.On("holidays")[0]), "سطر ۲: تاریخ \u2068۲۰۲۶-۰۱-۰۱\u2069 در سطر ۱"; !strings.Contains(got, want) {
		t.Errorf("duplicate holiday in Persian: %q, want it to contain %q", got, want)
	}
}

func TestSpacingText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang    i18n.Lang
		minutes int
		want    string
	}{
		{i18n.EN, 1440, "24 h"},
		{i18n.EN, 90, "1 h 30 min"},
		{i18n.EN, 45, "45 min"},
		{i18n.FA, 1440, "۲۴ ساعت"},
		{i18n.FA, 90, "۱ ساعت و ۳۰ دقیقه"},
	}
	for _, tt := range tests {
		if got := spacingText(tt.lang, tt.minutes); got != tt.want {
			t.Errorf("spacingText(%s, %d) = %q, want %q", tt.lang, tt.minutes, got, tt.want)
		}
	}
}

func TestWeekOrder(t *testing.T) {
	t.Parallel()
	if got := weekOrder(i18n.FA)[0]; got != time.Saturday {
		t.Errorf("Persian week starts on %s, want Saturday", got)
	}
	if got := weekOrder(i18n.EN)[0]; got != time.Monday {
		t.Errorf("English week starts on %s, want Monday", got)
	}
	if got := daysText(i18n.FA, []bool{true, false, false, false, false, false, true}); got != "شنبه، یکشنبه" {
		t.Errorf("daysText(FA, Sat+Sun) = %q", got)
	}
}
