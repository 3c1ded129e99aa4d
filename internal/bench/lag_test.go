package bench

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/due"
)

const (
	futureCount   = 1_000_000
	measuredCount = 5_000
)

// BenchmarkSchedulingLag measures how long after its due_at a follow-up
// becomes due, with a million future follow-ups (and their due-minute jobs)
// stored beside the ones measured.
func BenchmarkSchedulingLag(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		a := apptest.Open(b, apptest.Opts{Work: true, Logger: discardLogger()})
		pool, client := a.Pool, a.River
		exec := func(sql string, args ...any) {
			b.Helper()
			if _, err := pool.Exec(ctx, sql, args...); err != nil {
				b.Fatalf("%s: %v", sql, err)
			}
		}
		// Source 1 is apptest's "shop".
		exec(`INSERT INTO customers (phone, name, timezone, locale) VALUES ('+989121234567', 'bench', 'Asia/Tehran', 'fa')`)
		// Future follow-ups spread over the next 60 days, one per minute
		// bucket or more, as a year of sales would leave them.
		exec(`INSERT INTO sales (source_id, external_id, customer_id, product_sku, sold_at, content_hash)
			SELECT 1, 'F-' || g, 1, 'SKU', now(), '\x00' FROM generate_series(1, $1) g`, futureCount)
		exec(`INSERT INTO follow_ups (sale_id, customer_id, due_at, channel, script_name, priority, max_attempts, retry_spacing_minutes)
			SELECT id, 1, date_trunc('minute', now()) + interval '1 day' + (id % 86400) * interval '1 minute', 'agent', 'default', 50, 3, 1440
			FROM sales`)
		var future []time.Time
		rows, err := pool.Query(ctx, `SELECT DISTINCT due_at FROM follow_ups`)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			var t time.Time
			if err := rows.Scan(&t); err != nil {
				b.Fatal(err)
			}
			future = append(future, t)
		}
		rows.Close()
		if err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			return due.Insert(ctx, client, tx, time.Now(), future...)
		}); err != nil {
			b.Fatal(err)
		}

		// The measured follow-ups fall due together in the next whole
		// minute at least 20 s away.
		dueAt := time.Now().Add(20 * time.Second).Truncate(time.Minute).Add(time.Minute)
		exec(`INSERT INTO sales (source_id, external_id, customer_id, product_sku, sold_at, content_hash)
			SELECT 1, 'M-' || g, 1, 'SKU', now(), '\x00' FROM generate_series(1, $1) g`, measuredCount)
		exec(`INSERT INTO follow_ups (sale_id, customer_id, due_at, channel, script_name, priority, max_attempts, retry_spacing_minutes)
			SELECT id, 1, $1, 'agent', 'default', 50, 3, 1440 FROM sales WHERE external_id LIKE 'M-%'`, dueAt)
		if err := pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
			return due.Insert(ctx, client, tx, time.Now(), dueAt)
		}); err != nil {
			b.Fatal(err)
		}
		exec(`ANALYZE`)

		b.StartTimer()
		if err := a.App.Start(ctx); err != nil {
			b.Fatal(err)
		}
		deadline := time.Now().Add(3 * time.Minute)
		for {
			var left int
			if err := pool.QueryRow(ctx, `SELECT count(*) FROM follow_ups WHERE due_at = $1 AND state = 'scheduled'`, dueAt).Scan(&left); err != nil {
				b.Fatal(err)
			}
			if left == 0 {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("%d follow-ups still scheduled 3 minutes after starting", left)
			}
			time.Sleep(200 * time.Millisecond)
		}
		b.StopTimer()
		if err := a.Stop(ctx); err != nil {
			b.Fatal(err)
		}
		var p50, p99 float64
		var futureDue int
		if err := pool.QueryRow(ctx, `
			SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM e.at - f.due_at)),
			       percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM e.at - f.due_at))
			FROM follow_up_events e JOIN follow_ups f ON f.id = e.follow_up_id
			WHERE f.due_at = $1 AND e.to_state = 'due'`, dueAt).Scan(&p50, &p99); err != nil {
			b.Fatal(err)
		}
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM follow_ups WHERE due_at > $1 AND state <> 'scheduled'`, dueAt).Scan(&futureDue); err != nil {
			b.Fatal(err)
		}
		if futureDue != 0 {
			b.Fatalf("%d future follow-ups became due early", futureDue)
		}
		b.ReportMetric(p50, "lag_p50_s")
		b.ReportMetric(p99, "lag_p99_s")
		b.ReportMetric(float64(len(future)), "future_jobs")
		b.StartTimer()
	}
}
