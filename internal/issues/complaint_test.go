package issues_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
)

func TestComplain(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	service := f.User(t, "desk-a", "service")
	f.Sell(t, apptest.Sale("S-1", "+989120000001", now.Add(-20*24*time.Hour)))
	f.Sell(t, apptest.Sale("S-2", "+989120000001", now.Add(-2*24*time.Hour)))
	var customer, latestSale int64
	if err := f.Pool.QueryRow(ctx, `SELECT customer_id, id FROM sales WHERE external_id = 'S-2'`).Scan(&customer, &latestSale); err != nil {
		t.Fatal(err)
	}
	complain := func(c issues.Complaint) (issues.Raised, error) {
		if c.CustomerID == 0 {
			c.CustomerID = customer
		}
		c.UserID, c.Actor = service.ID, service.Name
		return f.Issues.Complain(ctx, c)
	}
	for _, tt := range []struct {
		name string
		c    issues.Complaint
		want error
	}{
		{"nothing said", issues.Complaint{Category: "delivery", Severity: scripts.SeverityHigh, Said: " "}, invalid.New("said", issues.CodeNote, issues.MaxNote)},
		{"unknown category", issues.Complaint{Category: "weather", Severity: scripts.SeverityHigh, Said: "late"}, invalid.New("category", issues.CodeCategory)},
		{"unknown severity", issues.Complaint{Category: "delivery", Severity: "urgent", Said: "late"}, invalid.New("severity", casework.CodeSeverity)},
		{"unknown customer", issues.Complaint{CustomerID: 1 << 40, Category: "delivery", Severity: scripts.SeverityHigh, Said: "late"}, store.ErrNotFound},
	} {
		if _, err := complain(tt.c); !sameRefusal(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if n := f.Count(t, `SELECT count(*) FROM issues`); n != 0 {
		t.Fatalf("%d issues after refusals, want none", n)
	}

	first, err := complain(issues.Complaint{Category: "delivery", Severity: scripts.SeverityHigh, Said: "  the box came crushed  "})
	if err != nil || !first.Opened {
		t.Fatalf("complaining: %+v, %v", first, err)
	}
	var origin, severity, body string
	var sale, author int64
	var deadline time.Time
	if err := f.Pool.QueryRow(ctx, `SELECT i.origin, i.severity, i.deadline_at, i.sale_id, n.body, n.author_id
		FROM issues i JOIN issue_notes n ON n.issue_id = i.id WHERE i.id = $1`, first.IssueID).
		Scan(&origin, &severity, &deadline, &sale, &body, &author); err != nil {
		t.Fatal(err)
	}
	if origin != "complaint" || severity != "high" || !deadline.Equal(now.Add(24*time.Hour)) {
		t.Errorf("complaint %s/%s due %v, want complaint/high due in a day", origin, severity, deadline)
	}
	if sale != latestSale || body != "the box came crushed" || author != service.ID {
		t.Errorf("complaint on sale %d by %d saying %q, want the latest sale %d, by %d, trimmed", sale, author, body, latestSale, service.ID)
	}
	if n := f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'issue_sla' AND (args->>'issue_id')::bigint = $1`, first.IssueID); n != 1 {
		t.Errorf("%d SLA jobs for the complaint, want 1", n)
	}
	if n := f.audits(t, first.IssueID); n != 1 {
		t.Errorf("%d audit entries, want 1", n)
	}

	// Heard again, at the counter this time: the same case, not a rival.
	second, err := complain(issues.Complaint{Category: "delivery", Severity: scripts.SeverityLow, Said: "still waiting for the swap"})
	if err != nil || second.Opened || second.IssueID != first.IssueID {
		t.Fatalf("a second complaint of the same category: %+v, %v; want it added to %d", second, err, first.IssueID)
	}
}

func TestComplainAboutACustomerWithoutSale(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	var id int64
	if err := f.Pool.QueryRow(ctx, `INSERT INTO customers (phone, name, timezone, locale)
		VALUES ('+989120000009', 'Sara', 'Asia/Tehran', 'fa') RETURNING id`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	_, err := f.Issues.Complain(ctx, issues.Complaint{CustomerID: id, UserID: f.agent.ID, Actor: f.agent.Name,
		Category: "delivery", Severity: scripts.SeverityLow, Said: "late"})
	if !errors.Is(err, issues.ErrNoSale) {
		t.Errorf("err = %v, want ErrNoSale", err)
	}
}

// A sale asked about by an earlier sale's follow-up (contact frequency) has
// no follow-up of its own: a complaint about it is still on that sale, and
// hangs on the follow-up that covers it.
func TestComplaintOnALinkedSaleHangsOnItsCoveringFollowUp(t *testing.T) {
	t.Parallel()
	f := &fixture{App: apptest.Open(t, apptest.Opts{At: now})}
	ctx := context.Background()
	service := f.User(t, "desk-a", "service")
	f.Sell(t, apptest.Sale("S-1", "+989120000001", now.Add(-5*24*time.Hour)))
	f.Sell(t, apptest.Sale("S-2", "+989120000001", now.Add(-2*24*time.Hour)))
	var customer, latestSale, covering int64
	if err := f.Pool.QueryRow(ctx, `SELECT customer_id, id, covered_by FROM sales WHERE external_id = 'S-2'`).
		Scan(&customer, &latestSale, &covering); err != nil {
		t.Fatalf("S-2 should be linked to S-1's follow-up: %v", err)
	}
	raised, err := f.Issues.Complain(ctx, issues.Complaint{CustomerID: customer, UserID: service.ID, Actor: service.Name,
		Category: "delivery", Severity: scripts.SeverityHigh, Said: "the second parcel came crushed"})
	if err != nil || !raised.Opened {
		t.Fatalf("complaining: %+v, %v", raised, err)
	}
	var sale, followUp int64
	if err := f.Pool.QueryRow(ctx, `SELECT sale_id, follow_up_id FROM issues WHERE id = $1`, raised.IssueID).Scan(&sale, &followUp); err != nil {
		t.Fatal(err)
	}
	if sale != latestSale || followUp != covering {
		t.Errorf("complaint on sale %d, follow-up %d; want the latest sale %d and the follow-up %d that covers it", sale, followUp, latestSale, covering)
	}
}
