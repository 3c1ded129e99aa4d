package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/demo"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/testdb"
)

// checkInvariants checks what must hold whenever no transaction is open,
// right after a kill -9 too. No worker runs in these tests, so no River job
// has run and none is running.
//
//   - Every sale has its own follow-up of kind sale, or is linked to one
//     (sales.covered_by, contact frequency).
//   - Every scheduled follow-up f is covered on time: a pending followup_due
//     job j exists with f.due_at <= j.scheduled_at (a job that runs at T
//     makes every follow-up with due_at <= T due) and j.scheduled_at within
//     the minute that intake picked for f: f's own minute when f.due_at lay
//     ahead when it was stored, else the minute it was stored in (jobs.
//     DueMinute). Any later job would make f due too, but late, and a
//     pending job far in the future always exists on a busy system, so the
//     looser condition would catch almost nothing. A running job is not
//     counted: it may have read the follow-ups before f was committed.
func checkInvariants(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	if n := apptest.Count(t, pool, `
		SELECT count(*) FROM sales s
		WHERE s.covered_by IS NULL
		  AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.sale_id = s.id AND f.kind = 'sale')`); n != 0 {
		t.Errorf("%d sales without a follow-up of their own or one they are linked to", n)
	}
	if n := apptest.Count(t, pool, `
		SELECT count(*) FROM (SELECT sale_id FROM follow_ups WHERE kind = 'sale' GROUP BY sale_id HAVING count(*) > 1) d`); n != 0 {
		t.Errorf("%d sales with more than one follow-up", n)
	}

	var jobsAt []time.Time
	rows, err := pool.Query(ctx, `
		SELECT scheduled_at FROM river_job
		WHERE kind = 'followup_due' AND state IN ('scheduled', 'available', 'retryable', 'pending')
		ORDER BY scheduled_at`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var at time.Time
		if err := rows.Scan(&at); err != nil {
			t.Fatal(err)
		}
		jobsAt = append(jobsAt, at)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows, err = pool.Query(ctx, `SELECT id, due_at, created_at FROM follow_ups WHERE state = 'scheduled' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var scheduled int
	var uncovered []string
	for rows.Next() {
		var id int64
		var due, created time.Time
		if err := rows.Scan(&id, &due, &created); err != nil {
			t.Fatal(err)
		}
		scheduled++
		limit := due
		if created.After(limit) {
			limit = created
		}
		limit = limit.Add(time.Minute)
		i := sort.Search(len(jobsAt), func(i int) bool { return !jobsAt[i].Before(due) })
		if i == len(jobsAt) || !jobsAt[i].Before(limit) {
			next := "none"
			if i < len(jobsAt) {
				next = jobsAt[i].UTC().Format(time.RFC3339)
			}
			uncovered = append(uncovered, fmt.Sprintf("follow-up %d due %s stored %s: first pending job at or after it: %s",
				id, due.UTC().Format(time.RFC3339), created.UTC().Format(time.RFC3339Nano), next))
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(uncovered) > 0 {
		t.Errorf("%d of %d scheduled follow-ups have no pending due-minute job that makes them due on time; the first:\n%s",
			len(uncovered), scheduled, strings.Join(uncovered[:min(5, len(uncovered))], "\n"))
	}
	t.Logf("invariants checked: %d sales, %d follow-ups scheduled, %d pending due-minute jobs",
		apptest.Count(t, pool, `SELECT count(*) FROM sales`), scheduled, len(jobsAt))
}

// writing reports whether another connection is inside a transaction that
// has written rows and has been open for a while: a batch being stored.
// (A single autocommit statement, like recording an API key's use, is over
// in far less than 30 ms.)
func writing(t *testing.T, pool *pgxpool.Pool) bool {
	t.Helper()
	return apptest.Count(t, pool, `
		SELECT count(*) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid()
		  AND backend_xid IS NOT NULL AND clock_timestamp() - xact_start > interval '30 ms'`) > 0
}

// missingExternalIDs lists (up to 5 of) the ids that are not stored.
func missingExternalIDs(t *testing.T, pool *pgxpool.Pool, source string, want map[string]bool) []string {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT s.external_id FROM sales s JOIN sources src ON src.id = s.source_id WHERE src.name = $1`, source)
	if err != nil {
		t.Fatal(err)
	}
	stored := make(map[string]bool, len(want))
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		stored[id] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var missing []string
	for id := range want {
		if !stored[id] {
			missing = append(missing, id)
		}
	}
	sort.Strings(missing)
	return missing[:min(5, len(missing))]
}

var summaryLine = regexp.MustCompile(`(?m)^(rows read|imported|duplicates skipped|rejected):\s+(\d+)$`)

// importSummary reads the numbers `tamas import sales` prints.
func importSummary(t *testing.T, out string) map[string]int {
	t.Helper()
	sum := map[string]int{}
	for _, m := range summaryLine.FindAllStringSubmatch(out, -1) {
		sum[m[1]], _ = strconv.Atoi(m[2])
	}
	if len(sum) != 4 {
		t.Fatalf("import summary: want rows read, imported, duplicates skipped and rejected; got:\n%s", out)
	}
	return sum
}

// A CSV import killed with SIGKILL in the middle loses at most the batch in
// flight, leaves nothing half-stored, and the same command run again
// completes the import without storing anything twice.
func TestImportKilledMidwayThenRerun(t *testing.T) {
	bin := tamasBinary(t)
	url := testdb.URL(t)
	pool := connect(t, url)
	env := childEnv(url)

	const n, batch = 60000, 2000
	inputs := demo.Sales(n, time.Now(), 5)
	// Every thousandth row comes again 500 rows later, as overlapping
	// exports do: the repeat is a duplicate, never a second sale.
	file := make([]sales.Input, 0, n+n/1000)
	for i, in := range inputs {
		file = append(file, in)
		if i%1000 == 999 {
			file = append(file, inputs[i-500])
		}
	}
	path := writeSalesCSV(t, file)
	// Each batch is one transaction, so after a kill the number of sales is
	// the number of distinct ids in some whole number of batches.
	distinct := map[string]bool{}
	whole := map[int]bool{}
	for i, in := range file {
		if i%batch == 0 {
			whole[len(distinct)] = true
		}
		distinct[in.ExternalID] = true
	}
	args := []string{"import", "sales", path, "--source", "shop", "--batch", strconv.Itoa(batch)}

	began := time.Now()
	p := start(t, bin, env, args...)
	waitFor(t, 2*time.Minute, "three batches stored and the next one being written", func() (bool, error) {
		if p.Exited() {
			return false, fmt.Errorf("the import ended before it could be killed: %v\n%s", p.Err(), p.Stdout)
		}
		return apptest.Count(t, pool, `SELECT count(*) FROM sales`) >= 3*batch && writing(t, pool), nil
	})
	p.kill9(t)
	killed := apptest.Count(t, pool, `SELECT count(*) FROM sales`)
	t.Logf("killed after %s with %d of %d sales stored", time.Since(began).Round(time.Millisecond), killed, len(distinct))
	if killed >= len(distinct) {
		t.Fatalf("%d sales stored: everything was in before the kill", killed)
	}
	if !whole[killed] {
		t.Errorf("%d sales stored after the kill: not a whole number of %d-row batches", killed, batch)
	}
	checkInvariants(t, pool)

	began = time.Now()
	out := runOK(t, bin, env, 3*time.Minute, args...)
	t.Logf("second run took %s:\n%s", time.Since(began).Round(time.Millisecond), out)
	sum := importSummary(t, out)
	if sum["rows read"] != len(file) {
		t.Errorf("rows read = %d, want %d", sum["rows read"], len(file))
	}
	if want := len(distinct) - killed; sum["imported"] != want {
		t.Errorf("imported = %d, want %d (the sales the first run did not store)", sum["imported"], want)
	}
	if want := len(file) - (len(distinct) - killed); sum["duplicates skipped"] != want || want <= 0 {
		t.Errorf("duplicates skipped = %d, want %d (> 0: stored rows and repeats)", sum["duplicates skipped"], want)
	}
	if sum["rejected"] != 0 {
		t.Errorf("rejected = %d, want 0", sum["rejected"])
	}
	checkInvariants(t, pool)
	if got := apptest.Count(t, pool, `SELECT count(*) FROM sales`); got != len(distinct) {
		t.Errorf("%d sales stored, want %d (one per distinct external id)", got, len(distinct))
	}
	if missing := missingExternalIDs(t, pool, "shop", distinct); len(missing) > 0 {
		t.Errorf("external ids of the file not stored, e.g. %v", missing)
	}
}

// startServer runs `serve --role web` on addr and waits until it answers.
func startServer(t *testing.T, bin string, env []string, addr string) proc {
	t.Helper()
	p := start(t, bin, env, "serve", "--role", "web", "--addr", addr)
	client := &http.Client{Timeout: 2 * time.Second}
	defer client.CloseIdleConnections()
	waitFor(t, 30*time.Second, "the server to answer /healthz", func() (bool, error) {
		if p.Exited() {
			return false, fmt.Errorf("%s exited: %v\n%s", p.Name, p.Err(), p.Stderr.Tail(4000))
		}
		resp, err := client.Get("http://" + addr + "/healthz")
		if err != nil {
			return false, nil
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK, nil
	})
	return p
}

type salesResponse struct {
	Results []struct {
		Index  int    `json:"index"`
		Status string `json:"status"`
	} `json:"results"`
}

func postSales(client *http.Client, addr, key string, body []byte) (salesResponse, error) {
	req, err := http.NewRequest(http.MethodPost, "http://"+addr+"/api/v1/sales", bytes.NewReader(body))
	if err != nil {
		return salesResponse{}, err
	}
	req.Header.Set("Authorization", "Bearer "+key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return salesResponse{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return salesResponse{}, err
	}
	if resp.StatusCode != http.StatusOK {
		return salesResponse{}, fmt.Errorf("status %d: %s", resp.StatusCode, b)
	}
	var r salesResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return salesResponse{}, fmt.Errorf("decoding the response: %w", err)
	}
	return r, nil
}

// The web server killed with SIGKILL while it stores a batch of 5,000 sales
// keeps all of that batch or none of it; a shop that resends every batch to
// the restarted server ends up with each sale stored once.
func TestServerKilledMidRequestThenResend(t *testing.T) {
	bin := tamasBinary(t)
	url := testdb.URL(t)
	pool := connect(t, url)
	env := childEnv(url)
	key := strings.TrimSpace(runOK(t, bin, env, 30*time.Second, "apikey", "create", "shop"))
	addr := freeAddr(t)

	const n, per, killAt = 40000, 5000, 3
	inputs := demo.Sales(n, time.Now(), 9)
	var bodies [][]byte
	distinct := map[string]bool{}
	for lo := 0; lo < n; lo += per {
		b, err := json.Marshal(inputs[lo : lo+per])
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
	}
	for _, in := range inputs {
		distinct[in.ExternalID] = true
	}

	srv := startServer(t, bin, env, addr)
	client := &http.Client{Timeout: time.Minute}
	for b := range killAt {
		began := time.Now()
		r, err := postSales(client, addr, key, bodies[b])
		if err != nil {
			t.Fatalf("batch %d: %v", b, err)
		}
		for _, res := range r.Results {
			if res.Status != "created" {
				t.Fatalf("batch %d, sale %d: %s, want created", b, res.Index, res.Status)
			}
		}
		t.Logf("batch %d: %d sales created in %s", b, len(r.Results), time.Since(began).Round(time.Millisecond))
	}

	type answer struct {
		r   salesResponse
		err error
	}
	inFlight := make(chan answer, 1)
	go func() {
		r, err := postSales(client, addr, key, bodies[killAt])
		inFlight <- answer{r, err}
	}()
	deadline := time.Now().Add(30 * time.Second)
	for !writing(t, pool) {
		select {
		case a := <-inFlight:
			t.Fatalf("batch %d was answered (%v) before the server was seen writing it", killAt, a.err)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server was not seen writing batch %d within 30 s", killAt)
		}
		time.Sleep(2 * time.Millisecond)
	}
	srv.kill9(t)
	select {
	case a := <-inFlight:
		if a.err == nil {
			t.Logf("batch %d was answered just before the kill", killAt)
		} else {
			t.Logf("batch %d in flight at the kill: %v", killAt, a.err)
		}
	case <-time.After(30 * time.Second):
		t.Fatalf("the request in flight got no answer and no error 30 s after the kill")
	}
	client.CloseIdleConnections()

	killed := apptest.Count(t, pool, `SELECT count(*) FROM sales`)
	t.Logf("%d sales stored after the kill", killed)
	if killed%per != 0 || killed < killAt*per {
		t.Errorf("%d sales stored after the kill, want %d or %d: a batch is one transaction", killed, killAt*per, (killAt+1)*per)
	}
	checkInvariants(t, pool)

	srv = startServer(t, bin, env, addr)
	client = &http.Client{Timeout: time.Minute}
	defer client.CloseIdleConnections()
	created := 0
	for b, body := range bodies {
		r, err := postSales(client, addr, key, body)
		if err != nil {
			t.Fatalf("resending batch %d: %v", b, err)
		}
		if len(r.Results) != per {
			t.Fatalf("resending batch %d: %d results, want %d", b, len(r.Results), per)
		}
		for _, res := range r.Results {
			switch res.Status {
			case "created":
				created++
			case "existing":
			default:
				t.Fatalf("resending batch %d, sale %d: %s, want created or existing", b, res.Index, res.Status)
			}
		}
	}
	if want := n - killed; created != want {
		t.Errorf("%d sales created when resending, want %d (those not stored before the kill)", created, want)
	}
	checkInvariants(t, pool)
	if got := apptest.Count(t, pool, `SELECT count(*) FROM sales`); got != len(distinct) {
		t.Errorf("%d sales stored, want %d", got, len(distinct))
	}
	if missing := missingExternalIDs(t, pool, "shop", distinct); len(missing) > 0 {
		t.Errorf("external ids sent but not stored, e.g. %v", missing)
	}
	srv.stop(t)
}
