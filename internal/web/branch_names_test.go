package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// A branch is named in the reader's language on the queue, and in the
// script's language where the agent reads the script to the customer, not
// as the shop spelt it on the sale.
func TestQueueAndScriptNameTheBranchInTheirLanguage(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.nameBranches(t)
	maryam, emma := s.signedIn(t, "maryam"), s.signedIn(t, "emma")
	if q := maryam.get(t, "/queue"); !strings.Contains(q.body, "میدان تجریش") {
		t.Error("maryam's queue does not name the Tajrish branch in Persian")
	}
	if q := emma.get(t, "/queue"); !strings.Contains(q.body, "Vanak Square") {
		t.Error("emma's queue does not name the Vanak branch in English")
	}
	for _, c := range []struct {
		agent *visitor
		want  string
	}{
		{maryam, "از شعبه‌ی میدان تجریش"},
		{emma, "from the Vanak Square branch"},
	} {
		r := c.agent.post(t, "/queue/next", nil)
		if r.status != http.StatusSeeOther {
			t.Fatalf("POST /queue/next: %d", r.status)
		}
		page := c.agent.get(t, r.location())
		if !strings.Contains(page.body, c.want) {
			t.Errorf("the call's script does not say %q", c.want)
		}
	}
}

// nameBranches gives the branches of P-1 (تجریش) and P-2 (Vanak) names
// that differ from how the sales spelt them.
func (s *site) nameBranches(t *testing.T) {
	t.Helper()
	if _, err := s.Pool.Exec(t.Context(), `
		UPDATE branches SET name_en = 'Tajrish Square', name_fa = 'میدان تجریش' WHERE id = (SELECT branch_id FROM sales WHERE external_id = 'P-1');
		UPDATE branches SET name_en = 'Vanak Square', name_fa = 'میدان ونک' WHERE id = (SELECT branch_id FROM sales WHERE external_id = 'P-2')`); err != nil {
		t.Fatal(err)
	}
}

// The service desk names an issue's branch in the reader's language, on
// the list, in its filter and on the issue, and still filters by the
// spelling the sales came with.
func TestIssuesNameTheBranchInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.nameBranches(t)
	s.answerBadly(t, s.signedIn(t, "maryam"))
	desk := s.signedIn(t, "desk")
	list := desk.get(t, "/issues")
	if !strings.Contains(list.body, ">Tajrish Square<") {
		t.Error("the issue list does not name the branch in English")
	}
	if !strings.Contains(list.body, `value="تجریش"`) || !strings.Contains(list.body, "Tajrish Square (تجریش)") {
		t.Error("the branch filter does not offer the spelling under the branch's English name")
	}
	filtered := desk.get(t, "/issues?branch="+url.QueryEscape("تجریش"))
	if !strings.Contains(filtered.body, "Tajrish Square") {
		t.Error("filtering by the spelling lost the issue")
	}
	for _, id := range s.issueIDs(t) {
		if page := desk.get(t, "/issues/"+strconv.FormatInt(id, 10)); !strings.Contains(page.body, "Tajrish Square") {
			t.Errorf("issue %d's page does not name the branch in English", id)
		}
	}
}
