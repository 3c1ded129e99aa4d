package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/demo"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/testdb"
)

// Two `serve --role worker` processes share one database. Follow-ups whose
// time has come arrive before they start (a CSV import, and sales of four
// earlier minutes: five due-minute jobs ready at once, as after a worker
// outage) and while they run (two concurrent writers). Every follow-up must
// be made due exactly once.
func TestTwoWorkersNeverMakeOneFollowUpDueTwice(t *testing.T) {
	bin := tamasBinary(t)
	url := testdb.URL(t)
	pool := connect(t, url)
	// demo.Sales sells to some phones more than once; this counts one
	// follow-up per sale.
	apptest.AskAlways(t, pool)
	env := childEnv(url)
	ctx := context.Background()

	// Sold 30 to 50 days ago: with the default rule (7 days) every
	// follow-up is due in the past, so all of it is due right away.
	now := time.Now()
	all := demo.Sales(10000, now.Add(-30*24*time.Hour), 11)
	imported, backlog, live := all[:3000], all[3000:7000], all[7000:]

	// One transaction, so one due minute even if the import straddles a
	// minute boundary.
	runOK(t, bin, env, 2*time.Minute, "import", "sales", writeSalesCSV(t, imported), "--source", "shop", "--batch", "3000")
	src := apptest.Source(t, pool, "shop")
	for k := 4; k >= 1; k-- {
		at := now.Add(-time.Duration(k) * time.Minute)
		part := backlog[(4-k)*1000 : (5-k)*1000]
		mustIngest(t, newIntake(t, pool, at), src, part)
	}
	// Jobs are inserted with their minute as ScheduledAt, so River files even
	// past minutes as scheduled; its scheduler makes them available.
	if n := apptest.Count(t, pool, `SELECT count(*) FROM river_job WHERE kind = 'followup_due' AND state = 'scheduled' AND scheduled_at <= now()`); n != 5 {
		t.Fatalf("%d past due-minute jobs before the workers start, want 5 (one per minute)", n)
	}

	// One after the other: a server checks the schema under the migration
	// lock, so two starting at the same moment delay each other (goose
	// retries the lock every 5 s). The leader's scheduler makes the five
	// jobs available about a second later, when both are running.
	// The sweep runs every two seconds rather than every minute, so a
	// follow-up left to it is due within seconds.
	w1 := start(t, bin, env, "serve", "--role", "worker", "--sweep-every", sweepEvery.String())
	w1.waitLog(t, "workers started", 30*time.Second)
	w2 := start(t, bin, env, "serve", "--role", "worker", "--sweep-every", sweepEvery.String())
	w2.waitLog(t, "workers started", 30*time.Second)

	// Two writers, ten batches each, over about five seconds (a River
	// scheduler tick is 5 s), while both workers run.
	svc := newIntake(t, pool, time.Time{})
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for g := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range 10 {
				i := (g*10 + b) * 150
				part := live[i : i+150]
				out, err := svc.Ingest(ctx, src, part)
				if err != nil {
					errs <- err
					return
				}
				if err := allCreated(out); err != nil {
					errs <- err
					return
				}
				time.Sleep(400 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("storing sales while the workers run: %v", err)
	}
	const total = 10000

	// The due-minute jobs do the work; a follow-up written while its
	// minute's job was already running waits for the sweep. Then every job
	// that could still move a follow-up must have finished, or a second
	// move could happen after the check.
	began := time.Now()
	waitFor(t, 30*time.Second, "no follow-up left scheduled", func() (bool, error) {
		return apptest.Count(t, pool, `SELECT count(*) FROM follow_ups WHERE state = 'scheduled' AND due_at <= now()`) == 0, nil
	})
	t.Logf("all follow-ups due %s after the last sale was stored", time.Since(began).Round(time.Millisecond))
	waitFor(t, 30*time.Second, "no due-minute or sweep job left to run", func() (bool, error) {
		return apptest.Count(t, pool, `
			SELECT count(*) FROM river_job
			WHERE kind IN ('followup_due', 'followup_sweep')
			  AND (state IN ('available', 'running', 'retryable', 'pending')
			       OR state = 'scheduled' AND scheduled_at <= now())`) == 0, nil
	})
	logWorkShare(t, pool)
	if n := apptest.Count(t, pool, `SELECT count(*) FROM river_job WHERE cardinality(errors) > 0`); n != 0 {
		t.Errorf("%d jobs recorded errors", n)
	}

	var twice []string
	rows, err := pool.Query(ctx, `
		SELECT follow_up_id, count(*), string_agg(to_state || ' by ' || actor, ', ')
		FROM follow_up_events WHERE from_state = 'scheduled'
		GROUP BY follow_up_id HAVING count(*) > 1 ORDER BY follow_up_id LIMIT 10`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id, n int64
		var what string
		if err := rows.Scan(&id, &n, &what); err != nil {
			t.Fatal(err)
		}
		twice = append(twice, fmt.Sprintf("follow-up %d left scheduled %d times: %s", id, n, what))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(twice) > 0 {
		t.Errorf("follow-ups made due more than once:\n%s", strings.Join(twice, "\n"))
	}
	if n := apptest.Count(t, pool, `
		SELECT count(*) FROM follow_ups f
		WHERE NOT EXISTS (SELECT 1 FROM follow_up_events e WHERE e.follow_up_id = f.id AND e.from_state = 'scheduled')`); n != 0 {
		t.Errorf("%d follow-ups have no scheduled→ event, want every one to have exactly one", n)
	}
	if n := apptest.Count(t, pool, `SELECT count(*) FROM follow_up_events WHERE from_state = 'scheduled'`); n != total {
		t.Errorf("%d scheduled→ events, want %d (one per follow-up)", n, total)
	}
	if n := apptest.Count(t, pool, `SELECT count(*) FROM follow_ups WHERE kind = 'sale'`); n != total {
		t.Errorf("%d follow-ups, want %d", n, total)
	}
	if n := apptest.Count(t, pool, `SELECT count(*) FROM follow_ups WHERE state = 'due'`); n != total {
		t.Errorf("%d follow-ups due, want all %d", n, total)
	}
	w1.stop(t)
	w2.stop(t)
}

// sweepEvery is the workers' sweep period in this test.
const sweepEvery = 2 * time.Second

func mustIngest(t *testing.T, svc *intake.Service, sourceID int64, inputs []sales.Input) {
	t.Helper()
	out, err := svc.Ingest(context.Background(), sourceID, inputs)
	if err != nil {
		t.Fatal(err)
	}
	if err := allCreated(out); err != nil {
		t.Fatal(err)
	}
}

func allCreated(out []intake.Outcome) error {
	for i, o := range out {
		if o.Status != intake.StatusCreated {
			return fmt.Errorf("sale %d: %s %v, want created", i, o.Status, o.Errors)
		}
	}
	return nil
}

// logWorkShare tells which worker processes worked the jobs, and how often
// jobs of two processes ran at the same time. River's client ids name the
// processes. This is logged, not asserted: which process fetches a job is
// River's business.
func logWorkShare(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	rows, err := pool.Query(ctx, `
		SELECT kind, attempted_by[cardinality(attempted_by)], count(*)
		FROM river_job WHERE kind IN ('followup_due', 'followup_sweep') AND state = 'completed'
		GROUP BY 1, 2 ORDER BY 1, 2`)
	if err != nil {
		t.Fatal(err)
	}
	clients := map[string]bool{}
	for rows.Next() {
		var kind, client string
		var n int
		if err := rows.Scan(&kind, &client, &n); err != nil {
			t.Fatal(err)
		}
		clients[client] = true
		t.Logf("%s jobs completed by %s: %d", kind, client, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	overlaps := apptest.Count(t, pool, `
		SELECT count(*) FROM river_job a JOIN river_job b ON a.id < b.id
		WHERE a.kind IN ('followup_due', 'followup_sweep') AND b.kind IN ('followup_due', 'followup_sweep')
		  AND a.state = 'completed' AND b.state = 'completed'
		  AND a.attempted_by[cardinality(a.attempted_by)] <> b.attempted_by[cardinality(b.attempted_by)]
		  AND a.attempted_at < b.finalized_at AND b.attempted_at < a.finalized_at`)
	t.Logf("%d worker processes worked jobs; %d pairs of jobs ran at the same time in different processes", len(clients), overlaps)
	rows, err = pool.Query(ctx, `SELECT actor, count(*) FROM follow_up_events GROUP BY 1 ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var actor string
		var n int
		if err := rows.Scan(&actor, &n); err != nil {
			t.Fatal(err)
		}
		t.Logf("follow-ups moved by %s: %d", actor, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}

// The server refuses to start when the schema is behind the binary, with
// one line that says what to run, whatever part of the schema is missing.
func TestServeRefusesSchemaBehind(t *testing.T) {
	bin := tamasBinary(t)
	for _, tc := range []struct{ name, sql string }{
		{"empty database", `DROP SCHEMA public CASCADE; CREATE SCHEMA public`},
		{"tamas migration not applied", `DELETE FROM goose_db_version WHERE version_id = 1`},
		{"river migration not applied", `DELETE FROM river_migration WHERE version = (SELECT max(version) FROM river_migration)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := testdb.URL(t)
			pool := connect(t, url)
			if _, err := pool.Exec(context.Background(), tc.sql); err != nil {
				t.Fatal(err)
			}
			for _, role := range []string{"worker", "all"} {
				out, errOut, code := runTamas(t, bin, childEnv(url), 30*time.Second,
					"serve", "--role", role, "--addr", freeAddr(t))
				if code != 1 {
					t.Errorf("serve --role %s: exit status %d, want 1\nstderr:\n%s", role, code, errOut)
				}
				lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
				if len(lines) != 1 || !strings.Contains(lines[0], "`tamas migrate`") {
					t.Errorf("serve --role %s: stderr = %q, want one line that says to run `tamas migrate`", role, errOut)
				}
				if out != "" {
					t.Errorf("serve --role %s: stdout = %q, want nothing", role, out)
				}
			}
			if tc.name == "empty database" {
				var tables []string
				rows, err := pool.Query(context.Background(), `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
				if err != nil {
					t.Fatal(err)
				}
				for rows.Next() {
					var s string
					_ = rows.Scan(&s)
					tables = append(tables, s)
				}
				if len(tables) > 0 {
					t.Logf("NOTE: refusing to start left tables behind in the empty database: %v", tables)
				}
			}
		})
	}
}
