package demo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/demo"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// The large set at a small size: its answers agree with the summaries
// the reports read, and it loads only once.
func TestLargeDataSetIsConsistentAndLoadsOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	n, err := demo.LoadLarge(ctx, pool, demo.LargeSize{Customers: 300, Sales: 4000}, now)
	if err != nil {
		t.Fatal(err)
	}
	if n.Sales != 4000+n.RepeatSales || n.RepeatSales == 0 || n.FollowUps != n.Sales || n.Responses < 3000 || n.Answers < 4*n.Responses || n.Issues == 0 || n.Recoveries == 0 || n.Triggers < n.Issues {
		t.Fatalf("counts: %s", n)
	}
	var mismatched, unlabelled, recovered, notRecovered int
	if err := pool.QueryRow(ctx, `
		SELECT count(*) FROM follow_ups f
		LEFT JOIN LATERAL (
			SELECT count(*) FILTER (WHERE a.qtype = 'rating') AS rn, min(a.value::int) FILTER (WHERE a.qtype = 'rating') AS rlo,
			       count(*) FILTER (WHERE a.qtype = 'nps') AS nn, min(a.value::int) FILTER (WHERE a.qtype = 'nps') AS nlo,
			       coalesce(bool_or(a.qtype = 'text' AND a.value <> ''), false) AS commented
			FROM responses r JOIN answers a ON a.response_id = r.id WHERE r.follow_up_id = f.id
		) s ON true
		WHERE f.kind = 'sale' AND f.state = 'completed'
		  AND (s.rn <> f.rating_n OR s.rlo IS DISTINCT FROM f.rating_lo OR s.nn <> f.nps_n
		       OR s.nlo IS DISTINCT FROM f.nps_lo OR s.commented <> f.commented)`).Scan(&mismatched); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM follow_ups WHERE branch = '' OR product_category = ''`).Scan(&unlabelled); err != nil {
		t.Fatal(err)
	}
	if err := pool.QueryRow(ctx, `
		SELECT count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM issue_triggers t WHERE t.response_id = r.id)),
		       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM issue_triggers t WHERE t.response_id = r.id))
		FROM issues i JOIN responses r ON r.follow_up_id = i.recovery_follow_up_id`).Scan(&recovered, &notRecovered); err != nil {
		t.Fatal(err)
	}
	if mismatched != 0 || unlabelled != 0 || recovered == 0 || notRecovered == 0 {
		t.Errorf("%d follow-ups disagree with their answers, %d lack branch or category, %d recovered, %d not",
			mismatched, unlabelled, recovered, notRecovered)
	}
	if _, err := demo.LoadLarge(ctx, pool, demo.LargeSize{Customers: 10, Sales: 10}, now); !errors.Is(err, demo.ErrLargeLoaded) {
		t.Errorf("second load: %v, want ErrLargeLoaded", err)
	}
}
