package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/report"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

const (
	// silentPageSize is how many silent customers a page lists.
	silentPageSize = 50
	// silentCSVMax bounds a download: a year of a large organisation's
	// silent customers, with room to spare.
	silentCSVMax = 500_000
)

func (s *Server) silentPage(w http.ResponseWriter, r *http.Request) {
	s.showSilent(w, r, http.StatusOK, nil, nil)
}

// showSilent renders the page; typed and probs are a refused settings
// form, shown as it was typed.
func (s *Server) showSilent(w http.ResponseWriter, r *http.Request, status int, typed *report.SilenceInput, settingProbs invalid.Problems) {
	ctx := r.Context()
	u := userOf(ctx)
	l := u.Lang
	f, probs := s.parseFilters(r)
	form, err := s.filterForm(ctx, l, f, probs, false)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	form.Action = "/silent"
	v := templates.SilentView{Page: s.page(r, "silent.title", "silent"), Filters: form}

	// The settings, the counts and the page's rows come from one snapshot.
	var sp reports.Silent
	if len(probs) > 0 {
		sp.Settings, err = s.reports.SilenceSettings(ctx)
	} else {
		sp, err = s.reports.SilentPage(ctx, reportQuery(u, f), f.Page, silentPageSize)
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	set, page, pages := sp.Settings, sp.Page, sp.Pages
	v.Settings = templates.SilenceForm{
		RatingLo: i18n.Digits(l, strconv.Itoa(int(set.RatingLo))), RatingHi: i18n.Digits(l, strconv.Itoa(int(set.RatingHi))),
		NPSLo: i18n.Digits(l, strconv.Itoa(int(set.NpsLo))), NPSHi: i18n.Digits(l, strconv.Itoa(int(set.NpsHi))),
	}
	if typed != nil {
		v.Settings = templates.SilenceForm{RatingLo: typed.RatingLo, RatingHi: typed.RatingHi, NPSLo: typed.NPSLo, NPSHi: typed.NPSHi,
			Errors: map[string]string{}}
		for _, p := range settingProbs {
			v.Settings.Errors[p.Field] = i18n.Problem(l, p)
		}
	}
	v.Settings.Query = r.URL.RawQuery
	if len(probs) > 0 {
		s.render(w, r, http.StatusUnprocessableEntity, templates.Silent(v))
		return
	}
	// A refused settings form is shown with the list as it stands.
	v.Refused = status != http.StatusOK

	total := sp.Total
	rate, ok := report.Ratio(total.Silent, total.Ended)
	c := pageCells{l}
	v.Rate = i18n.T(l, "silent.rate", c.pct(rate, ok), c.num(total.Silent), c.num(total.Ended))
	for _, row := range sp.Rows {
		v.Rows = append(v.Rows, silentRow(l, u.Location, row))
	}
	v.Pager = i18n.T(l, "silent.page", i18n.Number(l, int64(page)), i18n.Number(l, int64(pages)))
	if page > 1 {
		v.Newer = "/silent?" + f.query("page", strconv.Itoa(page-1))
	}
	if page < pages {
		v.Older = "/silent?" + f.query("page", strconv.Itoa(page+1))
	}
	v.CSV = "/silent.csv?" + f.query()
	s.render(w, r, status, templates.Silent(v))
}

// silentWhy says why a customer counts as silent, in l.
func silentWhy(l i18n.Lang, row store.SilentListRow) string {
	if row.State == "unreachable" {
		return i18n.T(l, "silent.unreachable", i18n.Number(l, int64(row.AttemptCount)))
	}
	span := func(lo, hi *int16) string {
		if lo == nil || hi == nil {
			return ""
		}
		if *lo == *hi {
			return i18n.Number(l, int64(*lo))
		}
		return i18n.Number(l, int64(*lo)) + "–" + i18n.Number(l, int64(*hi))
	}
	var parts []string
	if row.RatingN > 0 {
		parts = append(parts, i18n.T(l, "silent.rating", span(row.RatingLo, row.RatingHi)))
	}
	if row.NpsN > 0 {
		parts = append(parts, i18n.T(l, "silent.nps", span(row.NpsLo, row.NpsHi)))
	}
	parts = append(parts, i18n.T(l, "silent.no_comment"))
	sep := ", "
	if l == i18n.FA {
		sep = "، "
	}
	return strings.Join(parts, sep)
}

func silentRow(l i18n.Lang, loc *time.Location, row store.SilentListRow) templates.SilentRow {
	return templates.SilentRow{
		Customer: row.CustomerName, Phone: row.Phone, PhoneText: phoneText(l, row.Phone), Sale: row.ExternalID, Branch: row.Branch,
		Product: or(row.ProductName, row.ProductSku), When: i18n.DateTime(l, row.UpdatedAt, loc),
		Why: silentWhy(l, row), Unreachable: row.State == "unreachable",
	}
}

func (s *Server) silentCSV(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	l := u.Lang
	f, probs := s.parseFilters(r)
	if len(probs) > 0 {
		p := probs[0]
		http.Error(w, p.Field+": "+i18n.Problem(l, p), http.StatusUnprocessableEntity)
		return
	}
	rows, err := s.reports.SilentAll(r.Context(), reportQuery(u, f), silentCSVMax)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	t := func(key string) string { return i18n.T(l, key) }
	head := []string{t("silent.customer"), t("silent.phone"), t("silent.sale"), t("report.branch"),
		t("report.category"), t("silent.product"), t("silent.when"), t("silent.why")}
	out := make([][]string, 0, len(rows))
	for _, row := range rows {
		out = append(out, []string{row.CustomerName, row.Phone, row.ExternalID, row.Branch, row.ProductCategory,
			or(row.ProductName, row.ProductSku), row.UpdatedAt.In(u.Location).Format(time.RFC3339), silentWhy(l, row)})
	}
	name := fmt.Sprintf("tamas-silent-%s-%s.csv", f.Range.From.Format(time.DateOnly), f.Range.To.Format(time.DateOnly))
	s.writeCSV(w, r, name, head, out)
}

// silenceSave changes what counts as neutral. The page's filters ride along in the query so the
// supervisor comes back to the list they were reading.
func (s *Server) silenceSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.generic")
		return
	}
	in := report.SilenceInput{
		RatingLo: r.PostFormValue("rating_lo"), RatingHi: r.PostFormValue("rating_hi"),
		NPSLo: r.PostFormValue("nps_lo"), NPSHi: r.PostFormValue("nps_hi"),
	}
	set, probs := report.ParseSilence(in)
	if len(probs) > 0 {
		s.showSilent(w, r, http.StatusUnprocessableEntity, &in, probs)
		return
	}
	changed, err := s.settings.SaveSilence(ctx, u.Username, set)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	msg := i18n.T(u.Lang, "silent.unchanged")
	if changed {
		msg = i18n.T(u.Lang, "silent.saved")
		s.log.Info("silence settings saved", "by", u.Username)
	}
	s.sessions.Put(ctx, "flash", msg)
	target := "/silent"
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}
