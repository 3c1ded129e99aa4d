package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A Persian agent opens the password page from the header, is told in
// Persian why a keyboard walk typed with the Persian layout is refused,
// then changes her password and signs in with the new one.
func TestPersianAgentChangesHerPassword(t *testing.T) {
	a := start(t)
	ctx := browser(t)
	signIn(t, ctx, a.URL, "agent1")
	const newPassword = "کوه سبز آهسته می‌رقصد"
	fill := func(current, next string) {
		do(t, ctx,
			chromedp.SendKeys(chromedp.CSS(`input[name=current_password]`), current),
			chromedp.SendKeys(chromedp.CSS(`input[name=new_password]`), next),
			chromedp.SendKeys(chromedp.CSS(`input[name=new_password_again]`), next),
			chromedp.Submit(chromedp.CSS(`input[name=new_password_again]`)),
		)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`[data-testid=nav-password]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=password-change]`)),
	)
	fill("password-agent1", "ضصثقفغعهخح")
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`small.problem`)))
	problem := run(t, ctx, chromedp.Text(chromedp.CSS(`small.problem`)))
	dir := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "dir")).Value
	screenshot(t, ctx, "password-refused")
	if dir != "rtl" || !strings.Contains(problem, "رایج‌ترین گذرواژه‌هاست") {
		t.Errorf("the refusal reads %q on a %q page, want the Persian common-password message right to left", problem, dir)
	}
	fill("password-agent1", newPassword)
	do(t, ctx, chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)))
	screenshot(t, ctx, "password-changed")
	if flash := run(t, ctx, chromedp.Text(chromedp.CSS(`[data-testid=flash]`))); !strings.Contains(flash, "گذرواژهٔ شما تغییر کرد") {
		t.Errorf("after the change the page says %q", flash)
	}

	other := browser(t)
	do(t, other,
		chromedp.Navigate(a.URL+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=username]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=username]`), "agent1"),
		chromedp.SendKeys(chromedp.CSS(`input[name=password]`), newPassword),
		chromedp.Submit(chromedp.CSS(`input[name=password]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=queue-counts]`)),
	)
}
