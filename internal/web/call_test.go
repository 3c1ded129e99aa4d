package web_test

import (
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
