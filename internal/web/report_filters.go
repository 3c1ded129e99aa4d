package web

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/branches"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

// reportFilters are the query of /reports and /silent: a date range in
// the reader's calendar days and zone, and optional branch, category and
// script.
type reportFilters struct {
	In    url.Values // as typed, to show again
	Range report.Range
	// BranchID is the branch filtered on: 0 for all, -1 for a spelling
	// no branch has.
	BranchID int64
	Category string
	Script   string
	Page     int
}

// parseFilters reads the query; problems name the refused field.
func (s *Server) parseFilters(r *http.Request) (reportFilters, invalid.Problems) {
	u := userOf(r.Context())
	q := r.URL.Query()
	f := reportFilters{In: q, Category: q.Get("category"), Script: q.Get("script"), Page: 1}
	var err error
	if f.BranchID, err = s.branchFilter(r.Context(), q.Get("branch")); err != nil {
		return f, invalid.New("branch", "report.branch")
	}
	var probs invalid.Problems
	f.Range, probs = report.ParseRange(u.Lang, q.Get("from"), q.Get("to"), report.Day(time.Now(), u.Location))
	if p, ok := i18n.WholeNumber(q.Get("page"), 1, 1_000_000); ok {
		f.Page = p
	}
	return f, probs
}

// branchFilter is the branch a filter names: by id, as the form sends
// it, or by any spelling of it, as a link typed by hand or made before
// branches had ids does.
func (s *Server) branchFilter(ctx context.Context, v string) (int64, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
		return id, nil
	}
	id, err := store.New().BranchBySpelling(ctx, s.pool, v)
	if errors.Is(err, store.ErrNotFound) {
		return -1, nil
	}
	return id, err
}

// weekStart is the first day of the reader's week: Saturday in Iran.
func weekStart(l i18n.Lang) time.Weekday {
	if l == i18n.FA {
		return time.Saturday
	}
	return time.Monday
}

// query is the filters as a URL query, with the given changes.
func (f reportFilters) query(set ...string) string {
	v := url.Values{}
	for _, k := range []string{"from", "to", "branch", "category", "script"} {
		if s := f.In.Get(k); s != "" {
			v.Set(k, s)
		}
	}
	if f.In.Get("from") == "" {
		v.Set("from", f.Range.From.Format(time.DateOnly))
	}
	if f.In.Get("to") == "" {
		v.Set("to", f.Range.To.Format(time.DateOnly))
	}
	for i := 0; i+1 < len(set); i += 2 {
		v.Set(set[i], set[i+1])
	}
	return v.Encode()
}

// filterForm is the filter form of a page: the typed values, the choices
// that exist in the data, the problems by field.
func (s *Server) filterForm(ctx context.Context, l i18n.Lang, f reportFilters, probs invalid.Problems, withScript bool) (templates.ReportFilters, error) {
	// A range that was read is shown in the reader's calendar, even when
	// a link gave it in ISO form; a refused one as it was typed.
	v := templates.ReportFilters{From: i18n.DateValue(l, f.Range.From), To: i18n.DateValue(l, f.Range.To)}
	if len(probs) > 0 {
		v.From, v.To = or(f.In.Get("from"), v.From), or(f.In.Get("to"), v.To)
	}
	for _, p := range probs {
		if v.Errors == nil {
			v.Errors = map[string]string{}
		}
		v.Errors[p.Field] = i18n.Problem(l, p)
	}
	q := store.New()
	dims, err := q.SaleDimensionList(ctx, s.pool)
	if err != nil {
		return v, err
	}
	all := templates.Option{Value: "", Label: i18n.T(l, "report.all")}
	v.Branches = []templates.Option{all}
	v.Categories = []templates.Option{all}
	list, err := q.BranchList(ctx, s.pool)
	if err != nil {
		return v, err
	}
	for _, b := range list {
		v.Branches = append(v.Branches, templates.Option{Value: strconv.FormatInt(b.ID, 10), Label: branches.Name(l, b), Checked: b.ID == f.BranchID})
	}
	slices.SortStableFunc(v.Branches[1:], func(a, b templates.Option) int { return strings.Compare(a.Label, b.Label) })
	for _, d := range dims {
		switch d.Kind {
		case "category":
			v.Categories = append(v.Categories, templates.Option{Value: d.Value, Label: d.Value, Checked: d.Value == f.Category})
		}
	}
	if withScript {
		names, err := q.ScriptNames(ctx, s.pool)
		if err != nil {
			return v, err
		}
		v.Scripts = []templates.Option{all}
		for _, n := range names {
			v.Scripts = append(v.Scripts, templates.Option{Value: n, Label: n, Checked: n == f.Script})
		}
	}
	return v, nil
}
