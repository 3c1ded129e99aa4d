package web_test

import (
	"strconv"
	"strings"
	"testing"
)

// TestChangesNamePeople: the changes of an issue and of the rules name
// people by their display names and tamas's own work by a word in the
// reader's language; only admins see the recorded username, as a title.
func TestChangesNamePeople(t *testing.T) {
	t.Parallel()
	s := rulesSite(t)
	if _, err := s.Pool.Exec(t.Context(), `UPDATE users SET display_name = CASE username WHEN 'maryam' THEN 'Maryam Rezaei' ELSE 'Sam Smith' END
		WHERE username IN ('maryam', 'sam')`); err != nil {
		t.Fatal(err)
	}
	s.answerBadly(t, s.signedIn(t, "maryam"))
	id := s.issueIDs(t)["product_defect"]
	if _, err := s.Pool.Exec(t.Context(), `INSERT INTO audit_log (actor, entity, entity_key, before, after)
		VALUES ('job:issue_sla', 'issue', $1, '{"state":"open"}', '{"state":"open","breached_at":"2026-01-01T00:00:00Z"}')`, strconv.FormatInt(id, 10)); err != nil {
		t.Fatal(err)
	}
	path := "/issues/" + strconv.FormatInt(id, 10)
	changes := between(s.signedIn(t, "desk").get(t, path).body, `data-testid="issue-changes"`, "</article>")
	for _, want := range []string{"Maryam Rezaei", "tamas (automatic)"} {
		if !strings.Contains(changes, want) {
			t.Errorf("the issue's changes lack %q:\n%s", want, changes)
		}
	}
	for _, unwanted := range []string{">maryam<", "job:issue_sla", `title="maryam"`} {
		if strings.Contains(changes, unwanted) {
			t.Errorf("the service desk's issue changes show %q", unwanted)
		}
	}
	answers := between(s.signedIn(t, "desk").get(t, path).body, `data-testid="issue-answers"`, "</article>")
	if !strings.Contains(answers, "Maryam Rezaei") {
		t.Errorf("the answers do not name who took them:\n%s", answers)
	}
	admin := between(s.signedIn(t, "boss").get(t, path).body, `data-testid="issue-changes"`, "</article>")
	if !strings.Contains(admin, `title="maryam"`) || !strings.Contains(admin, `title="job:issue_sla"`) {
		t.Errorf("an admin does not see the recorded actors:\n%s", admin)
	}

	s.signedIn(t, "sam").post(t, "/rules", ruleForm("delay_days", "10")).wantRedirect(t, "saving the default rule", "/rules")
	fa := s.signedIn(t, "sara").get(t, "/rules").body
	if who := between(fa, `data-testid="audit-entry"`, "</tr>"); !strings.Contains(who, "Sam Smith") || strings.Contains(who, ">sam<") {
		t.Errorf("the rules' changes do not name Sam Smith:\n%s", who)
	}
	if _, err := s.Pool.Exec(t.Context(), `UPDATE audit_log SET actor = 'job:followup_sweep' WHERE entity = 'rule'`); err != nil {
		t.Fatal(err)
	}
	if fa := s.signedIn(t, "sara").get(t, "/rules").body; !strings.Contains(between(fa, `data-testid="audit-entry"`, "</tr>"), "تماس (خودکار)") {
		t.Error("the rules' changes do not name tamas's own work in Persian")
	}
}
