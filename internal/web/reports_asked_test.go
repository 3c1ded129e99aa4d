package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// "Not asked again: asked recently" counts the period's sales, by the
// time they were sold in the reader's zone, that were linked to an earlier
// follow-up instead of getting their own, under the page's branch,
// category and script filters; cancelled and unlinked sales are not
// counted.
func TestReportCountsSalesNotAskedAgainBecauseAskedRecently(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	ctx := context.Background()
	var src, cust, cover int64
	var script string
	if err := s.Pool.QueryRow(ctx, `
		SELECT s.source_id, f.customer_id, f.id, f.script_name FROM follow_ups f JOIN sales s ON s.id = f.sale_id
		ORDER BY f.id LIMIT 1`).Scan(&src, &cust, &cover, &script); err != nil {
		t.Fatal(err)
	}
	at := func(m time.Month, d, h int) time.Time { return time.Date(2026, m, d, h, 0, 0, 0, time.UTC) }
	for _, x := range []struct {
		id, branch, category string
		soldAt               time.Time
		linked, cancelled    bool
	}{
		{"N-1", "Vanak", "phones", at(10, 3, 9), true, false},
		{"N-2", "تجریش", "glasses", at(10, 10, 9), true, false},
		{"N-3", "Vanak", "glasses", at(10, 20, 9), true, false},
		{"N-4", "Vanak", "phones", at(10, 21, 9), true, true},  // cancelled
		{"N-5", "Vanak", "phones", at(9, 30, 23), true, false}, // the day before
		{"N-6", "Vanak", "phones", at(11, 1, 0), true, false},  // the day after
		{"N-7", "Vanak", "phones", at(10, 5, 9), false, false}, // asked on its own
	} {
		var coveredBy *int64
		if x.linked {
			coveredBy = &cover
		}
		var cancelledAt *time.Time
		if x.cancelled {
			cancelledAt = &x.soldAt
		}
		if _, err := s.Pool.Exec(ctx, `
			INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_category, branch, sold_at, content_hash, covered_by, cancelled_at)
			VALUES ($1, $2, $3, 'SKU', $4, $5, $6, '\x00', $7, $8)`,
			src, x.id, cust, x.category, x.branch, x.soldAt, coveredBy, cancelledAt); err != nil {
			t.Fatal(err)
		}
	}
	boss := s.signedIn(t, "boss")
	for filter, want := range map[string]string{
		"":                               "3",
		"&branch=Vanak":                  "2",
		"&category=glasses":              "2",
		"&branch=Vanak&category=glasses": "1",
		"&branch=Vanak&category=phones":  "1",
		"&script=" + script:              "3",
		"&script=another":                "0",
	} {
		r := boss.get(t, "/reports?"+reportMonth+filter)
		r.wantStatus(t, "GET /reports"+filter, http.StatusOK)
		if got := figures(t, r.body)["asked-recently"]; got != want {
			t.Errorf("reports%s: asked recently = %q, want %q", filter, got, want)
		}
	}
	en := boss.get(t, "/reports?"+reportMonth).body
	if !strings.Contains(en, `data-testid="figure-asked-recently"><dt>Not asked again: asked recently</dt>`) {
		t.Error("the figure is not labelled in English")
	}
	s.addUser(t, "reza", "supervisor", "fa", "UTC")
	fa := s.signedIn(t, "reza").get(t, "/reports?"+reportMonth).body
	if got := figures(t, fa)["asked-recently"]; got != "۳" {
		t.Errorf("Persian page: asked recently = %q, want ۳", got)
	}
	if !strings.Contains(fa, "دوباره پرسیده نشد: به\u200cتازگی پرسیده شده") {
		t.Error("the figure is not labelled in Persian")
	}
}
