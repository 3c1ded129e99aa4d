package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// recoveryHalfYear is where recoveryFixture's follow-ups lie.
const recoveryHalfYear = "from=2026-01-01&to=2026-06-30"

// recoveryFixture adds two ended follow-ups of February 2026: a satisfied
// customer who bought again ten days later, and a silent one who did not.
func recoveryFixture(t *testing.T, s *site) {
	t.Helper()
	ctx := context.Background()
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := s.Pool.Exec(ctx, sql, args...); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	exec(`INSERT INTO customers (phone, name, timezone, locale) VALUES
		('+989125550101', 'مریم صادقی', 'Asia/Tehran', 'fa'), ('+989125550102', 'Ali Karimi', 'Asia/Tehran', 'fa')`)
	exec(`INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_category, branch, sold_at, content_hash)
		SELECT s.id, x.ext, c.id, 'SKU', 'glasses', 'Vanak', x.at::timestamptz, '\x00'
		FROM sources s, (VALUES ('RC-1', '+989125550101', '2026-01-25 10:00Z'), ('RC-2', '+989125550101', '2026-02-11 10:00Z'),
		                        ('RC-3', '+989125550102', '2026-01-25 10:00Z')) x (ext, phone, at)
		JOIN customers c ON c.phone = x.phone
		WHERE s.name = 'shop'`)
	exec(`INSERT INTO follow_ups (sale_id, customer_id, state, due_at, channel, script_name, priority, max_attempts, retry_spacing_minutes, created_at, updated_at)
		SELECT id, customer_id, CASE external_id WHEN 'RC-1' THEN 'completed' ELSE 'unreachable' END, '2026-02-01 10:00Z',
		       'agent', 'default', 50, 3, 1440, '2026-02-01 10:00Z', '2026-02-01 10:00Z'
		FROM sales WHERE external_id IN ('RC-1', 'RC-3')`)
	exec(`INSERT INTO responses (follow_up_id, script_version_id, channel, captured_by, created_at)
		SELECT f.id, v.id, 'agent', 'test', f.updated_at FROM follow_ups f JOIN sales s ON s.id = f.sale_id, script_versions v
		WHERE s.external_id = 'RC-1' ORDER BY v.id LIMIT 1`)
}

func TestRecoveryReportShowsRatesWithIntervals(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	recoveryFixture(t, s)
	boss := s.signedIn(t, "boss")
	if r := boss.get(t, "/reports"); !strings.Contains(r.body, `href="/reports/recovery"`) {
		t.Error("the reports page has no link to the recovery report")
	}
	r := boss.get(t, "/reports/recovery?"+recoveryHalfYear)
	r.wantStatus(t, "GET /reports/recovery", http.StatusOK)
	for _, want := range []string{
		`data-testid="table-overall"`, `data-testid="table-branches"`, `data-testid="table-categories"`,
		"Satisfied", "100.0%", "95% CI 20.7%–100.0%", "1 of 1", // bought within 30 days
		"Silent", "0.0%", "95% CI 0.0%–79.3%", "0 of 1",
		"not an experiment", "whole window has passed",
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if empty := boss.get(t, "/reports/recovery?from=2025-01-01&to=2025-06-30"); !strings.Contains(empty.body, "Nothing in this range.") {
		t.Error("a range without follow-ups does not say it is empty")
	}
}

func TestRecoveryReportInPersian(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	recoveryFixture(t, s)
	s.addUser(t, "reza", "supervisor", "fa", "Asia/Tehran")
	r := s.signedIn(t, "reza").get(t, "/reports/recovery?"+recoveryHalfYear)
	r.wantStatus(t, "GET /reports/recovery (fa)", http.StatusOK)
	for _, want := range []string{`dir="rtl"`, "راضی", "خاموش", "۱۰۰٫۰٪", "۱ از ۱", "بازهٔ اطمینان ۹۵٪: ۲۰٫۷٪ تا ۱۰۰٫۰٪", "خرید دوباره تا ۳۰ روز", "نه آزمایش"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the Persian page lacks %q", want)
		}
	}
	if strings.Contains(r.body, "100.0%") {
		t.Error("the Persian page shows Latin digits in a rate")
	}
}

func TestRecoveryReportIsForOverseers(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	for _, who := range []string{"maryam", "desk"} {
		s.signedIn(t, who).get(t, "/reports/recovery").wantStatus(t, who+" GET /reports/recovery", http.StatusForbidden)
	}
	s.signedIn(t, "boss").get(t, "/reports/recovery").wantStatus(t, "boss GET /reports/recovery", http.StatusOK)
}

func TestRecoveryReportBadRangeNamesTheField(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	r := s.signedIn(t, "boss").get(t, "/reports/recovery?from=2026-13-01")
	r.wantStatus(t, "GET /reports/recovery bad from", http.StatusUnprocessableEntity)
	if !strings.Contains(r.body, `data-testid="problem-from"`) || !strings.Contains(r.body, `value="2026-13-01"`) {
		t.Error("no problem for from, or the typed value is lost")
	}
}
