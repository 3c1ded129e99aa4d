package csvimport_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/csvimport"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// now is the pinned clock, a Tuesday noon in Tehran.
var now = apptest.Now

// fixture is the app; importFile runs an import on it.
type fixture struct{ *apptest.App }

func setup(t *testing.T) fixture {
	t.Helper()
	return fixture{apptest.Open(t, apptest.Opts{At: now})}
}

// result is what one import left behind.
type result struct {
	sum      csvimport.Summary
	err      error
	rejects  string
	progress []int64
}

func (f fixture) importFile(t *testing.T, file string, batchSize int) result {
	t.Helper()
	return f.importAs(t, f.Shop, file, batchSize)
}

func (f fixture) importAs(t *testing.T, source int64, file string, batchSize int) result {
	t.Helper()
	var r result
	var rejects bytes.Buffer
	r.sum, r.err = csvimport.Import(context.Background(), strings.NewReader(file), csvimport.Opts{
		Intake: f.Intake, SourceID: source, BatchSize: batchSize, Rejects: &rejects,
		Progress: func(n int64) { r.progress = append(r.progress, n) },
	})
	r.rejects = rejects.String()
	return r
}

// stored counts what an import writes, to show that a second one writes
// nothing.
func stored(t *testing.T, pool *pgxpool.Pool) map[string]int {
	t.Helper()
	n := map[string]int{}
	for _, table := range []string{"sales", "customers", "follow_ups", "river_job"} {
		n[table] = apptest.Count(t, pool, "SELECT count(*) FROM "+table)
	}
	return n
}

// parseRejects reads the rejects file into its header and its rows, ordered
// by line number.
func parseRejects(t *testing.T, s string) ([]string, [][]string) {
	t.Helper()
	r := csv.NewReader(strings.NewReader(s))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("rejects are not CSV: %v\n%s", err, s)
	}
	if len(recs) == 0 {
		t.Fatalf("rejects have no header")
	}
	rows := recs[1:]
	slices.SortStableFunc(rows, func(a, b []string) int {
		x, _ := strconv.Atoi(a[0])
		y, _ := strconv.Atoi(b[0])
		return x - y
	})
	return recs[0], rows
}

const bom = "\uFEFF"

// header is in another order than csvimport.Columns.
const header = "sold_at,external_id,customer_phone,customer_name,product_sku,product_name,product_category,branch,customer_timezone,customer_locale"

func TestImportMixedFile(t *testing.T) {
	t.Parallel()
	f := setup(t)
	lines := []string{
		/* 1 */ bom + header,
		/* 2 */ `2026-11-22T10:00:00+03:30,S-1,۰۹۱۲۱۲۳۴۵۶۷,مریم رضایی,GL-1,عینک طبی,Glasses,تجریش,Asia/Tehran,fa`,
		/* 3 */ `2026-11-22T10:00:00+03:30,S-1,۰۹۱۲۱۲۳۴۵۶۷,مریم رضایی,GL-1,عینک طبی,Glasses,تجریش,Asia/Tehran,fa`,
		/* 4 */ `2026-11-22T10:00:00+03:30,S-1,۰۹۱۲۱۲۳۴۵۶۷,مریم رضایی,GL-2,عینک طبی,Glasses,تجریش,Asia/Tehran,fa`,
		/* 5 */ `2026-11-22T11:00:00+03:30,S-2,12,Reza,GL-1,,,,,`,
		/* 6 */ ``,
		/* 7 */ `2026-11-22T12:00:00+03:30,S-3,09121234568,Sara,GL-1`,
		/* 8 */ `2026-11-22T13:00:00+03:30,S-4,+44 20 7946 0958,John,LN-7,"Lens`,
		/* 9 */ `cleaner",Lenses,Vanak,Europe/London,en-GB`,
		/* 10 */ `tomorrow,S-5,0912,Ali,GL-1,,,,,`,
		/* 11 */ `2026-11-23T09:00:00Z,S-6,00989351234567,علي كريمي,GL-1,,,,,`,
	}
	r := f.importFile(t, strings.Join(lines, "\n")+"\n", 0)
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := csvimport.Summary{Rows: 8, Imported: 3, Duplicates: 1, Rejected: 4}
	if r.sum != want {
		t.Errorf("summary = %+v, want %+v", r.sum, want)
	}

	_, rows := parseRejects(t, r.rejects)
	wantRows := [][]string{
		{"4", "external_id is already stored with different content", "2026-11-22T10:00:00+03:30", "S-1", "۰۹۱۲۱۲۳۴۵۶۷", "مریم رضایی", "GL-2", "عینک طبی", "Glasses", "تجریش", "Asia/Tehran", "fa"},
		{"5", `customer_phone: not a valid phone number: "12"`, "2026-11-22T11:00:00+03:30", "S-2", "12", "Reza", "GL-1", "", "", "", "", ""},
		{"7", "not a valid CSV row: wrong number of fields", "2026-11-22T12:00:00+03:30", "S-3", "09121234568", "Sara", "GL-1"},
		{"10", `customer_phone: not a valid phone number: "0912"; sold_at: must be an RFC 3339 time with a zone, e.g. 2026-11-23T14:05:00+03:30`, "tomorrow", "S-5", "0912", "Ali", "GL-1", "", "", "", "", ""},
	}
	if !slices.EqualFunc(rows, wantRows, slices.Equal) {
		t.Errorf("rejected rows\n got %q\nwant %q", rows, wantRows)
	}

	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM sales"); n != 3 {
		t.Errorf("sales = %d, want 3", n)
	}
	var sku, product, branch string
	err := f.Pool.QueryRow(context.Background(),
		"SELECT product_sku, product_name, branch FROM sales WHERE external_id = 'S-1'").Scan(&sku, &product, &branch)
	if err != nil {
		t.Fatal(err)
	}
	if sku != "GL-1" || product != "عینک طبی" || branch != "تجریش" {
		t.Errorf("S-1 stored as %q %q %q, want the first row's GL-1 عینک طبی تجریش", sku, product, branch)
	}
	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM sales WHERE external_id = 'S-4' AND product_name = 'Lens\ncleaner'"); n != 1 {
		t.Error("S-4's product name spanning two lines was not stored as read")
	}
	customers := map[string]string{}
	rs, err := f.Pool.Query(context.Background(), "SELECT phone, name FROM customers")
	if err != nil {
		t.Fatal(err)
	}
	for rs.Next() {
		var phone, name string
		if err := rs.Scan(&phone, &name); err != nil {
			t.Fatal(err)
		}
		customers[phone] = name
	}
	if err := rs.Err(); err != nil {
		t.Fatal(err)
	}
	wantCustomers := map[string]string{
		"+989121234567": "مریم رضایی",
		"+442079460958": "John",
		"+989351234567": "علی کریمی", // Arabic yeh and kaf folded
	}
	if fmt.Sprint(customers) != fmt.Sprint(wantCustomers) {
		t.Errorf("customers = %v, want %v", customers, wantCustomers)
	}
}

// The rejects file repeats the header as read, after line and reason.
func TestImportRejectsHeader(t *testing.T) {
	t.Parallel()
	f := setup(t)
	file := header + "\n" + "2026-11-22T11:00:00+03:30,S-2,12,Reza,GL-1,,,,,\n"
	r := f.importFile(t, file, 0)
	if r.err != nil {
		t.Fatal(r.err)
	}
	got, rows := parseRejects(t, r.rejects)
	want := append([]string{"line", "reason"}, strings.Split(header, ",")...)
	if !slices.Equal(got, want) {
		t.Errorf("rejects header = %q, want %q", got, want)
	}
	if len(rows) != 1 || rows[0][0] != "2" {
		t.Errorf("rejected rows = %q, want line 2", rows)
	}
}

func TestImportRejectsHeaderWithoutBOM(t *testing.T) {
	t.Parallel()
	f := setup(t)
	file := bom + header + "\n" + "2026-11-22T11:00:00+03:30,S-2,12,Reza,GL-1,,,,,\n"
	r := f.importFile(t, file, 0)
	if r.err != nil {
		t.Fatal(r.err)
	}
	got, _ := parseRejects(t, r.rejects)
	want := append([]string{"line", "reason"}, strings.Split(header, ",")...)
	if !slices.Equal(got, want) {
		t.Errorf("rejects header = %q, want %q", got, want)
	}
}

// Only the required columns, in canonical names but odd case and spacing.
func TestImportRequiredColumnsOnly(t *testing.T) {
	t.Parallel()
	f := setup(t)
	file := " External_ID ,customer_name,CUSTOMER_PHONE,product_sku,sold_at\r\n" +
		"R-1,Maryam,09121234567,GL-1,2026-11-22T10:00:00+03:30\r\n"
	r := f.importFile(t, file, 0)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if want := (csvimport.Summary{Rows: 1, Imported: 1}); r.sum != want {
		t.Errorf("summary = %+v, want %+v; rejects:\n%s", r.sum, want, r.rejects)
	}
	var tz, locale string
	if err := f.Pool.QueryRow(context.Background(), "SELECT timezone, locale FROM customers").Scan(&tz, &locale); err != nil {
		t.Fatal(err)
	}
	if tz != "Asia/Tehran" || locale != "fa" {
		t.Errorf("customer zone and language = %q %q, want the defaults Asia/Tehran fa", tz, locale)
	}
}

func TestImportHeaderErrors(t *testing.T) {
	t.Parallel()
	f := setup(t)
	row := "\nR-1,Maryam,09121234567,GL-1,2026-11-22T10:00:00+03:30\n"
	tests := []struct {
		name, file, wantErr string
	}{
		{"unknown column", "external_id,customer_name,customer_phone,product_sku,sold_at,colour" + row,
			`header: unknown column "colour" (column 6)`},
		{"misspelt column", "external_id,customer_name,phone,product_sku,sold_at" + row,
			`header: unknown column "phone" (column 3); the columns are external_id, customer_name, customer_phone`},
		{"missing required columns", "external_id,customer_name,product_sku" + row,
			"header: missing required column(s) customer_phone, sold_at"},
		{"duplicate column", "external_id,customer_name,customer_phone,product_sku,sold_at,Customer_Phone" + row,
			`header: column "customer_phone" appears twice`},
		{"empty file", "", "the file is empty; the first line must be the header"},
		{"blank lines only", "\n\n\r\n", "the file is empty"},
		{"broken quote in header", `external_id,"customer_name` + row, "reading the header"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := f.importFile(t, tt.file, 0)
			if r.err == nil || !strings.Contains(r.err.Error(), tt.wantErr) {
				t.Errorf("err = %v, want …%s…", r.err, tt.wantErr)
			}
			if r.sum != (csvimport.Summary{}) || r.rejects != "" || r.progress != nil {
				t.Errorf("summary %+v, rejects %q, progress %v; want nothing", r.sum, r.rejects, r.progress)
			}
		})
	}
	t.Cleanup(func() {
		if n := stored(t, f.Pool); n["sales"]+n["customers"]+n["follow_ups"]+n["river_job"] != 0 {
			t.Errorf("header errors stored %v, want nothing", n)
		}
	})
}

// file returns a header and n valid rows: every fifth customer buys twice.
func file(n int) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	_ = w.Write(csvimport.Columns)
	for i := range n {
		soldAt := now.Add(-time.Duration(i) * time.Minute).In(time.FixedZone("", 12600)).Format(time.RFC3339)
		_ = w.Write([]string{
			fmt.Sprintf("F-%05d", i), "مشتری " + strconv.Itoa(i/2), fmt.Sprintf("0912%07d", i-i%5/4), "Asia/Tehran", "fa",
			"GL-" + strconv.Itoa(i%7), "عینک", []string{"Glasses", "Lenses", ""}[i%3], "تجریش", soldAt,
		})
	}
	w.Flush()
	return b.String()
}

// An import obeys the API's rule: another shop's customer is shared, not
// changed, and the import's sale keeps the customer as the file gave it.
func TestImportNeverChangesAnotherSourcesCustomer(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.Sell(t, apptest.Sale("A-1", "09121234567", now.Add(-time.Hour)))
	other := apptest.Source(t, f.Pool, "other-shop")
	r := f.importAs(t, other, header+"\n2026-11-22T10:00:00+03:30,S-1,+989121234567,Maryam R.,GL-1,,,,Europe/London,en\n", 0)
	if r.err != nil || r.sum != (csvimport.Summary{Rows: 1, Imported: 1}) {
		t.Fatalf("import = %+v, %v; rejects:\n%s", r.sum, r.err, r.rejects)
	}
	var name, zone, locale string
	if err := f.Pool.QueryRow(ctx, "SELECT name, timezone, locale FROM customers").Scan(&name, &zone, &locale); err != nil {
		t.Fatal(err)
	}
	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM customers"); n != 1 || name != "مریم رضایی" || zone != "Asia/Tehran" || locale != "fa" {
		t.Errorf("%d customers, %q %q %q after the other shop's import; want one, unchanged", n, name, zone, locale)
	}
	v, err := f.Intake.Sale(ctx, other, "S-1")
	if err != nil {
		t.Fatal(err)
	}
	if v.Customer.Name != "Maryam R." || v.Customer.Timezone != "Europe/London" || v.Customer.Locale != "en" {
		t.Errorf("the importing shop reads %+v, want what its file gave", v.Customer)
	}
}

func TestImportTwiceStoresOnce(t *testing.T) {
	t.Parallel()
	f := setup(t)
	const n = 50
	data := file(n)
	first := f.importFile(t, data, 7)
	if first.err != nil {
		t.Fatal(first.err)
	}
	if want := (csvimport.Summary{Rows: n, Imported: n}); first.sum != want {
		t.Fatalf("first import = %+v, want %+v; rejects:\n%s", first.sum, want, first.rejects)
	}
	before := stored(t, f.Pool)
	// The file sells to some phones twice; a customer's later sales are
	// linked to the first one's follow-up (contact frequency).
	if before["sales"] != n || before["follow_ups"] != before["customers"] {
		t.Fatalf("after the first import: %v, want %d sales and one follow-up per customer", before, n)
	}

	second := f.importFile(t, data, 7)
	if second.err != nil {
		t.Fatal(second.err)
	}
	if want := (csvimport.Summary{Rows: n, Duplicates: n}); second.sum != want {
		t.Errorf("second import = %+v, want %+v", second.sum, want)
	}
	if _, rows := parseRejects(t, second.rejects); len(rows) != 0 {
		t.Errorf("second import rejected %q", rows)
	}
	if after := stored(t, f.Pool); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("second import changed the tables: %v, before %v", after, before)
	}
}

// 5,000 rows in batches of 700: seven full batches and one of 100.
func TestImportLargeFileInBatches(t *testing.T) {
	t.Parallel()
	f := setup(t)
	const n = 5000
	data := file(n)
	r := f.importFile(t, data, 700)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if want := (csvimport.Summary{Rows: n, Imported: n}); r.sum != want {
		t.Errorf("summary = %+v, want %+v", r.sum, want)
	}
	if got := apptest.Count(t, f.Pool, "SELECT count(*) FROM sales"); got != n {
		t.Errorf("sales = %d, want %d", got, n)
	}
	if got := apptest.Count(t, f.Pool, "SELECT count(DISTINCT external_id) FROM sales"); got != n {
		t.Errorf("distinct external ids = %d, want %d", got, n)
	}
	customers := apptest.Count(t, f.Pool, "SELECT count(*) FROM customers")
	if got := apptest.Count(t, f.Pool, "SELECT count(*) FROM follow_ups"); got != customers {
		t.Errorf("follow-ups = %d, want one per customer, %d", got, customers)
	}
	if got := apptest.Count(t, f.Pool, "SELECT count(*) FROM sales WHERE covered_by IS NOT NULL"); got != n-customers {
		t.Errorf("linked sales = %d, want the %d beyond each customer's first", got, n-customers)
	}
	if got := apptest.Count(t, f.Pool, "SELECT count(*) FROM sales WHERE external_id IN ('F-00000', 'F-00699', 'F-00700', 'F-04999')"); got != 4 {
		t.Errorf("%d of the rows at batch edges stored, want 4", got)
	}

	if batches := (n + 699) / 700; len(r.progress) != batches {
		t.Errorf("Progress called %d times, want %d (once per batch)", len(r.progress), batches)
	}
	if !slices.IsSorted(r.progress) {
		t.Errorf("progress goes backwards: %v", r.progress)
	}
	if len(r.progress) == 0 || r.progress[len(r.progress)-1] != int64(len(data)) {
		t.Errorf("progress = %v, want it to end at the file size %d", r.progress, len(data))
	}
	if len(r.progress) > 0 && r.progress[0] <= 0 {
		t.Errorf("first progress = %d, want bytes read", r.progress[0])
	}
}

// A quote out of place spoils its row only.
func TestImportBrokenQuoteInARow(t *testing.T) {
	t.Parallel()
	f := setup(t)
	data := "external_id,customer_name,customer_phone,product_sku,sold_at\n" +
		"Q-1,Ma\"ryam,09121234567,GL-1,2026-11-22T10:00:00+03:30\n" +
		"Q-2,Reza,09121234568,GL-1,2026-11-22T10:00:00+03:30\n"
	r := f.importFile(t, data, 0)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if want := (csvimport.Summary{Rows: 2, Imported: 1, Rejected: 1}); r.sum != want {
		t.Errorf("summary = %+v, want %+v", r.sum, want)
	}
	_, rows := parseRejects(t, r.rejects)
	if len(rows) != 1 || rows[0][0] != "2" || !strings.HasPrefix(rows[0][1], "not a valid CSV row: ") {
		t.Errorf("rejected rows = %q, want line 2 as not a valid CSV row", rows)
	}
}

func TestImportBrokenQuoteInFirstColumn(t *testing.T) {
	t.Parallel()
	f := setup(t)
	data := "external_id,customer_name,customer_phone,product_sku,sold_at\n" +
		"Q\"1,Maryam,09121234567,GL-1,2026-11-22T10:00:00+03:30\n" +
		"Q-2,Reza,09121234568,GL-1,2026-11-22T10:00:00+03:30\n"
	r := f.importFile(t, data, 0)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if want := (csvimport.Summary{Rows: 2, Imported: 1, Rejected: 1}); r.sum != want {
		t.Errorf("summary = %+v, want %+v", r.sum, want)
	}
}

func TestImportNULRejectsItsRowOnly(t *testing.T) {
	t.Parallel()
	f := setup(t)
	data := "external_id,customer_name,customer_phone,product_sku,sold_at,product_name\n" +
		"N-1,Maryam,09121234567,GL-1,2026-11-22T10:00:00+03:30,a\x00b\n" +
		"N-2,Reza,09121234568,GL-1,2026-11-22T10:00:00+03:30,ok\n"
	r := f.importFile(t, data, 0)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if want := (csvimport.Summary{Rows: 2, Imported: 1, Rejected: 1}); r.sum != want {
		t.Errorf("summary = %+v, want %+v", r.sum, want)
	}
}

// A database error stops the import and is returned; it does not hang.
func TestImportStopsOnDatabaseError(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.Shop = -1 // no such source: the foreign key refuses the sales
	r := f.importFile(t, file(30), 10)
	if r.err == nil {
		t.Fatal("no error for an unknown source")
	}
	if r.sum.Imported != 0 || r.progress != nil {
		t.Errorf("summary %+v, progress %v after the first batch failed", r.sum, r.progress)
	}
	if n := apptest.Count(t, f.Pool, "SELECT count(*) FROM sales"); n != 0 {
		t.Errorf("sales = %d, want 0", n)
	}
}

// fill is an endless stream of one byte.
type fill byte

func (f fill) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(f)
	}
	return len(p), nil
}

// A field of many megabytes rejects its row only, and the import reads
// past it without holding it in memory: encoding/csv alone would keep the
// whole row, twice over. Not parallel, so that the allocations counted are
// this import's.
func TestImportHugeFieldRejectsItsRowOnly(t *testing.T) {
	f := setup(t)
	const huge = 64 << 20
	data := io.MultiReader(
		strings.NewReader("external_id,customer_name,customer_phone,product_sku,sold_at,customer_locale\n"+
			"H-1,Maryam,09121234567,GL-1,2026-11-22T10:00:00+03:30,en-"),
		io.LimitReader(fill('x'), huge),
		strings.NewReader("\nH-2,Reza,09121234568,GL-1,2026-11-22T10:00:00+03:30,fa\n"+
			"H-3,Ma\"ryam,09121234569,GL-1,2026-11-22T10:00:00+03:30,fa\n"),
	)
	var rejects bytes.Buffer
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	sum, err := csvimport.Import(context.Background(), data, csvimport.Opts{Intake: f.Intake, SourceID: f.Shop, Rejects: &rejects})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if want := (csvimport.Summary{Rows: 3, Imported: 1, Rejected: 2}); sum != want {
		t.Errorf("summary = %+v, want %+v", sum, want)
	}
	// Line numbers still count from the top after the skipped row.
	if _, rows := parseRejects(t, rejects.String()); len(rows) != 2 || rows[0][0] != "2" || rows[1][0] != "4" {
		t.Errorf("rejected rows = %.200q, want lines 2 and 4", rows)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > huge/4 {
		t.Errorf("the import allocated %d MiB for a %d MiB field", alloc>>20, huge>>20)
	}
}
