package web_test

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
)

// An empty queue says truly why, and when calling opens, in the reader's
// zone, calendar and digits. The site's two due calls are to Tehran, one
// in each agent's language; the organisation works Saturday to Wednesday.
func TestEmptyQueueSaysWhyAndWhenCallingOpens(t *testing.T) {
	s := openSite(t)
	ctx := context.Background()
	cal := schedule.IranCalendar()
	cal.Holidays = []schedule.Date{{Year: 2026, Month: time.December, Day: 2}}
	if err := store.New().CalendarSet(ctx, s.Pool, store.CalendarParams(cal)); err != nil {
		t.Fatal(err)
	}
	maryam, emma := s.signedIn(t, "maryam"), s.signedIn(t, "emma")
	for _, c := range []struct {
		what   string
		at     time.Time
		reader *visitor
		want   string
	}{
		{"Thursday noon in Tehran", time.Date(2026, 11, 26, 8, 30, 0, 0, time.UTC), emma,
			"Due but waiting: 1. Today is not a working day for customers in Tehran; calling opens Sat 28 Nov 2026 06:30 (your time)."},
		{"Friday noon in Tehran", time.Date(2026, 11, 27, 8, 30, 0, 0, time.UTC), maryam,
			"موعد ۱ تماس رسیده اما فعلاً نمی\u200cشود تماس گرفت: امروز برای مشتریان تهران روز کاری نیست. تماس از شنبه ۷ آذر ۱۴۰۵ ۱۰:۰۰ (به وقت شما) ممکن می\u200cشود."},
		{"Tuesday 08:30 in Tehran", time.Date(2026, 11, 24, 5, 0, 0, 0, time.UTC), emma,
			"Due but waiting: 1. Calling hours in Tehran have not begun yet; calling opens Tue 24 Nov 2026 06:30 (your time)."},
		{"Tuesday 19:30 in Tehran", time.Date(2026, 11, 24, 16, 0, 0, 0, time.UTC), emma,
			"Due but waiting: 1. Calling hours in Tehran are over for today; calling opens again Wed 25 Nov 2026 06:30 (your time)."},
		{"a Wednesday holiday", time.Date(2026, 12, 2, 8, 30, 0, 0, time.UTC), maryam,
			"موعد ۱ تماس رسیده اما فعلاً نمی\u200cشود تماس گرفت: امروز برای مشتریان تهران تعطیل است. تماس از شنبه ۱۴ آذر ۱۴۰۵ ۱۰:۰۰ (به وقت شما) ممکن می\u200cشود."},
	} {
		s.SetNow(c.at)
		body := html.UnescapeString(c.reader.get(t, "/queue").body)
		if !strings.Contains(body, c.want) {
			t.Errorf("%s: the queue does not say %q:\n%s", c.what, c.want, why(body))
		}
		if strings.Contains(body, "outside their calling hours") || strings.Contains(body, "Nobody is waiting") {
			t.Errorf("%s: the queue says calls wait outside their hours or that nobody waits:\n%s", c.what, why(body))
		}
	}

	// Both calls taken: nothing is due, and nothing is scheduled until a
	// sale brings a call due at 14:00 in Tehran.
	s.SetNow(time.Date(2026, 11, 24, 8, 30, 0, 0, time.UTC))
	for _, v := range []*visitor{maryam, emma} {
		v.post(t, "/queue/next", nil)
	}
	if body := html.UnescapeString(emma.get(t, "/queue").body); !strings.Contains(body, "No call is due and none is scheduled.") {
		t.Errorf("nothing due, nothing scheduled: the queue says\n%s", why(body))
	}
	s.Sell(t, sales.Input{ExternalID: "P-3", Customer: sales.CustomerInput{Name: "Ali Karimi", Phone: "09121112233", Timezone: "Asia/Tehran", Locale: "en"},
		Product: sales.ProductInput{SKU: "PH-12", Name: "Phone A12"}, Branch: "Vanak", SoldAt: "2026-11-17T10:30:00Z"})
	if body := html.UnescapeString(emma.get(t, "/queue").body); !strings.Contains(body, "No call is due yet; the next one falls due Tue 24 Nov 2026 10:30 (your time).") {
		t.Errorf("nothing due, one call later: the queue says\n%s", why(body))
	}
}

var whyLine = regexp.MustCompile(`data-testid="queue-(why|empty)">[^<]*`)

// why is the part of the queue page that explains it, for failure output.
func why(body string) string {
	return strings.Join(whyLine.FindAllString(body, -1), "\n")
}

// TestQueueListsMyCallbacks: the callbacks an agent promised are counted
// and listed, with when they are due in the agent's zone and digits and
// the customer's local time.
func TestQueueListsMyCallbacks(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	maryam := s.signedIn(t, "maryam")
	r := maryam.post(t, "/queue/next", nil)
	tehran, _ := time.LoadLocation("Asia/Tehran")
	at := pagesNow.In(tehran).AddDate(0, 0, 2)
	at = time.Date(at.Year(), at.Month(), at.Day(), 11, 30, 0, 0, tehran)
	maryam.post(t, r.location(), url.Values{"disposition": {"callback"}, "callback_at": {at.Format("2006-01-02T15:04")}}).
		wantRedirect(t, "promising a callback", "/queue")
	page := maryam.get(t, "/queue").body
	if n := between(page, `data-testid="my-callbacks"`, "</article>"); !strings.Contains(n, "۱") {
		t.Errorf("the callback is not counted: %q", n)
	}
	list := between(page, `data-testid="callback-list"`, "</section>")
	for _, want := range []string{"مریم رضایی", i18n.DateTime(i18n.FA, at, tehran), "۱۱:۳۰"} {
		if !strings.Contains(list, want) {
			t.Errorf("the callback list lacks %q:\n%s", want, list)
		}
	}
	if other := s.signedIn(t, "emma").get(t, "/queue").body; strings.Contains(other, `data-testid="callback-list"`) {
		t.Error("another agent sees maryam's callbacks")
	}
}

// TestQueueZeroReadsAsANumber: a count of zero in Persian is the word, not
// a lone "۰" that reads as a bullet.
func TestQueueZeroReadsAsANumber(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	fa := s.signedIn(t, "maryam").get(t, "/queue").body
	if got := between(between(fa, `data-testid="completed-today"`, "</article>"), `class="value">`, "<"); got != "صفر" {
		t.Errorf("Persian zero calls completed today reads %q, want صفر", got)
	}
	en := s.signedIn(t, "emma").get(t, "/queue").body
	if got := between(between(en, `data-testid="completed-today"`, "</article>"), `class="value">`, "<"); got != "0" {
		t.Errorf("English zero calls completed today reads %q, want 0", got)
	}
}
