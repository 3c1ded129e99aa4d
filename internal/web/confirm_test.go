package web_test

import (
	"regexp"
	"strings"
	"testing"
)

// confirmed matches a destructive button that sits behind a warning: a
// closed <details class="confirm"> whose summary names the action and whose
// body says what happens before the red button that does it.
func confirmed(summary, warning, button string) *regexp.Regexp {
	return regexp.MustCompile(`<details class="confirm"[^>]*><summary class="danger">` + regexp.QuoteMeta(summary) +
		`</summary><div class="confirm-body"><p>` + warning + `</p><button[^>]*class="[^"]*danger[^"]*"[^>]*>` + regexp.QuoteMeta(button) + `</button>`)
}

// Deleting an endpoint or a rule and disabling a user look destructive and
// ask once more, in the reader's language, without JavaScript.
func TestDestructiveActionsLookItAndAskFirst(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	admin := s.signedIn(t, "boss")
	admin.post(t, "/admin/webhooks", webhookForm("https://crm.example/in", "", "issue.created")).
		wantRedirect(t, "add", "/admin/webhooks/1")
	if body := admin.get(t, "/admin/webhooks/1").body; !confirmed("Delete endpoint",
		regexp.QuoteMeta("This deletes the endpoint, its delivery log and the deliveries still waiting. It cannot be undone."), "Yes, delete this endpoint").MatchString(body) {
		t.Errorf("the endpoint's delete is not behind a warning:\n%s", around(body, "/delete"))
	}
	if body := admin.get(t, "/admin/users").body; !confirmed("Disable", `[^<]+ will not be able to sign in until an admin enables the account again\.`, "Yes, disable").MatchString(body) {
		t.Errorf("disabling a user is not behind a warning:\n%s", around(body, `value="disable"`))
	}

	s.addUser(t, "reza", "supervisor", "fa", "Asia/Tehran")
	reza := s.signedIn(t, "reza")
	reza.post(t, "/rules", ruleForm("mode", "add", "category", "phones", "priority", "90")).wantRedirect(t, "adding phones", "/rules")
	if body := reza.get(t, "/rules").body; !confirmed("حذف", "از این پس فروش‌های phones از قاعدهٔ پیش‌فرض پیروی می‌کنند؛ پیگیری‌های زمان‌بندی‌شده قاعدهٔ خود را نگه می‌دارند.", "بله، قاعده حذف شود").MatchString(body) {
		t.Errorf("deleting a rule is not behind a warning in Persian:\n%s", around(body, "/rules/delete"))
	}
}

// around is the part of body near the first want, for failure output.
func around(body, want string) string {
	i := strings.Index(body, want)
	if i < 0 {
		return "(" + want + " not found)"
	}
	return body[max(0, i-600):min(len(body), i+200)]
}
