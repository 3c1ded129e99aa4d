package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tamas-app/tamas/internal/store"
)

// signInAt signs in and waits for sel on the page sign-in returns to.
func signInAt(t *testing.T, ctx context.Context, base, username, path, sel string) {
	t.Helper()
	do(t, ctx,
		chromedp.Navigate(base+path),
		chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), username),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), "password-"+username),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(sel)),
	)
}

// An unhappy answer becomes an issue, service staff resolve it with a root
// cause, and three days later the customer's recovery call is in the
// agent's queue; their "yes, fixed" makes them recovered.
func TestAnswerToIssueToRecovery(t *testing.T) {
	a := start(t)
	ctx := context.Background()
	a.Staff(t, store.UserInsertParams{Username: "desk1", DisplayName: "نگار", Role: "service", Locale: "fa", Timezone: "Asia/Tehran"})
	agent, desk := browser(t), browser(t)

	// The agent's customer rates the product 1: a high product defect.
	signIn(t, agent, a.URL, "agent1")
	call := nextCall(t, agent)
	do(t, agent,
		chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`),
		chromedp.KeyEvent("1"),
		chromedp.Click(chromedp.CSS(`[data-testid=q-working] input[value=no]`)),
		// Mid-call the customer mentions the courier: the agent reports it
		// without losing the answers typed so far.
		chromedp.Click(chromedp.CSS(`[data-testid=manual-issue] summary`)),
		chromedp.SetValue(chromedp.CSS(`select[name=category]`), "delivery"),
		chromedp.SetValue(chromedp.CSS(`textarea[name=note]`), "پیک جعبه را باز تحویل داد"),
		chromedp.Click(chromedp.CSS(`[data-testid=raise-issue]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=manual-raised]`)),
	)
	screenshot(t, agent, "call-manual-issue-fa")
	if kept := run(t, agent, chromedp.Evaluate[bool](`document.querySelector('[data-testid=q-working] input[value=no]').checked && document.querySelector('fieldset[data-type=rating] input[value="1"]').checked`)); !kept {
		t.Error("reporting a problem lost the answers typed in the call form")
	}
	do(t, agent,
		chromedp.Click(chromedp.CSS(`input[name=disposition][value=completed]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=submit-call]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)
	var issueID int64
	if err := a.Pool.QueryRow(ctx, `SELECT id FROM issues WHERE follow_up_id = $1 AND category = 'product_defect' AND state = 'open'`, call).Scan(&issueID); err != nil {
		t.Fatalf("the answers raised no open product_defect issue: %v", err)
	}
	issuePath := "/issues/" + strconv.FormatInt(issueID, 10)

	// Service staff see it on the desk, in Persian, right to left.
	signInAt(t, desk, a.URL, "desk1", "/issues", `[data-testid=issue-list]`)
	if dir := run(t, desk, chromedp.Evaluate[string](`document.documentElement.dir`)); dir != "rtl" {
		t.Errorf("the Persian desk has dir=%q, want rtl", dir)
	}
	if n := run(t, desk, chromedp.Text(chromedp.CSS(`[data-testid=pending] .value`))); n != "۲" {
		t.Errorf("pending count %q, want ۲ (the product defect and the delivery the agent reported)", n)
	}
	screenshot(t, desk, "issues-fa")
	do(t, desk,
		chromedp.Click(chromedp.CSS(`[data-testid=issue-row] a`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=issue-heading]`)),
	)
	if loc := run(t, desk, chromedp.Location()); !strings.HasSuffix(loc, issuePath) {
		t.Fatalf("the row opened %s, want %s", loc, issuePath)
	}
	values := run(t, desk, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid=issue-answers] li strong')].map(e => e.textContent)`))
	if strings.Join(values, " ") != "۱ خیر" {
		t.Errorf("the issue page shows the answers %q, want the rating ۱ and «خیر» in the Persian reader's digits and words", values)
	}
	screenshot(t, desk, "issue-fa")
	do(t, desk,
		// Each step loads the page again; wait for the step's own sign
		// that it is done rather than a flash the old page also shows.
		chromedp.Click(chromedp.CSS(`[data-testid=assign-me]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=issue-work][data-mine]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=start]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=issue-work][data-state=in_progress]`)),
		chromedp.SetValue(chromedp.CSS(`select[name=root_cause]`), "product_defect"),
		chromedp.SetValue(chromedp.CSS(`textarea[name=root_cause_note]`), "قاب عینک تعویض شد"),
		chromedp.Click(chromedp.CSS(`[data-testid=resolve]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=issue-recovery]`)),
	)
	screenshot(t, desk, "issue-resolved-fa")
	var state, assignee string
	var recovery int64
	if err := a.Pool.QueryRow(ctx, `SELECT i.state, i.recovery_follow_up_id, u.username FROM issues i JOIN users u ON u.id = i.assignee_id
		WHERE i.id = $1`, issueID).Scan(&state, &recovery, &assignee); err != nil {
		t.Fatalf("the resolved issue has no recovery follow-up or no assignee: %v", err)
	}
	if state != "resolved" || assignee != "desk1" {
		t.Fatalf("issue %s assigned to %s, want resolved by desk1", state, assignee)
	}

	// Three days pass: the recovery call falls due and reaches the queue.
	if _, err := a.Pool.Exec(ctx, `UPDATE follow_ups SET due_at = now() - interval '1 minute' WHERE id = $1`, recovery); err != nil {
		t.Fatal(err)
	}
	a.MakeDue(t, time.Now())
	do(t, agent, chromedp.Navigate(a.URL+"/queue"), chromedp.WaitVisible(chromedp.CSS(`[data-testid=recovery-tag]`)))
	screenshot(t, agent, "queue-recovery-fa")
	if got := nextCall(t, agent); got != recovery {
		t.Fatalf("the agent's next call is %d, want the recovery call %d", got, recovery)
	}
	history := run(t, agent, chromedp.Text(chromedp.CSS(`[data-testid=history]`)))
	if !strings.Contains(history, "عینک مطالعه") {
		t.Errorf("the recovery call's history %q lacks the earlier follow-up", history)
	}
	screenshot(t, agent, "recovery-call-fa")
	do(t, agent,
		chromedp.Click(chromedp.CSS(`[data-testid=q-fixed] input[value=yes]`)),
		chromedp.Click(chromedp.CSS(`input[name=disposition][value=completed]`)),
		chromedp.Click(chromedp.CSS(`[data-testid=submit-call]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
	)

	do(t, desk, chromedp.Navigate(a.URL+issuePath), chromedp.WaitVisible(chromedp.CSS(`[data-testid=issue-recovery].recovered`)))
	screenshot(t, desk, "issue-recovered-fa")
}
