package web_test

import (
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// A refused call form speaks the agent's language only, the problems next
// to the script's questions too, whatever language the script is in. The
// two due calls are one Persian and one English customer's, so one of the
// two agents always reads a script in the other language.
func TestCallProblemsAreInTheAgentsLanguage(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	for _, a := range []struct {
		name, lang    string
		want, notWant []string
		requiredText  string
	}{
		{
			name: "emma", lang: "en",
			want:         []string{"Please record an answer.", "Choose an outcome."},
			notWant:      []string{"لطفاً پاسخ را ثبت کنید.", "نتیجهٔ تماس را انتخاب کنید."},
			requiredText: "Please record an answer.",
		},
		{
			name: "maryam", lang: "fa",
			want:         []string{"لطفاً پاسخ را ثبت کنید.", "نتیجهٔ تماس را انتخاب کنید."},
			notWant:      []string{"Please record an answer.", "Choose an outcome."},
			requiredText: "لطفاً پاسخ را ثبت کنید.",
		},
	} {
		v := s.signedIn(t, a.name)
		r := v.post(t, "/queue/next", nil)
		m := callPath.FindStringSubmatch(r.location())
		if m == nil {
			t.Fatalf("%s: POST /queue/next: %d to %q", a.name, r.status, r.location())
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		var version int64
		if err := s.Pool.QueryRow(t.Context(), `SELECT script_version_id FROM follow_ups WHERE id = $1`, id).Scan(&version); err != nil {
			t.Fatal(err)
		}

		noAnswers := v.post(t, r.location(), url.Values{
			"script_version_id": {strconv.FormatInt(version, 10)}, "disposition": {"completed"},
		})
		noAnswers.wantStatus(t, a.name+" completes without the required answers", http.StatusUnprocessableEntity)
		for _, key := range []string{"overall", "working"} {
			want := `lang="` + a.lang + `"`
			el := `data-testid="problem-` + key + `">` + a.requiredText + `<`
			if !strings.Contains(noAnswers.body, el) {
				t.Errorf("%s: no %q beside question %s", a.name, a.requiredText, key)
			}
			if i := strings.Index(noAnswers.body, el); i >= 0 && !strings.Contains(noAnswers.body[max(0, i-80):i], want) {
				t.Errorf("%s: the problem beside %s is not marked %s", a.name, key, want)
			}
		}

		noOutcome := v.post(t, r.location(), url.Values{"script_version_id": {strconv.FormatInt(version, 10)}})
		noOutcome.wantStatus(t, a.name+" submits without an outcome", http.StatusUnprocessableEntity)

		body := noAnswers.body + noOutcome.body
		for _, w := range a.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s's refused call pages lack %q", a.name, w)
			}
		}
		for _, w := range a.notWant {
			if strings.Contains(body, w) {
				t.Errorf("%s's refused call pages show %q, in the other language", a.name, w)
			}
		}
	}
}

// A refused call says what to fix at the top of the page, in the agent's
// language, each line a link to its field; the page opens on the first
// field at fault, and everything the agent typed is still there.
func TestRefusedCallSummarisesKeepsAndFocuses(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	for _, a := range []struct{ name, title, required, callback string }{
		{"emma", "This call was not saved. Please fix:", "Please record an answer.", "Call back at (customer's time)"},
		{"maryam", "این تماس ذخیره نشد. لطفاً این موارد را درست کنید:", "لطفاً پاسخ را ثبت کنید.", "زمان تماس مجدد (به وقت مشتری)"},
	} {
		v := s.signedIn(t, a.name)
		r := v.post(t, "/queue/next", nil)
		m := callPath.FindStringSubmatch(r.location())
		if m == nil {
			t.Fatalf("%s: POST /queue/next: %d to %q", a.name, r.status, r.location())
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		var version int64
		if err := s.Pool.QueryRow(t.Context(), `SELECT script_version_id FROM follow_ups WHERE id = $1`, id).Scan(&version); err != nil {
			t.Fatal(err)
		}
		vid := strconv.FormatInt(version, 10)

		// Completed with only the comment: the two required answers are
		// missing, the first of them is where the page opens.
		noAnswers := v.post(t, r.location(), url.Values{
			"script_version_id": {vid}, "disposition": {"completed"},
			"answer.comments": {"the comment typed"}, "notes": {"the notes typed"},
		})
		noAnswers.wantStatus(t, a.name+" completes without the required answers", http.StatusUnprocessableEntity)
		body := noAnswers.body
		summary := between(body, `data-testid="problem-summary"`, `</div>`)
		if summary == "" {
			t.Fatalf("%s: no problem summary on the refused page", a.name)
		}
		if strings.Index(body, `data-testid="problem-summary"`) > strings.Index(body, `data-testid="script"`) {
			t.Errorf("%s: the problem summary comes after the script, not at the top", a.name)
		}
		for _, want := range []string{a.title, `href="#field-answer-overall"`, `href="#field-answer-working"`, a.required} {
			if !strings.Contains(summary, want) {
				t.Errorf("%s: the summary lacks %q:\n%s", a.name, want, summary)
			}
		}
		if tag := tagWith(body, `id="field-answer-overall"`); !strings.Contains(tag, "autofocus") || !strings.Contains(tag, `aria-describedby="problem-of-field-answer-overall"`) {
			t.Errorf("%s: the first question at fault is not focused and described: %s", a.name, tag)
		}
		if strings.Count(body, "autofocus") != 1 {
			t.Errorf("%s: %d fields have autofocus, want 1", a.name, strings.Count(body, "autofocus"))
		}
		if !strings.Contains(body, `id="problem-of-field-answer-overall"`) {
			t.Errorf("%s: the message beside the question has no id for aria-describedby", a.name)
		}
		for _, kept := range []string{">the comment typed</textarea>", ">the notes typed</textarea>"} {
			if !strings.Contains(body, kept) {
				t.Errorf("%s: the refused page lost %q", a.name, kept)
			}
		}

		// Call back at a time in the past: the time is at fault and kept,
		// and so are the answers given.
		badTime := v.post(t, r.location(), url.Values{
			"script_version_id": {vid}, "disposition": {"callback"}, "callback_at": {"2020-01-02T10:30"},
			"answer.overall": {"4"}, "answer.working": {"yes"}, "notes": {"call her back"},
		})
		badTime.wantStatus(t, a.name+" asks for a callback in the past", http.StatusUnprocessableEntity)
		body = badTime.body
		summary = between(body, `data-testid="problem-summary"`, `</div>`)
		if !strings.Contains(summary, `href="#field-callback_at"`) || !strings.Contains(summary, html.EscapeString(a.callback)) {
			t.Errorf("%s: the summary does not link to the callback time:\n%s", a.name, summary)
		}
		tag := tagWith(body, `id="field-callback_at"`)
		for _, want := range []string{"autofocus", `value="2020-01-02T10:30"`, `aria-invalid="true"`, `aria-describedby="problem-of-field-callback_at"`} {
			if !strings.Contains(tag, want) {
				t.Errorf("%s: the callback time field lacks %s: %s", a.name, want, tag)
			}
		}
		for _, checked := range []string{`name="answer.overall" value="4"`, `name="answer.working" value="yes"`, `name="disposition" value="callback"`} {
			if tag := tagWith(body, checked); !strings.Contains(tag, "checked") {
				t.Errorf("%s: the choice %s is no longer checked: %s", a.name, checked, tag)
			}
		}
		if !strings.Contains(body, ">call her back</textarea>") {
			t.Errorf("%s: the refused page lost the notes", a.name)
		}
	}
}

// between is the text of s after the first from, up to the next to.
func between(s, from, to string) string {
	_, after, ok := strings.Cut(s, from)
	if !ok {
		return ""
	}
	before, _, _ := strings.Cut(after, to)
	return before
}

// tagWith is the HTML tag of s that holds attr.
func tagWith(s, attr string) string {
	i := strings.Index(s, attr)
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(s[:i], "<")
	end := strings.Index(s[i:], ">")
	return s[start : i+end+1]
}
