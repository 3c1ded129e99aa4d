package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// A refused call opens on its first field at fault with the reasons at the
// top, in the agent's language; then digits answer the rating questions
// one after the other and Y/N (by physical key, so the Persian layout's
// غ and د too) the yes/no question, without the mouse.
func TestCallErrorsAndAnswerKeys(t *testing.T) {
	a := start(t)
	ctx := context.Background()
	for _, agent := range []struct {
		name, lang, title string
		keys              []chromedp.Action[chromedp.Void]
		want              string
	}{
		// Persian: 1, the yes key (KeyY types غ on the Persian layout), 3.
		{"agent1", "fa", "این تماس ذخیره نشد", []chromedp.Action[chromedp.Void]{
			physicalKey("1", "Digit1"), physicalKey("غ", "KeyY"), physicalKey("3", "Digit3"),
		}, "map[overall:1 staff:3 working:yes]"},
		// English: 1 then 3 answers both ratings, then N answers no.
		{"agent2", "en", "This call was not saved", []chromedp.Action[chromedp.Void]{
			physicalKey("1", "Digit1"), physicalKey("3", "Digit3"), blur(), physicalKey("n", "KeyN"),
		}, "map[overall:1 staff:3 working:no]"},
	} {
		b := browser(t)
		signIn(t, b, a.URL, agent.name)
		id := nextCall(t, b)

		do(t, b,
			chromedp.Click(chromedp.CSS(`input[name=disposition][value=completed]`)),
			chromedp.SendKeys(chromedp.CSS(`textarea[name=notes]`), "typed before"),
			chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid=problem-summary]`)),
		)
		screenshot(t, b, "call-error-"+agent.lang)
		if s := run(t, b, chromedp.Text(chromedp.CSS(`[data-testid=problem-summary]`))); !strings.Contains(s, agent.title) {
			t.Errorf("%s: the summary says %q, want %q", agent.name, s, agent.title)
		}
		if f := run(t, b, chromedp.Evaluate[string](`document.activeElement.id`)); f != "field-answer-overall" {
			t.Errorf("%s: the refused page opens on %q, want the first question at fault", agent.name, f)
		}
		if n := run(t, b, chromedp.Value(chromedp.CSS(`textarea[name=notes]`))); n != "typed before" {
			t.Errorf("%s: the notes are %q after the refusal", agent.name, n)
		}

		do(t, b, append([]chromedp.Action[chromedp.Void]{blur()}, agent.keys...)...)
		got := run(t, b, chromedp.Evaluate[string](`
			Array.from(document.querySelectorAll('fieldset.question input:checked'))
				.map(i => i.name.slice(7) + ':' + i.value).sort().join(' ')`))
		if want := strings.TrimSuffix(strings.TrimPrefix(agent.want, "map["), "]"); got != want {
			t.Errorf("%s: keys answered %q, want %q", agent.name, got, want)
		}
		do(t, b,
			chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)),
		)
		answers := map[string]string{}
		rows, err := a.Pool.Query(ctx, `SELECT a.question_key, a.value FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.follow_up_id = $1`, id)
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
		if fmt.Sprint(answers) != agent.want {
			t.Errorf("%s: stored %v, want %s", agent.name, answers, agent.want)
		}
	}
}

// physicalKey presses the key at code that types key on the current
// layout, as a Persian keyboard does. Unlike chromedp.KeyEvent, the text
// comes with the key down, as from a keyboard, so a page that handles the
// key keeps it from being typed into the field it moves focus to.
func physicalKey(key, code string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		for _, p := range []input.DispatchKeyEventParams{
			{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Code: code, Text: key},
			{Type: input.DispatchKeyEventTypeKeyUp, Key: key, Code: code},
		} {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// blur leaves no field focused, as after a click on the page.
func blur() chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`)
}
