package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/testdb"
)

// Two `serve --role web` copies and one `serve --role worker` share one
// database. Forty agents, half signed in on each web copy, claim and
// finish calls at once until the queue is empty; many customers have two
// or three calls waiting, so agents on different copies reach for the same
// customer. No follow-up may be claimed twice, no customer held by two
// agents at once (watched while they work, and after), and every
// follow-up ends exactly once.
func TestSeveralCopiesClaimEachCallOnce(t *testing.T) {
	const (
		agents    = 40
		followUps = 2000
		password  = "copies-password"
	)
	bin := tamasBinary(t)
	dbURL := testdb.URL(t)
	pool := connect(t, dbURL)
	ctx := context.Background()
	hash, err := auth.HashPassword(password)
	if err != nil {
		t.Fatal(err)
	}
	// 200 customers with three calls, 300 with two, 800 with one: 2,000.
	for _, step := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE calendar SET working_days = '{t,t,t,t,t,t,t}', holidays = '{}', window_start = 0, window_end = 1440`, nil},
		{`INSERT INTO sources (name) VALUES ('copies')`, nil},
		// Every agent speaks both languages, so any of them may reach for
		// any call.
		{`INSERT INTO users (username, role, locale, timezone, password_hash, languages)
			SELECT 'agent' || lpad(g::text, 2, '0'), 'agent', 'en', 'Asia/Tehran', $1, '{fa,en}' FROM generate_series(1, $2) g`, []any{hash, agents}},
		{`INSERT INTO customers (phone, name, timezone, locale)
			SELECT '+98912' || lpad(g::text, 7, '0'), 'مشتری ' || g,
			       CASE WHEN g % 4 = 0 THEN 'Europe/London' ELSE 'Asia/Tehran' END,
			       CASE WHEN g % 4 = 0 THEN 'en' ELSE 'fa' END
			FROM generate_series(1, 1300) g`, nil},
		{`INSERT INTO sales (source_id, external_id, customer_id, product_sku, sold_at, content_hash)
			SELECT s.id, 'K-' || c.id || '-' || k, c.id, 'GL-100', now() - interval '8 days', '\x00'
			FROM sources s, customers c,
			     generate_series(1, CASE WHEN c.id <= (SELECT min(id) + 199 FROM customers) THEN 3
			                             WHEN c.id <= (SELECT min(id) + 499 FROM customers) THEN 2 ELSE 1 END) k`, nil},
		// A customer's calls share a priority and are due a second apart,
		// so they sit next to each other in the queue and agents reach for
		// them at the same moment.
		{`INSERT INTO follow_ups (sale_id, customer_id, state, due_at, channel, script_name, priority, max_attempts, retry_spacing_minutes)
			SELECT id, customer_id, 'due', now() - (customer_id % 600) * interval '1 minute' - (id % 3) * interval '1 second',
			       'agent', 'default', 50 + 10 * (customer_id % 3), 3, 1440
			FROM sales`, nil},
	} {
		if _, err := pool.Exec(ctx, step.sql, step.args...); err != nil {
			t.Fatalf("%s: %v", step.sql, err)
		}
	}
	if n := apptest.Count(t, pool, `SELECT count(*) FROM follow_ups WHERE state = 'due'`); n != followUps {
		t.Fatalf("%d due follow-ups, want %d", n, followUps)
	}

	env := childEnv(dbURL)
	worker := start(t, bin, env, "serve", "--role", "worker")
	worker.waitLog(t, "workers started", 30*time.Second)
	addrs := []string{freeAddr(t), freeAddr(t)}
	webs := []proc{startServer(t, bin, env, addrs[0]), startServer(t, bin, env, addrs[1])}

	tr := &http.Transport{MaxIdleConnsPerHost: agents}
	t.Cleanup(tr.CloseIdleConnections)
	clients := make([]*http.Client, agents)
	for i := range clients {
		jar, _ := cookiejar.New(nil)
		clients[i] = &http.Client{
			Jar: jar, Transport: tr, Timeout: 30 * time.Second,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
		base := "http://" + addrs[i%2]
		form := url.Values{"username": {fmt.Sprintf("agent%02d", i+1)}, "password": {password}}
		if status, loc, err := apptest.Send(context.Background(), clients[i], http.MethodPost, base+"/login", form); err != nil || status != http.StatusSeeOther || loc != "/" {
			t.Fatalf("signing in agent %d on %s: status %d to %q, %v", i+1, base, status, loc, err)
		}
	}

	// Customers held by two agents, sampled while the agents work.
	stopWatch := make(chan struct{})
	watched := make(chan [2]int)
	go func() {
		var samples, seen int
		for {
			select {
			case <-stopWatch:
				watched <- [2]int{samples, seen}
				return
			case <-time.After(20 * time.Millisecond):
			}
			var n int
			if err := pool.QueryRow(ctx, heldByTwoSQL).Scan(&n); err == nil {
				samples++
				if n > 0 {
					seen++
				}
			}
		}
	}()

	deadline := time.Now().Add(45 * time.Second)
	var cycles [2]atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, agents)
	for i, c := range clients {
		wg.Go(func() {
			base := "http://" + addrs[i%2]
			for time.Now().Before(deadline) {
				status, loc, err := apptest.Send(context.Background(), c, http.MethodPost, base+"/queue/next", url.Values{})
				if err != nil || status != http.StatusSeeOther {
					errs <- fmt.Errorf("agent %d: POST /queue/next: status %d, %v", i+1, status, err)
					return
				}
				if loc == "/queue" {
					// Nothing this agent may take now: the rest may be
					// customers whose other call someone holds.
					var left int
					if err := pool.QueryRow(ctx, `SELECT count(*) FROM follow_ups WHERE state IN ('due', 'claimed')`).Scan(&left); err != nil {
						errs <- err
						return
					}
					if left == 0 {
						return
					}
					time.Sleep(50 * time.Millisecond)
					continue
				}
				id, ok := strings.CutPrefix(loc, "/calls/")
				if _, err := strconv.ParseInt(id, 10, 64); !ok || err != nil {
					errs <- fmt.Errorf("agent %d: POST /queue/next redirected to %q", i+1, loc)
					return
				}
				if status, _, err := apptest.Send(context.Background(), c, http.MethodGet, base+loc, nil); err != nil || status != http.StatusOK {
					errs <- fmt.Errorf("agent %d: GET %s: status %d, %v", i+1, loc, status, err)
					return
				}
				// A very short call, so the customer is held long enough
				// for the watch to see who holds them.
				time.Sleep(20 * time.Millisecond)
				status, next, err := apptest.Send(context.Background(), c, http.MethodPost, base+loc, url.Values{"disposition": {"refused"}})
				if err != nil || status != http.StatusSeeOther || next != "/queue" {
					errs <- fmt.Errorf("agent %d: POST %s: status %d to %q, %v", i+1, loc, status, next, err)
					return
				}
				cycles[i%2].Add(1)
			}
		})
	}
	wg.Wait()
	close(stopWatch)
	w := <-watched
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("calls finished through web copy 1: %d, copy 2: %d; %d samples of the customer holds", cycles[0].Load(), cycles[1].Load(), w[0])
	if w[1] > 0 {
		t.Errorf("a customer was held by two agents at once in %d of %d samples", w[1], w[0])
	}
	if n := apptest.Count(t, pool, heldByTwoSQL); n > 0 {
		t.Errorf("%d customers held by two agents after the run", n)
	}
	if n := apptest.Count(t, pool, `SELECT count(*) FROM follow_ups WHERE state IN ('due', 'claimed')`); n > 0 {
		t.Errorf("%d follow-ups still due or claimed after 45 s", n)
	}
	if n := apptest.Count(t, pool, `
		SELECT count(*) FROM (
			SELECT follow_up_id FROM follow_up_events WHERE from_state = 'due' AND to_state = 'claimed'
			GROUP BY follow_up_id HAVING count(*) > 1) twice`); n > 0 {
		t.Errorf("%d follow-ups claimed more than once", n)
	}
	if n := apptest.Count(t, pool, `
		SELECT count(*) FROM follow_ups f
		WHERE f.state <> 'refused'
		   OR (SELECT count(*) FROM follow_up_events e WHERE e.follow_up_id = f.id AND e.to_state = 'refused') <> 1
		   OR (SELECT count(*) FROM attempts a WHERE a.follow_up_id = f.id) <> 1`); n > 0 {
		t.Errorf("%d follow-ups not ended exactly once (state refused, one refused event, one attempt)", n)
	}
	for _, p := range webs {
		p.stop(t)
	}
	worker.stop(t)
}

// heldByTwoSQL counts customers whose claimed follow-ups are held by two
// different agents.
const heldByTwoSQL = `
	SELECT count(*) FROM (
		SELECT customer_id FROM follow_ups WHERE state = 'claimed'
		GROUP BY customer_id HAVING count(DISTINCT claimed_by) > 1) twice`
