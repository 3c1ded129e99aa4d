package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/tamas-app/tamas/app"
	"github.com/tamas-app/tamas/internal/csvimport"
	"github.com/tamas-app/tamas/internal/store"
)

func (e *env) importCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "sales" {
		return usageError{"usage: tamas import sales FILE.csv [--source NAME]"}
	}
	fs := flag.NewFlagSet("import sales", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	source := fs.String("source", "import", "the source (shop system) the sales belong to; external ids are unique per source")
	batchSize := fs.Int("batch", 2000, "sales per transaction")
	if err := fs.Parse(reorderFlags(args[1:])); err != nil {
		return usageError{err.Error()}
	}
	if fs.NArg() != 1 {
		return usageError{"usage: tamas import sales FILE.csv [--source NAME]"}
	}
	if *batchSize < 1 || *batchSize > 10000 {
		return usageError{"--batch must be between 1 and 10000"}
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("opening %s: %w", path, err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}

	pool, err := e.connect(ctx)
	if err != nil {
		return err
	}
	defer pool.Close()
	src, err := store.New().SourceEnsure(ctx, pool, *source)
	if err != nil {
		return fmt.Errorf("creating source: %w", err)
	}
	a, err := app.New(ctx, app.Opts{Config: e.cfg, Logger: e.log, WebPool: pool, RiverPool: pool})
	if err != nil {
		return err
	}

	rejectsPath := strings.TrimSuffix(path, ".csv") + ".rejects.csv"
	rj, err := os.Create(rejectsPath)
	if err != nil {
		return fmt.Errorf("creating %s: %w", rejectsPath, err)
	}
	bar := newProgressBar(e.stderr, info.Size())
	start := time.Now()
	sum, err := csvimport.Import(ctx, f, csvimport.Opts{
		Intake: a.Intake, SourceID: src.ID, BatchSize: *batchSize, Rejects: rj, Progress: bar.update,
	})
	bar.done()
	if cerr := rj.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("writing %s: %w", rejectsPath, cerr)
	}
	elapsed := time.Since(start)
	fmt.Fprintf(e.stdout, "rows read:          %d\n", sum.Rows)
	fmt.Fprintf(e.stdout, "imported:           %d\n", sum.Imported)
	fmt.Fprintf(e.stdout, "duplicates skipped: %d\n", sum.Duplicates)
	fmt.Fprintf(e.stdout, "rejected:           %d\n", sum.Rejected)
	if sum.Rejected > 0 {
		fmt.Fprintf(e.stdout, "rejected rows, with line numbers and reasons: %s\n", rejectsPath)
	} else {
		os.Remove(rejectsPath)
	}
	if secs := elapsed.Seconds(); secs > 0 && sum.Rows > 0 {
		fmt.Fprintf(e.stdout, "took %s (%.0f rows/s)\n", elapsed.Round(time.Millisecond), float64(sum.Rows)/secs)
	}
	if err != nil {
		return fmt.Errorf("import stopped after %d rows: %w; run the same command again to continue (stored rows are skipped)", sum.Rows, err)
	}
	return nil
}

// reorderFlags lets flags follow the file name (tamas import sales f.csv
// --source x), as people type them.
func reorderFlags(args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flags = append(flags, a)
			if !strings.Contains(a, "=") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
			continue
		}
		rest = append(rest, a)
	}
	return append(flags, rest...)
}

// progressBar draws on a terminal only; piped output stays clean.
type progressBar struct {
	w     *os.File
	total int64
	on    bool
	start time.Time
}

func newProgressBar(w any, total int64) *progressBar {
	f, ok := w.(*os.File)
	on := ok && total > 0 && term.IsTerminal(int(f.Fd()))
	return &progressBar{w: f, total: total, on: on, start: time.Now()}
}

func (p *progressBar) update(n int64) {
	if !p.on {
		return
	}
	const width = 40
	frac := float64(n) / float64(p.total)
	if frac > 1 {
		frac = 1
	}
	filled := int(frac * width)
	fmt.Fprintf(p.w, "\r[%s%s] %3.0f%%  %s", strings.Repeat("█", filled), strings.Repeat("·", width-filled),
		frac*100, time.Since(p.start).Round(time.Second))
}

func (p *progressBar) done() {
	if p.on {
		fmt.Fprintln(p.w)
	}
}
