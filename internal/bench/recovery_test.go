package bench

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/demo"
	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/store"
)

// BenchmarkRecoveryReport loads the large data set once and times the
// recovery report's query (the /reports/recovery page's one query) on
// its default range, a year, against a baseline measured in the same
// run: counting every sale. It logs the plan for -v and the rates, so a
// run shows whether the generator's signal comes through.
//
//	go test -run '^$' -bench RecoveryReport -benchtime 1x -timeout 60m -v ./internal/bench/
func BenchmarkRecoveryReport(b *testing.B) {
	ctx := context.Background()
	pool := newEnv(b).Pool
	now := time.Now()
	n, err := demo.LoadLarge(ctx, pool, demo.Large, now)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("large data set: %s", n)

	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		b.Fatal(err)
	}
	r := report.YearRange(report.Day(now, tehran))
	from, to := r.Instants(tehran)
	p := store.RecoveryReportParams{Now: now, FromAt: from, ToAt: to}

	baseline := measure(b, func() {
		var c int64
		if err := pool.QueryRow(ctx, "SELECT count(*) FROM sales").Scan(&c); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(ms(baseline), "count-sales-ms")
	var rows []store.RecoveryReportRow
	d := measure(b, func() {
		if rows, err = store.New().RecoveryReport(ctx, pool, p); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(ms(d), "recovery-year-ms")
	b.ReportMetric(float64(d)/float64(baseline), "recovery-year/count-sales")

	svc := reports.New(reports.Opts{Pool: pool, Now: func() time.Time { return now }})
	rec, err := svc.Recovery(ctx, reports.Query{Range: r, Loc: tehran})
	if err != nil {
		b.Fatal(err)
	}
	for o, name := range report.Outcomes {
		for w, days := range report.Windows {
			c := rec.All.Cells[o][w]
			iv, _ := c.Interval()
			b.Logf("%-9s %3dd: %6d of %6d = %5.1f%% [%5.1f, %5.1f]", name, days, c.Bought, c.Units, 100*iv.Rate, 100*iv.Lo, 100*iv.Hi)
		}
	}
	if len(rows) == 0 {
		b.Fatal("the report is empty")
	}
	var plan string
	if err := store.ReportTx(ctx, pool, func(tx pgx.Tx) error {
		plan, err = store.ExplainRecovery(ctx, tx, p)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	b.Logf("RecoveryReport on a year:\n%s", plan)
}
