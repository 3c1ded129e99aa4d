package web_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
)

// A follow-up that the contact frequency rule linked other sales to lists
// them all on the call page, its own first, each with its product, branch
// name in the agent's language, date in the agent's calendar and digits
// and order id; a linked sale since cancelled is not asked about.
func TestCallPageListsEverySaleTheFollowUpAsksAbout(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	ctx := t.Context()
	var branchID int64
	if err := s.Pool.QueryRow(ctx, `
		WITH b AS (INSERT INTO branches (code, name_en, name_fa) VALUES ('velenjak', 'Velenjak', 'ولنجک') RETURNING id)
		INSERT INTO branch_aliases (key, branch_id) SELECT 'velenjak', id FROM b RETURNING branch_id`).Scan(&branchID); err != nil {
		t.Fatal(err)
	}
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	linkedAt := pagesNow.Add(-3 * 24 * time.Hour)
	for _, a := range []struct {
		name string
		lang i18n.Lang
		want []string
		not  []string
	}{
		{name: "emma", lang: i18n.EN, want: []string{"Purchases (2): ask about each", "Velenjak", "LINK-emma"}, not: []string{"ولنجک", "GONE-emma"}},
		{name: "maryam", lang: i18n.FA, want: []string{"خریدها (۲): دربارهٔ هر کدام بپرسید", "ولنجک", "LINK-maryam"}, not: []string{"Velenjak", "GONE-maryam"}},
	} {
		v := s.signedIn(t, a.name)
		r := v.post(t, "/queue/next", nil)
		m := callPath.FindStringSubmatch(r.location())
		if m == nil {
			t.Fatalf("%s: POST /queue/next: %d to %q", a.name, r.status, r.location())
		}
		id, _ := strconv.ParseInt(m[1], 10, 64)
		for _, sale := range []struct {
			external string
			cancel   bool
		}{{"LINK-" + a.name, false}, {"GONE-" + a.name, true}} {
			_, err := s.Pool.Exec(ctx, `
				INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name, branch, branch_id,
				                   sold_at, content_hash, covered_by, cancelled_at)
				SELECT s.source_id, $2, s.customer_id, 'LN-7', 'Lens cloth', 'velenjak ', $3, $4, s.content_hash, f.id,
				       CASE WHEN $5::bool THEN now() END
				FROM follow_ups f JOIN sales s ON s.id = f.sale_id WHERE f.id = $1`,
				id, sale.external, branchID, linkedAt, sale.cancel)
			if err != nil {
				t.Fatal(err)
			}
		}
		page := v.get(t, r.location())
		card := between(page.body, `data-testid="sale"`, `</article>`)
		lines := strings.Split(card, `data-testid="sale-line"`)[1:]
		if len(lines) != 2 {
			t.Fatalf("%s: %d sales on the call page, want its own and the linked one:\n%s", a.name, len(lines), card)
		}
		if !strings.Contains(lines[0], `P-`) {
			t.Errorf("%s: the first sale listed is not the follow-up's own:\n%s", a.name, lines[0])
		}
		want := append(a.want, "Lens cloth", i18n.Date(a.lang, linkedAt, tehran))
		for _, w := range want {
			if !strings.Contains(card, w) {
				t.Errorf("%s: the sale card lacks %q:\n%s", a.name, w, card)
			}
		}
		for _, w := range a.not {
			if strings.Contains(card, w) {
				t.Errorf("%s: the sale card shows %q:\n%s", a.name, w, card)
			}
		}
	}
}
