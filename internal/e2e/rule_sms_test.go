package e2e

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tamas-app/tamas/internal/automated/automatedtest"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/settings"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/survey"
)

// TestRuleSMSTextCountsSegmentsLive: a Persian supervisor types a rule's
// first SMS text and sees its parts counted as she types, the count the
// server makes; saved, it is the text the next SMS survey starts with.
// The page's counter and survey.Measure agree on the awkward cases.
func TestRuleSMSTextCountsSegmentsLive(t *testing.T) {
	s := automatedtest.Open(t, automatedtest.Opts{Now: time.Now(), Serve: true})
	ctx := context.Background()
	if err := store.New().CalendarSet(ctx, s.Pool, store.CalendarSetParams{
		WorkingDays: []bool{true, true, true, true, true, true, true}, Holidays: []time.Time{}, WindowStart: 0, WindowEnd: 1440,
	}); err != nil {
		t.Fatal(err)
	}
	s.Staff(t, store.UserInsertParams{Username: "boss", Role: "supervisor", Locale: "fa", Timezone: "Asia/Tehran"})
	b := browser(t)
	do(t, b,
		chromedp.Navigate(s.URL+"/rules"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "boss"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password-boss"),
		// Signing in returns to /rules; navigating before that would abort it.
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=rules]`)),
	)

	// The counter counts as the server does.
	cases := []string{"", "a", "€", `^{}[]~|\`, "😀", "سلام", "Hi سلام €", strings.Repeat("a", 160), strings.Repeat("a", 161),
		strings.Repeat("€", 80), strings.Repeat("س", 70), strings.Repeat("س", 71), strings.Repeat("😀", 35) + "a", "tab\there", "line\r\nbreak"}
	for _, c := range cases {
		lit, err := json.Marshal(c) // a JSON string is a JavaScript one
		if err != nil {
			t.Fatal(err)
		}
		got := run(t, b, chromedp.Evaluate[jsMeasure](`window.tamasSMS.measure(`+string(lit)+`)`))
		want := survey.Measure(c)
		if got.Encoding != string(want.Encoding) || got.Units != want.Units || got.Segments != want.Segments || got.Left != want.Left || got.Class != string(want.Class) {
			t.Errorf("%q: the page counts %+v, survey.Measure %+v", c, got, want)
		}
	}

	row := `form[data-testid=rule][data-category=""] `
	area := row + `textarea[name=sms_text_fa]`
	count := row + `[data-testid=sms-count-fa] [data-sms=segments]`
	do(t, b, chromedp.Click(chromedp.CSS(row+`[data-testid=sms-texts] summary`)), chromedp.WaitVisible(chromedp.CSS(area)))
	before := run(t, b, chromedp.Text(chromedp.CSS(count)))
	after, err := settings.AfterOpenings(ctx, s.Pool, "default")
	if err != nil {
		t.Fatal(err)
	}
	if want := i18n.Number(i18n.FA, int64(settings.MeasureSMSText(survey.DefaultOpenings()["fa"], after["fa"]).Segments)); before != want {
		t.Errorf("the default text shows %q parts, want %q", before, want)
	}
	typed := "{customer} عزیز، " + strings.Repeat("از خرید {product} راضی هستید؟ ", 4)
	do(t, b, chromedp.Clear(chromedp.CSS(area)), chromedp.SendKeys(chromedp.CSS(area), typed))
	want := settings.MeasureSMSText(typed, after["fa"])
	if got := run(t, b, chromedp.Text(chromedp.CSS(count))); got != i18n.Number(i18n.FA, int64(want.Segments)) || got == before {
		t.Errorf("after typing the count shows %q parts, want %d (it showed %q before)", got, want.Segments, before)
	}
	if got := run(t, b, chromedp.Text(chromedp.CSS(row+`[data-testid=sms-count-fa] [data-sms=encoding]`))); got != "UCS-2" {
		t.Errorf("encoding %q, want UCS-2", got)
	}
	screenshot(t, b, "rule-sms-fa")
	if loc := run(t, b, chromedp.Location()); !strings.HasSuffix(loc, "/rules") {
		t.Fatalf("the count moved the page to %s", loc)
	}

	// The rules page is on screen before and after the save, so only the
	// stored row tells that the form's POST has landed.
	do(t, b, chromedp.Click(chromedp.CSS(row+`button[type=submit]`)))
	var stored string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if err := s.Pool.QueryRow(ctx, `SELECT sms_texts->>'fa' FROM followup_rules WHERE category = ''`).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if stored == strings.TrimSpace(typed) || time.Now().After(deadline) {
			break
		}
	}
	if stored != strings.TrimSpace(typed) {
		t.Fatalf("stored %q, want what was typed", stored)
	}
	do(t, b, chromedp.WaitVisible(chromedp.CSS(`[data-testid=rules]`)))
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	ms := s.Fake.Messages()
	wantStart := "مریم رضایی عزیز، از خرید عینک مطالعه راضی هستید؟"
	if len(ms) != 1 || !strings.HasPrefix(ms[0].Body, wantStart) {
		t.Errorf("texts sent %q, want one starting %q", automatedtest.Bodies(ms), wantStart)
	}
}

// jsMeasure is what static/sms.js's measure returns.
type jsMeasure struct {
	Encoding string `json:"encoding"`
	Units    int    `json:"units"`
	Segments int    `json:"segments"`
	Left     int    `json:"left"`
	Class    string `json:"class"`
}
