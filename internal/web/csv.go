package web

import (
	"encoding/csv"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// writeCSV sends a table as a CSV download: UTF-8 with a byte order mark,
// without which Excel reads Persian text as mojibake, then the header row.
func (s *Server) writeCSV(w http.ResponseWriter, r *http.Request, name string, head []string, rows [][]string) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	w.Header().Set("Cache-Control", "no-store")
	if _, err := w.Write([]byte("\uFEFF")); err != nil {
		return
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return
	}
	for _, row := range rows {
		if err := cw.Write(defused(row)); err != nil {
			return
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.log.Error("writing CSV", "path", r.URL.Path, "err", err)
	}
}

// defused keeps a spreadsheet from running text as a formula: a cell
// that starts like one (a customer named "=HYPERLINK(…)") gets a leading
// apostrophe. Numbers, negative ones included, stay numbers.
func defused(row []string) []string {
	out := row
	for i, c := range row {
		if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err == nil {
			continue
		}
		if &out[0] == &row[0] {
			out = append([]string(nil), row...)
		}
		out[i] = "'" + c
	}
	return out
}
