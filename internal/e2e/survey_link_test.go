package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

// phone makes the page a 390×844 touch screen, as an iPhone 13's.
func phone(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, chromedp.Emulate(device.IPhone13))
}

// smallestTarget is the smallest height among the elements sel matches.
func smallestTarget(t *testing.T, ctx context.Context, sel string) float64 {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[float64](`Math.min(...Array.from(document.querySelectorAll(`+"`"+sel+"`"+`)).map(e => e.getBoundingClientRect().height))`))
}

func TestSurveyLinkOnPhoneInPersianRaisesAnIssue(t *testing.T) {
	a := start(t)
	ctx := context.Background()
	var id int64
	if err := a.Pool.QueryRow(ctx, `UPDATE follow_ups f SET channel = 'link', ladder = '[{"channel": "link", "wait_minutes": 0}]'
		FROM sales s WHERE s.id = f.sale_id AND s.external_id = 'FA-1' RETURNING f.id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	signer, err := a.Surveys.Signer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	link := a.URL + "/s/" + signer.Link(id, time.Now().Add(time.Hour))

	b := browser(t)
	phone(t, b)
	do(t, b, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`[data-testid=survey-form]`)))
	if dir := run(t, b, chromedp.Evaluate[string](`document.documentElement.dir`)); dir != "rtl" {
		t.Errorf("the Persian survey page has dir=%q, want rtl", dir)
	}
	if w := run(t, b, chromedp.Evaluate[float64](`window.innerWidth`)); w != 390 {
		t.Errorf("viewport %v wide, want 390", w)
	}
	if intro := run(t, b, chromedp.Text(chromedp.CSS(`[data-testid=intro]`))); !strings.Contains(intro, "مریم") || strings.Contains(intro, "رضایی") {
		t.Errorf("the page greets %q, want her first name only", intro)
	}
	if h := smallestTarget(t, b, `label.choice`); h < 44 {
		t.Errorf("the smallest answer button is %.0fpx high, want at least 44", h)
	}
	if h := smallestTarget(t, b, `[data-testid=send]`); h < 44 {
		t.Errorf("the send button is %.0fpx high, want at least 44", h)
	}
	if scripts := run(t, b, chromedp.Evaluate[float64](`document.scripts.length`)); scripts != 0 {
		t.Errorf("the survey page loads %v scripts, want none", scripts)
	}
	// The rating in Persian digits; 1 of 5 and "no" raise a product issue.
	if label := run(t, b, chromedp.Text(chromedp.CSS(`[data-testid=q-overall] label.choice:first-child span`))); label != "۱" {
		t.Errorf("the first rating button reads %q, want ۱", label)
	}
	screenshot(t, b, "survey-link-fa")
	do(t, b,
		chromedp.Click(chromedp.CSS(`[data-testid=q-overall] input[value="1"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=q-working] input[value=no]`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid=q-comments] textarea`), "شیشهٔ عینک ترک دارد"),
		chromedp.Click(chromedp.CSS(`[data-testid=send]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=thanks]`)),
	)
	screenshot(t, b, "survey-link-fa-thanks")

	var channel, category, state string
	if err := a.Pool.QueryRow(ctx, `SELECT r.channel, i.category, f.state FROM responses r
		JOIN issues i ON i.follow_up_id = r.follow_up_id JOIN follow_ups f ON f.id = r.follow_up_id
		WHERE r.follow_up_id = $1`, id).Scan(&channel, &category, &state); err != nil {
		t.Fatalf("no response with an issue for follow-up %d: %v", id, err)
	}
	if channel != "link" || category != "product_defect" || state != "completed" {
		t.Errorf("response on %s, issue %s, follow-up %s; want link, product_defect, completed", channel, category, state)
	}
	// The service desk sees it.
	desk := browser(t)
	signInAt(t, desk, a.URL, "boss", "/issues", `[data-testid=issue-list]`)
	if list := run(t, desk, chromedp.Text(chromedp.CSS(`[data-testid=issue-list]`))); !strings.Contains(list, "مریم") {
		t.Errorf("the service desk's issues do not show Maryam's issue:\n%.600s", list)
	}

	// The link works once: opening it again says it was answered.
	do(t, b, chromedp.Navigate(link), chromedp.WaitVisible(chromedp.CSS(`[data-testid=answered]`)))
}
