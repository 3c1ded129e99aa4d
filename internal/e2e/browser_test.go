// Package e2e drives the real pages in Debian's Chromium, as agents use
// them. Screenshots go to the test's artifact directory: run with
// `go test -artifacts -outputdir DIR ./internal/e2e/` to keep them.
package e2e

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/scripts"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const chromium = "/usr/bin/chromium"

// start serves the app on a fresh database whose calendar is always open,
// so the test does not depend on the hour it runs at.
func start(t *testing.T) *apptest.App {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	a := apptest.Open(t, apptest.Opts{Serve: true, Logger: log})
	if err := store.New().CalendarSet(context.Background(), a.Pool, store.CalendarSetParams{
		WorkingDays: []bool{true, true, true, true, true, true, true}, Holidays: []time.Time{},
		WindowStart: 0, WindowEnd: 1440,
	}); err != nil {
		t.Fatal(err)
	}
	soldAt := time.Now().Add(-10 * 24 * time.Hour).UTC().Format(time.RFC3339)
	ids := a.Sell(t,
		sales.Input{ExternalID: "FA-1", Customer: sales.CustomerInput{Name: "مریم رضایی", Phone: "09121234567", Timezone: "Asia/Tehran", Locale: "fa"},
			Product: sales.ProductInput{SKU: "GL-100", Name: "عینک مطالعه", Category: "glasses"}, Branch: "تجریش", SoldAt: soldAt},
		sales.Input{ExternalID: "EN-1", Customer: sales.CustomerInput{Name: "Emma Clark", Phone: "+44 7911 123456", Timezone: "Europe/London", Locale: "en"},
			Product: sales.ProductInput{SKU: "PH-12", Name: "Phone A12", Category: "phones"}, Branch: "Vanak", SoldAt: soldAt},
	)
	// The Persian customer is called first (higher priority), so the first
	// agent to ask gets the right-to-left script.
	if _, err := a.Pool.Exec(context.Background(), "UPDATE follow_ups SET priority = 90 WHERE id = $1", ids[0]); err != nil {
		t.Fatal(err)
	}
	a.MakeDue(t, time.Now())
	for _, u := range []struct{ name, role, locale, tz string }{
		{"agent1", "agent", "fa", "Asia/Tehran"}, {"agent2", "agent", "en", "Europe/London"}, {"boss", "supervisor", "fa", "Asia/Tehran"},
	} {
		a.Staff(t, store.UserInsertParams{Username: u.name, Role: u.role, Locale: u.locale, Timezone: u.tz})
	}
	return a
}

// browser starts its own Chromium, so two agents have two cookie jars.
func browser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("%s is missing: `make test` installs Debian's chromium (apt-get install chromium)", chromium)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.WindowSize(1366, 768),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	// What the agent sees at 1366×768; Chromium's beyond-the-viewport
	// capture shifts right-to-left pages sideways.
	png := run(t, ctx, chromedp.CaptureScreenshot())
	path := filepath.Join(t.ArtifactDir(), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

func signIn(t *testing.T, ctx context.Context, base, username string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(base+"/queue"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), username),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password-"+username),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=queue-counts]`)),
	)
}

// nextCall presses "Next call" and returns the follow-up id from the URL.
func nextCall(t *testing.T, ctx context.Context) int64 {
	t.Helper()
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`[data-testid=next-call]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=call-form]`)),
	)
	loc := run(t, ctx, chromedp.Location())
	id, err := strconv.ParseInt(loc[strings.LastIndex(loc, "/")+1:], 10, 64)
	if err != nil {
		t.Fatalf("call URL %q has no id", loc)
	}
	return id
}

func TestAgentsTakeCallsAndAnswer(t *testing.T) {
	a := start(t)
	ctx := context.Background()
	maryam, emma := browser(t), browser(t)

	signIn(t, maryam, a.URL, "agent1")
	if dir := run(t, maryam, chromedp.Evaluate[string](`document.documentElement.dir`)); dir != "rtl" {
		t.Errorf("a Persian agent's queue has dir=%q, want rtl", dir)
	}
	// Of the two due calls only the Persian customer's is hers (#12).
	if due := run(t, maryam, chromedp.Text(chromedp.CSS(`[data-testid=due-now] .value`))); due != "۱" {
		t.Errorf("due now shows %q, want ۱ (one, in Persian digits)", due)
	}
	screenshot(t, maryam, "queue-fa")
	signIn(t, emma, a.URL, "agent2")
	screenshot(t, emma, "queue-en")

	first := nextCall(t, maryam)
	second := nextCall(t, emma)
	if first == second {
		t.Fatalf("both agents hold follow-up %d", first)
	}
	// A second "next call" from the same agent resumes the same call.
	do(t, maryam, chromedp.Navigate(a.URL+"/queue"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=resume-call]`)))
	do(t, maryam, chromedp.Click(chromedp.CSS(`[data-testid=resume-call]`)), chromedp.WaitVisible(chromedp.CSS(`[data-testid=call-form]`)))

	scriptDir := run(t, maryam, chromedp.Evaluate[string](`document.querySelector('[data-testid=script]').dir`))
	if scriptDir != "rtl" {
		t.Errorf("the Persian customer's script has dir=%q, want rtl", scriptDir)
	}
	name := run(t, maryam, chromedp.Text(chromedp.CSS(`[data-testid=customer] h2`)))
	if name != "مریم رضایی" {
		t.Errorf("customer shown %q, want مریم رضایی", name)
	}
	if tel := run(t, maryam, chromedp.AttributeValue(chromedp.CSS(`[data-testid=tel]`), "href")); tel.Value != "tel:+989121234567" {
		t.Errorf("click-to-dial link %q, want tel:+989121234567", tel.Value)
	}
	screenshot(t, maryam, "call-fa")

	// Submitting "completed" without the required answers is refused and
	// shows why; nothing is stored.
	do(t, maryam,
		chromedp.Click(chromedp.CSS(`input[name=disposition][value=completed]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=submit-call]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=problem-overall]`)),
	)
	screenshot(t, maryam, "call-fa-required")

	// Keyboard: "4" answers the first rating question; then yes, and
	// Ctrl+Enter saves.
	do(t, maryam,
		chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`),
		chromedp.KeyEvent("4"),
		chromedp.Click(chromedp.CSS(`[data-testid=q-working] input[value=yes]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid=q-comments] textarea`), "همه‌چیز خوب است"), // key events cannot type U+200C
		chromedp.Click(chromedp.CSS(`input[name=disposition][value=completed]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=submit-call]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	screenshot(t, maryam, "queue-fa-after")

	answers := map[string]string{}
	rows, err := a.Pool.Query(ctx, `SELECT a.question_key, a.value FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.follow_up_id = $1`, first)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		answers[k] = v
	}
	rows.Close()
	want := map[string]string{"overall": "4", "working": "yes", "comments": "همه‌چیز خوب است"}
	if fmt.Sprint(answers) != fmt.Sprint(want) {
		t.Errorf("stored answers %v, want %v", answers, want)
	}
	var state, by string
	var versionLocale string
	if err := a.Pool.QueryRow(ctx, `
		SELECT f.state, at.actor, s.locale FROM follow_ups f
		JOIN attempts at ON at.follow_up_id = f.id
		JOIN responses r ON r.follow_up_id = f.id
		JOIN script_versions v ON v.id = r.script_version_id JOIN scripts s ON s.id = v.script_id
		WHERE f.id = $1`, first).Scan(&state, &by, &versionLocale); err != nil {
		t.Fatal(err)
	}
	if state != "completed" || by != "agent1" || versionLocale != "fa" {
		t.Errorf("follow-up %d: state %s by %s with a %s script, want completed by agent1 with the fa script", first, state, by, versionLocale)
	}

	// The English agent records no answer; the follow-up waits for a retry.
	screenshot(t, emma, "call-en")
	do(t, emma,
		chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`),
		chromedp.KeyEvent("2", chromedp.KeyModifiers(chromedp.ModifierAlt)), // Alt+2: no answer
		chromedp.SendKeys(chromedp.CSS(`textarea[name=notes]`), "rang out"),
		chromedp.Click(chromedp.CSS(`[data-testid=submit-call]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	var retryState string
	var attempts int
	if err := a.Pool.QueryRow(ctx, `SELECT state, attempt_count FROM follow_ups WHERE id = $1`, second).Scan(&retryState, &attempts); err != nil {
		t.Fatal(err)
	}
	if retryState != "no_answer" || attempts != 1 {
		t.Errorf("after no answer: state %s with %d attempts, want no_answer with 1", retryState, attempts)
	}
}

// signInHTTP returns a client holding a session for username.
func signInHTTP(t *testing.T, base, username string) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {username}, "password": {"password-" + username}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-in as %s: %d, want 303", username, resp.StatusCode)
	}
	return c
}

// River's dashboard is for supervisors and admins only, checked on the
// server, its API included.
func TestJobDashboardRoles(t *testing.T) {
	t.Parallel()
	a := start(t)
	get := func(c *http.Client, path string) (int, string) {
		t.Helper()
		resp, err := c.Get(a.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	boss, agent := signInHTTP(t, a.URL, "boss"), signInHTTP(t, a.URL, "agent1")
	if code, body := get(boss, "/admin/jobs/"); code != http.StatusOK || !strings.Contains(body, "config__json") {
		t.Errorf("supervisor GET /admin/jobs/: %d, want 200 with River's page", code)
	} else if !regexp.MustCompile(`<body[^>]*><a href="/"[^>]*data-testid="jobs-way-back"`).MatchString(body) {
		t.Errorf("River's page has no link back to tamas at the top of its body:\n%.900s", body)
	}
	if code, body := get(boss, "/admin/jobs/api/jobs?state=scheduled"); code != http.StatusOK || !strings.Contains(body, "followup_due") || strings.Contains(body, "jobs-way-back") {
		t.Errorf("supervisor job list: %d %.200s, want 200 listing the followup_due jobs, untouched", code, body)
	}
	for _, path := range []string{"/admin/jobs/", "/admin/jobs/api/jobs?state=scheduled"} {
		if code, _ := get(agent, path); code != http.StatusForbidden {
			t.Errorf("agent GET %s: %d, want 403", path, code)
		}
		if code, _ := get(&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}, path); code != http.StatusSeeOther {
			t.Errorf("anonymous GET %s: %d, want 303 to sign in", path, code)
		}
	}
}

// A supervisor edits the English script: the guard refuses a sales
// sentence, the supervisor fixes it and publishes. A sale stored afterwards
// gets the new version; the answer given before still points at, and shows,
// the old one.
func TestSupervisorPublishesAScriptVersion(t *testing.T) {
	a := start(t)
	ctx := context.Background()
	// Emma is sold to again days after her call; here that sale must get
	// its own follow-up to show which version it is called with.
	apptest.AskAlways(t, a.Pool)

	// agent2 answers Emma's call on version 1 of the English script.
	agent := signInHTTP(t, a.URL, "agent2")
	var emmaCall int64
	if err := a.Pool.QueryRow(ctx, `SELECT f.id FROM follow_ups f JOIN sales s ON s.id = f.sale_id WHERE s.external_id = 'EN-1'`).Scan(&emmaCall); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Pool.Exec(ctx, `UPDATE follow_ups SET priority = 99 WHERE id = $1`, emmaCall); err != nil {
		t.Fatal(err)
	}
	resp, err := agent.PostForm(a.URL+"/queue/next", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); loc != fmt.Sprintf("/calls/%d", emmaCall) {
		t.Fatalf("agent2 got %q, want Emma's call %d", loc, emmaCall)
	}
	var v1 int64
	if err := a.Pool.QueryRow(ctx, `SELECT script_version_id FROM follow_ups WHERE id = $1`, emmaCall).Scan(&v1); err != nil {
		t.Fatal(err)
	}
	resp, err = agent.PostForm(fmt.Sprintf("%s/calls/%d", a.URL, emmaCall), url.Values{
		"script_version_id": {strconv.FormatInt(v1, 10)}, "disposition": {"completed"},
		"answer.overall": {"2"}, "answer.working": {"no"},
	})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("answering on version 1: %d", resp.StatusCode)
	}

	boss := browser(t)
	signIn(t, boss, a.URL, "boss")
	var scriptID int64
	if err := a.Pool.QueryRow(ctx, `SELECT id FROM scripts WHERE name = 'default' AND locale = 'en'`).Scan(&scriptID); err != nil {
		t.Fatal(err)
	}
	edit := fmt.Sprintf("%s/scripts/%d/edit", a.URL, scriptID)
	newPrompt := "All in all, how happy are you with it, from 1 to 5?"
	do(t, boss,
		chromedp.Navigate(fmt.Sprintf("%s/scripts/%d", a.URL, scriptID)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=versions]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=edit-draft]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=script-edit]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid=prompt-0]`), newPrompt),
		chromedp.SetValue(chromedp.CSS(`[data-testid=closing]`), "Thank you! As a thank-you we have a special price for you on our new model."),
		chromedp.Click(chromedp.CSS(`[data-testid=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=refused]`)),
	)
	refused := run(t, boss, chromedp.Text(chromedp.CSS(`[data-testid=refused]`)))
	if next := run(t, boss, chromedp.Text(chromedp.CSS(`[data-testid=findings]`))); !strings.Contains(next, "special price") {
		t.Errorf("the reason %q is not shown next to the closing", next)
	}
	if !strings.Contains(refused, "special price") {
		t.Errorf("the guard's reasons %q do not name the sales words", refused)
	}
	screenshot(t, boss, "script-refused")
	var published int
	if err := a.Pool.QueryRow(ctx, `SELECT count(*) FROM script_versions WHERE script_id = $1 AND published_at IS NOT NULL`, scriptID).Scan(&published); err != nil {
		t.Fatal(err)
	}
	if published != 1 {
		t.Fatalf("%d published versions after a refused publish, want still 1", published)
	}
	do(t, boss,
		chromedp.Navigate(edit),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=script-edit]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid=closing]`), "Thank you for your time. If anything is wrong, call the {branch} branch and we will fix it."),
		chromedp.Click(chromedp.CSS(`[data-testid=publish]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=version-2]`)),
	)
	screenshot(t, boss, "script-published")
	do(t, boss, chromedp.Navigate(fmt.Sprintf("%s/scripts/%d/diff?a=1&b=2", a.URL, scriptID)), chromedp.WaitVisible(chromedp.CSS(`[data-testid=diff]`)))
	if kind := run(t, boss, chromedp.AttributeValue(chromedp.CSS(`[data-testid=diff-overall]`), "class")); kind.Value != "diff-changed" {
		t.Errorf("the diff marks the reworded question %q, want diff-changed", kind.Value)
	}
	screenshot(t, boss, "script-diff")

	// A sale stored now is called with version 2 …
	second := a.Sell(t, sales.Input{ExternalID: "EN-2",
		Customer: sales.CustomerInput{Name: "Emma Clark", Phone: "+44 7911 123456", Timezone: "Europe/London", Locale: "en"},
		Product:  sales.ProductInput{SKU: "PH-40", Name: "Phone Pro 40", Category: "phones"},
		SoldAt:   time.Now().Add(-10 * 24 * time.Hour).UTC().Format(time.RFC3339)})[0]
	var newVersion int
	if err := a.Pool.QueryRow(ctx, `SELECT v.number FROM follow_ups f JOIN script_versions v ON v.id = f.script_version_id WHERE f.id = $1`, second).Scan(&newVersion); err != nil {
		t.Fatal(err)
	}
	if newVersion != 2 {
		t.Errorf("a follow-up scheduled after publishing uses version %d, want 2", newVersion)
	}
	// … while the earlier answer still points at version 1 and shows its
	// words in Emma's history.
	var answeredOn int
	if err := a.Pool.QueryRow(ctx, `SELECT v.number FROM responses r JOIN script_versions v ON v.id = r.script_version_id WHERE r.follow_up_id = $1`, emmaCall).Scan(&answeredOn); err != nil {
		t.Fatal(err)
	}
	if answeredOn != 1 {
		t.Errorf("the earlier response points at version %d, want 1", answeredOn)
	}
	a.MakeDue(t, time.Now())
	if _, err := a.Pool.Exec(ctx, `UPDATE follow_ups SET priority = 99 WHERE id = $1`, second); err != nil {
		t.Fatal(err)
	}
	emma := browser(t)
	signIn(t, emma, a.URL, "agent2")
	nextCall(t, emma)
	history := run(t, emma, chromedp.Text(chromedp.CSS(`[data-testid=history]`)))
	// Her low rating raised an issue; the agent sees it before she says it.
	if open := run(t, emma, chromedp.Text(chromedp.CSS(`[data-testid=open-issues]`))); !strings.Contains(open, "Product defect") {
		t.Errorf("open problems shown %q, want the product defect her earlier answers raised", open)
	}
	script := run(t, emma, chromedp.Text(chromedp.CSS(`[data-testid=script]`)))
	if !strings.Contains(script, newPrompt) {
		t.Errorf("the new call's script does not show version 2's prompt %q", newPrompt)
	}
	oldPrompt := scripts.Default("en").Questions[0].Prompt
	if !strings.Contains(history, oldPrompt) || strings.Contains(history, newPrompt) {
		t.Errorf("Emma's history should show the answer with version 1's prompt %q, got %q", oldPrompt, history)
	}
	screenshot(t, emma, "call-after-publish")
}
