package web_test

import (
	"context"
	"encoding/csv"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/store"
)

// reportMonth is where the hand-made report data lies: October 2026, away
// from openSite's own follow-ups (due in late November).
const reportMonth = "from=2026-10-01&to=2026-10-31"

// reportFixture adds a script with a rating, an NPS and a text question
// and these follow-ups, answered through the store's own answer insert:
//
//	A تجریش/glasses completed: rating 3, NPS 7, no comment   → silent
//	B تجریش/glasses completed: rating 3, NPS 9, a comment    → not silent
//	C Vanak/phones  completed: rating 5, NPS 10              → not silent
//	D Vanak/phones  completed: rating 1, NPS 6               → not silent
//	E Vanak/phones  unreachable after 3 attempts             → silent
//	F تجریش/glasses due
//
// and issues: one from D resolved in 24 h whose recovery call raised
// nothing (recovered), one from C resolved in 48 h whose recovery call
// raised a new trigger, one from A open and breached.
func reportFixture(t *testing.T, s *site) {
	t.Helper()
	ctx := context.Background()
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := s.Pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	id := func(sql string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := s.Pool.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return n
	}
	scriptID := id(`INSERT INTO scripts (name, locale) VALUES ('survey', 'fa') RETURNING id`)
	version := id(`INSERT INTO script_versions (script_id, number, body, published_at, created_by)
		VALUES ($1, 1, '{"name":"survey","locale":"fa","intro":"سلام","closing":"سپاس","questions":[
		 {"key":"overall","prompt":"?","type":"rating","required":true},
		 {"key":"recommend","prompt":"?","type":"nps","required":true},
		 {"key":"comments","prompt":"?","type":"text","required":false}]}', now(), 'test') RETURNING id`, scriptID)
	src := id(`SELECT id FROM sources WHERE name = 'shop'`)
	q := store.New()
	type fu struct {
		name, customer, branch, category, state string
		attempts                                int
		answers                                 []string // overall, recommend, comments
	}
	ids := map[string]int64{}
	responses := map[string]int64{}
	for i, f := range []fu{
		{"A", "مریم صادقی", "تجریش", "glasses", "completed", 1, []string{"3", "7", ""}},
		{"B", "Ali Karimi", "تجریش", "glasses", "completed", 1, []string{"3", "9", "The arm is loose"}},
		{"C", "Sara Tehrani", "Vanak", "phones", "completed", 2, []string{"5", "10", "  "}},
		{"D", "Reza Jafari", "Vanak", "phones", "completed", 1, []string{"1", "6", ""}},
		{"E", "لیلا رحیمی", "Vanak", "phones", "unreachable", 3, nil},
		{"F", "Kaveh Mousavi", "تجریش", "glasses", "due", 0, nil},
	} {
		due := time.Date(2026, 10, 5+i, 9, 0, 0, 0, time.UTC)
		cust := id(`INSERT INTO customers (phone, name, timezone, locale) VALUES ($1, $2, 'Asia/Tehran', 'fa') RETURNING id`,
			"+98912555000"+string(rune('0'+i)), f.customer)
		sale := id(`INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name, product_category, branch, sold_at, content_hash)
			VALUES ($1, $2, $3, 'SKU-'||$2, 'Product '||$2, $4, $5, $6, '\x00') RETURNING id`, src, "R-"+f.name, cust, f.category, f.branch, due.Add(-7*24*time.Hour))
		// Branch and category are left for the insert trigger to copy.
		ids[f.name] = id(`INSERT INTO follow_ups (sale_id, customer_id, state, due_at, channel, script_name, script_version_id, priority, max_attempts, retry_spacing_minutes, attempt_count)
			VALUES ($1, $2, $3, $4, 'agent', 'survey', $5, 50, 3, 1440, $6) RETURNING id`, sale, cust, f.state, due, version, f.attempts)
		if f.answers == nil {
			continue
		}
		resp, err := q.ResponseInsert(ctx, s.Pool, store.ResponseInsertParams{FollowUpID: ids[f.name], ScriptVersionID: version, Channel: "agent", CapturedBy: "test"})
		if err != nil {
			t.Fatal(err)
		}
		responses[f.name] = resp
		if err := q.AnswerInsertMany(ctx, s.Pool, store.AnswerInsertManyParams{
			ResponseID: resp, QuestionKey: []string{"overall", "recommend", "comments"}, Value: f.answers,
		}); err != nil {
			t.Fatal(err)
		}
	}
	recovery := func(from string, day int, trigger bool) int64 {
		rf := id(`INSERT INTO follow_ups (kind, sale_id, customer_id, state, due_at, channel, script_name, script_version_id, priority, max_attempts, retry_spacing_minutes)
			SELECT 'recovery', sale_id, customer_id, 'completed', $2, 'agent', 'survey', script_version_id, 50, 3, 1440 FROM follow_ups WHERE id = $1 RETURNING id`,
			ids[from], time.Date(2026, 12, day, 9, 0, 0, 0, time.UTC))
		resp, err := q.ResponseInsert(ctx, s.Pool, store.ResponseInsertParams{FollowUpID: rf, ScriptVersionID: version, Channel: "agent", CapturedBy: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if trigger {
			responses["recovery-"+from] = resp
		}
		return rf
	}
	issue := func(from, cause string, created time.Time, resolved *time.Time, rf *int64, breached *time.Time) int64 {
		state, note := "open", ""
		if resolved != nil {
			state, note = "resolved", "fixed"
		}
		var rc *string
		if cause != "" {
			rc = &cause
		}
		iid := id(`INSERT INTO issues (customer_id, sale_id, follow_up_id, category, severity, state, deadline_at, breached_at, root_cause, root_cause_note, resolved_at, recovery_follow_up_id, created_at)
			SELECT customer_id, sale_id, id, 'product_defect', 'high', $2, $3::timestamptz + interval '2 days', $4, $5, $6, $7, $8, $3 FROM follow_ups WHERE id = $1 RETURNING id`,
			ids[from], state, created, breached, rc, note, resolved, rf)
		exec(`INSERT INTO issue_triggers (issue_id, response_id, question_key, value, severity) VALUES ($1, $2, 'overall', '1', 'high')`, iid, responses[from])
		return iid
	}
	at := func(d, h int) *time.Time { t := time.Date(2026, 10, d, h, 0, 0, 0, time.UTC); return &t }
	rD := recovery("D", 1, false)
	issue("D", "product_defect", *at(10, 10), at(11, 10), &rD, nil)
	rC := recovery("C", 2, true)
	ic := issue("C", "delivery", *at(12, 0), at(14, 0), &rC, nil)
	// C's recovery call found the problem again.
	exec(`INSERT INTO issue_triggers (issue_id, response_id, question_key, value, severity) VALUES ($1, $2, 'overall', '2', 'high')`, ic, responses["recovery-C"])
	issue("A", "", *at(15, 0), nil, nil, at(17, 0))
}

var figureValue = regexp.MustCompile(`(?s)data-testid="figure-([a-z-]+)".*?<dd class="value">([^<]*)</dd>`)

func figures(t *testing.T, body string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, m := range figureValue.FindAllStringSubmatch(body, -1) {
		out[m[1]] = m[2]
	}
	if len(out) == 0 {
		t.Fatalf("no figures on the page:\n%s", body)
	}
	return out
}

func TestReportFiguresOnAHandMadeMonth(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	reportFixture(t, s)
	boss := s.signedIn(t, "boss")

	r := boss.get(t, "/reports?"+reportMonth)
	r.wantStatus(t, "GET /reports", http.StatusOK)
	got := figures(t, r.body)
	for k, want := range map[string]string{
		"due": "6", "completed": "4", "unreachable": "1",
		"answered-rate": "66.7%", // 4 of 6 due
		"silence-rate":  "40.0%", // A and E of 5 ended
		"csat":          "25.0%", // one 5 among 3, 3, 5, 1
		"nps":           "25",    // promoters B, C; detractor D; of 4
		"issues-opened": "3", "issues-resolved": "2", "issues-breached": "1",
		"median-resolve": "36 h", // 24 h and 48 h
		"recovery-rate":  "50.0%",
	} {
		if got[k] != want {
			t.Errorf("figure %s = %q, want %q", k, got[k], want)
		}
	}
	// Each rate is named for what it divides, with that base beside it.
	for id, want := range map[string]string{
		"answered-rate": "Answered of due", "silence-rate": "Silent of ended",
		"csat": "Satisfied (rated 4 or 5) of ratings", "recovery-rate": "Recovered of answered recovery calls",
	} {
		if !regexp.MustCompile(`data-testid="figure-` + id + `"><dt>` + regexp.QuoteMeta(want) + `</dt>`).MatchString(r.body) {
			t.Errorf("figure %s is not labelled %q", id, want)
		}
	}
	for id, want := range map[string]string{
		"answered-rate": "4 of 6", "silence-rate": "2 of 5", "csat": "1 of 4", "recovery-rate": "1 of 2", "nps": "from 4 answers",
	} {
		if !strings.Contains(r.body, `data-testid="base-`+id+`">`+want+`<`) {
			t.Errorf("figure %s lacks its base %q", id, want)
		}
	}
	// Breakdowns by branch and category, never by person; root causes by label.
	for _, want := range []string{`data-testid="table-branches"`, "<bdi>تجریش</bdi>", "<bdi>Vanak</bdi>",
		`data-testid="table-categories"`, "<bdi>phones</bdi>", "<bdi>Product defect</bdi>", "<bdi>Delivery</bdi>"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The trend is server-rendered SVG with the expected series, daily for a month.
	for _, want := range []string{"<svg", `data-series="Follow-ups due"`, `data-series="Silent"`, `data-series="Satisfied (rated 4 or 5) of ratings"`, "By day"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("trend lacks %q", want)
		}
	}

	// Rolled up (the report_days job), the month reads the same.
	if err := reports.New(reports.Opts{Pool: s.Pool}).Refresh(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	var rolled int
	if err := s.Pool.QueryRow(context.Background(), `SELECT count(*) FROM report_days WHERE day < '2026-11-01'`).Scan(&rolled); err != nil || rolled == 0 {
		t.Fatalf("nothing rolled up: %d, %v", rolled, err)
	}
	if again := figures(t, boss.get(t, "/reports?"+reportMonth).body); !maps.Equal(again, got) {
		t.Errorf("rolled up: %v\nlive: %v", again, got)
	}

	// Filters narrow every figure.
	vanak := figures(t, boss.get(t, "/reports?"+reportMonth+"&branch=Vanak").body)
	if vanak["due"] != "3" || vanak["silence-rate"] != "33.3%" || vanak["issues-opened"] != "2" {
		t.Errorf("Vanak: %v", vanak)
	}
	if other := figures(t, boss.get(t, "/reports?"+reportMonth+"&script=default").body); other["due"] != "0" || other["csat"] != "–" {
		t.Errorf("another script: %v", other)
	}
	// A long range goes by week.
	if r := boss.get(t, "/reports?from=2026-01-01&to=2026-10-31"); !strings.Contains(r.body, "By week (starting Monday)") {
		t.Error("a ten-month range is not weekly")
	}
}

func TestReportsInPersian(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	reportFixture(t, s)
	s.addUser(t, "reza", "supervisor", "fa", "Asia/Tehran")
	r := s.signedIn(t, "reza").get(t, "/reports?"+reportMonth)
	r.wantStatus(t, "GET /reports (fa)", http.StatusOK)
	if got := figures(t, r.body); got["due"] != "۶" || got["answered-rate"] != "۶۶٫۷٪" || !strings.Contains(r.body, `data-testid="base-answered-rate">۴ از ۶<`) {
		t.Errorf("Persian figures: %v", got)
	}
	if !strings.Contains(r.body, `direction="rtl"`) || !strings.Contains(r.body, "ایراد کالا") {
		t.Error("the Persian page has no right-to-left chart or no Persian root cause")
	}
}

func TestSilentCustomersAndTheirSettings(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	reportFixture(t, s)
	boss := s.signedIn(t, "boss")
	whys := regexp.MustCompile(`data-testid="why">([^<]*)<`)

	r := boss.get(t, "/silent?"+reportMonth)
	r.wantStatus(t, "GET /silent", http.StatusOK)
	got := whys.FindAllStringSubmatch(r.body, -1)
	// Newest first: E (10 Oct) then A (5 Oct).
	if len(got) != 2 || got[0][1] != "unreachable after 3 attempts" || got[1][1] != "neutral rating 3, NPS 7, no comment" {
		t.Fatalf("silent reasons %v", got)
	}
	if !strings.Contains(r.body, "Silence rate: 40.0% (2 of 5 ended follow-ups)") {
		t.Error("headline silence rate missing")
	}
	if strings.Contains(r.body, "Ali Karimi") {
		t.Error("a neutral answer with a comment counts as silent")
	}

	// A refused form keeps what was typed and stores nothing.
	bad := boss.post(t, "/silent/settings?"+reportMonth, url.Values{"rating_lo": {"0"}, "rating_hi": {"5"}, "nps_lo": {"9"}, "nps_hi": {"3"}})
	bad.wantStatus(t, "bad settings", http.StatusUnprocessableEntity)
	for _, want := range []string{`data-testid="problem-rating_lo"`, `data-testid="problem-nps_hi"`, `name="nps_lo" value="9"`} {
		if !strings.Contains(bad.body, want) {
			t.Errorf("refused form lacks %q", want)
		}
	}
	// Every score neutral: C and D now count too; B still said something.
	boss.post(t, "/silent/settings?"+reportMonth, url.Values{"rating_lo": {"۱"}, "rating_hi": {"5"}, "nps_lo": {"0"}, "nps_hi": {"10"}}).
		wantRedirect(t, "save settings", "/silent?"+reportMonth)
	r = boss.get(t, "/silent?"+reportMonth)
	if n := len(whys.FindAllStringSubmatch(r.body, -1)); n != 4 || strings.Contains(r.body, "Ali Karimi") {
		t.Errorf("after widening neutral: %d silent, want 4 without B", n)
	}
	var audits int
	var after string
	if err := s.Pool.QueryRow(context.Background(), `SELECT count(*), max(after::text) FROM audit_log WHERE entity = 'silence' AND actor = 'boss'`).Scan(&audits, &after); err != nil {
		t.Fatal(err)
	}
	if audits != 1 || !strings.Contains(after, `"nps_hi": 10`) {
		t.Errorf("audit rows %d, after %s", audits, after)
	}
}

func TestReportCSVDownloads(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	reportFixture(t, s)
	boss := s.signedIn(t, "boss")
	read := func(path string) [][]string {
		t.Helper()
		r := boss.get(t, path)
		r.wantStatus(t, path, http.StatusOK)
		if !strings.HasPrefix(r.body, "\uFEFF") {
			t.Fatalf("%s has no byte order mark", path)
		}
		if ct := r.header.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
			t.Errorf("%s: Content-Type %q", path, ct)
		}
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	branches := read("/reports/branches.csv?" + reportMonth)
	if len(branches) != 3 || branches[0][0] != "Branch" || branches[0][1] != "Follow-ups due" {
		t.Fatalf("branches.csv: %v", branches)
	}
	byName := map[string][]string{}
	for _, row := range branches[1:] {
		byName[row[0]] = row
	}
	if got := byName["تجریش"]; got == nil || got[1] != "3" || got[5] != "50.0" {
		t.Errorf("تجریش row %v: want 3 due, silence 50.0", got)
	}
	if got := byName["Vanak"]; got == nil || got[5] != "33.3" || got[10] != "36.0" {
		t.Errorf("Vanak row %v: want silence 33.3, median 36.0 hours", got)
	}
	if summary := read("/reports/summary.csv?" + reportMonth); len(summary) != 14 || summary[1][1] != "6" ||
		summary[13][0] != "Not asked again: asked recently" || summary[13][1] != "0" {
		t.Errorf("summary.csv: %v", summary)
	}
	silent := read("/silent.csv?" + reportMonth)
	if len(silent) != 3 || silent[1][0] != "لیلا رحیمی" || silent[2][0] != "مریم صادقی" || silent[1][7] != "unreachable after 3 attempts" {
		t.Errorf("silent.csv: %v", silent)
	}
	boss.get(t, "/reports/nope.csv").wantStatus(t, "unknown table", http.StatusNotFound)
	boss.get(t, "/reports/branches.csv?from=bad").wantStatus(t, "CSV with a bad range", http.StatusUnprocessableEntity)
}

func TestReportPagesAreForOverseers(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	for _, who := range []string{"maryam", "desk"} {
		v := s.signedIn(t, who)
		for _, path := range []string{"/reports", "/reports/summary.csv", "/silent", "/silent.csv"} {
			v.get(t, path).wantStatus(t, who+" GET "+path, http.StatusForbidden)
		}
		v.post(t, "/silent/settings", url.Values{"rating_lo": {"1"}, "rating_hi": {"5"}, "nps_lo": {"0"}, "nps_hi": {"10"}}).
			wantStatus(t, who+" POST /silent/settings", http.StatusForbidden)
	}
	var n int
	if err := s.Pool.QueryRow(context.Background(), `SELECT count(*) FROM silence_settings WHERE rating_lo = 3 AND nps_hi = 8`).Scan(&n); err != nil || n != 1 {
		t.Errorf("settings changed by a refused request: %d, %v", n, err)
	}
	boss := s.signedIn(t, "boss")
	home := boss.get(t, "/")
	if !strings.Contains(home.body, `href="/reports"`) || !strings.Contains(home.body, `href="/silent"`) {
		t.Error("an admin's navigation lacks reports or silent customers")
	}
	if agent := s.signedIn(t, "maryam").get(t, "/queue"); strings.Contains(agent.body, `href="/reports"`) {
		t.Error("an agent's navigation offers reports")
	}
}

func TestReportBadRangeNamesTheField(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	boss := s.signedIn(t, "boss")
	for _, c := range []struct{ path, field, typed string }{
		{"/reports?from=2026-13-01&to=2026-11-01", "from", `value="2026-13-01"`},
		{"/reports?from=2026-11-30&to=2026-11-01", "to", `value="2026-11-01"`},
		{"/reports?from=2024-01-01&to=2026-11-01", "from", `value="2024-01-01"`},
		{"/silent?from=2026-11-01&to=yesterday", "to", `value="yesterday"`},
	} {
		r := boss.get(t, c.path)
		r.wantStatus(t, c.path, http.StatusUnprocessableEntity)
		if !strings.Contains(r.body, `data-testid="problem-`+c.field+`"`) || !strings.Contains(r.body, c.typed) {
			t.Errorf("%s: no problem for %s, or the typed value is lost", c.path, c.field)
		}
	}
}
