package web_test

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The call page's Release: only the agent holding the call may use it;
// the call goes back to the queue with no attempt counted, and the agent
// is not offered it again.
func TestReleaseFromTheCallPage(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	maryam, emma := s.signedIn(t, "maryam"), s.signedIn(t, "emma")
	r := maryam.post(t, "/queue/next", nil)
	call := r.location()
	if callPath.FindStringSubmatch(call) == nil {
		t.Fatalf("POST /queue/next: %d to %q", r.status, call)
	}
	page := maryam.get(t, call)
	for _, want := range []string{`action="` + call + `/release"`, `data-testid="release-call"`, `aria-keyshortcuts="Alt+R"`, "واگذاری این تماس"} {
		if !strings.Contains(page.body, want) {
			t.Errorf("call page lacks %s", want)
		}
	}

	emma.post(t, call+"/release", url.Values{"reason": {"busy"}}).wantStatus(t, "emma releases maryam's call", http.StatusForbidden)
	if n := s.claimed(t); n != 1 {
		t.Errorf("%d calls claimed after emma's refused release, want maryam's 1", n)
	}

	noReason := maryam.post(t, call+"/release", nil)
	noReason.wantStatus(t, "release without a reason", http.StatusUnprocessableEntity)
	if !strings.Contains(noReason.body, `data-testid="problem-reason">دلیلی را انتخاب کنید<`) {
		t.Error("a release without a reason does not say so in Persian")
	}

	maryam.post(t, call+"/release", url.Values{"reason": {"language"}}).wantRedirect(t, "maryam releases", "/queue")
	if q := maryam.get(t, "/queue"); !strings.Contains(q.body, "تماس به صف برگشت") {
		t.Error("the queue page does not say the call went back")
	}
	if n := s.Count(t, `SELECT count(*) FROM follow_ups WHERE state = 'due' AND attempt_count = 0`); n != 2 {
		t.Errorf("%d calls due with no attempt, want both", n)
	}
	// Maryam speaks Persian only, and released the one Persian call.
	maryam.post(t, "/queue/next", nil).wantRedirect(t, "maryam asks for the next call", "/queue")
	if n := s.claimed(t); n != 0 {
		t.Errorf("%d calls claimed, want none", n)
	}
}

// Admins set the languages an agent speaks on the users page.
func TestAdminSetsAgentLanguages(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	boss := s.signedIn(t, "boss")
	emma := s.userID(t, "emma")
	path := "/admin/users/" + strconv.FormatInt(emma, 10) + "/languages"
	if page := boss.get(t, "/admin/users"); !strings.Contains(page.body, `action="`+path+`"`) {
		t.Fatalf("users page has no languages form for emma")
	}
	boss.post(t, path, url.Values{"languages": {"en-GB, fa"}}).wantRedirect(t, "set emma's languages", "/admin/users")
	var langs []string
	if err := s.Pool.QueryRow(t.Context(), `SELECT languages FROM users WHERE id = $1`, emma).Scan(&langs); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(langs, []string{"en", "fa"}) {
		t.Errorf("emma speaks %v, want [en fa]", langs)
	}
	bad := boss.post(t, path, url.Values{"languages": {"english!"}})
	bad.wantStatus(t, "a language that is no code", http.StatusUnprocessableEntity)
	if !strings.Contains(bad.body, `is not a language code`) {
		t.Error("the refusal does not say what is wrong")
	}
	s.signedIn(t, "maryam").post(t, path, url.Values{"languages": {"fa"}}).wantStatus(t, "an agent sets languages", http.StatusForbidden)
}

// Supervisors see on the queue page the languages customers wait in that
// no agent speaks.
func TestSupervisorSeesLanguagesNobodySpeaks(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.addUser(t, "sup", "supervisor", "en", "UTC")
	if _, err := s.Pool.Exec(t.Context(), `UPDATE users SET languages = '{fa}' WHERE username = 'emma'`); err != nil {
		t.Fatal(err)
	}
	page := s.signedIn(t, "sup").get(t, "/queue")
	if !strings.Contains(page.body, `data-testid="unspoken-en"`) || strings.Contains(page.body, `data-testid="unspoken-fa"`) {
		t.Errorf("supervisor's queue page does not list English alone as unspoken")
	}
	if agent := s.signedIn(t, "maryam").get(t, "/queue"); strings.Contains(agent.body, `data-testid="unspoken"`) {
		t.Error("an agent's queue page lists unspoken languages")
	}
}
