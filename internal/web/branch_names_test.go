package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// A branch is named in the reader's language on the queue, and in the
// script's language where the agent reads the script to the customer, not
// as the shop spelt it on the sale.
func TestQueueAndScriptNameTheBranchInTheirLanguage(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	if _, err := s.Pool.Exec(t.Context(), `
		UPDATE branches SET name_en = 'Tajrish Square', name_fa = 'میدان تجریش' WHERE id = (SELECT branch_id FROM sales WHERE external_id = 'P-1');
		UPDATE branches SET name_en = 'Vanak Square', name_fa = 'میدان ونک' WHERE id = (SELECT branch_id FROM sales WHERE external_id = 'P-2')`); err != nil {
		t.Fatal(err)
	}
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
