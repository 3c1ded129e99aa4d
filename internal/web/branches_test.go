package web_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/reports"
)

// Two spellings of one shop are merged: its figures (live and rolled up)
// move over, the reports show one row for it, and a later sale spelled
// the old way lands on the merged branch.
func TestBranchMergeJoinsTwoSpellings(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	reportFixture(t, s)
	ctx := context.Background()
	boss := s.signedIn(t, "boss")
	branchOf := func(spelling string) int64 {
		t.Helper()
		var id int64
		if err := s.Pool.QueryRow(ctx, `SELECT branch_id FROM branch_aliases WHERE key = branch_key($1)`, spelling).Scan(&id); err != nil {
			t.Fatalf("branch of %q: %v", spelling, err)
		}
		return id
	}
	tajrish, vanak := branchOf("تجریش"), branchOf("Vanak")
	if tajrish == vanak {
		t.Fatal("two spellings are one branch before any merge")
	}
	if err := reports.New(reports.Opts{Pool: s.Pool}).Refresh(ctx, true); err != nil {
		t.Fatal(err)
	}
	before := figures(t, boss.get(t, "/reports?"+reportMonth).body)

	s.signedIn(t, "emma").post(t, "/branches/merge", url.Values{"into": {strconv.FormatInt(tajrish, 10)}, "from": {strconv.FormatInt(vanak, 10)}}).
		wantStatus(t, "an agent merging", http.StatusForbidden)
	boss.post(t, "/branches/merge", url.Values{"into": {strconv.FormatInt(tajrish, 10)}, "from": {strconv.FormatInt(tajrish, 10)}}).
		wantStatus(t, "a branch into itself", http.StatusUnprocessableEntity)
	boss.post(t, "/branches/merge", url.Values{"into": {strconv.FormatInt(tajrish, 10)}, "from": {strconv.FormatInt(vanak, 10)}}).
		wantStatus(t, "merge", http.StatusSeeOther)
	boss.post(t, "/branches/"+strconv.FormatInt(tajrish, 10), url.Values{"name_en": {"Tajrish"}, "name_fa": {"تجریش"}}).
		wantStatus(t, "names", http.StatusSeeOther)

	r := boss.get(t, "/reports?"+reportMonth)
	if after := figures(t, r.body); after["due"] != before["due"] || after["silence-rate"] != before["silence-rate"] {
		t.Errorf("merging changed the totals: %v, was %v", after, before)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(boss.get(t, "/reports/branches.csv?"+reportMonth).body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[1][0] != "Tajrish" || rows[1][1] != "6" {
		t.Errorf("branches after the merge: %v, want one row, Tajrish with 6 due", rows)
	}

	// A sale still spelled "vanak" (or "Tajrish", a name) is the merged branch.
	for _, spelling := range []string{" vanak ", "TAJRISH"} {
		var got int64
		if err := s.Pool.QueryRow(ctx, `INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name, branch, sold_at, content_hash)
			SELECT source_id, 'M-'||$1, customer_id, 'x', 'x', $1, sold_at, '\x00' FROM sales LIMIT 1 RETURNING branch_id`, spelling).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != tajrish {
			t.Errorf("a sale spelled %q went to branch %d, want %d", spelling, got, tajrish)
		}
	}
	var audited int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM audit_log WHERE entity = 'branch'`).Scan(&audited); err != nil || audited != 2 {
		t.Errorf("%d audit rows for branches (%v), want the merge and the names", audited, err)
	}
}
