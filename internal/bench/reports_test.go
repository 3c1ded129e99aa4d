package bench

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sort"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/demo"
	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/store"
)

// BenchmarkReports loads the large data set (the generator of tamas dev
// --demo-size large) into its own database once, then times each report
// page through the whole handler stack (session, role check, queries,
// templates), for the default 30 days and for a whole year, against a
// baseline measured in the same run: counting every answer.
//
// Loading takes minutes, so run it once (-benchtime 1x); each page is
// timed over several runs regardless.
//
//	go test -run '^$' -bench Reports -benchtime 1x -timeout 60m -v ./internal/bench/
func BenchmarkReports(b *testing.B) {
	ctx := context.Background()
	e := newEnv(b)
	pool := e.Pool
	n, err := demo.LoadLarge(ctx, pool, demo.Large, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("large data set: %s", n)

	hash, err := auth.HashPassword("bench-password")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := store.New().UserInsert(ctx, pool, store.UserInsertParams{
		Username: "boss", Role: "supervisor", Locale: "fa", Timezone: "Asia/Tehran", PasswordHash: hash,
	}); err != nil {
		b.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.PostForm(e.URL+"/login", url.Values{"username": {"boss"}, "password": {"bench-password"}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		b.Fatalf("signing in: %v %v", res, err)
	}
	res.Body.Close()

	year := "?from=" + time.Now().AddDate(-1, 0, 1).Format(time.DateOnly) + "&to=" + time.Now().Format(time.DateOnly)
	pages := []struct{ name, path string }{
		{"reports-30d", "/reports"},
		{"reports-year", "/reports" + year},
		{"silent-30d", "/silent"},
		{"silent-year", "/silent" + year},
		{"silent-year-page-100", "/silent" + year + "&page=100"},
		{"branches-csv-year", "/reports/branches.csv" + year},
		// Not a report: the home page's counts by state, over every row.
		{"home", "/"},
	}
	baseline := measure(b, func() {
		var c int64
		if err := pool.QueryRow(ctx, "SELECT count(*) FROM answers").Scan(&c); err != nil {
			b.Fatal(err)
		}
	})
	b.ReportMetric(ms(baseline), "count-answers-ms")
	for _, p := range pages {
		d := measure(b, func() {
			res, err := client.Get(e.URL + p.path)
			if err != nil {
				b.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != http.StatusOK {
				b.Fatalf("%s: status %d", p.path, res.StatusCode)
			}
		})
		b.ReportMetric(ms(d), p.name+"-ms")
		b.ReportMetric(float64(d)/float64(baseline), p.name+"/count-answers")
	}

	// The plans on a year, for -v: what the database did.
	tehran, err := time.LoadLocation("Asia/Tehran")
	if err != nil {
		b.Fatal(err)
	}
	today := report.Day(time.Now(), tehran)
	r := report.Range{From: today.AddDate(-1, 0, 1), To: today}
	bk := report.Bucketing(r, time.Saturday)
	from, to := r.Instants(tehran)
	var plans map[string]string
	if err := store.ReportTx(ctx, pool, func(tx pgx.Tx) error {
		built, err := store.New().ReportDaysState(ctx, tx)
		if err != nil {
			return err
		}
		liveFrom, rolledFrom, rolledTo := r.Split(tehran, built.Time)
		plans, err = store.ExplainReports(ctx, tx, store.ReportFollowUpsParams{
			StrideDays: int32(bk.StrideDays), Tz: tehran.String(), Origin: bk.Origin,
			LiveFrom: liveFrom, ToAt: to, RolledFrom: rolledFrom, RolledTo: rolledTo,
			NeutralRatingLo: 3, NeutralRatingHi: 3, NeutralNpsLo: 7, NeutralNpsHi: 8,
		}, from)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	for name, plan := range plans {
		b.Logf("%s on a year:\n%s", name, plan)
	}
}

// measure runs fn seven times after one warm-up run and returns the
// median.
func measure(b *testing.B, fn func()) time.Duration {
	b.Helper()
	fn()
	const runs = 7
	ds := make([]time.Duration, runs)
	for i := range ds {
		start := time.Now()
		fn()
		ds[i] = time.Since(start)
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[runs/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
