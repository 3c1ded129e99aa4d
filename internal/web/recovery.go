package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/templates"
)

// recoveryPage is the recovery report (docs/recovery.md): repeat
// purchases by outcome, overall and by branch and category. It opens on
// a year, since its windows reach half a year past the outcome.
func (s *Server) recoveryPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	l := u.Lang
	f, probs := s.parseFilters(r)
	if len(probs) == 0 {
		q := r.URL.Query()
		f.Range, probs = report.ParseRangeOr(l, q.Get("from"), q.Get("to"), report.YearRange(report.Day(time.Now(), u.Location)))
	}
	form, err := s.filterForm(ctx, l, f, probs, false)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	form.Action = "/reports/recovery"
	v := templates.RecoveryView{Page: s.page(r, "recovery.title", "reports"), Filters: form}
	if len(probs) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, templates.Recovery(v))
		return
	}
	rec, err := s.reports.Recovery(ctx, reportQuery(u, f))
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v.Range = i18n.T(l, "report.range", i18n.Date(l, f.Range.From, time.UTC), i18n.Date(l, f.Range.To, time.UTC))
	v.Censored = i18n.T(l, "recovery.caveat_censored", i18n.DateTime(l, rec.Now, u.Location))
	v.Tables = recoveryTables(l, rec)
	s.render(w, r, http.StatusOK, templates.Recovery(v))
}

// recoveryTables lays the report out: one table overall, then branches
// and categories by name, each with a row per outcome.
func recoveryTables(l i18n.Lang, rec reports.Recovery) []templates.RecoveryTable {
	t := func(key string, args ...any) string { return i18n.T(l, key, args...) }
	head := []string{t("recovery.outcome")}
	for _, days := range report.Windows {
		head = append(head, t("recovery.window", i18n.Number(l, int64(days))))
	}
	rows := func(name string, line reports.RepeatRow) []templates.RecoveryRow {
		var out []templates.RecoveryRow
		for o, outcome := range report.Outcomes {
			row := templates.RecoveryRow{Name: name, Outcome: t("recovery.outcome." + outcome)}
			for _, c := range line.Cells[o] {
				row.Cells = append(row.Cells, recoveryCell(l, c))
			}
			out = append(out, row)
		}
		return out
	}
	overall := templates.RecoveryTable{ID: "overall", Title: t("recovery.overall"), Head: head}
	if hasUnits(rec.All) {
		overall.Rows = rows("", rec.All)
	}
	byName := func(id, title, first string, lines []reports.RepeatRow, name func(reports.RepeatRow) string) templates.RecoveryTable {
		tb := templates.RecoveryTable{ID: id, Title: title, Head: append([]string{first}, head...)}
		lines = slices.Clone(lines)
		slices.SortStableFunc(lines, func(a, b reports.RepeatRow) int { return strings.Compare(name(a), name(b)) })
		for _, line := range lines {
			tb.Rows = append(tb.Rows, rows(name(line), line)...)
		}
		return tb
	}
	branchName := reportData{Figures: reports.Figures{BranchNames: rec.BranchNames}}.branchName
	return []templates.RecoveryTable{
		overall,
		byName("branches", t("recovery.by_branch"), t("report.branch"), rec.ByBranch,
			func(r reports.RepeatRow) string { return branchName(l, r.BranchID) }),
		byName("categories", t("recovery.by_category"), t("report.category"), rec.ByCategory,
			func(r reports.RepeatRow) string { return or(r.Category, t("reports.no_category")) }),
	}
}

func hasUnits(line reports.RepeatRow) bool {
	for _, o := range line.Cells {
		if o[0].Units > 0 {
			return true
		}
	}
	return false
}

// recoveryCell is a rate as "36.3%" with its interval and its base ("61
// of 168"), in l's digits.
func recoveryCell(l i18n.Lang, c report.Repeat) templates.RecoveryCell {
	iv, ok := c.Interval()
	if !ok {
		return templates.RecoveryCell{Rate: i18n.T(l, "report.none")}
	}
	return templates.RecoveryCell{
		Rate:     i18n.Percent(l, iv.Rate),
		Interval: i18n.T(l, "recovery.interval", i18n.Percent(l, iv.Lo), i18n.Percent(l, iv.Hi)),
		Base:     i18n.T(l, "reports.part_of", i18n.Number(l, c.Bought), i18n.Number(l, c.Units)),
	}
}
