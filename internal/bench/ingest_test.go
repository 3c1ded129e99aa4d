// Package bench holds the benchmarks that compare tamas's bulk paths with a
// baseline measured in the same run, because these machines are shared and
// noisy: only ratios mean something. `make bench` runs them.
package bench

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/apikey"
	"github.com/tamas-app/tamas/internal/csvimport"
	"github.com/tamas-app/tamas/internal/demo"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

const (
	saleCount = 100_000
	arraySize = 10_000
)

var benchNow = time.Now()

type env struct {
	*apptest.App
	sourceID int64
	key      string
}

func newEnv(b *testing.B) env {
	b.Helper()
	ctx := context.Background()
	a := apptest.Open(b, apptest.Opts{Serve: true, Logger: discardLogger()})
	pool := a.Pool
	// The baseline's table: the sale columns as they arrive, with no
	// index, constraint or key.
	if _, err := pool.Exec(ctx, `CREATE TABLE bench_raw_sales (
		external_id text, customer_name text, customer_phone text, customer_timezone text,
		customer_locale text, product_sku text, product_name text, product_category text,
		branch text, sold_at timestamptz)`); err != nil {
		b.Fatal(err)
	}
	src := apptest.Source(b, pool, "bench")
	k := apikey.Generate()
	if _, err := store.New().APIKeyInsert(ctx, pool, store.APIKeyInsertParams{SourceID: src, Prefix: k.Prefix, KeyHash: k.Hash}); err != nil {
		b.Fatal(err)
	}
	return env{App: a, sourceID: src, key: k.Secret}
}

func rows(inputs []sales.Input) [][]string {
	out := make([][]string, len(inputs))
	for i, in := range inputs {
		out[i] = []string{in.ExternalID, in.Customer.Name, in.Customer.Phone, in.Customer.Timezone, in.Customer.Locale,
			in.Product.SKU, in.Product.Name, in.Product.Category, in.Branch, in.SoldAt}
	}
	return out
}

// BenchmarkIngest loads the same 100,000 sales three ways, each into a fresh
// database: raw COPY of the sale rows into a bare table (the baseline), the
// API's array form over HTTP, and the CSV import. It reports each rate and
// the ratio of each full path to the baseline.
func BenchmarkIngest(b *testing.B) {
	inputs := demo.Sales(saleCount, benchNow, 42)
	table := rows(inputs)
	var csvFile bytes.Buffer
	w := csv.NewWriter(&csvFile)
	_ = w.Write(csvimport.Columns)
	_ = w.WriteAll(table)
	bodies := make([][]byte, 0, saleCount/arraySize)
	for i := 0; i < saleCount; i += arraySize {
		body, err := json.Marshal(inputs[i:min(i+arraySize, saleCount)])
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, body)
	}

	var copyRate, apiRate, csvRate float64
	for b.Loop() {
		copyRate = rate(b, func(e env) { rawCopy(b, e, table) })
		apiRate = rate(b, func(e env) { apiPost(b, e, bodies) })
		csvRate = rate(b, func(e env) { csvImport(b, e, csvFile.Bytes()) })
	}
	b.ReportMetric(copyRate, "copy_rows/s")
	b.ReportMetric(apiRate, "api_sales/s")
	b.ReportMetric(csvRate, "csv_sales/s")
	b.ReportMetric(apiRate/copyRate, "api/copy")
	b.ReportMetric(csvRate/copyRate, "csv/copy")
}

// rate runs load on a fresh database and returns sales per second.
func rate(b *testing.B, load func(env)) float64 {
	b.StopTimer()
	e := newEnv(b)
	b.StartTimer()
	start := time.Now()
	load(e)
	elapsed := time.Since(start)
	b.StopTimer()
	var n int
	if err := e.Pool.QueryRow(context.Background(), "SELECT (SELECT count(*) FROM sales) + (SELECT count(*) FROM bench_raw_sales)").Scan(&n); err != nil {
		b.Fatal(err)
	}
	if n != saleCount {
		b.Fatalf("stored %d rows, want %d", n, saleCount)
	}
	b.StartTimer()
	return float64(saleCount) / elapsed.Seconds()
}

func rawCopy(b *testing.B, e env, table [][]string) {
	ctx := context.Background()
	src := make([][]any, len(table))
	for i, r := range table {
		soldAt, err := time.Parse(time.RFC3339, r[9])
		if err != nil {
			b.Fatal(err)
		}
		src[i] = []any{r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], soldAt}
	}
	cols := append(append([]string{}, csvimport.Columns[:9]...), "sold_at")
	err := pgx.BeginFunc(ctx, e.Pool, func(tx pgx.Tx) error {
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"bench_raw_sales"}, cols, pgx.CopyFromRows(src))
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
}

func apiPost(b *testing.B, e env, bodies [][]byte) {
	for _, body := range bodies {
		req, _ := http.NewRequest(http.MethodPost, e.URL+"/api/v1/sales", bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+e.key)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			msg, _ := io.ReadAll(resp.Body)
			b.Fatalf("POST: %d %s", resp.StatusCode, msg)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

func csvImport(b *testing.B, e env, file []byte) {
	sum, err := csvimport.Import(context.Background(), bytes.NewReader(file), csvimport.Opts{
		Intake: e.Intake, SourceID: e.sourceID, Rejects: io.Discard,
	})
	if err != nil {
		b.Fatal(err)
	}
	if sum.Imported != saleCount {
		b.Fatalf("imported %d, want %d (%+v)", sum.Imported, saleCount, sum)
	}
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
