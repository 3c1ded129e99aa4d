package web_test

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
)

// rulesSite is openSite with two supervisors: sara reads Persian in
// Tehran, sam English in London.
func rulesSite(t *testing.T) *site {
	t.Helper()
	s := openSite(t)
	s.addUser(t, "sara", "supervisor", "fa", "Asia/Tehran")
	s.addUser(t, "sam", "supervisor", "en", "Europe/London")
	return s
}

// ruleForm is the form of the default rule as the page sends it unchanged.
func ruleForm(changes ...string) url.Values {
	f := url.Values{
		"mode": {"edit"}, "category": {""}, "delay_days": {"7"}, "channel": {"agent"}, "script": {"default"},
		"priority": {"50"}, "max_attempts": {"3"}, "retry_hours": {"24"}, "retry_minutes": {"0"}, "ask_once_days": {"30"},
	}
	for i := 0; i+1 < len(changes); i += 2 {
		f.Set(changes[i], changes[i+1])
	}
	return f
}

func calendarForm(days []string, holidays, start, end string) url.Values {
	return url.Values{"working_day": days, "holidays": {holidays}, "window_start": {start}, "window_end": {end}}
}

type ruleRow struct {
	Category                                              string
	DelayDays, Priority, MaxAttempts, RetrySpacingMinutes int32
	Channel, Script                                       string
}

func (s *site) rules(t *testing.T) map[string]ruleRow {
	t.Helper()
	rows, err := s.Pool.Query(t.Context(), `SELECT category, delay_days, priority, max_attempts, retry_spacing_minutes, channel, script_name FROM followup_rules`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]ruleRow{}
	for rows.Next() {
		var r ruleRow
		if err := rows.Scan(&r.Category, &r.DelayDays, &r.Priority, &r.MaxAttempts, &r.RetrySpacingMinutes, &r.Channel, &r.Script); err != nil {
			t.Fatal(err)
		}
		out[r.Category] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type auditRow struct {
	Actor, Entity, Key string
	Before, After      map[string]any
}

func (s *site) audit(t *testing.T) []auditRow {
	t.Helper()
	rows, err := s.Pool.Query(t.Context(), `SELECT actor, entity, entity_key, before, after FROM audit_log ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []auditRow
	for rows.Next() {
		var a auditRow
		var before, after []byte
		if err := rows.Scan(&a.Actor, &a.Entity, &a.Key, &before, &after); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			b []byte
			m *map[string]any
		}{{before, &a.Before}, {after, &a.After}} {
			if c.b != nil {
				if err := json.Unmarshal(c.b, c.m); err != nil {
					t.Fatal(err)
				}
			}
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type storedCalendar struct {
	days       []bool
	holidays   []string
	names      string
	start, end int16
}

func (s *site) calendar(t *testing.T) storedCalendar {
	t.Helper()
	var c storedCalendar
	var hs []time.Time
	if err := s.Pool.QueryRow(t.Context(), `SELECT working_days, holidays, holiday_names::text, window_start, window_end FROM calendar`).
		Scan(&c.days, &hs, &c.names, &c.start, &c.end); err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		c.holidays = append(c.holidays, h.Format(time.DateOnly))
	}
	return c
}

// plain drops the bidi isolates that keep quoted text in order in a
// Persian line.
var plain = strings.NewReplacer("\u2066", "", "\u2067", "", "\u2068", "", "\u2069", "").Replace

// problemText is the message the page shows for field, or "".
func problemText(body, field string) string {
	body = plain(body)
	m := regexp.MustCompile(`data-testid="problem-`+regexp.QuoteMeta(field)+`">([^<]*)<`).FindAllStringSubmatch(body, -1)
	var texts []string
	for _, x := range m {
		texts = append(texts, html.UnescapeString(x[1]))
	}
	return strings.Join(texts, " | ")
}

func TestRulesPageForSupervisors(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	for _, c := range []struct {
		user, title, firstDay, default_ string
	}{
		{"sara", "قواعد پیگیری و تقویم", `value="6"`, "پیش‌فرض (همهٔ دسته‌های دیگر)"},
		{"sam", "Follow-up rules and calendar", `value="1"`, "Default (every other category)"},
		{"boss", "Follow-up rules and calendar", `value="1"`, "Default (every other category)"},
	} {
		r := s.signedIn(t, c.user).get(t, "/rules")
		r.wantStatus(t, c.user+" GET /rules", http.StatusOK)
		for _, want := range []string{
			"<h1>" + c.title + "</h1>", `data-testid="rules"`, `data-testid="rule" data-category=""`,
			c.default_, `data-testid="calendar"`, `data-testid="rule-add"`, `href="/rules"`,
			`<option value="default" selected>default</option>`,
			`<option value="sms" disabled>`, `<option value="voice" disabled>`,
		} {
			if !strings.Contains(r.body, want) {
				t.Errorf("%s's rules page lacks %s", c.user, want)
			}
		}
		// The week starts on Saturday in Persian and Monday in English.
		i := strings.Index(r.body, `name="working_day"`)
		if i < 0 || !strings.HasPrefix(r.body[i+len(`name="working_day" `):], c.firstDay) {
			t.Errorf("%s's first working-day box is not %s", c.user, c.firstDay)
		}
		// The default rule cannot be deleted from the page.
		if strings.Contains(r.body, `data-testid="rule-delete"`) {
			t.Errorf("%s's page offers to delete the default rule", c.user)
		}
	}
	if r := s.signedIn(t, "maryam").get(t, "/queue"); strings.Contains(r.body, `href="/rules"`) {
		t.Error("an agent's menu links to the rules page")
	}
}

func TestRulesAreForSupervisorsAndAdminsOnly(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	rulesBefore, calBefore := s.rules(t), s.calendar(t)
	for _, user := range []string{"maryam", "desk"} {
		v := s.signedIn(t, user)
		v.get(t, "/rules").wantStatus(t, user+" GET /rules", http.StatusForbidden)
		v.post(t, "/rules", ruleForm("delay_days", "1")).wantStatus(t, user+" POST /rules", http.StatusForbidden)
		v.post(t, "/rules", ruleForm("mode", "add", "category", "glasses")).wantStatus(t, user+" POST /rules (add)", http.StatusForbidden)
		v.post(t, "/rules/delete", url.Values{"category": {"glasses"}}).wantStatus(t, user+" POST /rules/delete", http.StatusForbidden)
		v.post(t, "/calendar", calendarForm([]string{"0"}, "", "08:00", "09:00")).wantStatus(t, user+" POST /calendar", http.StatusForbidden)
	}
	s.visitor(t).post(t, "/rules", ruleForm("delay_days", "1")).wantRedirect(t, "POST /rules signed out", "/login")
	if got := s.rules(t); len(got) != len(rulesBefore) || got[""] != rulesBefore[""] {
		t.Errorf("rules changed by refused requests: %+v, was %+v", got, rulesBefore)
	}
	if got := s.calendar(t); got.start != calBefore.start || got.end != calBefore.end {
		t.Errorf("calendar changed by refused requests: %+v", got)
	}
	if a := s.audit(t); len(a) != 0 {
		t.Errorf("%d audit rows after refused requests, want 0", len(a))
	}
}

func TestRuleSaveStoresAndAudits(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	sam := s.signedIn(t, "sam")
	sam.post(t, "/rules", ruleForm("delay_days", "10", "priority", "60", "retry_hours", "2", "retry_minutes", "30")).
		wantRedirect(t, "saving the default rule", "/rules")
	want := ruleRow{Category: "", DelayDays: 10, Priority: 60, MaxAttempts: 3, RetrySpacingMinutes: 150, Channel: "agent", Script: "default"}
	if got := s.rules(t)[""]; got != want {
		t.Errorf("default rule %+v, want %+v", got, want)
	}
	a := s.audit(t)
	if len(a) != 1 {
		t.Fatalf("%d audit rows, want 1", len(a))
	}
	if a[0].Actor != "sam" || a[0].Entity != "rule" || a[0].Key != "" ||
		a[0].Before["delay_days"] != 7.0 || a[0].After["delay_days"] != 10.0 ||
		a[0].Before["retry_spacing_minutes"] != 1440.0 || a[0].After["retry_spacing_minutes"] != 150.0 {
		t.Errorf("audit row %+v, want sam's rule '' from delay 7/1440 min to 10/150 min", a[0])
	}
	page := sam.get(t, "/rules")
	if !strings.Contains(page.body, "The default rule was saved.") {
		t.Error("no flash after saving")
	}
	for _, want := range []string{`data-testid="audit-entry"`, "Delay (days):", `<bdi class="before">7</bdi>`, `<bdi class="after">10</bdi>`, "24 h", "2 h 30 min"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the change list lacks %q", want)
		}
	}

	// Saving it again unchanged records nothing.
	sam.post(t, "/rules", ruleForm("delay_days", "10", "priority", "60", "retry_hours", "2", "retry_minutes", "30")).
		wantRedirect(t, "saving the default rule unchanged", "/rules")
	if n := len(s.audit(t)); n != 1 {
		t.Errorf("%d audit rows after an unchanged save, want 1", n)
	}

	// A rule for a new category is stored under the category as sales have it.
	sara := s.signedIn(t, "sara")
	sara.post(t, "/rules", ruleForm("mode", "add", "category", "  Glasses ", "delay_days", "14")).
		wantRedirect(t, "adding a rule for Glasses", "/rules")
	if got, ok := s.rules(t)["glasses"]; !ok || got.DelayDays != 14 {
		t.Errorf("rules after the addition: %+v, want glasses with delay 14", s.rules(t))
	}
	a = s.audit(t)
	if len(a) != 2 || a[1].Actor != "sara" || a[1].Key != "glasses" || a[1].Before != nil || a[1].After["delay_days"] != 14.0 {
		t.Errorf("audit rows %+v, want a second one adding glasses by sara", a)
	}
	// The Persian page shows the change in Persian digits and words.
	fa := plain(sara.get(t, "/rules").body)
	for _, want := range []string{"قاعده‌ای برای «glasses» افزوده شد.", "قاعدهٔ «glasses»", "افزوده شد", `<bdi class="after">۱۴</bdi>`} {
		if !strings.Contains(fa, want) {
			t.Errorf("sara's page lacks %q", want)
		}
	}

	// Adding the same category twice is refused, with the reason by the field.
	r := sara.post(t, "/rules", ruleForm("mode", "add", "category", "GLASSES", "delay_days", "1"))
	r.wantStatus(t, "adding glasses again", http.StatusUnprocessableEntity)
	if p := problemText(r.body, "category"); !strings.Contains(p, "«glasses» از قبل قاعده دارد") {
		t.Errorf("category problem %q", p)
	}
	if got := s.rules(t)["glasses"]; got.DelayDays != 14 {
		t.Errorf("glasses delay %d after a refused addition, want 14", got.DelayDays)
	}
}

func TestRuleSaveRefusesBadInput(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	sam := s.signedIn(t, "sam")
	before := s.rules(t)
	for _, c := range []struct {
		name, field, says, typed string
		form                     url.Values
	}{
		{"delay 400", "delay_days", "Delay: please enter a whole number of days from 0 to 365.", `value="400"`, ruleForm("delay_days", "400")},
		{"unknown script", "script", "Script: there is no script named “sales-pitch”", `<option value="sales-pitch" selected>`, ruleForm("script", "sales-pitch")},
		{"channel sms", "channel", "Channel: SMS and voice surveys need the Twilio settings", `<option value="sms" selected disabled>`, ruleForm("channel", "sms")},
		{"channel voice", "channel", "need the Twilio settings", `<option value="voice" selected disabled>`, ruleForm("channel", "voice")},
		{"missing category", "category", "Product category: please enter the category", `value="14"`, ruleForm("mode", "add", "category", " ", "delay_days", "14")},
		{"spacing of 0", "retry_spacing", "Retry after:", `name="retry_minutes" value="0"`, ruleForm("retry_hours", "0", "retry_minutes", "0")},
		{"31 attempts", "max_attempts", "Max attempts: please enter a whole number from 1 to 20.", `value="31"`, ruleForm("max_attempts", "31")},
		{"priority 101", "priority", "Priority:", `value="101"`, ruleForm("priority", "101")},
		{"ask once in 400 days", "ask_once_days", "Ask at most every: please enter a whole number of days from 0 to 365", `name="ask_once_days" value="400"`, ruleForm("ask_once_days", "400")},
		{"ask once days missing", "ask_once_days", "Ask at most every:", `name="ask_once_days" value=""`, ruleForm("ask_once_days", "")},
	} {
		r := sam.post(t, "/rules", c.form)
		r.wantStatus(t, c.name, http.StatusUnprocessableEntity)
		if p := problemText(r.body, c.field); !strings.Contains(p, c.says) {
			t.Errorf("%s: problem by %s is %q, want it to say %q", c.name, c.field, p, c.says)
		}
		if !strings.Contains(r.body, c.typed) {
			t.Errorf("%s: the refused form does not keep %s", c.name, c.typed)
		}
		if !strings.Contains(r.body, `data-testid="refused"`) {
			t.Errorf("%s: the page does not say nothing was saved", c.name)
		}
	}
	// In Persian the message is Persian.
	r := s.signedIn(t, "sara").post(t, "/rules", ruleForm("delay_days", "400"))
	if p := problemText(r.body, "delay_days"); !strings.Contains(p, "فاصله تا تماس: لطفاً عددی صحیح از ۰ تا ۳۶۵ روز وارد کنید.") {
		t.Errorf("Persian delay problem %q", p)
	}
	after := s.rules(t)
	if len(after) != len(before) || after[""] != before[""] {
		t.Errorf("rules after refused saves %+v, want %+v", after, before)
	}
	if a := s.audit(t); len(a) != 0 {
		t.Errorf("%d audit rows after refused saves, want 0", len(a))
	}
}

func TestRuleDelete(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	sara := s.signedIn(t, "sara")
	r := sara.post(t, "/rules/delete", ruleForm())
	r.wantStatus(t, "deleting the default rule", http.StatusUnprocessableEntity)
	if !strings.Contains(r.body, "قاعدهٔ پیش‌فرض را نمی‌توان حذف کرد") {
		t.Error("the refusal does not say why")
	}
	if _, ok := s.rules(t)[""]; !ok {
		t.Fatal("the default rule was deleted")
	}
	sara.post(t, "/rules/delete", url.Values{"category": {"phones"}}).wantStatus(t, "deleting a rule that does not exist", http.StatusNotFound)
	if n := len(s.audit(t)); n != 0 {
		t.Errorf("%d audit rows after refused deletions, want 0", n)
	}

	sara.post(t, "/rules", ruleForm("mode", "add", "category", "phones", "priority", "90")).wantRedirect(t, "adding phones", "/rules")
	if !strings.Contains(sara.get(t, "/rules").body, `data-testid="rule-delete"`) {
		t.Error("a category rule has no delete button")
	}
	sara.post(t, "/rules/delete", ruleForm("category", "phones")).wantRedirect(t, "deleting phones", "/rules")
	if _, ok := s.rules(t)["phones"]; ok {
		t.Error("the phones rule is still stored")
	}
	a := s.audit(t)
	if len(a) != 2 || a[1].Key != "phones" || a[1].After != nil || a[1].Before["priority"] != 90.0 {
		t.Errorf("audit rows %+v, want the addition and then the deletion of phones", a)
	}
}

func TestCalendarSave(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	sara := s.signedIn(t, "sara")
	iran := []string{"6", "0", "1", "2", "3"}
	sara.post(t, "/calendar", calendarForm(iran, "2026-03-22 دومین روز نوروز\n2026-03-21 نوروز\n", "09:00", "18:30")).
		wantRedirect(t, "saving the Iranian calendar", "/rules#calendar")
	c := s.calendar(t)
	wantDays := []bool{true, true, true, true, false, false, true}
	if strings.Join(c.holidays, ",") != "2026-03-21,2026-03-22" || c.start != 540 || c.end != 1110 || len(c.days) != 7 {
		t.Errorf("calendar %+v", c)
	}
	for i := range wantDays {
		if c.days[i] != wantDays[i] {
			t.Errorf("working days %v, want %v", c.days, wantDays)
			break
		}
	}
	if !strings.Contains(c.names, `"2026-03-21": "نوروز"`) {
		t.Errorf("holiday names %s", c.names)
	}
	a := s.audit(t)
	if len(a) != 1 || a[0].Entity != "calendar" || a[0].Actor != "sara" ||
		a[0].Before["window_start"] != 600.0 || a[0].After["window_start"] != 540.0 || a[0].After["window_end"] != 1110.0 {
		t.Fatalf("audit rows %+v, want one calendar change by sara from 600 to 540", a)
	}
	page := sara.get(t, "/rules").body
	for _, want := range []string{
		"تقویم ذخیره شد.",
		"شنبه ۱ فروردین ۱۴۰۵",                          // 2026-03-21 in the Jalali calendar, beside the date
		"۱۴۰۵/۰۱/۰۱ نوروز\n۱۴۰۵/۰۱/۰۲ دومین روز نوروز", // typed back in Jalali
		`<bdi class="before">۱۰:۰۰</bdi>`, `<bdi class="after">۰۹:۰۰</bdi>`,
		"تعطیلات اضافه‌شده",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("sara's page after saving lacks %q", want)
		}
	}
	// An English reader sees the Gregorian date.
	if en := s.signedIn(t, "sam").get(t, "/rules").body; !strings.Contains(en, "Sat 21 Mar 2026") || strings.Contains(en, "فروردین") {
		t.Error("sam's page does not show the holiday as Sat 21 Mar 2026")
	}

	for _, c := range []struct {
		name, field, says, typed string
		form                     url.Values
	}{
		{"window end before start", "window_end", "Until: the calling window must end after it starts; it was given as 19:00 to 10:00.", `value="19:00"`,
			calendarForm(iran, "", "19:00", "10:00")},
		{"no working day", "working_days", "Working days: please choose at least one day.", `value="08:00"`,
			calendarForm(nil, "", "08:00", "17:00")},
		{"bad holiday date", "holidays", "Holidays, line 2: “2026-02-30” is not a date", "2026-02-30 typo",
			calendarForm(iran, "2026-03-21\n2026-02-30 typo", "08:00", "17:00")},
	} {
		r := s.signedIn(t, "sam").post(t, "/calendar", c.form)
		r.wantStatus(t, c.name, http.StatusUnprocessableEntity)
		if p := problemText(r.body, c.field); !strings.Contains(p, c.says) {
			t.Errorf("%s: problem by %s is %q, want it to say %q", c.name, c.field, p, c.says)
		}
		if !strings.Contains(r.body, c.typed) {
			t.Errorf("%s: the refused form does not keep %q", c.name, c.typed)
		}
	}
	// The Persian refusal is in Persian digits.
	r := sara.post(t, "/calendar", calendarForm(iran, "", "19:00", "10:00"))
	if p := problemText(r.body, "window_end"); !strings.Contains(p, "از ۱۹:۰۰ تا ۱۰:۰۰") {
		t.Errorf("Persian window problem %q", p)
	}
	if got := s.calendar(t); got.start != 540 || got.end != 1110 || len(got.holidays) != 2 {
		t.Errorf("calendar after refused saves %+v, want the saved one", got)
	}
	if n := len(s.audit(t)); n != 1 {
		t.Errorf("%d audit rows after refused calendar saves, want 1", n)
	}
}

// A follow-up copies its rule when it is scheduled: changing the rule
// moves only the follow-ups of sales that arrive afterwards.
func TestRuleChangeAffectsOnlyNewFollowUps(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	ctx := context.Background()
	soldAt := pagesNow.Add(-time.Hour)
	ingest := func(id, phone string) (int64, time.Time) {
		t.Helper()
		out, err := s.Intake.Ingest(ctx, s.Shop, []sales.Input{{ExternalID: id,
			Customer: sales.CustomerInput{Name: "Reza", Phone: phone, Timezone: "Asia/Tehran", Locale: "fa"},
			Product:  sales.ProductInput{SKU: "GL-2", Name: "Frames", Category: "Glasses"}, SoldAt: soldAt.Format(time.RFC3339)}})
		if err != nil || out[0].Status != intake.StatusCreated {
			t.Fatalf("ingesting %s: %+v, %v", id, out, err)
		}
		return out[0].FollowUp.ID, out[0].FollowUp.DueAt
	}
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	cal, err := store.LoadCalendar(ctx, s.Pool)
	if err != nil {
		t.Fatal(err)
	}

	oldID, oldDue := ingest("R-1", "09121110001")
	if want := schedule.DueAt(soldAt, 7, cal, tehran); !oldDue.Equal(want) {
		t.Fatalf("first follow-up due %v, want %v under the default rule", oldDue, want)
	}
	s.signedIn(t, "sara").post(t, "/rules", ruleForm("mode", "add", "category", "glasses", "delay_days", "21", "priority", "80")).
		wantRedirect(t, "adding a rule for glasses", "/rules")
	_, newDue := ingest("R-2", "09121110002")
	if want := schedule.DueAt(soldAt, 21, cal, tehran); !newDue.Equal(want) {
		t.Errorf("second follow-up due %v, want %v under the glasses rule", newDue, want)
	}
	var due time.Time
	var priority int
	if err := s.Pool.QueryRow(ctx, `SELECT due_at, priority FROM follow_ups WHERE id = $1`, oldID).Scan(&due, &priority); err != nil {
		t.Fatal(err)
	}
	if !due.Equal(oldDue) || priority != 50 {
		t.Errorf("the first follow-up moved to %v, priority %d; want %v, 50", due, priority, oldDue)
	}
}

// A calendar with two things wrong shows each under its own field, in the
// reader's language, and nothing as the calendar's general refusal.
func TestCalendarProblemsStayOnTheirFields(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	r := s.signedIn(t, "sara").post(t, "/calendar", calendarForm(nil, "", "19:00", "10:00"))
	r.wantStatus(t, "a calendar without working days that ends before it starts", http.StatusUnprocessableEntity)
	for field, want := range map[string]string{
		"working_days": "روزهای کاری: لطفاً دست‌کم یک روز را انتخاب کنید.",
		"window_end":   "تا ساعت: پایان بازهٔ تماس باید بعد از شروع آن باشد؛ از ۱۹:۰۰ تا ۱۰:۰۰ وارد شده است.",
		"window_start": "",
	} {
		if got := problemText(r.body, field); got != want {
			t.Errorf("problem by %s is %q, want %q", field, got, want)
		}
	}
	if strings.Contains(r.body, `<p class="error">`) {
		t.Error("the page shows a general calendar refusal besides the fields' own")
	}
}

func TestRuleSaveTakesAskOnceDaysInPersianDigits(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	sam := s.signedIn(t, "sam")
	sam.post(t, "/rules", ruleForm("ask_once_days", "۱۴")).wantRedirect(t, "saving ask_once_days", "/rules")
	if n := s.Count(t, "SELECT ask_once_days FROM followup_rules WHERE category = ''"); n != 14 {
		t.Errorf("ask_once_days = %d, want 14", n)
	}
	a := s.audit(t)
	if len(a) != 1 || a[0].Before["ask_once_days"] != 30.0 || a[0].After["ask_once_days"] != 14.0 {
		t.Errorf("audit %+v, want one row from 30 to 14 days", a)
	}
}

// Every number of a rule is a text input with a numeric keyboard, shown in
// the reader's digits, and a Persian supervisor saves a rule typed in
// Persian digits: a number input would refuse them in the browser.
func TestRuleNumbersAreTypedInPersianDigits(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	sara := s.signedIn(t, "sara")
	page := sara.get(t, "/rules")
	page.wantStatus(t, "sara's rules page", http.StatusOK)
	if strings.Contains(page.body, `type="number"`) {
		t.Error("the rules page still has number inputs, which refuse Persian digits")
	}
	for _, f := range []struct{ name, value string }{
		{"delay_days", "۷"}, {"priority", "۵۰"}, {"max_attempts", "۳"}, {"retry_hours", "۲۴"}, {"retry_minutes", "۰"}, {"ask_once_days", "۳۰"},
	} {
		input := regexp.MustCompile(`<input[^>]*name="` + f.name + `"[^>]*>`).FindString(page.body)
		if !strings.Contains(input, `inputmode="numeric"`) || !strings.Contains(input, `value="`+f.value+`"`) {
			t.Errorf("the %s input is %s, want a numeric text input holding %s", f.name, input, f.value)
		}
	}
	sara.post(t, "/rules", ruleForm("delay_days", "۱۰", "priority", "۶۰", "max_attempts", "۴", "retry_hours", "۲", "retry_minutes", "۳۰")).
		wantRedirect(t, "saving a rule typed in Persian digits", "/rules")
	want := ruleRow{Category: "", DelayDays: 10, Priority: 60, MaxAttempts: 4, RetrySpacingMinutes: 150, Channel: "agent", Script: "default"}
	if got := s.rules(t)[""]; got != want {
		t.Errorf("saved %+v, want %+v", got, want)
	}
}
