package customers_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/customers"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func setup(t *testing.T) (*apptest.App, *customers.Service) {
	t.Helper()
	a := apptest.Open(t, apptest.Opts{At: apptest.Now})
	return a, customers.New(customers.Opts{Pool: a.Pool, Normalizer: &sales.Normalizer{Region: "IR"}})
}

func sale(externalID, phone, name string) sales.Input {
	in := apptest.Sale(externalID, phone, apptest.Now.Add(-24*time.Hour))
	in.Customer.Name = name
	return in
}

func names(r customers.Results) []string {
	var out []string
	for _, m := range r.Matches {
		out = append(out, m.Name)
	}
	return out
}

func TestSearch(t *testing.T) {
	t.Parallel()
	a, s := setup(t)
	ctx := context.Background()
	a.Sell(t, sale("S-1", "+989121112233", "Maryam Rezaei"),
		sale("S-2", "+989121112244", "mark_50%"),
		sale("S-3", "+989121112255", "مریم احمدی"),
		sale("S-4", "+989121112266", "Markus"))
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"0912 111 2233", []string{"Maryam Rezaei"}},
		{"+98 912-111-2233", []string{"Maryam Rezaei"}},
		{"۰۹۱۲۱۱۱۲۲۳۳", []string{"Maryam Rezaei"}},
		{"9121112233", []string{"Maryam Rezaei"}},
		{"0912 000 0000", nil},
		{"  MAR ", []string{"mark_50%", "Markus", "Maryam Rezaei"}},
		{"mark_", []string{"mark_50%"}},
		{"mark%", nil},
		{"مري", []string{"مریم احمدی"}}, // Arabic ي finds the Persian ی
		{"rezaei", nil},
		{"", nil},
	} {
		got, err := s.Search(ctx, tt.query, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(names(got), tt.want) || got.More {
			t.Errorf("Search(%q) = %q (more %v), want %q", tt.query, names(got), got.More, tt.want)
		}
	}
}

func TestSearchPages(t *testing.T) {
	t.Parallel()
	a, s := setup(t)
	ctx := context.Background()
	var in []sales.Input
	for i := range customers.PageSize + 3 {
		in = append(in, sale(fmt.Sprintf("S-%d", i), fmt.Sprintf("+98912100%04d", i), fmt.Sprintf("Ali %02d", i)))
	}
	a.Sell(t, in...)
	first, err := s.Search(ctx, "ali", 0)
	if err != nil || len(first.Matches) != customers.PageSize || !first.More {
		t.Fatalf("first page: %d matches, more %v, %v", len(first.Matches), first.More, err)
	}
	second, err := s.Search(ctx, "ali", 1)
	if err != nil || !reflect.DeepEqual(names(second), []string{"Ali 20", "Ali 21", "Ali 22"}) || second.More {
		t.Fatalf("second page: %q, more %v, %v", names(second), second.More, err)
	}
}

func TestCardAndNotes(t *testing.T) {
	t.Parallel()
	a, s := setup(t)
	ctx := context.Background()
	a.Sell(t, sale("S-1", "+989121112233", "Maryam"), sale("S-2", "+989121112233", "Maryam"))
	author := a.User(t, "desk-a", "service")
	m, err := s.Search(ctx, "09121112233", 0)
	if err != nil || len(m.Matches) != 1 {
		t.Fatalf("search: %+v, %v", m, err)
	}
	id := m.Matches[0].ID
	if err := s.AddNote(ctx, id, author.ID, "  "); !reflect.DeepEqual(err, invalid.New("body", customers.CodeNote, customers.MaxNote)) {
		t.Errorf("an empty note: err = %v", err)
	}
	if err := s.AddNote(ctx, id, author.ID, strings.Repeat("x", customers.MaxNote+1)); err == nil {
		t.Error("an overlong note was kept")
	}
	if err := s.AddNote(ctx, id, author.ID, " prefers calls after 5 "); err != nil {
		t.Fatal(err)
	}
	if err := s.AddNote(ctx, 1<<40, author.ID, "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a note on no customer: err = %v, want ErrNotFound", err)
	}
	c, err := s.Card(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// The second sale is linked to the first's follow-up: one call asks
	// about both (contact frequency).
	if c.Customer.Name != "Maryam" || len(c.Sales) != 2 || len(c.FollowUps) != 1 || len(c.Notes) != 1 ||
		c.Notes[0].Body != "prefers calls after 5" || c.Notes[0].Author == "" {
		t.Errorf("card %+v", c)
	}
	if _, err := s.Card(ctx, 1<<40); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Card(unknown) err = %v, want ErrNotFound", err)
	}
}

// TestQueriesUseIndexes checks the plans on many customers: a search or a
// page must not read the whole customers, sales or issues table.
func TestQueriesUseIndexes(t *testing.T) {
	t.Parallel()
	a, _ := setup(t)
	ctx := context.Background()
	for _, sql := range []string{
		`INSERT INTO customers (phone, name, timezone, locale)
		 SELECT '+98912' || lpad(g::text, 7, '0'), 'Name ' || md5(g::text), 'Asia/Tehran', 'fa'
		 FROM generate_series(1, 200000) g`,
		`ANALYZE customers`,
	} {
		if _, err := a.Pool.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	for name, q := range map[string]string{
		"by name": `SELECT id, phone, name FROM customers WHERE lower(name) COLLATE "C" LIKE 'name ab' || '%' AND NOT walk_in ORDER BY lower(name) COLLATE "C", id LIMIT 21 OFFSET 0`,
		// Every customer matches: only an index in the page's order stops
		// after one page instead of sorting them all.
		"by a common name": `SELECT id, phone, name FROM customers WHERE lower(name) COLLATE "C" LIKE 'name ' || '%' AND NOT walk_in ORDER BY lower(name) COLLATE "C", id LIMIT 21 OFFSET 0`,
		"sales":            `SELECT id FROM sales WHERE customer_id = 5 ORDER BY sold_at DESC, id DESC LIMIT 50`,
		"follow-up":        `SELECT id FROM follow_ups WHERE customer_id = 5 ORDER BY due_at DESC, id DESC LIMIT 50`,
		"issues":           `SELECT id FROM issues WHERE customer_id = 5 ORDER BY id DESC LIMIT 50`,
		"notes":            `SELECT id FROM customer_notes WHERE customer_id = 5 ORDER BY id DESC LIMIT 50`,
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
		if p := strings.Join(plan, "\n"); strings.Contains(p, "Seq Scan on customers") || !strings.Contains(p, "Index") ||
			name == "by a common name" && strings.Contains(p, "Sort") {
			t.Errorf("%s reads without an index:\n%s", name, p)
		}
	}
}
