package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
)

// answerBadly has maryam take her next call and complete it with a rating
// of 1 (a high product_defect issue). It returns the follow-up's id.
func (s *site) answerBadly(t *testing.T, v *visitor) int64 {
	t.Helper()
	r := v.post(t, "/queue/next", nil)
	m := callPath.FindStringSubmatch(r.location())
	if m == nil {
		t.Fatalf("POST /queue/next: %d to %q", r.status, r.location())
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	var version int64
	if err := s.Pool.QueryRow(t.Context(), `SELECT script_version_id FROM follow_ups WHERE id = $1`, id).Scan(&version); err != nil {
		t.Fatal(err)
	}
	v.post(t, r.location(), url.Values{
		"script_version_id": {strconv.FormatInt(version, 10)}, "disposition": {"completed"},
		"answer.overall": {"1"}, "answer.working": {"yes"},
	}).wantRedirect(t, "completing the call", "/queue")
	return id
}

func (s *site) issueIDs(t *testing.T) map[string]int64 {
	t.Helper()
	rows, err := s.Pool.Query(t.Context(), `SELECT category, id FROM issues`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var c string
		var id int64
		if err := rows.Scan(&c, &id); err != nil {
			t.Fatal(err)
		}
		out[c] = id
	}
	return out
}

var issueRow = regexp.MustCompile(`data-testid="issue-row"`)

func TestServiceDeskWorksAnIssue(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	maryam := s.signedIn(t, "maryam")
	s.answerBadly(t, maryam)
	pd := s.issueIDs(t)["product_defect"]
	if pd == 0 {
		t.Fatal("a rating of 1 raised no product_defect issue")
	}
	path := "/issues/" + strconv.FormatInt(pd, 10)

	maryam.get(t, "/issues").wantStatus(t, "agent GET /issues", http.StatusForbidden)
	maryam.get(t, path).wantStatus(t, "agent GET /issues/{id}", http.StatusForbidden)
	maryam.post(t, path+"/state", url.Values{"to": {"wont_fix"}, "reason": {"no"}}).wantStatus(t, "agent POST state", http.StatusForbidden)

	desk := s.signedIn(t, "desk")
	list := desk.get(t, "/issues")
	list.wantStatus(t, "service GET /issues", http.StatusOK)
	if n := len(issueRow.FindAllString(list.body, -1)); n != 1 || !strings.Contains(list.body, "مریم رضایی") {
		t.Errorf("the desk lists %d issues, want maryam's customer's one", n)
	}
	if r := desk.get(t, "/issues?status=resolved"); len(issueRow.FindAllString(r.body, -1)) != 0 {
		t.Error("the resolved filter shows an open issue")
	}
	if r := desk.get(t, "/issues?status=bogus"); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Status") {
		t.Errorf("an unknown status filter: %d, want 422 naming the filter", r.status)
	}
	page := desk.get(t, path)
	page.wantStatus(t, "service GET /issues/{id}", http.StatusOK)
	for _, want := range []string{`data-testid="issue-answers"`, "عینک مطالعه", `data-testid="history"`, `data-testid="resolve-form"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the issue page lacks %s", want)
		}
	}
	// The resolve button stands on its own line under its hint, not
	// squeezed into the hint's run of text.
	if !regexp.MustCompile(`<p class="muted small" id="resolve-hint">[^<]+</p>\s*<button type="submit" class="resolve" aria-describedby="resolve-hint" data-testid="resolve">`).MatchString(page.body) {
		t.Error("the resolve button is not a block of its own after its hint")
	}

	// A change made after the page was shown (here a colleague's note)
	// makes the page's buttons stale: nothing is saved, 409.
	seen := regexp.MustCompile(`name="seen" value="([^"]+)"`).FindStringSubmatch(page.body)
	if seen == nil {
		t.Fatal("the issue page's forms do not carry when the issue was seen")
	}
	s.signedIn(t, "boss").post(t, path+"/notes", url.Values{"body": {"Customer called the shop too."}}).wantRedirect(t, "a colleague's note", path+"#notes")
	stale := desk.post(t, path+"/state", url.Values{"to": {"in_progress"}, "seen": {seen[1]}})
	stale.wantStatus(t, "starting from a stale page", http.StatusConflict)
	if !strings.Contains(stale.body, `data-testid="problem-seen"`) {
		t.Error("the stale refusal does not say why")
	}
	desk.post(t, path+"/assign", url.Values{"assignee": {"0"}, "assign_me": {"1"}, "seen": {seen[1]}}).
		wantStatus(t, "assigning from a stale page", http.StatusConflict)
	desk.post(t, path+"/assign", url.Values{"assignee": {"0"}, "assign_me": {"1"}}).wantRedirect(t, "assign to me", path+"#work")
	desk.post(t, path+"/assign", url.Values{"assignee": {strconv.FormatInt(s.userID(t, "maryam"), 10)}}).
		wantStatus(t, "assigning to an agent", http.StatusUnprocessableEntity)
	var assignee int64
	if err := s.Pool.QueryRow(t.Context(), `SELECT assignee_id FROM issues WHERE id = $1`, pd).Scan(&assignee); err != nil || assignee != s.userID(t, "desk") {
		t.Errorf("assignee %d, %v; want desk", assignee, err)
	}
	if r := desk.get(t, "/issues?assignee=me"); len(issueRow.FindAllString(r.body, -1)) != 1 {
		t.Error("the issue is not listed under assigned to me")
	}

	desk.post(t, path+"/notes", url.Values{"body": {"  "}}).wantStatus(t, "an empty note", http.StatusUnprocessableEntity)
	desk.post(t, path+"/notes", url.Values{"body": {"Called: a new pair is on its way <b>today</b>."}}).wantRedirect(t, "a note", path+"#notes")
	if page := desk.get(t, path); !strings.Contains(page.body, "&lt;b&gt;today&lt;/b&gt;") {
		t.Error("the note is not shown escaped on the issue page")
	}

	// Resolving needs a cause from the list and a note; a refusal keeps
	// what was typed and changes nothing.
	r := desk.post(t, path+"/state", url.Values{"to": {"resolved"}, "root_cause_note": {"replaced the frame"}})
	r.wantStatus(t, "resolving without a cause", http.StatusUnprocessableEntity)
	if !strings.Contains(r.body, `data-testid="problem-root_cause"`) || !strings.Contains(r.body, "replaced the frame") {
		t.Error("the refused resolution does not name the cause or lost the note")
	}
	desk.post(t, path+"/state", url.Values{"to": {"resolved"}, "root_cause": {"product_defect"}, "root_cause_note": {" "}}).
		wantStatus(t, "resolving without a note", http.StatusUnprocessableEntity)
	desk.post(t, path+"/state", url.Values{"to": {"closed"}}).wantStatus(t, "closing an open issue", http.StatusUnprocessableEntity)
	var state string
	var recovery *int64
	if err := s.Pool.QueryRow(t.Context(), `SELECT state, recovery_follow_up_id FROM issues WHERE id = $1`, pd).Scan(&state, &recovery); err != nil {
		t.Fatal(err)
	}
	if state != "open" || recovery != nil {
		t.Fatalf("after refusals: %s, recovery %v; want open without one", state, recovery)
	}

	desk.post(t, path+"/state", url.Values{"to": {"in_progress"}}).wantRedirect(t, "start", path)
	desk.post(t, path+"/state", url.Values{"to": {"resolved"}, "root_cause": {"product_defect"}, "root_cause_note": {"replaced the frame"}}).
		wantRedirect(t, "resolve", path)
	if err := s.Pool.QueryRow(t.Context(), `SELECT state, recovery_follow_up_id FROM issues WHERE id = $1`, pd).Scan(&state, &recovery); err != nil {
		t.Fatal(err)
	}
	if state != "resolved" || recovery == nil {
		t.Fatalf("after resolving: %s, recovery %v; want resolved with a recovery call", state, recovery)
	}
	page = desk.get(t, path)
	for _, want := range []string{`data-testid="issue-recovery"`, `data-testid="close"`, "replaced the frame"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the resolved issue's page lacks %s", want)
		}
	}
	var audits int
	if err := s.Pool.QueryRow(t.Context(), `SELECT count(*) FROM audit_log WHERE entity = 'issue' AND entity_key = $1::bigint::text`, pd).Scan(&audits); err != nil {
		t.Fatal(err)
	}
	// Raised, the colleague's note, assigned, note, started, resolved.
	if audits != 6 {
		t.Errorf("%d audit rows, want 6", audits)
	}
}

func TestAgentRaisesAnIssueByHand(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	maryam := s.signedIn(t, "maryam")
	r := maryam.post(t, "/queue/next", nil)
	call := r.location()
	page := maryam.get(t, call)
	if !strings.Contains(page.body, `data-testid="manual-issue"`) {
		t.Fatal("the call page has no way to report a problem")
	}
	refused := maryam.post(t, call+"/issue", url.Values{"category": {"delivery"}, "severity": {"high"}, "note": {""}})
	refused.wantStatus(t, "a report without a note", http.StatusUnprocessableEntity)
	if !strings.Contains(refused.body, `data-testid="problem-note"`) || !strings.Contains(refused.body, `data-testid="call-form"`) {
		t.Error("the refused report does not show the call page with the note's problem")
	}
	maryam.post(t, call+"/issue", url.Values{"category": {"nonsense"}, "severity": {"high"}, "note": {"late"}}).
		wantStatus(t, "a report with an unknown category", http.StatusUnprocessableEntity)
	if n := len(s.issueIDs(t)); n != 0 {
		t.Fatalf("%d issues after refused reports", n)
	}
	maryam.post(t, call+"/issue", url.Values{"category": {"delivery"}, "severity": {"high"}, "note": {"The courier was rude."}}).
		wantRedirect(t, "a report", call)
	if s.issueIDs(t)["delivery"] == 0 {
		t.Error("the report raised no delivery issue")
	}
	// Only the agent holding the call can report on it.
	emma := s.signedIn(t, "emma")
	emma.post(t, call+"/issue", url.Values{"category": {"other"}, "severity": {"low"}, "note": {"x"}}).
		wantRedirect(t, "emma reports on maryam's call", "/queue")
	if n := len(s.issueIDs(t)); n != 1 {
		t.Errorf("%d issues, want only maryam's", n)
	}
	s.signedIn(t, "desk").post(t, call+"/issue", url.Values{"category": {"other"}, "severity": {"low"}, "note": {"x"}}).
		wantStatus(t, "service POST /calls/{id}/issue", http.StatusForbidden)
}

func TestSupervisorInbox(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	var unread int
	s.answerBadly(t, s.signedIn(t, "maryam"))
	pd := s.issueIDs(t)["product_defect"]
	// The SLA job's part is tested in internal/issues; here the page.
	if err := store.New().InboxAdd(t.Context(), s.Pool, store.InboxAddParams{Kind: "issue_breached", IssueID: pd}); err != nil {
		t.Fatal(err)
	}
	s.signedIn(t, "desk").get(t, "/inbox").wantStatus(t, "service GET /inbox", http.StatusForbidden)
	s.signedIn(t, "maryam").get(t, "/inbox").wantStatus(t, "agent GET /inbox", http.StatusForbidden)

	boss := s.signedIn(t, "boss")
	page := boss.get(t, "/inbox")
	page.wantStatus(t, "admin GET /inbox", http.StatusOK)
	if !strings.Contains(page.body, `class="tag count-badge"`) || !strings.Contains(page.body, "/issues/"+strconv.FormatInt(pd, 10)) {
		t.Error("the inbox shows no unread breach or no link to the issue")
	}
	boss.post(t, "/inbox/read", url.Values{"id": {"x"}}).wantStatus(t, "a bad inbox id", http.StatusUnprocessableEntity)
	boss.post(t, "/inbox/read", nil).wantStatus(t, "mark all read without up_to", http.StatusUnprocessableEntity)
	// An entry that arrives after the page was shown stays unread.
	var shown int64
	if err := s.Pool.QueryRow(t.Context(), `SELECT max(id) FROM inbox_entries`).Scan(&shown); err != nil {
		t.Fatal(err)
	}
	s.answerBadly(t, s.signedIn(t, "emma"))
	if tag, err := s.Pool.Exec(t.Context(), `INSERT INTO inbox_entries (kind, issue_id) SELECT 'issue_breached', id FROM issues WHERE id <> $1`, pd); err != nil || tag.RowsAffected() != 1 {
		t.Fatalf("a later breach: %v, %v", tag, err)
	}
	boss.post(t, "/inbox/read", url.Values{"up_to": {strconv.FormatInt(shown, 10)}}).wantRedirect(t, "mark all read", "/inbox")
	var readBy string
	if err := s.Pool.QueryRow(t.Context(), `SELECT u.username FROM inbox_entries e JOIN users u ON u.id = e.read_by WHERE e.id = $1`, shown).Scan(&readBy); err != nil || readBy != "boss" {
		t.Errorf("the shown entry read by %q, %v; want boss", readBy, err)
	}
	if err := s.Pool.QueryRow(t.Context(), `SELECT count(*) FROM inbox_entries WHERE read_at IS NULL`).Scan(&unread); err != nil || unread != 1 {
		t.Errorf("%d unread after marking the shown ones read, %v; want the 1 that arrived later", unread, err)
	}
	if _, err := s.Pool.Exec(t.Context(), `UPDATE inbox_entries SET read_at = now() WHERE read_at IS NULL`); err != nil {
		t.Fatal(err)
	}
	if page := boss.get(t, "/inbox"); strings.Contains(page.body, "count-badge") {
		t.Error("the nav still shows an unread count")
	}
}

func TestRootCausesPage(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.signedIn(t, "desk").get(t, "/root-causes").wantStatus(t, "service GET /root-causes", http.StatusForbidden)
	boss := s.signedIn(t, "boss")
	boss.get(t, "/root-causes").wantStatus(t, "admin GET /root-causes", http.StatusOK)
	r := boss.post(t, "/root-causes", url.Values{"key": {"Bad Key"}, "label_en": {"Warranty"}, "label_fa": {"گارانتی"}})
	r.wantStatus(t, "a bad key", http.StatusUnprocessableEntity)
	if !strings.Contains(r.body, `value="Bad Key"`) {
		t.Error("the refused form lost what was typed")
	}
	boss.post(t, "/root-causes", url.Values{"key": {"warranty"}, "label_en": {"Warranty"}, "label_fa": {"گارانتی"}}).
		wantRedirect(t, "adding warranty", "/root-causes")
	boss.post(t, "/root-causes/delivery", url.Values{"label_en": {"Delivery"}, "label_fa": {"ارسال"}}).
		wantRedirect(t, "retiring delivery", "/root-causes")
	boss.post(t, "/root-causes/delivery", url.Values{"label_en": {""}, "label_fa": {"ارسال"}, "active": {"1"}}).
		wantStatus(t, "an empty label", http.StatusUnprocessableEntity)
	var active bool
	if err := s.Pool.QueryRow(t.Context(), `SELECT active FROM root_causes WHERE key = 'delivery'`).Scan(&active); err != nil || active {
		t.Errorf("delivery active = %v, %v; want retired", active, err)
	}
	// A retired cause is no longer offered on the call page.
	maryam := s.signedIn(t, "maryam")
	call := maryam.post(t, "/queue/next", nil).location()
	page := maryam.get(t, call)
	if strings.Contains(page.body, `<option value="delivery"`) || !strings.Contains(page.body, `<option value="warranty"`) {
		t.Error("the call page offers a retired cause or not the new one")
	}
}

// A refusal reads in the service user's language: a Persian user resolving
// without a root cause is told so in Persian, next to the field.
func TestPersianServiceUserSeesPersianRefusal(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.answerBadly(t, s.signedIn(t, "maryam"))
	s.addUser(t, "negar", "service", "fa", "Asia/Tehran")
	path := "/issues/" + strconv.FormatInt(s.issueIDs(t)["product_defect"], 10)
	r := s.signedIn(t, "negar").post(t, path+"/state", url.Values{"to": {"resolved"}, "root_cause_note": {"قاب عوض شد"}})
	r.wantStatus(t, "resolving without a cause", http.StatusUnprocessableEntity)
	want := `<small class="problem" data-testid="problem-root_cause">علت اصلی را از فهرست انتخاب کنید.</small>`
	if !strings.Contains(r.body, want) {
		t.Errorf("the refusal is not the Persian one next to the cause; want %s", want)
	}
}

// TestHistoryDatesARecoveryCallByItsDueDate: the customer's history shows
// a recovery call under the date it is due, not its sale's date.
func TestHistoryDatesARecoveryCallByItsDueDate(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.answerBadly(t, s.signedIn(t, "maryam"))
	id := s.issueIDs(t)["product_defect"]
	path := "/issues/" + strconv.FormatInt(id, 10)
	desk := s.signedIn(t, "desk")
	desk.post(t, path+"/state", url.Values{"to": {"resolved"}, "root_cause": {"product_defect"}, "root_cause_note": {"replaced the frame"}}).
		wantRedirect(t, "resolve", path)
	due := time.Date(2030, time.March, 7, 9, 0, 0, 0, time.UTC)
	if _, err := s.Pool.Exec(t.Context(), `UPDATE follow_ups SET due_at = $1 WHERE kind = 'recovery'`, due); err != nil {
		t.Fatal(err)
	}
	history := between(desk.get(t, path).body, `data-testid="history"`, "</article>")
	sold := i18n.Date(i18n.EN, pagesNow.Add(-10*24*time.Hour), time.UTC)
	for _, item := range strings.Split(history, `class="history-item"`)[1:] {
		recovery := strings.Contains(item, "call back after a fix")
		if recovery && (!strings.Contains(item, "due "+i18n.Date(i18n.EN, due, time.UTC)) || strings.Contains(item, sold)) {
			t.Errorf("the recovery call is not dated by when it is due (%s):\n%s", i18n.Date(i18n.EN, due, time.UTC), item)
		}
		if !recovery && !strings.Contains(item, sold) {
			t.Errorf("the first call is not dated by its sale (%s):\n%s", sold, item)
		}
	}
	if n := strings.Count(history, "call back after a fix"); n != 1 {
		t.Errorf("the history shows %d recovery calls, want 1", n)
	}
}

// TestSavedCallSaysWhatItRaised: after saving a call whose answers raised
// issues, the agent is told how many and of which categories, in their
// language; a call that raised none says nothing of issues.
func TestSavedCallSaysWhatItRaised(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	flashAfter := func(v *visitor, answers url.Values) string {
		t.Helper()
		r := v.post(t, "/queue/next", nil)
		var version int64
		m := callPath.FindStringSubmatch(r.location())
		if m == nil {
			t.Fatalf("POST /queue/next: %d to %q", r.status, r.location())
		}
		if err := s.Pool.QueryRow(t.Context(), `SELECT script_version_id FROM follow_ups WHERE id = $1`, m[1]).Scan(&version); err != nil {
			t.Fatal(err)
		}
		answers.Set("script_version_id", strconv.FormatInt(version, 10))
		answers.Set("disposition", "completed")
		v.post(t, r.location(), answers).wantRedirect(t, "completing the call", "/queue")
		return between(v.get(t, "/queue").body, `data-testid="flash">`, "</")
	}
	fa := flashAfter(s.signedIn(t, "maryam"), url.Values{"answer.overall": {"1"}, "answer.working": {"yes"}})
	if !strings.Contains(fa, "پاسخ‌ها یک مورد برای کارکنان سرویس ثبت کرد: ایراد کالا.") {
		t.Errorf("the Persian agent's flash does not tell of the issue: %q", fa)
	}
	en := flashAfter(s.signedIn(t, "emma"), url.Values{"answer.overall": {"2"}, "answer.working": {"yes"}, "answer.staff": {"1"}})
	if !strings.Contains(en, "Your answers raised 2 issues for service staff: Product defect, Staff behaviour.") {
		t.Errorf("the English agent's flash does not tell of both issues: %q", en)
	}

	s.Sell(t, sales.Input{ExternalID: "P-3", Customer: sales.CustomerInput{Name: "Ali Karimi", Phone: "09131234567", Timezone: "Asia/Tehran", Locale: "en"},
		Product: sales.ProductInput{SKU: "PH-12", Name: "Phone A12"}, Branch: "Vanak", SoldAt: pagesNow.Add(-10 * 24 * time.Hour).Format(time.RFC3339)})
	s.MakeDue(t, pagesNow)
	if calm := flashAfter(s.signedIn(t, "emma"), url.Values{"answer.overall": {"5"}, "answer.working": {"yes"}}); calm == "" || strings.Contains(calm, "issue") {
		t.Errorf("a call without bad answers: flash %q, want the save without issues", calm)
	}
}
