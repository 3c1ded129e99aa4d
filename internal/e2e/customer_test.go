package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tamas-app/tamas/internal/store"
)

// A customer tells a service desk member about a late parcel on the
// phone. The desk member finds her by a phone number spelled their own
// way, in Persian digits, logs the complaint, and the agent who calls her
// next sees it on the call page.
func TestComplaintOutsideACallReachesTheNextCall(t *testing.T) {
	a := start(t)
	ctx := context.Background()
	a.Staff(t, store.UserInsertParams{Username: "desk1", DisplayName: "نگار", Role: "service", Locale: "fa", Timezone: "Asia/Tehran"})
	desk, agent := browser(t), browser(t)

	signInAt(t, desk, a.URL, "desk1", "/issues", `#customer-search`)
	do(t, desk,
		// "/" reaches the header's search from anywhere on the page.
		chromedp.KeyEvent("/"),
	)
	if focused := run(t, desk, chromedp.Evaluate[string](`document.activeElement.id`)); focused != "customer-search" {
		t.Fatalf("/ focused %q, want the customer search", focused)
	}
	do(t, desk,
		// Stored as +989121234567; one match opens the customer at once.
		chromedp.SendKeys(chromedp.CSS(`#customer-search`), "۰۹۱۲ ۱۲۳ ۴۵۶۷\r"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=customer-name]`)),
	)
	if name := run(t, desk, chromedp.Text(chromedp.CSS(`[data-testid=customer-name]`))); name != "مریم رضایی" {
		t.Fatalf("the search opened %q, want مریم رضایی", name)
	}
	if dir := run(t, desk, chromedp.Evaluate[string](`document.documentElement.dir`)); dir != "rtl" {
		t.Errorf("the Persian customer page has dir=%q, want rtl", dir)
	}
	do(t, desk,
		chromedp.Click(chromedp.CSS(`[data-testid=complaint] summary`)),
		chromedp.SetValue(chromedp.CSS(`[data-testid=complaint-category]`), "delivery"),
		chromedp.SetValue(chromedp.CSS(`[data-testid=complaint-severity]`), "high"),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=complaint-said]`), "بسته ده روز است نرسیده"),
		chromedp.Click(chromedp.CSS(`[data-testid=complaint-submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	screenshot(t, desk, "customer-complaint-fa")
	if issues := run(t, desk, chromedp.Text(chromedp.CSS(`[data-testid=customer-issues]`))); !strings.Contains(issues, "ارسال") {
		t.Errorf("the customer page lists %q, want the delivery complaint", issues)
	}
	var origin, author string
	if err := a.Pool.QueryRow(ctx, `SELECT i.origin, u.username FROM issues i
		JOIN issue_notes n ON n.issue_id = i.id JOIN users u ON u.id = n.author_id`).Scan(&origin, &author); err != nil || origin != "complaint" || author != "desk1" {
		t.Fatalf("the complaint stored %q by %q, %v; want a complaint by desk1", origin, author, err)
	}

	// The Persian customer is the first call of the queue.
	signIn(t, agent, a.URL, "agent1")
	nextCall(t, agent)
	open := run(t, agent, chromedp.Text(chromedp.CSS(`[data-testid=open-issues]`)))
	if !strings.Contains(open, "ارسال") {
		t.Errorf("the call page's open issues say %q, want the delivery complaint", open)
	}
	screenshot(t, agent, "call-with-complaint-fa")
}
