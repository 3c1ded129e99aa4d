package bench

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/twiliofake"
)

// smsRate is the sender's limit the benchmark holds River to.
const smsRate = 100

// BenchmarkSMS makes 10,000 SMS follow-ups due at once and lets River send
// their first message through the fake Twilio with a limit of 100 messages
// a second. It reports the measured rate (first to last request), the
// most requests any one second saw, and fails if a customer got two.
// TAMAS_BENCH_SMS sets another count, e.g. 500 for a quick run.
func BenchmarkSMS(b *testing.B) {
	n := 10_000
	if v := os.Getenv("TAMAS_BENCH_SMS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 2 {
			b.Fatalf("TAMAS_BENCH_SMS=%q: want a count of at least 2", v)
		}
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		a := apptest.Open(b, apptest.Opts{
			Work: true, Twilio: true, TwilioWorkers: 20, Logger: discardLogger(),
			Configure: func(c *config.Config) { c.Twilio.PerSecond, c.Twilio.Timeout = smsRate, 10*time.Second },
		})
		pool, fake := a.Pool, a.Fake
		exec := func(sql string, args ...any) {
			b.Helper()
			if _, err := pool.Exec(ctx, sql, args...); err != nil {
				b.Fatalf("%s: %v", sql, err)
			}
		}
		// Always inside the calling window, so only the rate limit paces.
		exec(`UPDATE calendar SET working_days = '{t,t,t,t,t,t,t}', window_start = 0, window_end = 1440`)
		// Source 1 is apptest's "shop".
		exec(`INSERT INTO customers (phone, name, timezone, locale)
			SELECT '+98912' || lpad(g::text, 7, '0'), 'مشتری ' || g, 'Asia/Tehran', 'fa' FROM generate_series(1, $1) g`, n)
		exec(`INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name, sold_at, content_hash)
			SELECT 1, 'B-' || id, id, 'GL-100', 'عینک', now(), '\x00' FROM customers`)
		exec(`INSERT INTO follow_ups (sale_id, customer_id, due_at, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes)
			SELECT id, customer_id, now() - interval '1 minute', 'sms', '[{"channel": "sms", "wait_minutes": 0}]', 'default', 50, 3, 1440
			FROM sales`)
		exec(`ANALYZE`)

		// The sweep, run on start, makes every follow-up due and queues
		// its SMS step.
		b.StartTimer()
		if err := a.App.Start(ctx); err != nil {
			b.Fatal(err)
		}
		deadline := time.Now().Add(time.Duration(n/smsRate)*time.Second*3 + time.Minute)
		for {
			var sent int
			if err := pool.QueryRow(ctx, `SELECT count(*) FROM twilio_messages WHERE state = 'sent'`).Scan(&sent); err != nil {
				b.Fatal(err)
			}
			if sent >= n {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("%d of %d messages sent by the deadline", sent, n)
			}
			time.Sleep(500 * time.Millisecond)
		}
		b.StopTimer()
		stopCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		if err := a.Stop(stopCtx); err != nil {
			b.Error(err)
		}
		cancel()

		reqs := fake.RequestsTo(twiliofake.CreateMessage)
		perTo := map[string]int{}
		for _, m := range fake.Messages() {
			perTo[m.To]++
		}
		twice := 0
		for _, c := range perTo {
			if c > 1 {
				twice++
			}
		}
		if len(perTo) != n || twice > 0 || len(reqs) != n {
			b.Errorf("%d customers texted, %d of them more than once, %d requests; want %d, none, %d", len(perTo), twice, len(reqs), n, n)
		}
		at := make([]time.Time, len(reqs))
		for i, r := range reqs {
			at[i] = r.At
		}
		slices.SortFunc(at, time.Time.Compare)
		rate := float64(len(at)-1) / at[len(at)-1].Sub(at[0]).Seconds()
		busiest, j := 0, 0
		for i := range at {
			for at[i].Sub(at[j]) >= time.Second {
				j++
			}
			busiest = max(busiest, i-j+1)
		}
		b.ReportMetric(rate, "msg/s")
		b.ReportMetric(float64(busiest), "max-msg-in-1s")
		b.ReportMetric(float64(twice), "texted-twice")
		if rate > smsRate*1.02 {
			b.Errorf("measured %.1f messages a second, above the limit of %d", rate, smsRate)
		}
		// Slots are evenly spaced, so a second holds at most one more than
		// the limit (both its ends on a slot), plus a little for requests
		// that reach the fake late and bunch with the next.
		if busiest > smsRate+smsRate/20 {
			b.Errorf("%d messages in the busiest second, above the limit of %d", busiest, smsRate)
		}
		b.StartTimer()
	}
}
