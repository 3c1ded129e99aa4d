package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/branches"
	"github.com/tamas-app/tamas/internal/charts"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/templates"
)

// reportData is everything the reports page shows.
type reportData struct {
	reports.Figures
	names labels // root causes by key, as supervisors named them
}

// reportQuery is what the filters ask of the reports service, in u's zone
// and week.
func reportQuery(u *user, f reportFilters) reports.Query {
	return reports.Query{Range: f.Range, Loc: u.Location, WeekStart: weekStart(u.Lang),
		BranchID: f.BranchID, Category: f.Category, Script: f.Script}
}

// loadReport reads the page's figures and the root causes' names.
func (s *Server) loadReport(ctx context.Context, u *user, f reportFilters) (reportData, error) {
	var d reportData
	var err error
	if d.names, _, err = s.labels(ctx); err != nil {
		return d, err
	}
	d.Figures, err = s.reports.Figures(ctx, reportQuery(u, f))
	return d, err
}

// cells formats figures for one medium: the page (the reader's digits,
// "–" for no data) or a CSV file (plain numbers a spreadsheet reads).
type cells interface {
	num(n int64) string
	pct(v float64, ok bool) string
	// rate is part of whole: on the page with its base beside it ("61
	// of 168 (36.3%)"), in a file the percentage alone (the counts have
	// their own columns).
	rate(part, whole int64) string
	// base is what a rate divides, as "61 of 168"; empty in a file.
	base(part, whole int64) string
	score(v float64, ok bool) string
	dur(seconds float64, ok bool) string
	period(d time.Time) string
}

type pageCells struct{ l i18n.Lang }

func (c pageCells) num(n int64) string { return i18n.Number(c.l, n) }
func (c pageCells) pct(v float64, ok bool) string {
	if !ok {
		return i18n.T(c.l, "report.none")
	}
	return i18n.Percent(c.l, v)
}
func (c pageCells) rate(part, whole int64) string {
	v, ok := report.Ratio(part, whole)
	if !ok {
		return c.pct(v, ok)
	}
	return i18n.T(c.l, "reports.rate", c.base(part, whole), c.pct(v, ok))
}

func (c pageCells) base(part, whole int64) string {
	return i18n.T(c.l, "reports.part_of", c.num(part), c.num(whole))
}
func (c pageCells) score(v float64, ok bool) string {
	if !ok {
		return i18n.T(c.l, "report.none")
	}
	return i18n.Number(c.l, int64(math.Round(v)))
}
func (c pageCells) dur(sec float64, ok bool) string {
	if !ok {
		return i18n.T(c.l, "report.none")
	}
	h := int64(math.Round(sec / 3600))
	if h < 48 {
		return i18n.T(c.l, "reports.hours", i18n.Number(c.l, h))
	}
	return i18n.T(c.l, "reports.days_hours", i18n.Number(c.l, h/24), i18n.Number(c.l, h%24))
}
func (c pageCells) period(d time.Time) string { return i18n.Date(c.l, d, time.UTC) }

type csvCells struct{ l i18n.Lang }

func (csvCells) num(n int64) string { return strconv.FormatInt(n, 10) }
func (csvCells) pct(v float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(math.Round(v*1000)/10, 'f', 1, 64)
}
func (c csvCells) rate(part, whole int64) string { return c.pct(report.Ratio(part, whole)) }
func (csvCells) base(int64, int64) string        { return "" }
func (csvCells) score(v float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
}
func (csvCells) dur(sec float64, ok bool) string {
	if !ok {
		return ""
	}
	return strconv.FormatFloat(math.Round(sec/360)/10, 'f', 1, 64)
}
func (csvCells) period(d time.Time) string { return d.Format(time.DateOnly) }

// reportTable is one table of the page, also offered as CSV.
type reportTable struct {
	id, title string
	head      []string
	rows      [][]string
}

// reportTableIDs are the tables in page order; /reports/{id}.csv serves each.
var reportTableIDs = []string{"summary", "trend", "branches", "categories", "root-causes"}

func (d reportData) table(id string, l i18n.Lang, c cells) (reportTable, bool) {
	t := func(key string, args ...any) string { return i18n.T(l, key, args...) }
	switch id {
	case "summary":
		tb := reportTable{id: id, title: t("reports.summary"), head: []string{t("reports.figure"), t("reports.value")}}
		for _, f := range d.figures(l, c) {
			tb.rows = append(tb.rows, []string{f.Label, f.Value})
		}
		return tb, true
	case "trend":
		tb := reportTable{id: id, title: t("reports.trend"), head: []string{t("reports.period"),
			t("reports.due"), t("reports.completed"), t("reports.unreachable"), t("reports.silent"),
			t("reports.silence_rate"), t("reports.csat")}}
		for _, r := range d.Trend {
			tb.rows = append(tb.rows, []string{c.period(r.Bucket), c.num(r.Due), c.num(r.Completed),
				c.num(r.Unreachable), c.num(r.Silent), c.rate(r.Silent, r.Ended), c.rate(r.RatingTop, r.RatingN)})
		}
		return tb, true
	case "branches", "categories":
		tb := reportTable{id: id, title: t("reports.by_branch"), head: []string{t("report.branch")}}
		rows := d.Branches
		if id == "categories" {
			tb.title, tb.head = t("reports.by_category"), []string{t("report.category")}
			rows = d.Categories
		}
		tb.head = append(tb.head, t("reports.due"), t("reports.completed"), t("reports.unreachable"),
			t("reports.answered_rate"), t("reports.silence_rate"), t("reports.csat"), t("reports.nps"),
			t("reports.issues_opened"), t("reports.issues_resolved"), t("reports.median_resolve"))
		for _, r := range rows {
			name, is := d.branchName(l, r.BranchID), d.IssuesByBranch[r.BranchID]
			if id == "categories" {
				name, is = or(r.Category, t("reports.no_category")), d.IssuesByCategory[r.Category]
			}
			nps, nok := report.NPS(r.NpsPromoters, r.NpsDetractors, r.NpsN)
			tb.rows = append(tb.rows, []string{name, c.num(r.Due), c.num(r.Completed), c.num(r.Unreachable),
				c.rate(r.Completed, r.Due), c.rate(r.Silent, r.Ended), c.rate(r.RatingTop, r.RatingN), c.score(nps, nok),
				c.num(is.Opened), c.num(is.Resolved), c.dur(is.MedianResolveSeconds, is.Resolved > 0)})
		}
		return tb, true
	case "root-causes":
		tb := reportTable{id: id, title: t("reports.root_causes"), head: []string{t("reports.root_cause"), t("reports.issues"), t("reports.share")}}
		var all int64
		for _, r := range d.Causes {
			all += r.Issues
		}
		for _, r := range d.Causes {
			share, ok := report.Ratio(r.Issues, all)
			tb.rows = append(tb.rows, []string{d.names.of(l, r.RootCause), c.num(r.Issues), c.pct(share, ok)})
		}
		return tb, true
	}
	return reportTable{}, false
}

func (d reportData) figures(l i18n.Lang, c cells) []templates.Figure {
	t := func(key string, args ...any) string { return i18n.T(l, key, args...) }
	tot := d.Total
	nps, nok := report.NPS(tot.NpsPromoters, tot.NpsDetractors, tot.NpsN)
	// A rate is named for what it divides and shows that base, so that
	// "100%" can never hide that most calls were not made.
	rate := func(id, label string, part, whole int64) templates.Figure {
		v, ok := report.Ratio(part, whole)
		return templates.Figure{ID: id, Label: t(label), Value: c.pct(v, ok), Base: c.base(part, whole)}
	}
	return []templates.Figure{
		{ID: "due", Label: t("reports.due"), Value: c.num(tot.Due)},
		{ID: "completed", Label: t("reports.completed"), Value: c.num(tot.Completed)},
		{ID: "unreachable", Label: t("reports.unreachable"), Value: c.num(tot.Unreachable)},
		rate("answered-rate", "reports.answered_rate", tot.Completed, tot.Due),
		withHint(rate("silence-rate", "reports.silence_rate", tot.Silent, tot.Ended), t("reports.silence_rate_hint")),
		rate("csat", "reports.csat", tot.RatingTop, tot.RatingN),
		{ID: "nps", Label: t("reports.nps"), Value: c.score(nps, nok), Base: t("reports.nps_base", c.num(tot.NpsN))},
		{ID: "issues-opened", Label: t("reports.issues_opened"), Value: c.num(d.Issues.Opened)},
		{ID: "issues-resolved", Label: t("reports.issues_resolved"), Value: c.num(d.Issues.Resolved)},
		{ID: "issues-breached", Label: t("reports.issues_breached"), Value: c.num(d.Issues.Breached)},
		{ID: "median-resolve", Label: t("reports.median_resolve"), Value: c.dur(d.Issues.MedianResolveSeconds, d.Issues.Resolved > 0)},
		rate("recovery-rate", "reports.recovery_rate", d.Issues.Recovered, d.Issues.RecoveryChecked),
		withHint(templates.Figure{ID: "asked-recently", Label: t("reports.asked_recently"), Value: c.num(d.AskedRecently)},
			t("reports.asked_recently_hint")),
	}
}

// branchName is branch id's name in l; 0 is no branch.
func (d reportData) branchName(l i18n.Lang, id int64) string {
	if b, ok := d.BranchNames[id]; ok {
		return branches.Name(l, b)
	}
	return i18n.T(l, "reports.no_branch")
}

func withHint(f templates.Figure, hint string) templates.Figure {
	f.Hint = hint
	return f
}

// charts draws the trend: counts, then rates.
func (d reportData) charts(l i18n.Lang) []string {
	t := func(key string) string { return i18n.T(l, key) }
	labels := make([]string, len(d.Trend))
	due, done, unreachable, silent := make([]float64, len(d.Trend)), make([]float64, len(d.Trend)), make([]float64, len(d.Trend)), make([]float64, len(d.Trend))
	csat, silence := make([]float64, len(d.Trend)), make([]float64, len(d.Trend))
	for i, r := range d.Trend {
		labels[i] = i18n.ShortDate(l, r.Bucket)
		due[i], done[i], unreachable[i], silent[i] = float64(r.Due), float64(r.Completed), float64(r.Unreachable), float64(r.Silent)
		csat[i], silence[i] = math.NaN(), math.NaN()
		if v, ok := report.CSAT(r.RatingTop, r.RatingN); ok {
			csat[i] = v
		}
		if v, ok := report.Ratio(r.Silent, r.Ended); ok {
			silence[i] = v
		}
	}
	counts := charts.Line{Title: t("reports.chart_counts"), Labels: labels, Lang: l, Series: []charts.Series{
		{Name: t("reports.due"), Values: due}, {Name: t("reports.completed"), Values: done},
		{Name: t("reports.unreachable"), Values: unreachable}, {Name: t("reports.silent"), Values: silent},
	}}
	rates := charts.Line{Title: t("reports.chart_rates"), Labels: labels, Lang: l, Percent: true, Series: []charts.Series{
		{Name: t("reports.csat"), Values: csat}, {Name: t("reports.silence_rate"), Values: silence},
	}}
	return []string{counts.SVG(), rates.SVG()}
}

func (s *Server) reportsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	l := u.Lang
	f, probs := s.parseFilters(r)
	form, err := s.filterForm(ctx, l, f, probs, true)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	form.Action = "/reports"
	v := templates.ReportsView{Page: s.page(r, "reports.title", "reports"), Filters: form}
	if len(probs) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, templates.Reports(v))
		return
	}
	d, err := s.loadReport(ctx, u, f)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	c := pageCells{l}
	v.Range = i18n.T(l, "report.range", i18n.Date(l, f.Range.From, time.UTC), i18n.Date(l, f.Range.To, time.UTC))
	v.Figures = d.figures(l, c)
	v.Trend = i18n.T(l, "reports.trend_daily")
	if d.Buckets.StrideDays == 7 {
		v.Trend = i18n.T(l, "reports.trend_weekly", i18n.Weekday(l, weekStart(l)))
	}
	v.Charts = d.charts(l)
	for _, id := range reportTableIDs {
		if id == "summary" {
			continue // the figures above are the summary
		}
		tb, _ := d.table(id, l, c)
		v.Tables = append(v.Tables, templates.ReportTable{
			ID: tb.id, Title: tb.title, Head: tb.head, Rows: tb.rows,
			CSV: "/reports/" + tb.id + ".csv?" + f.query(),
		})
	}
	v.SummaryCSV = "/reports/summary.csv?" + f.query()
	s.render(w, r, http.StatusOK, templates.Reports(v))
}

// reportCSV serves one table of the reports page as CSV.
func (s *Server) reportCSV(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	id, ok := strings.CutSuffix(r.PathValue("file"), ".csv")
	if !ok || !slices.Contains(reportTableIDs, id) {
		s.errorPage(w, r, http.StatusNotFound, "reports.unknown_table")
		return
	}
	f, probs := s.parseFilters(r)
	if len(probs) > 0 {
		p := probs[0]
		http.Error(w, p.Field+": "+i18n.Problem(u.Lang, p), http.StatusUnprocessableEntity)
		return
	}
	d, err := s.loadReport(ctx, u, f)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	tb, _ := d.table(id, u.Lang, csvCells{u.Lang})
	name := fmt.Sprintf("tamas-%s-%s-%s.csv", id, f.Range.From.Format(time.DateOnly), f.Range.To.Format(time.DateOnly))
	s.writeCSV(w, r, name, tb.head, tb.rows)
}
