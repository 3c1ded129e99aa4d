package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// A Persian supervisor types the calling window on the 24-hour clock and a
// holiday in Jalali, in Persian digits, and Chromium's own check of the
// fields' patterns lets them through (and stops a 12-hour time) before the
// form is sent.
func TestPersianDatesInTheBrowser(t *testing.T) {
	a := start(t)
	boss := browser(t)
	signIn(t, boss, a.URL, "boss")
	do(t, boss,
		chromedp.Navigate(a.URL+"/reports"),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=filter-from]`)),
	)
	screenshot(t, boss, "reports-filters-fa")

	clear := func(sel string) {
		t.Helper()
		run(t, boss, chromedp.Evaluate[bool](`(e => (e.value = '', true))(document.querySelector('`+sel+`'))`))
	}
	do(t, boss,
		chromedp.Navigate(a.URL+"/rules#calendar"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=window_start]`)),
	)
	clear(`input[name=window_start]`)
	do(t, boss,
		chromedp.SendKeys(chromedp.CSS(`input[name=window_start]`), "2:30 PM"),
	)
	if run(t, boss, chromedp.Evaluate[bool](`document.querySelector('input[name=window_start]').validity.patternMismatch`)) != true {
		t.Error("Chromium lets a 12-hour time through the Persian time field")
	}
	clear(`input[name=window_start]`)
	clear(`textarea[name=holidays]`)
	do(t, boss,
		chromedp.SendKeys(chromedp.CSS(`input[name=window_start]`), "۰۸:۳۰"),
		chromedp.SendKeys(chromedp.CSS(`textarea[name=holidays]`), "۱۴۰۵/۰۱/۰۱ نوروز"),
	)
	if run(t, boss, chromedp.Evaluate[bool](`document.querySelector('form[data-testid=calendar]').checkValidity()`)) != true {
		t.Fatal("Chromium refuses a Persian 24-hour time")
	}
	do(t, boss,
		chromedp.Submit(chromedp.CSS(`input[name=window_start]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=holidays]`)),
		chromedp.ScrollIntoView(chromedp.CSS(`#calendar`)),
	)
	screenshot(t, boss, "calendar-fa")
	var start int16
	var holiday string
	if err := a.Pool.QueryRow(context.Background(), `SELECT window_start, holidays[1]::text FROM calendar`).Scan(&start, &holiday); err != nil {
		t.Fatal(err)
	}
	if start != 8*60+30 || holiday != "2026-03-21" {
		t.Errorf("calendar saved from %d with holiday %s, want 510 and 2026-03-21", start, holiday)
	}
}
