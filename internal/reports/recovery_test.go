package reports_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/testdb"
)

// A hand-made year with a known answer for every group and window, at
// now = 1 December 2026 (windows of 30, 90, 180 days have passed for
// outcomes up to 1 November, 2 September and 4 June). Days are 2026
// dates, every follow-up due the day of its outcome:
//
//	R1 recovered: recovery confirmed 10 Mar, bought 25 Mar          → 30 90 180
//	R2 recovered: recovery confirmed 1 Apr, bought 15 Jun (75 d)    → 90 180
//	S1 satisfied 1 Feb: a cancelled sale 20 Feb, a sale 1 Sep (212 d) → none
//	S2 satisfied 1 May: bought 15 Jul (75 d)                        → 90 180
//	S3 satisfied 15 Oct: bought 20 Oct; only 30 days have passed    → 30
//	S4 satisfied 20 Nov: no window has passed                       → left out
//	U1 unhappy 1 Mar: issue still open, never bought again          → none
//	U2 unhappy 1 Apr: the recovery call raised a trigger again,
//	   bought 1 Aug (122 d)                                         → 180
//	Q1 silent (unreachable) 1 Feb: bought 10 Feb                    → 30 90 180
//	X  refused 1 Mar, and Y satisfied 1 Jun 2025 (outside the range),
//	   both with a sale a day later                                 → not units
//	W  a branch's walk-in customer, satisfied 1 Mar, a sale 2 Mar   → not a unit
//
// R1, S1 and U1 are of branch تجریش and category glasses; the rest of
// Vanak and phones. The figures are read from the base tables alone, then
// from the rollup refreshed on 1 October (S3 and S4 in the live tail)
// and refreshed again on 1 December: all three must agree.
func TestRecoveryReportCountsEachGroupAndWindow(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d.Add(10 * time.Hour)
	}
	id := func(sql string, args ...any) int64 {
		t.Helper()
		var n int64
		if err := pool.QueryRow(ctx, sql, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return n
	}
	src := id(`INSERT INTO sources (name) VALUES ('shop') RETURNING id`)
	script := id(`INSERT INTO scripts (name, locale) VALUES ('survey', 'fa') RETURNING id`)
	version := id(`INSERT INTO script_versions (script_id, number, body, published_at, created_by)
		VALUES ($1, 1, '{"name":"survey","locale":"fa","intro":"سلام","closing":"سپاس","questions":[
		 {"key":"overall","prompt":"?","type":"rating","required":true}]}', now(), 'test') RETURNING id`, script)
	n := 0
	sale := func(customer int64, branch, category string, at time.Time) int64 {
		n++
		return id(`INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_category, branch, sold_at, content_hash)
			VALUES ($1, $2, $3, 'SKU', $4, $5, $6, '\x00') RETURNING id`, src, fmt.Sprint("S-", n), customer, category, branch, at)
	}
	followUp := func(kind string, saleID, customer int64, state string, at time.Time) int64 {
		return id(`INSERT INTO follow_ups (kind, sale_id, customer_id, state, due_at, channel, script_name, script_version_id,
			priority, max_attempts, retry_spacing_minutes, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, 'agent', 'survey', $6, 50, 3, 1440, $5, $5) RETURNING id`, kind, saleID, customer, state, at, version)
	}
	respond := func(fu int64, at time.Time) int64 {
		return id(`INSERT INTO responses (follow_up_id, script_version_id, channel, captured_by, created_at)
			VALUES ($1, $2, 'agent', 'test', $3) RETURNING id`, fu, version, at)
	}
	trigger := func(issue, response int64) {
		id(`INSERT INTO issue_triggers (issue_id, response_id, question_key, value, severity) VALUES ($1, $2, 'overall', '1', 'high') RETURNING issue_id`, issue, response)
	}
	type unit struct {
		name, branch, category, state string
		outcome                       string // completed/unreachable day
		recovery                      string // day of the recovery call's answers; "" none
		recoveryUnhappy               bool
		issue                         bool
		later                         []string // later sales; a "!" prefix: cancelled
		walkIn                        bool
	}
	for i, u := range []unit{
		{name: "R1", branch: "تجریش", category: "glasses", state: "completed", outcome: "2026-03-01", issue: true, recovery: "2026-03-10", later: []string{"2026-03-25"}},
		{name: "R2", branch: "Vanak", category: "phones", state: "completed", outcome: "2026-03-20", issue: true, recovery: "2026-04-01", later: []string{"2026-06-15"}},
		{name: "S1", branch: "تجریش", category: "glasses", state: "completed", outcome: "2026-02-01", later: []string{"!2026-02-20", "2026-09-01"}},
		{name: "S2", branch: "Vanak", category: "phones", state: "completed", outcome: "2026-05-01", later: []string{"2026-07-15"}},
		{name: "S3", branch: "Vanak", category: "phones", state: "completed", outcome: "2026-10-15", later: []string{"2026-10-20"}},
		{name: "S4", branch: "Vanak", category: "phones", state: "completed", outcome: "2026-11-20", later: []string{"2026-11-21"}},
		{name: "U1", branch: "تجریش", category: "glasses", state: "completed", outcome: "2026-03-01", issue: true},
		{name: "U2", branch: "Vanak", category: "phones", state: "completed", outcome: "2026-04-01", issue: true, recovery: "2026-04-10", recoveryUnhappy: true, later: []string{"2026-08-01"}},
		{name: "Q1", branch: "Vanak", category: "phones", state: "unreachable", outcome: "2026-02-01", later: []string{"2026-02-10"}},
		{name: "X", branch: "Vanak", category: "phones", state: "refused", outcome: "2026-03-01", later: []string{"2026-03-02"}},
		{name: "Y", branch: "Vanak", category: "phones", state: "completed", outcome: "2025-06-01", later: []string{"2025-06-02"}},
		{name: "W", branch: "Vanak", category: "phones", state: "completed", outcome: "2026-03-01", later: []string{"2026-03-02"}, walkIn: true},
	} {
		cust := id(`INSERT INTO customers (phone, name, timezone, locale) VALUES ($1, $2, 'Asia/Tehran', 'fa') RETURNING id`,
			fmt.Sprintf("+9891255500%02d", i), u.name)
		if u.walkIn {
			id(`UPDATE customers SET (walk_in, phone, opted_out_at) = (true, 'walk-in:' || id, now()) WHERE id = $1 RETURNING id`, cust)
		}
		at := day(u.outcome)
		s := sale(cust, u.branch, u.category, at.AddDate(0, 0, -7))
		fu := followUp("sale", s, cust, u.state, at)
		for _, l := range u.later {
			cancelled := l[0] == '!'
			if cancelled {
				l = l[1:]
			}
			ls := sale(cust, u.branch, u.category, day(l))
			if cancelled {
				id(`UPDATE sales SET cancelled_at = sold_at + interval '1 hour' WHERE id = $1 RETURNING id`, ls)
			}
		}
		if u.state != "completed" {
			continue
		}
		resp := respond(fu, at)
		if !u.issue {
			continue
		}
		state, cause, note, resolved := "open", (*string)(nil), "", (*time.Time)(nil)
		if u.recovery != "" {
			c, r := "product_defect", day(u.recovery).AddDate(0, 0, -3)
			state, cause, note, resolved = "resolved", &c, "fixed", &r
		}
		issue := id(`INSERT INTO issues (customer_id, sale_id, follow_up_id, category, severity, state, deadline_at, root_cause, root_cause_note, resolved_at, created_at)
			VALUES ($1, $2, $3, 'product_defect', 'high', $4, $5::timestamptz + interval '2 days', $6, $7, $8, $5) RETURNING id`,
			cust, s, fu, state, at, cause, note, resolved)
		trigger(issue, resp)
		if u.recovery == "" {
			continue
		}
		rf := followUp("recovery", s, cust, "completed", day(u.recovery))
		id(`UPDATE issues SET recovery_follow_up_id = $2 WHERE id = $1 RETURNING id`, issue, rf)
		rr := respond(rf, day(u.recovery))
		if u.recoveryUnhappy {
			trigger(issue, rr)
		}
	}

	svc := reports.New(reports.Opts{Pool: pool, Now: func() time.Time { return now }})
	year := reports.Query{Range: report.Range{From: day("2026-01-01"), To: day("2026-12-01")}, Loc: time.UTC}
	rec, err := svc.Recovery(ctx, year)
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC), now} {
		if err := reports.New(reports.Opts{Pool: pool, Now: func() time.Time { return at }}).RefreshRecovery(ctx, false); err != nil {
			t.Fatal(err)
		}
		rolled, err := svc.Recovery(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rolled.All, rec.All) || !reflect.DeepEqual(lines(rolled), lines(rec)) {
			t.Errorf("rolled up on %s: %+v, from the base tables %+v", at.Format(time.DateOnly), rolled.All, rec.All)
		}
	}
	// want[outcome] = bought, units for 30, 90, 180 days.
	check := func(what string, line reports.RepeatRow, want map[string][6]int64) {
		t.Helper()
		for o, name := range report.Outcomes {
			c := line.Cells[o]
			got := [6]int64{c[0].Bought, c[0].Units, c[1].Bought, c[1].Units, c[2].Bought, c[2].Units}
			if got != want[name] {
				t.Errorf("%s, %s: bought/units over 30, 90, 180 days %v, want %v", what, name, got, want[name])
			}
		}
	}
	check("all", rec.All, map[string][6]int64{
		"recovered": {1, 2, 2, 2, 2, 2},
		"satisfied": {1, 3, 1, 2, 1, 2},
		"unhappy":   {0, 2, 0, 2, 1, 2},
		"silent":    {1, 1, 1, 1, 1, 1},
	})
	if len(rec.ByBranch) != 2 || len(rec.ByCategory) != 2 {
		t.Fatalf("%d branches and %d categories, want 2 and 2", len(rec.ByBranch), len(rec.ByCategory))
	}
	for _, line := range rec.ByCategory {
		if line.Category == "glasses" {
			check("glasses", line, map[string][6]int64{
				"recovered": {1, 1, 1, 1, 1, 1},
				"satisfied": {0, 1, 0, 1, 0, 1},
				"unhappy":   {0, 1, 0, 1, 0, 1},
			})
		}
	}
	for _, line := range rec.ByBranch {
		if _, ok := rec.BranchNames[line.BranchID]; !ok {
			t.Errorf("branch %d is not among the branch names", line.BranchID)
		}
	}

	// The filters narrow the units: Vanak alone has neither R1 nor S1 nor U1.
	vanak := id(`SELECT branch_id FROM sales WHERE branch = 'Vanak' LIMIT 1`)
	narrowed, err := svc.Recovery(ctx, reports.Query{Range: year.Range, Loc: time.UTC, BranchID: vanak})
	if err != nil {
		t.Fatal(err)
	}
	check("Vanak", narrowed.All, map[string][6]int64{
		"recovered": {0, 1, 1, 1, 1, 1},
		"satisfied": {1, 2, 1, 1, 1, 1},
		"unhappy":   {0, 1, 0, 1, 1, 1},
		"silent":    {1, 1, 1, 1, 1, 1},
	})
}

// lines are a report's branch and category lines by branch and category:
// the rollup and the live tail may give them in another order.
func lines(rec reports.Recovery) map[string]reports.RepeatRow {
	m := map[string]reports.RepeatRow{}
	for _, l := range rec.ByBranch {
		m[fmt.Sprint("branch ", l.BranchID)] = l
	}
	for _, l := range rec.ByCategory {
		m["category "+l.Category] = l
	}
	return m
}
