package csvimport

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// maxRow is the most bytes a row may take. A row with every field at its
// limit is under 6 KiB; encoding/csv has no limit of its own and would hold
// a row of any length in memory whole.
const maxRow = 64 << 10

// readAhead is how far csv.Reader's own buffer (bufio's default size) may
// read past the end of the row it is parsing.
const readAhead = 4096

var errRowTooLong = fmt.Errorf("longer than %d KiB", maxRow>>10)

// rowReader reads CSV records of at most maxRow bytes with line numbers
// that count from the top of the file. A longer row is skipped to the end
// of its line without being read into memory, and reading goes on with a
// new csv.Reader: one that has seen a read error cannot be trusted to
// resume.
type rowReader struct {
	src    *bufio.Reader
	csv    *csv.Reader
	fields int   // FieldsPerRecord of every csv.Reader made
	handed int64 // bytes given to the current csv.Reader
	over   bool  // the current csv.Reader was refused the rest of a row
	lines  int   // line breaks read from src
	base   int   // line breaks before the current csv.Reader's first line
}

func newRowReader(src *bufio.Reader) *rowReader {
	r := &rowReader{src: src}
	r.restart()
	return r
}

func (r *rowReader) restart() {
	r.csv = csv.NewReader(readerFunc(r.feed))
	r.csv.FieldsPerRecord = r.fields
	r.handed, r.over, r.base = 0, false, r.lines
}

// expect makes every later record have n fields, as the header has.
func (r *rowReader) expect(n int) {
	r.fields = n
	r.csv.FieldsPerRecord = n
}

// Read returns the next record and the line it starts on. A row longer
// than maxRow is a *csv.ParseError on the line where it passed the limit,
// like any other malformed row.
func (r *rowReader) Read() ([]string, int, error) {
	rec, err := r.csv.Read()
	if r.over {
		line := r.lines + 1
		if err := r.skipLine(); err != nil {
			return nil, 0, err
		}
		r.restart()
		return nil, line, &csv.ParseError{StartLine: line, Line: line, Err: errRowTooLong}
	}
	if pe, ok := errors.AsType[*csv.ParseError](err); ok {
		pe.StartLine += r.base
		pe.Line += r.base
		return rec, pe.StartLine, err
	}
	if err != nil {
		return nil, 0, err
	}
	line, _ := r.csv.FieldPos(0)
	return rec, r.base + line, nil
}

// feed gives the csv.Reader the file, but never more than maxRow bytes
// past the end of the record it returned last. When it is refused, the
// bytes it holds are all from the current line: it asks for more only once
// its buffer has no line break left.
func (r *rowReader) feed(p []byte) (int, error) {
	room := maxRow + readAhead - (r.handed - r.csv.InputOffset())
	if room <= 0 {
		r.over = true
		return 0, errRowTooLong
	}
	n, err := r.src.Read(p[:min(int64(len(p)), room)])
	r.handed += int64(n)
	r.lines += bytes.Count(p[:n], []byte{'\n'})
	return n, err
}

// skipLine drops the rest of the current line from src, a buffer at a time.
func (r *rowReader) skipLine() error {
	for {
		_, err := r.src.ReadSlice('\n')
		switch {
		case err == nil:
			r.lines++
			return nil
		case errors.Is(err, io.EOF):
			return nil
		case !errors.Is(err, bufio.ErrBufferFull):
			return err
		}
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }
