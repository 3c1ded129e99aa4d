package reports_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/sales"
)

// Among many sales, few of them linked, the "asked recently" count reads
// only the linked ones of the month through sales_covered_sold_at, and the
// call page finds a follow-up's linked sales through sales_covered_by.
func TestAskedRecentlyQueriesUseTheirIndexes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := apptest.Open(t, apptest.Opts{At: time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)})
	ids := a.Sell(t, sales.Input{ExternalID: "first", Customer: sales.CustomerInput{Name: "مشتری", Phone: "09121234500"},
		Product: sales.ProductInput{SKU: "SKU-1"}, Branch: "Vanak", SoldAt: "2026-11-23T10:00:00+03:30"})
	// A year of sales, one in twenty linked to the first follow-up.
	if _, err := a.Pool.Exec(ctx, `INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_category, branch, branch_id, sold_at, content_hash, covered_by)
		 SELECT s.source_id, 'bulk-' || g, s.customer_id, 'SKU', (ARRAY['glasses', 'phones', 'lenses'])[1 + g % 3], s.branch, s.branch_id,
		        timestamptz '2025-11-23' + g * interval '315 seconds', s.content_hash,
		        CASE WHEN g % 20 = 0 THEN f.id END
		 FROM follow_ups f JOIN sales s ON s.id = f.sale_id, generate_series(1, 100000) g
		 WHERE f.id = $1`, ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Pool.Exec(ctx, `ANALYZE sales`); err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]string{
		"asked recently": `SELECT count(*) FROM sales s
			WHERE s.covered_by IS NOT NULL AND s.sold_at >= '2026-10-01' AND s.sold_at < '2026-11-01' AND s.cancelled_at IS NULL
			  AND (0 = 0 OR s.branch_id = 0) AND ('phones' = '' OR s.product_category = 'phones')`,
		"call's sales": `SELECT s.id FROM sales s WHERE s.covered_by = 1 AND s.cancelled_at IS NULL`,
	} {
		var plan []string
		rows, err := a.Pool.Query(ctx, "EXPLAIN "+q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var line string
			if err := rows.Scan(&line); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, line)
		}
		rows.Close()
		p := strings.Join(plan, "\n")
		t.Logf("%s:\n%s", name, p)
		want := map[string]string{"asked recently": "sales_covered_sold_at", "call's sales": "sales_covered_by"}[name]
		if strings.Contains(p, "Seq Scan on sales") || !strings.Contains(p, want) {
			t.Errorf("%s does not read through %s:\n%s", name, want, p)
		}
	}
}
