package bench

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/demo"
	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/store"
)

// BenchmarkRecoveryReport loads the large data set once (which fills the
// recovery rollup) and times the /reports/recovery page's query on its
// default range, a year, against a baseline measured in the same run:
// counting every sale. It times the rollup's refresh apart (the periodic
// one and the daily full one, once each), checks that the page's figures
// equal the definition computed from the base tables, and logs the
// plans for -v and the rates, so a run shows whether the generator's
// signal comes through.
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
	rq := reports.Query{Range: r, Loc: tehran}
	svc := reports.New(reports.Opts{Pool: pool, Now: func() time.Time { return now }})

	baseline := measure(b, func() {
		var c int64
		if err := pool.QueryRow(ctx, "SELECT count(*) FROM sales").Scan(&c); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(ms(baseline), "count-sales-ms")
	var rec reports.Recovery
	d := measure(b, func() {
		if rec, err = svc.Recovery(ctx, rq); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(ms(d), "recovery-year-ms")
	b.ReportMetric(float64(d)/float64(baseline), "recovery-year/count-sales")
	for o, name := range report.Outcomes {
		for w, days := range report.Windows {
			c := rec.All.Cells[o][w]
			iv, _ := c.Interval()
			b.Logf("%-9s %3dd: %6d of %6d = %5.1f%% [%5.1f, %5.1f]", name, days, c.Bought, c.Units, 100*iv.Rate, 100*iv.Lo, 100*iv.Hi)
		}
	}
	if rec.All.Cells[0][0].Units == 0 {
		b.Fatal("the report is empty")
	}

	once := func(metric string, fn func() error) {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(ms(time.Since(start)), metric)
	}
	once("refresh-recent-ms", func() error { return svc.RefreshRecovery(ctx, false) })
	once("refresh-full-ms", func() error { return svc.RefreshRecovery(ctx, true) })

	// The definition from the base tables alone, with the rollup
	// ignored for the read, must give the rollup's figures. Read in UTC:
	// in Tehran the rollup counts the range's first day from UTC
	// midnight (report.Range.Split), a few hours' units off.
	inUTC := reports.Query{Range: r, Loc: time.UTC}
	read := func(direct bool) (rec reports.Recovery, err error) {
		tx, err := pool.Begin(ctx)
		if err != nil {
			return rec, err
		}
		defer tx.Rollback(ctx) //nolint:errcheck // nothing was written to keep
		if direct {
			if _, err := tx.Exec(ctx, "UPDATE recovery_days_state SET built_through = NULL"); err != nil {
				return rec, err
			}
		}
		return reports.RecoveryIn(ctx, tx, now, inUTC)
	}
	rolled, err := read(false)
	if err != nil {
		b.Fatal(err)
	}
	var direct reports.Recovery
	once("recovery-year-direct-ms", func() error {
		direct, err = read(true)
		return err
	})
	if !reflect.DeepEqual(direct.All, rolled.All) {
		b.Errorf("rollup and live tail give %v, the base tables %v", rolled.All, direct.All)
	}

	liveFrom, rolledFrom, rolledTo := r.Split(tehran, time.Now().UTC().Truncate(24*time.Hour))
	_, to := r.Instants(tehran)
	var rolledPlan, livePlan string
	if err := store.ReportTx(ctx, pool, func(tx pgx.Tx) error {
		rolledPlan, err = store.ExplainRecoveryRollup(ctx, tx, store.RecoveryRollupParams{
			Today: report.Day(now, time.UTC), RolledFrom: rolledFrom, RolledTo: rolledTo})
		if err != nil {
			return err
		}
		livePlan, err = store.ExplainRecovery(ctx, tx, store.RecoveryReportParams{Now: now, FromAt: liveFrom, ToAt: to})
		return err
	}); err != nil {
		b.Fatal(err)
	}
	b.Logf("RecoveryRollup on a year:\n%s", rolledPlan)
	b.Logf("RecoveryReport on the live tail:\n%s", livePlan)
}
