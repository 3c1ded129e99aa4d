package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A supervisor prints the Tajrish branch's card; a walk-in customer scans
// it and, without signing in or giving a receipt, complains: the issue is
// the branch's. A second customer gives their receipt number, and the
// answer is tied to that sale.
func TestBranchCardAnsweredAnonymously(t *testing.T) {
	a := start(t)
	ctx := context.Background()
	var branch, sale int64
	if err := a.Pool.QueryRow(ctx, `SELECT branch_id, id FROM sales WHERE external_id = 'FA-1'`).Scan(&branch, &sale); err != nil {
		t.Fatal(err)
	}
	boss := browser(t)
	signInAt(t, boss, a.URL, "boss", "/branches", `[data-testid=branches]`)
	do(t, boss,
		chromedp.Click(chromedp.CSS(`[data-testid="card-تجریش"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=branch-card]`)),
	)
	if name := run(t, boss, chromedp.Text(chromedp.CSS(`[data-testid=card-name-fa]`))); name != "تجریش" {
		t.Errorf("the card names the branch %q, want تجریش", name)
	}
	if src := run(t, boss, chromedp.AttributeValue(chromedp.CSS(`[data-testid=card-qr]`), "src")); !strings.HasPrefix(src.Value, "data:image/png;base64,") {
		t.Errorf("the card's QR code is %.40q, want an inline PNG", src.Value)
	}
	if w := run(t, boss, chromedp.Evaluate[float64](`document.querySelector('[data-testid=card-qr]').naturalWidth`)); w == 0 {
		t.Error("the card's QR code does not load")
	}
	link := run(t, boss, chromedp.Text(chromedp.CSS(`[data-testid=card-url]`)))
	if !strings.HasPrefix(link, a.URL+"/b/") || strings.Contains(link, "tajrish") {
		t.Fatalf("the card's address %q is not a signed branch link", link)
	}
	screenshot(t, boss, "branch-card")

	walkIn := browser(t)
	phone(t, walkIn)
	do(t, walkIn,
		chromedp.Navigate(link+"?lang=fa"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=survey-form]`)),
	)
	if dir := run(t, walkIn, chromedp.Evaluate[string](`document.documentElement.dir`)); dir != "rtl" {
		t.Errorf("the Persian card page has dir=%q, want rtl", dir)
	}
	if h := smallestTarget(t, walkIn, `label.choice`); h < 44 {
		t.Errorf("the smallest answer button is %.0fpx high, want at least 44", h)
	}
	screenshot(t, walkIn, "branch-card-survey-fa")
	do(t, walkIn,
		chromedp.Click(chromedp.CSS(`[data-testid=q-overall] input[value="2"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=q-working] input[value=yes]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=send]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=thanks]`)),
	)
	var issueBranch int64
	var channel string
	var walkInCustomer bool
	if err := a.Pool.QueryRow(ctx, `SELECT i.branch_id, r.channel, c.walk_in FROM issues i
		JOIN responses r ON r.follow_up_id = i.follow_up_id JOIN customers c ON c.id = i.customer_id
		WHERE r.channel = 'card'`).Scan(&issueBranch, &channel, &walkInCustomer); err != nil {
		t.Fatalf("no issue from the card's answer: %v", err)
	}
	if issueBranch != branch || !walkInCustomer {
		t.Errorf("the anonymous answer's issue is branch %d's (walk-in %v), want branch %d's walk-in customer's", issueBranch, walkInCustomer, branch)
	}

	// A receipt number that is not the branch's is refused, answers kept.
	receipt := browser(t)
	do(t, receipt,
		chromedp.Navigate(link+"?lang=en"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=survey-form]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=q-overall] input[value="5"]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=q-working] input[value=yes]`)),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=receipt]`), "EN-1"),
		chromedp.Click(chromedp.CSS(`[data-testid=send]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=problem-receipt]`)),
	)
	if checked := run(t, receipt, chromedp.Evaluate[bool](`document.querySelector('[data-testid=q-overall] input[value="5"]').checked`)); !checked {
		t.Error("the refused form lost the rating typed")
	}
	do(t, receipt,
		chromedp.SetValue(chromedp.CSS(`[data-testid=receipt]`), "FA-1"),
		chromedp.Click(chromedp.CSS(`[data-testid=send]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=thanks]`)),
	)
	var tied int
	if err := a.Pool.QueryRow(ctx, `SELECT count(*) FROM responses r JOIN follow_ups f ON f.id = r.follow_up_id
		WHERE r.channel = 'card' AND f.kind = 'card' AND f.sale_id = $1`, sale).Scan(&tied); err != nil || tied != 1 {
		t.Errorf("%d card responses tied to sale FA-1 (%v), want 1", tied, err)
	}
}
