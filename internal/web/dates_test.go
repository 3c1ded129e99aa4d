package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
)

// Persian readers type and see dates in the Jalali calendar and times on
// the 24-hour clock, in Persian digits, in plain text fields: browsers
// have no Jalali picker and show their own locale's 12-hour clock.
// English readers keep the browser's pickers and ISO values.

func TestPersianReportRangeIsJalali(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	reportFixture(t, s)
	s.addUser(t, "reza", "supervisor", "fa", "Asia/Tehran")
	reza := s.signedIn(t, "reza")
	// 9 Mehr to 9 Aban 1405 is 1 to 31 October 2026, reportMonth.
	jalali := "from=" + url.QueryEscape("۱۴۰۵/۰۷/۰۹") + "&to=" + url.QueryEscape("1405-8-9")
	r := reza.get(t, "/reports?"+jalali)
	r.wantStatus(t, "GET /reports with a Jalali range", http.StatusOK)
	if got := figures(t, r.body); got["due"] != "۶" || got["answered-rate"] != "۶۶٫۷٪" {
		t.Errorf("figures of the Jalali range: %v, want those of October 2026", got)
	}
	for _, want := range []string{`name="from" value="۱۴۰۵/۰۷/۰۹"`, `name="to" value="۱۴۰۵/۰۸/۰۹"`, `inputmode="numeric"`, `placeholder="۱۴۰۵/۰۹/۱۳"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the Persian filter form lacks %s", want)
		}
	}
	if strings.Contains(r.body, `type="date"`) {
		t.Error("the Persian filter form offers the browser's Gregorian date picker")
	}
	csv := reza.get(t, "/reports/branches.csv?"+jalali)
	if cd := csv.header.Get("Content-Disposition"); !strings.Contains(cd, "2026-10-01-2026-10-31") {
		t.Errorf("the CSV of the Jalali range is %q, want October 2026", cd)
	}
	// A link in ISO form still reads, and shows in Jalali.
	if iso := reza.get(t, "/reports?"+reportMonth); !strings.Contains(iso.body, `name="from" value="۱۴۰۵/۰۷/۰۹"`) {
		t.Error("an ISO range is not shown in Jalali to a Persian reader")
	}

	bad := reza.get(t, "/reports?from="+url.QueryEscape("۱۴۰۵/۱۳/۰۱"))
	bad.wantStatus(t, "month 13", http.StatusUnprocessableEntity)
	if p := problemText(bad.body, "from"); p != "«۱۴۰۵/۱۳/۰۱» تاریخ درستی نیست: ماه باید از ۱ تا ۱۲ باشد." {
		t.Errorf("month 13 says %q", p)
	}
	if !strings.Contains(bad.body, `value="۱۴۰۵/۱۳/۰۱"`) {
		t.Error("the refused date is not kept as typed")
	}

	boss := s.signedIn(t, "boss")
	en := boss.get(t, "/reports?"+reportMonth)
	if !strings.Contains(en.body, `type="date" name="from" value="2026-10-01"`) {
		t.Error("the English filter form lost its date picker or its ISO value")
	}
	if p := problemText(boss.get(t, "/reports?from=2026-02-30").body, "from"); p != "“2026-02-30” is not a date: February 2026 has 28 days." {
		t.Errorf("30 February says %q", p)
	}
}

func TestPersianCallbackIsJalaliAnd24Hour(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	maryam := s.signedIn(t, "maryam")
	r := maryam.post(t, "/queue/next", nil)
	m := callPath.FindStringSubmatch(r.location())
	if m == nil {
		t.Fatalf("POST /queue/next: %d to %q", r.status, r.location())
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	var version int64
	var zone string
	if err := s.Pool.QueryRow(t.Context(), `SELECT f.script_version_id, c.timezone FROM follow_ups f
		JOIN customers c ON c.id = f.customer_id WHERE f.id = $1`, id).Scan(&version, &zone); err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	page := maryam.get(t, r.location()).body
	tag := tagWith(page, `name="callback_at"`)
	for _, want := range []string{`type="text"`, `inputmode="numeric"`, `placeholder="۱۴۰۵/۰۹/۱۳ ۱۴:۳۰"`, `pattern=`} {
		if !strings.Contains(tag, want) {
			t.Errorf("the Persian callback field lacks %s: %s", want, tag)
		}
	}

	// Two days on, at 16:45 where the customer lives (the call page's
	// "customer's time"), typed in Jalali with Persian digits.
	day := pagesNow.In(loc).AddDate(0, 0, 2)
	want := time.Date(day.Year(), day.Month(), day.Day(), 16, 45, 0, 0, loc)
	typed := i18n.DateValue(i18n.FA, want) + " ۱۶:۴۵"
	form := url.Values{"script_version_id": {strconv.FormatInt(version, 10)}, "disposition": {"callback"}, "callback_at": {"۱۴۰۵/۱۲/۳۰ ۱۶:۴۵"}}
	bad := maryam.post(t, r.location(), form)
	bad.wantStatus(t, "30 Esfand 1405, which 1405 lacks", http.StatusUnprocessableEntity)
	if p := problemText(bad.body, "callback_at"); p != "«۱۴۰۵/۱۲/۳۰» تاریخ درستی نیست: اسفند ۱۴۰۵، ۲۹ روز دارد." {
		t.Errorf("30 Esfand 1405 says %q", p)
	}
	if !strings.Contains(tagWith(bad.body, `name="callback_at"`), `value="۱۴۰۵/۱۲/۳۰ ۱۶:۴۵"`) {
		t.Error("the refused callback time is not kept as typed")
	}

	form.Set("callback_at", typed)
	maryam.post(t, r.location(), form).wantRedirect(t, "a Jalali callback", "/queue")
	var due time.Time
	var state string
	if err := s.Pool.QueryRow(t.Context(), `SELECT state, due_at FROM follow_ups WHERE id = $1`, id).Scan(&state, &due); err != nil {
		t.Fatal(err)
	}
	if state != "callback" || !due.Equal(want) {
		t.Errorf("callback %q: %s due %v, want callback due %v", typed, state, due, want)
	}
}

func TestPersianCalendarIsJalaliAnd24Hour(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	sara := s.signedIn(t, "sara")
	iran := []string{"6", "0", "1", "2", "3"}
	sara.post(t, "/calendar", calendarForm(iran, "۱۴۰۵/۰۱/۰۱ نوروز\n1405-1-2 دومین روز نوروز\n۱۴۰۳/۱۲/۳۰\n", "۰۹:۰۰", "۱۸:۳۰")).
		wantRedirect(t, "saving a Jalali calendar", "/rules#calendar")
	c := s.calendar(t)
	if strings.Join(c.holidays, ",") != "2025-03-20,2026-03-21,2026-03-22" || c.start != 540 || c.end != 1110 {
		t.Errorf("calendar %+v, want 20 March 2025, 21 and 22 March 2026, 09:00 to 18:30", c)
	}

	page := sara.get(t, "/rules").body
	if !strings.Contains(page, "۱۴۰۳/۱۲/۳۰\n۱۴۰۵/۰۱/۰۱ نوروز\n۱۴۰۵/۰۱/۰۲ دومین روز نوروز") {
		t.Error("the holidays are not shown in Jalali for Persian")
	}
	for _, name := range []string{"window_start", "window_end"} {
		tag := tagWith(page, `name="`+name+`"`)
		if !strings.Contains(tag, `type="text"`) || !strings.Contains(tag, `placeholder="۱۴:۳۰"`) || !strings.Contains(tag, "required") {
			t.Errorf("the Persian %s field is not a 24-hour text field: %s", name, tag)
		}
	}
	if !strings.Contains(page, `value="۰۹:۰۰"`) || !strings.Contains(page, `value="۱۸:۳۰"`) {
		t.Error("the calling window is not shown in Persian digits")
	}
	// What is shown saves back unchanged.
	again := calendarForm(iran, "۱۴۰۳/۱۲/۳۰\n۱۴۰۵/۰۱/۰۱ نوروز\n۱۴۰۵/۰۱/۰۲ دومین روز نوروز\n", "۰۹:۰۰", "۱۸:۳۰")
	sara.post(t, "/calendar", again).wantRedirect(t, "saving what was shown", "/rules#calendar")
	if n := len(s.audit(t)); n != 1 {
		t.Errorf("%d audit rows after saving what was shown, want 1", n)
	}

	bad := sara.post(t, "/calendar", calendarForm(iran, "۱۴۰۵/۰۱/۰۱\n۱۴۰۵/۱۳/۰۱ تعطیل", "۰۹:۰۰", "۱۸:۳۰"))
	bad.wantStatus(t, "month 13", http.StatusUnprocessableEntity)
	if p := problemText(bad.body, "holidays"); p != "تعطیلات، سطر ۲: «۱۴۰۵/۱۳/۰۱» تاریخ درستی نیست: ماه باید از ۱ تا ۱۲ باشد." {
		t.Errorf("month 13 says %q", p)
	}

	sam := s.signedIn(t, "sam").get(t, "/rules").body
	if !strings.Contains(sam, "2025-03-20\n2026-03-21 نوروز") || !strings.Contains(tagWith(sam, `name="window_start"`), `type="time"`) {
		t.Error("the English calendar form lost its ISO dates or its time picker")
	}
}
