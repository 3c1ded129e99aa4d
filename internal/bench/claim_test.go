package bench

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/testdb"
)

const (
	claimAgents   = 200
	burstLimit    = 120 * time.Second
	steadyRate    = 20 // claims a second
	steadyFor     = 60 * time.Second
	saturateFor   = 20 * time.Second
	phaseGrace    = 30 * time.Second
	agentPassword = "bench-password"
	// defaultConns is the web pool's size when TAMAS_DB_MAX_CONNS is not
	// set: the default the pool settings are getting.
	defaultConns = 16
)

// River's own words (producer.go, internal/leadership/elector.go, v0.51)
// for a fetch that failed and for a leader that could not be elected or
// kept: what a starved pool looks like from River's side.
var (
	riverFetchErrors = []string{"Error fetching jobs"}
	riverElectErrors = []string{
		"Error attempting to elect", "Error attempting reelection", "Error keeping leadership",
		"stepping down because the reelection deadline elapsed",
	}
)

// BenchmarkClaim measures 200 agents pressing "Next call" against a backlog
// of due follow-ups, through `tamas serve --role all` as a child process
// (the real pool, sessions in PostgreSQL, River working beside the web),
// and the same three phases on a bare table claimed with SKIP LOCKED
// through a pool of the same size:
//
//   - burst: all 200 claim at once; the time until every one holds a call;
//   - steady: 20 claims a second for 60 s, started by a clock whatever the
//     earlier ones are doing, each followed by an outcome; latency p50/p99;
//   - saturation: every agent claims and finishes as fast as it can for
//     20 s; cycles a second.
//
// Each size gets a fresh database. A phase that runs out of time says
// "not finished" and how far it got. The benchmark fails on a follow-up
// claimed twice or a customer held by two agents; missed targets are
// reported, not failed.
//
//	go test -run '^$' -bench Claim -benchtime 1x -timeout 60m -v ./internal/bench/
//
// TAMAS_BENCH_CLAIM_SIZES=10000 chooses the sizes (default 10000,1000000);
// TAMAS_DB_MAX_CONNS the pool size of both sides (default 16).
func BenchmarkClaim(b *testing.B) {
	sizes := claimSizes(b)
	conns := claimConns(b)
	bin := buildTamas(b)
	// One argon2 hash for every agent: hashing 200 would cost seconds.
	hash, err := auth.HashPassword(agentPassword)
	if err != nil {
		b.Fatal(err)
	}
	runs := map[int]claimRun{}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				r := runClaimSize(b, bin, hash, n, conns)
				r.report(b, n)
				runs[n] = r
			}
		})
	}
	logClaimTargets(b, sizes, runs)
}

func claimSizes(b *testing.B) []int {
	v := os.Getenv("TAMAS_BENCH_CLAIM_SIZES")
	if v == "" {
		return []int{10_000, 1_000_000}
	}
	var sizes []int
	for f := range strings.SplitSeq(v, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < claimAgents {
			b.Fatalf("TAMAS_BENCH_CLAIM_SIZES=%q: want counts of at least %d, comma-separated", v, claimAgents)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

func claimConns(b *testing.B) int {
	v := os.Getenv("TAMAS_DB_MAX_CONNS")
	if v == "" {
		return defaultConns
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		b.Fatalf("TAMAS_DB_MAX_CONNS=%q: want a number of connections", v)
	}
	return n
}

// figures are one side's results at one size.
type figures struct {
	burst        time.Duration // until all agents held a call; burstLimit if they did not
	burstServed  int
	p50, p99     time.Duration
	p50Done      bool
	p99Done      bool
	steadyServed int
	rate         float64 // saturation: claim+finish cycles a second
	cycles       int
	// emptied is when the saturation phase found the queue empty, 0 if
	// it never did: the rate is over the time until then.
	emptied time.Duration
	errs    *errLog
}

func (f figures) burstDone() bool { return f.burstServed == claimAgents }

type claimRun struct {
	app, base                      figures
	pages                          []pageTime // before the burst
	withPage                       figures    // saturation, the call page opened each cycle
	doubleClaims                   int
	heldTwiceSeen, holdSamples     int64
	heldTwiceAfter                 int
	fetchErrors, electErrors       int // during the burst
	fetchErrorsAll, electErrorsAll int
	serverErrors                   int // requests answered 5xx
	requests                       string
}

// runClaimSize loads n due follow-ups into a fresh database and measures
// the baseline, then the app.
func runClaimSize(b *testing.B, bin, hash string, n, conns int) claimRun {
	dbURL := testdb.URL(b)
	pool, err := pgxpool.New(context.Background(), dbURL)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(pool.Close)
	began := time.Now()
	generateClaimData(b, pool, n, hash)
	b.Logf("n=%d: fixture generated in %s", n, time.Since(began).Round(time.Millisecond))

	var r claimRun
	r.base = runBaseline(b, pool, dbURL, n, conns)

	// pool_max_conns sizes the pool of today's binary (one pool for the
	// web and River); TAMAS_DB_MAX_CONNS the web pool of a binary that
	// reads it. Either way the app's web side gets the baseline's size.
	srv := startServe(b, bin, childEnv(withMaxConns(b, dbURL, conns), "TAMAS_DB_MAX_CONNS="+strconv.Itoa(conns)), "--role", "all")
	waitStartupJobs(b, pool)
	web := webClaimer{base: srv.url, agents: signIn(b, srv.url, claimAgents)}
	r.pages = timePages(b, srv.url, web.agents[0])
	watch := watchHolds(pool)
	at := map[string]int{}
	r.app = runPhases(b, "tamas", web, func(mark string) {
		if mark == "saturation" {
			refillClaims(b, pool)
		}
		at[mark] = srv.Stderr.Len()
	})
	r.withPage = figures{errs: &errLog{}}
	web.viewCall = true
	refillClaims(b, pool)
	runSaturation(web, &r.withPage)
	b.Logf("tamas: saturation with the call page %d cycles, %.1f/s; errors: %s", r.withPage.cycles, r.withPage.rate, r.withPage.errs)
	r.heldTwiceSeen, r.holdSamples = watch.stop()
	srv.stop(b)
	out := srv.Stderr.String()
	burst := out[at["burst"]:at["burst-end"]]
	r.requests = requestTimes(out[at["saturation"]:at["saturation-end"]])
	r.fetchErrors = countLines(burst, riverFetchErrors...)
	r.electErrors = countLines(burst, riverElectErrors...)
	r.fetchErrorsAll = countLines(out, riverFetchErrors...)
	r.electErrorsAll = countLines(out, riverElectErrors...)
	r.serverErrors = countLines(out, "level=ERROR msg=request")

	ctx := context.Background()
	if err := pool.QueryRow(ctx, `
		SELECT count(*) FROM (
			SELECT follow_up_id FROM follow_up_events
			WHERE from_state = 'due' AND to_state = 'claimed'
			GROUP BY follow_up_id HAVING count(*) > 1) twice`).Scan(&r.doubleClaims); err != nil {
		b.Fatal(err)
	}
	if err := pool.QueryRow(ctx, heldTwiceSQL).Scan(&r.heldTwiceAfter); err != nil {
		b.Fatal(err)
	}
	if r.doubleClaims > 0 {
		b.Errorf("n=%d: %d follow-ups were claimed more than once", n, r.doubleClaims)
	}
	if r.heldTwiceSeen > 0 || r.heldTwiceAfter > 0 {
		b.Errorf("n=%d: a customer was held by two agents at once (%d of %d samples while running, %d after)",
			n, r.heldTwiceSeen, r.holdSamples, r.heldTwiceAfter)
	}
	return r
}

// generateClaimData writes the fixture inside PostgreSQL: 200 agents, n
// due agent follow-ups over customers in four zones (a tenth of them with
// two follow-ups, so the customer hold is exercised), varied priority and
// due times in the past week, one in 500 a callback promised to an agent.
// The calendar is open all day every day, so every zone is inside its
// window and what is measured is the claim.
func generateClaimData(b *testing.B, pool *pgxpool.Pool, n int, hash string) {
	b.Helper()
	customers := n - n/10
	for _, step := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE calendar SET working_days = '{t,t,t,t,t,t,t}', holidays = '{}', window_start = 0, window_end = 1440`, nil},
		{`INSERT INTO sources (name) VALUES ('bench')`, nil},
		{`INSERT INTO users (username, display_name, role, locale, timezone, password_hash)
			SELECT 'agent' || lpad(g::text, 3, '0'), 'Agent ' || g, 'agent',
			       CASE WHEN g % 4 = 0 THEN 'en' ELSE 'fa' END, 'Asia/Tehran', $1
			FROM generate_series(1, $2) g`, []any{hash, claimAgents}},
		{`INSERT INTO users (username, display_name, role, locale, timezone, password_hash)
			VALUES ('boss', 'Boss', 'supervisor', 'fa', 'Asia/Tehran', $1)`, []any{hash}},
		// Seven in ten in Tehran, the rest in London, New York and Dubai.
		{`INSERT INTO customers (phone, name, timezone, locale)
			SELECT z.prefix || lpad(g::text, 7, '0'), z.name || ' ' || g, z.zone, z.locale
			FROM generate_series(1, $1) g
			CROSS JOIN LATERAL (SELECT * FROM (VALUES
				(0, '+98912', 'مشتری', 'Asia/Tehran', 'fa'),
				(14, '+447700', 'Customer', 'Europe/London', 'en'),
				(16, '+1212', 'Customer', 'America/New_York', 'en'),
				(18, '+97150', 'Customer', 'Asia/Dubai', 'en'),
				(19, '+97155', 'مشتری', 'Asia/Dubai', 'fa')) v(from_mod, prefix, name, zone, locale)
				WHERE v.from_mod <= g % 20 ORDER BY v.from_mod DESC LIMIT 1) z`, []any{customers}},
		{`INSERT INTO sales (source_id, external_id, customer_id, product_sku, product_name, product_category, branch, sold_at, content_hash)
			SELECT s.id, 'C-' || g, c0.id + (g - 1) % $2, 'GL-' || (g % 7), 'Glasses ' || (g % 7), 'glasses',
			       'Branch ' || (g % 12), now() - interval '8 days', '\x00'
			FROM generate_series(1, $1) g, (SELECT min(id) AS id FROM customers) c0, sources s`, []any{n, customers}},
		{`INSERT INTO follow_ups (sale_id, customer_id, state, due_at, channel, script_name, priority,
			                      max_attempts, retry_spacing_minutes, branch, product_category, callback_by)
			SELECT s.id, s.customer_id, 'due', now() - interval '1 minute' - (s.id % 10080) * interval '1 minute', 'agent', 'default',
			       CASE s.id % 10 WHEN 0 THEN 80 WHEN 1 THEN 60 WHEN 2 THEN 60 ELSE 50 END,
			       3, 1440, s.branch, s.product_category,
			       CASE WHEN s.id % 500 = 0 THEN u0.id + (s.id / 500) % $1 END
			FROM sales s, (SELECT min(id) AS id FROM users) u0`, []any{claimAgents}},
		{`VACUUM ANALYZE`, nil},
	} {
		if _, err := pool.Exec(context.Background(), step.sql, step.args...); err != nil {
			b.Fatalf("%s: %v", step.sql, err)
		}
	}
}

// refillClaims gives every follow-up the phases before ended a new due
// one on the same sale, as the baseline puts its rows back: each
// saturation phase starts from the full backlog, and a follow-up is still
// claimed at most once.
func refillClaims(b *testing.B, pool *pgxpool.Pool) {
	b.Helper()
	if _, err := pool.Exec(context.Background(), `
		INSERT INTO follow_ups (kind, sale_id, customer_id, state, due_at, channel, script_name, priority,
		                        max_attempts, retry_spacing_minutes, branch, product_category)
		SELECT DISTINCT ON (f.sale_id) 'recovery', f.sale_id, f.customer_id, 'due', f.due_at, 'agent',
		       f.script_name, f.priority, 3, 1440, f.branch, f.product_category
		FROM follow_ups f
		WHERE f.state = 'refused'
		  AND NOT EXISTS (SELECT 1 FROM follow_ups d WHERE d.sale_id = f.sale_id AND d.state = 'due')`); err != nil {
		b.Fatal(err)
	}
	if _, err := pool.Exec(context.Background(), `ANALYZE follow_ups`); err != nil {
		b.Fatal(err)
	}
}

// withMaxConns adds pool_max_conns to a connection URL.
func withMaxConns(b *testing.B, dbURL string, conns int) string {
	u, err := url.Parse(dbURL)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("pool_max_conns", strconv.Itoa(conns))
	u.RawQuery = q.Encode()
	return u.String()
}

// waitStartupJobs waits until River's start-up jobs (the sweep, the claim
// release, the report roll-up) have run, so the burst does not share the
// machine with them.
func waitStartupJobs(b *testing.B, pool *pgxpool.Pool) {
	b.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		var done bool
		if err := pool.QueryRow(context.Background(), `
			SELECT count(DISTINCT kind) FILTER (WHERE state = 'completed' AND kind IN ('followup_sweep', 'claim_release', 'report_days')) = 3
			   AND count(*) FILTER (WHERE state IN ('available', 'running', 'pending')) = 0
			FROM river_job`).Scan(&done); err != nil {
			b.Fatal(err)
		}
		if done {
			return
		}
		if time.Now().After(deadline) {
			b.Logf("River's start-up jobs not done within 2 minutes; measuring anyway")
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// signIn signs in agents agent001… through POST /login, each with its own
// cookie jar, a few at a time (each sign-in is an argon2 check).
func signIn(b *testing.B, base string, n int) []*http.Client {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	tr := &http.Transport{MaxIdleConnsPerHost: n, IdleConnTimeout: 5 * time.Minute}
	b.Cleanup(tr.CloseIdleConnections)
	clients := make([]*http.Client, n)
	errs := make([]error, n)
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	for i := range n {
		jar, _ := cookiejar.New(nil)
		clients[i] = &http.Client{
			Jar: jar, Transport: tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			form := url.Values{"username": {fmt.Sprintf("agent%03d", i+1)}, "password": {agentPassword}}
			status, loc, err := apptest.Send(ctx, clients[i], http.MethodPost, base+"/login", form)
			if err == nil && (status != http.StatusSeeOther || loc != "/") {
				err = fmt.Errorf("status %d to %q, want 303 to /", status, loc)
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		b.Fatalf("signing in: %v", err)
	}
	return clients
}

// pageTime is the median time of a page over several views.
type pageTime struct {
	name string
	took time.Duration
}

// timePages times what agents and supervisors open all day against the
// whole backlog: an agent's queue page (its counts and the next calls)
// and a supervisor's home page (counts by state) and queue.
func timePages(b *testing.B, base string, agent *http.Client) []pageTime {
	b.Helper()
	ctx := context.Background()
	jar, _ := cookiejar.New(nil)
	boss := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	if status, _, err := apptest.Send(ctx, boss, http.MethodPost, base+"/login", url.Values{"username": {"boss"}, "password": {agentPassword}}); err != nil || status != http.StatusSeeOther {
		b.Fatalf("signing in the supervisor: %d %v", status, err)
	}
	var out []pageTime
	for _, p := range []struct {
		name string
		c    *http.Client
		path string
	}{
		{"agent GET /queue", agent, "/queue"},
		{"supervisor GET /", boss, "/"},
		{"supervisor GET /queue", boss, "/queue"},
	} {
		took := measure(b, func() {
			if status, _, err := apptest.Send(ctx, p.c, http.MethodGet, base+p.path, nil); err != nil || status != http.StatusOK {
				b.Fatalf("%s: %d %v", p.name, status, err)
			}
		})
		out = append(out, pageTime{p.name, took})
	}
	return out
}

// claimer is one side of the comparison: an agent claims the next call
// (0: nothing is due) and finishes it so it is never claimed again.
type claimer interface {
	claim(ctx context.Context, agent int) (int64, error)
	finish(ctx context.Context, agent int, id int64) error
}

// webClaimer is an agent in a browser without JavaScript: "Next call",
// then the outcome "refused", which ends the follow-up. The cycle
// is claim + outcome; with viewCall the agent also opens the call page the
// redirect leads to, as a person would, which the report shows beside it.
type webClaimer struct {
	base     string
	agents   []*http.Client
	viewCall bool
}

func (w webClaimer) claim(ctx context.Context, agent int) (int64, error) {
	status, loc, err := apptest.Send(ctx, w.agents[agent], http.MethodPost, w.base+"/queue/next", url.Values{})
	if err != nil {
		return 0, err
	}
	if status != http.StatusSeeOther {
		return 0, fmt.Errorf("POST /queue/next: status %d", status)
	}
	if loc == "/queue" {
		return 0, nil
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(loc, "/calls/"), 10, 64)
	if err != nil || !strings.HasPrefix(loc, "/calls/") {
		return 0, fmt.Errorf("POST /queue/next: redirect to %q", loc)
	}
	return id, nil
}

func (w webClaimer) finish(ctx context.Context, agent int, id int64) error {
	page := w.base + "/calls/" + strconv.FormatInt(id, 10)
	c := w.agents[agent]
	if w.viewCall {
		if status, loc, err := apptest.Send(ctx, c, http.MethodGet, page, nil); err != nil {
			return err
		} else if status != http.StatusOK {
			return fmt.Errorf("GET /calls/%d: status %d to %q", id, status, loc)
		}
	}
	status, loc, err := apptest.Send(ctx, c, http.MethodPost, page, url.Values{"disposition": {"refused"}})
	if err != nil {
		return err
	}
	if status != http.StatusSeeOther || loc != "/queue" {
		return fmt.Errorf("POST /calls/%d: status %d to %q, want 303 to /queue", id, status, loc)
	}
	return nil
}

// tableClaimer is the baseline: the textbook SKIP LOCKED claim on a bare
// table. Finishing puts the row back at the end of the queue, so the
// baseline's backlog stays n however fast it runs.
type tableClaimer struct{ pool *pgxpool.Pool }

func (t tableClaimer) claim(ctx context.Context, agent int) (int64, error) {
	var id int64
	err := t.pool.QueryRow(ctx, `
		UPDATE claim_baseline SET claimed_by = $1
		WHERE id = (SELECT id FROM claim_baseline WHERE claimed_by IS NULL ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED)
		RETURNING id`, agent+1).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

func (t tableClaimer) finish(ctx context.Context, agent int, id int64) error {
	_, err := t.pool.Exec(ctx, `UPDATE claim_baseline SET claimed_by = NULL, due_at = now() WHERE id = $1 AND claimed_by = $2`, id, agent+1)
	return err
}

func runBaseline(b *testing.B, pool *pgxpool.Pool, dbURL string, n, conns int) figures {
	b.Helper()
	ctx := context.Background()
	for _, sql := range []string{
		`CREATE TABLE claim_baseline (id bigint PRIMARY KEY, claimed_by bigint, due_at timestamptz)`,
		`INSERT INTO claim_baseline SELECT g, NULL, now() - interval '1 minute' - (g % 10080) * interval '1 minute' FROM generate_series(1, ` + strconv.Itoa(n) + `) g`,
		`CREATE INDEX claim_baseline_due ON claim_baseline (due_at) WHERE claimed_by IS NULL`,
		`VACUUM ANALYZE claim_baseline`,
	} {
		if _, err := pool.Exec(ctx, sql); err != nil {
			b.Fatalf("%s: %v", sql, err)
		}
	}
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		b.Fatal(err)
	}
	cfg.MaxConns = int32(conns)
	bp, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer bp.Close()
	return runPhases(b, "baseline", tableClaimer{bp}, func(string) {})
}

// errLog counts errors and keeps the first few to show.
type errLog struct {
	mu    sync.Mutex
	n     int
	first []string
}

func (e *errLog) add(what string, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.n++
	if len(e.first) < 5 {
		e.first = append(e.first, what+": "+err.Error())
	}
}

func (e *errLog) String() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.n == 0 {
		return "none"
	}
	return fmt.Sprintf("%d, first: %s", e.n, strings.Join(e.first, "; "))
}

// runPhases runs burst, steady and saturation on c. mark is called as the
// burst and the saturation start ("burst", "saturation") and end
// ("burst-end", "saturation-end").
func runPhases(b *testing.B, side string, c claimer, mark func(string)) figures {
	b.Helper()
	f := figures{errs: &errLog{}}

	mark("burst")
	held := runBurst(c, &f)
	mark("burst-end")
	b.Logf("%s: burst %d/%d served in %s", side, f.burstServed, claimAgents, f.burst.Round(time.Millisecond))
	finishAll(c, held, f.errs)

	runSteady(c, &f)
	b.Logf("%s: steady %d/%d served, p50 %s p99 %s", side, f.steadyServed, steadyRate*int(steadyFor/time.Second),
		showDur(f.p50, f.p50Done), showDur(f.p99, f.p99Done))

	mark("saturation")
	runSaturation(c, &f)
	mark("saturation-end")
	b.Logf("%s: saturation %d cycles, %.1f/s; errors: %s", side, f.cycles, f.rate, f.errs)
	return f
}

func runBurst(c claimer, f *figures) []int64 {
	ctx, cancel := context.WithTimeout(context.Background(), burstLimit)
	defer cancel()
	held := make([]int64, claimAgents)
	var (
		mu     sync.Mutex
		last   time.Time
		served int
		wg     sync.WaitGroup
	)
	start := make(chan struct{})
	for a := range claimAgents {
		wg.Go(func() {
			<-start
			id, err := c.claim(ctx, a)
			if err != nil {
				f.errs.add("burst claim", err)
				return
			}
			if id == 0 {
				return
			}
			held[a] = id
			mu.Lock()
			served++
			last = time.Now()
			mu.Unlock()
		})
	}
	t0 := time.Now()
	close(start)
	wg.Wait()
	f.burstServed = served
	f.burst = burstLimit
	if served == claimAgents {
		f.burst = last.Sub(t0)
	}
	return held
}

// finishAll ends the calls the burst left held, unmeasured.
func finishAll(c claimer, held []int64, errs *errLog) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var wg sync.WaitGroup
	for a, id := range held {
		if id == 0 {
			continue
		}
		wg.Go(func() {
			if err := c.finish(ctx, a, id); err != nil {
				errs.add("finishing the burst's calls", err)
			}
		})
	}
	wg.Wait()
}

// runSteady starts a claim every 1/steadyRate s whatever the earlier ones
// are doing. Latency runs from the planned start, so a claim that waits
// for a free agent behind slow ones is counted as late; claims not served
// within the phase count as slower than all others.
func runSteady(c claimer, f *figures) {
	planned := steadyRate * int(steadyFor/time.Second)
	interval := time.Second / steadyRate
	ctx, cancel := context.WithTimeout(context.Background(), steadyFor+phaseGrace)
	defer cancel()
	free := make(chan int, claimAgents)
	for a := range claimAgents {
		free <- a
	}
	lat := make([]time.Duration, planned)
	var wg sync.WaitGroup
	t0 := time.Now()
	for i := range planned {
		at := t0.Add(time.Duration(i) * interval)
		time.Sleep(time.Until(at))
		wg.Go(func() {
			var a int
			select {
			case a = <-free:
			case <-ctx.Done():
				return
			}
			defer func() { free <- a }()
			id, err := c.claim(ctx, a)
			if err != nil {
				f.errs.add("steady claim", err)
				return
			}
			if id == 0 {
				return
			}
			lat[i] = time.Since(at)
			if err := c.finish(ctx, a, id); err != nil {
				f.errs.add("steady finish", err)
			}
		})
	}
	wg.Wait()
	var served []time.Duration
	for _, d := range lat {
		if d > 0 {
			served = append(served, d)
		}
	}
	slices.Sort(served)
	f.steadyServed = len(served)
	f.p50, f.p50Done = percentile(served, planned, 0.50)
	f.p99, f.p99Done = percentile(served, planned, 0.99)
}

// percentile of planned claims of which served were served: unserved ones
// are slower than any served. Not done: the percentile falls among the
// unserved, and the phase's length is all that is known of it.
func percentile(served []time.Duration, planned int, q float64) (time.Duration, bool) {
	i := int(q*float64(planned)+0.999999) - 1
	if i < len(served) {
		return served[max(i, 0)], true
	}
	return steadyFor + phaseGrace, false
}

// runSaturation lets every agent claim and finish as fast as it can.
// Cycles finished after the phase's end are not counted; the phase stops
// early when the queue is empty.
func runSaturation(c claimer, f *figures) {
	ctx, cancel := context.WithTimeout(context.Background(), saturateFor+phaseGrace)
	defer cancel()
	t0 := time.Now()
	end := t0.Add(saturateFor)
	var cycles, emptied atomic.Int64
	var wg sync.WaitGroup
	for a := range claimAgents {
		wg.Go(func() {
			for time.Now().Before(end) && emptied.Load() == 0 {
				id, err := c.claim(ctx, a)
				if err != nil {
					f.errs.add("saturation claim", err)
					if ctx.Err() != nil {
						return
					}
					time.Sleep(100 * time.Millisecond)
					continue
				}
				if id == 0 {
					emptied.CompareAndSwap(0, int64(time.Since(t0)))
					return
				}
				if err := c.finish(ctx, a, id); err != nil {
					f.errs.add("saturation finish", err)
					continue
				}
				if time.Now().Before(end) {
					cycles.Add(1)
				}
			}
		})
	}
	wg.Wait()
	took := saturateFor
	if e := time.Duration(emptied.Load()); e > 0 && e < took {
		took, f.emptied = e, e
	}
	f.cycles = int(cycles.Load())
	f.rate = float64(f.cycles) / took.Seconds()
}

// heldTwiceSQL counts customers with claimed follow-ups held by two
// different agents; it reads only the claimed rows' partial index.
const heldTwiceSQL = `
	SELECT count(*) FROM (
		SELECT customer_id FROM follow_ups WHERE state = 'claimed'
		GROUP BY customer_id HAVING count(DISTINCT claimed_by) > 1) twice`

type holdWatch struct {
	seen, samples atomic.Int64
	done          chan struct{}
	stopped       chan struct{}
}

// watchHolds samples heldTwiceSQL four times a second until stopped and
// counts the samples that found a customer held twice.
func watchHolds(pool *pgxpool.Pool) *holdWatch {
	w := &holdWatch{done: make(chan struct{}), stopped: make(chan struct{})}
	go func() {
		defer close(w.stopped)
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-t.C:
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			var n int64
			if err := pool.QueryRow(ctx, heldTwiceSQL).Scan(&n); err == nil {
				w.samples.Add(1)
				if n > 0 {
					w.seen.Add(1)
				}
			}
			cancel()
		}
	}()
	return w
}

func (w *holdWatch) stop() (seen, samples int64) {
	close(w.done)
	<-w.stopped
	return w.seen.Load(), w.samples.Load()
}

func showDur(d time.Duration, done bool) string {
	if !done {
		return "not finished (> " + d.String() + ")"
	}
	return d.Round(100 * time.Microsecond).String()
}

func (r claimRun) report(b *testing.B, n int) {
	a, base := r.app, r.base
	b.ReportMetric(a.burst.Seconds(), "burst-s")
	b.ReportMetric(base.burst.Seconds(), "burst-baseline-s")
	b.ReportMetric(float64(a.burstServed), "burst-served")
	b.ReportMetric(ms(a.p50), "steady-p50-ms")
	b.ReportMetric(ms(a.p99), "steady-p99-ms")
	b.ReportMetric(ms(base.p99), "steady-p99-baseline-ms")
	b.ReportMetric(float64(a.steadyServed), "steady-served")
	b.ReportMetric(a.rate, "saturation-cycles/s")
	b.ReportMetric(base.rate, "saturation-baseline-cycles/s")
	b.ReportMetric(a.rate/base.rate, "saturation/baseline")
	b.ReportMetric(r.withPage.rate, "saturation-with-page-cycles/s")
	b.ReportMetric(float64(r.doubleClaims), "double-claims")
	b.ReportMetric(float64(r.fetchErrors), "river-fetch-errors-in-burst")

	var t strings.Builder
	fmt.Fprintf(&t, "claims at n=%d (pool of %d connections on both sides):\n", n, claimConns(b))
	fmt.Fprintf(&t, "  %-28s %-28s %-14s %s\n", "figure", "tamas", "baseline", "ratio")
	row := func(name, app, baseline string, ratio float64) {
		fmt.Fprintf(&t, "  %-28s %-28s %-14s %.2f\n", name, app, baseline, ratio)
	}
	row("burst of 200", showBurst(a), showBurst(base), a.burst.Seconds()/base.burst.Seconds())
	row("steady p50", showDur(a.p50, a.p50Done), showDur(base.p50, base.p50Done), float64(a.p50)/float64(base.p50))
	row("steady p99", showDur(a.p99, a.p99Done), showDur(base.p99, base.p99Done), float64(a.p99)/float64(base.p99))
	row("saturation cycles/s", showRate(a), showRate(base), a.rate/base.rate)
	row("  … with the call page", showRate(r.withPage), showRate(base), r.withPage.rate/base.rate)
	fmt.Fprintf(&t, "  steady served: tamas %d, baseline %d of %d\n", a.steadyServed, base.steadyServed, steadyRate*int(steadyFor/time.Second))
	for _, p := range r.pages {
		fmt.Fprintf(&t, "  %s over the backlog: %s (median)\n", p.name, p.took.Round(100*time.Microsecond))
	}
	fmt.Fprintf(&t, "  River during the burst: %d fetch errors, %d leader-election errors (whole run: %d, %d)\n",
		r.fetchErrors, r.electErrors, r.fetchErrorsAll, r.electErrorsAll)
	fmt.Fprintf(&t, "  server time a request during saturation: %s\n", r.requests)
	fmt.Fprintf(&t, "  requests answered 5xx: %d; client errors: tamas %s; baseline %s\n", r.serverErrors, a.errs, base.errs)
	fmt.Fprintf(&t, "  follow-ups claimed twice: %d; customers held by two agents: %d in %d samples while running, %d after",
		r.doubleClaims, r.heldTwiceSeen, r.holdSamples, r.heldTwiceAfter)
	b.Log(t.String())
}

// requestTimes sums the server's request log lines by route: where an
// agent's cycle spends its time inside the server.
func requestTimes(log string) string {
	type sum struct {
		n     int
		total time.Duration
	}
	sums := map[string]*sum{}
	var routes []string
	for line := range strings.Lines(log) {
		if !strings.Contains(line, "msg=request ") {
			continue
		}
		var method, path string
		var took time.Duration
		for f := range strings.FieldsSeq(line) {
			k, v, _ := strings.Cut(f, "=")
			switch k {
			case "method":
				method = v
			case "path":
				path = v
				if strings.HasPrefix(v, "/calls/") {
					path = "/calls/{id}"
				}
			case "duration":
				took, _ = time.ParseDuration(v)
			}
		}
		route := method + " " + path
		if sums[route] == nil {
			sums[route] = &sum{}
			routes = append(routes, route)
		}
		sums[route].n++
		sums[route].total += took
	}
	slices.Sort(routes)
	var parts []string
	for _, r := range routes {
		s := sums[r]
		parts = append(parts, fmt.Sprintf("%s %.1f ms (×%d)", r, ms(s.total)/float64(s.n), s.n))
	}
	return strings.Join(parts, ", ")
}

func showBurst(f figures) string {
	if !f.burstDone() {
		return fmt.Sprintf("not finished (%d/%d in %s)", f.burstServed, claimAgents, burstLimit)
	}
	return f.burst.Round(time.Millisecond).String()
}

func showRate(f figures) string {
	s := fmt.Sprintf("%.1f", f.rate)
	if f.emptied > 0 {
		s += fmt.Sprintf(" (queue empty at %s)", f.emptied.Round(time.Millisecond))
	}
	return s
}

// logClaimTargets says which of issue #11's targets the run met. They are
// reported, not failed: the machine is shared and the figures are noisy.
func logClaimTargets(b *testing.B, sizes []int, runs map[int]claimRun) {
	small, large := slices.Min(sizes), slices.Max(sizes)
	rs, okS := runs[small]
	rl, okL := runs[large]
	if !okS || !okL {
		return
	}
	var t strings.Builder
	verdict := func(ok bool) string {
		if ok {
			return "pass"
		}
		return "FAIL"
	}
	line := func(target string, ok bool, detail string) {
		fmt.Fprintf(&t, "  %-4s  %-52s %s\n", verdict(ok), target, detail)
	}
	t.WriteString("targets:\n")
	if large == 1_000_000 {
		line("burst of 200 under 0.5 s at 1M", rl.app.burstDone() && rl.app.burst < 500*time.Millisecond, showBurst(rl.app))
		line("steady p99 under 20 ms at 1M", rl.app.p99Done && rl.app.p99 < 20*time.Millisecond, showDur(rl.app.p99, rl.app.p99Done))
	} else {
		fmt.Fprintf(&t, "  n/a   the 1M targets (largest size run: %d)\n", large)
	}
	if small != large {
		flat := func(name string, ratio float64, ok bool) {
			line(fmt.Sprintf("%s flat within 2× from %d to %d", name, small, large), ok && ratio <= 2, fmt.Sprintf("%d/%d: %.2f", large, small, ratio))
		}
		flat("burst", rl.app.burst.Seconds()/rs.app.burst.Seconds(), rl.app.burstDone() && rs.app.burstDone())
		flat("steady p50", float64(rl.app.p50)/float64(rs.app.p50), rl.app.p50Done && rs.app.p50Done)
		flat("steady p99", float64(rl.app.p99)/float64(rs.app.p99), rl.app.p99Done && rs.app.p99Done)
		flat("saturation (time a cycle)", rs.app.rate/rl.app.rate, rl.app.rate > 0)
		for i, p := range rl.pages {
			flat(p.name, float64(p.took)/float64(rs.pages[i].took), true)
		}
	}
	for _, n := range sizes {
		r := runs[n]
		line(fmt.Sprintf("saturation ≥ 0.1× baseline at %d", n), r.app.rate >= 0.1*r.base.rate, fmt.Sprintf("%.3f×", r.app.rate/r.base.rate))
		line(fmt.Sprintf("no double claims at %d", n), r.doubleClaims == 0 && r.heldTwiceSeen == 0 && r.heldTwiceAfter == 0,
			fmt.Sprintf("%d follow-ups, %d customer samples", r.doubleClaims, r.heldTwiceSeen+int64(r.heldTwiceAfter)))
		line(fmt.Sprintf("no River fetch errors during the burst at %d", n), r.fetchErrors == 0, strconv.Itoa(r.fetchErrors))
	}
	b.Log(t.String())
}
