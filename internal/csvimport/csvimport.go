// Package csvimport streams sales from a CSV file into intake in batches,
// with constant memory for any file size. Each batch is its own
// transaction, so an interrupted import loses at most the batch in flight,
// and running the same file again skips what was stored.
package csvimport

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
)

// Columns are the CSV header names, documented in README.md.
var Columns = []string{
	"external_id", "customer_name", "customer_phone", "customer_timezone", "customer_locale",
	"product_sku", "product_name", "product_category", "branch", "sold_at",
}

var required = []string{"external_id", "customer_name", "customer_phone", "product_sku", "sold_at"}

type Summary struct {
	Rows       int
	Imported   int
	Duplicates int
	Rejected   int
}

type Opts struct {
	Intake    *intake.Service
	SourceID  int64
	BatchSize int
	// Rejects receives the rejected rows as CSV: line, reason, then the
	// row as it was read.
	Rejects io.Writer
	// Progress is called after each stored batch with the bytes read so far.
	Progress func(bytesRead int64)
}

type row struct {
	line   int
	fields []string
	sale   sales.Sale
}

type batch struct {
	rows     []row
	rejected []rejected
	bytes    int64
}

type rejected struct {
	line   int
	reason string
	fields []string
}

// Import reads r to the end. A bad row is written to Rejects and never stops
// the import; only a broken header, an unreadable file or a database error
// does.
func Import(ctx context.Context, r io.Reader, o Opts) (Summary, error) {
	if o.BatchSize <= 0 {
		o.BatchSize = 2000
	}
	f, err := open(r)
	if err != nil {
		return Summary{}, err
	}

	rejects := csv.NewWriter(o.Rejects)
	if err := rejects.Write(append([]string{"line", "reason"}, f.header...)); err != nil {
		return Summary{}, fmt.Errorf("writing rejects: %w", err)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	// Reading and validating the next batch overlaps with storing this
	// one: the two use different cores.
	batches := make(chan batch, 2)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		readErr <- readBatches(ctx, f, o, batches)
	}()

	var sum Summary
	for b := range batches {
		for _, rj := range b.rejected {
			sum.Rejected++
			writeReject(rejects, rj)
		}
		sum.Rows += len(b.rows) + len(b.rejected)
		if len(b.rows) > 0 {
			ss := make([]sales.Sale, len(b.rows))
			for i, rw := range b.rows {
				ss[i] = rw.sale
			}
			out, err := o.Intake.Store(ctx, o.SourceID, ss)
			if err != nil {
				cancel()
				for range batches {
				}
				return sum, err
			}
			for i, res := range out {
				switch res.Status {
				case intake.StatusCreated:
					sum.Imported++
				case intake.StatusExisting:
					sum.Duplicates++
				default:
					sum.Rejected++
					writeReject(rejects, rejected{line: b.rows[i].line, reason: "external_id is already stored with different content", fields: b.rows[i].fields})
				}
			}
		}
		rejects.Flush()
		if err := rejects.Error(); err != nil {
			cancel()
			for range batches {
			}
			return sum, fmt.Errorf("writing rejects: %w", err)
		}
		if o.Progress != nil {
			o.Progress(b.bytes)
		}
	}
	return sum, <-readErr
}

// file is a CSV file of sales whose header has been read.
type file struct {
	read   *countingReader
	rows   *rowReader
	header []string
	index  map[string]int // column name → its position
}

// open reads r's header; rows then reads the first sale.
func open(r io.Reader) (*file, error) {
	cr := &countingReader{r: r}
	// A byte-order mark (spreadsheets write one) is not part of the first
	// column's name, and would break a quoted first header.
	br := bufio.NewReader(cr)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\xEF\xBB\xBF")) {
		_, _ = br.Discard(3)
	}
	rows := newRowReader(br)
	header, _, err := rows.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("the file is empty; the first line must be the header")
		}
		return nil, fmt.Errorf("reading the header: %w", err)
	}
	index, err := columnIndex(header)
	if err != nil {
		return nil, err
	}
	rows.expect(len(header))
	return &file{read: cr, rows: rows, header: header, index: index}, nil
}

func readBatches(ctx context.Context, f *file, o Opts, out chan<- batch) error {
	var (
		b      batch
		inputs []sales.Input
	)
	// flush validates the rows read so far in parallel and hands them on.
	flush := func() bool {
		normalized, errs := o.Intake.Normalizer().NormalizeAll(inputs)
		pending := b.rows
		b.rows = make([]row, 0, len(pending))
		for i, rw := range pending {
			if errs[i] != nil {
				b.rejected = append(b.rejected, rejected{line: rw.line, reason: reasons(errs[i]), fields: rw.fields})
				continue
			}
			rw.sale = normalized[i]
			b.rows = append(b.rows, rw)
		}
		b.bytes = f.read.n
		select {
		case out <- b:
			b, inputs = batch{}, nil
			return true
		case <-ctx.Done():
			return false
		}
	}
	for {
		rec, line, err := f.rows.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return fmt.Errorf("reading the file: %w", err)
			}
			b.rejected = append(b.rejected, rejected{line: line, reason: "not a valid CSV row: " + pe.Err.Error(), fields: rec})
		} else {
			inputs = append(inputs, toInput(rec, f.index))
			b.rows = append(b.rows, row{line: line, fields: rec})
		}
		if len(b.rows)+len(b.rejected) >= o.BatchSize && !flush() {
			return ctx.Err()
		}
	}
	if len(b.rows)+len(b.rejected) > 0 && !flush() {
		return ctx.Err()
	}
	return nil
}

func columnIndex(header []string) (map[string]int, error) {
	known := make(map[string]bool, len(Columns))
	for _, c := range Columns {
		known[c] = true
	}
	index := make(map[string]int, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if !known[h] {
			return nil, fmt.Errorf("header: unknown column %q (column %d); the columns are %s", h, i+1, strings.Join(Columns, ", "))
		}
		if _, dup := index[h]; dup {
			return nil, fmt.Errorf("header: column %q appears twice", h)
		}
		index[h] = i
	}
	var missing []string
	for _, c := range required {
		if _, ok := index[c]; !ok {
			missing = append(missing, c)
		}
	}
	if missing != nil {
		return nil, fmt.Errorf("header: missing required column(s) %s", strings.Join(missing, ", "))
	}
	return index, nil
}

func toInput(rec []string, index map[string]int) sales.Input {
	get := func(col string) string {
		if i, ok := index[col]; ok {
			return rec[i]
		}
		return ""
	}
	return sales.Input{
		ExternalID: get("external_id"),
		Customer: sales.CustomerInput{
			Name: get("customer_name"), Phone: get("customer_phone"),
			Timezone: get("customer_timezone"), Locale: get("customer_locale"),
		},
		Product: sales.ProductInput{SKU: get("product_sku"), Name: get("product_name"), Category: get("product_category")},
		Branch:  get("branch"),
		SoldAt:  get("sold_at"),
	}
}

// reasons names CSV columns rather than the API's dotted paths, in
// English like the rest of the rejects file.
func reasons(errs invalid.Problems) string {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = strings.ReplaceAll(e.Field, ".", "_") + ": " + i18n.Problem(i18n.EN, e)
	}
	return strings.Join(parts, "; ")
}

func writeReject(w *csv.Writer, r rejected) {
	_ = w.Write(append([]string{strconv.Itoa(r.line), r.reason}, r.fields...))
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
