package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/branches"
	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
	"github.com/tamas-app/tamas/templates"
)

// desk works issues: service staff, and supervisors and admins who stand
// in for them.
var desk = []auth.Role{auth.RoleService, auth.RoleSupervisor, auth.RoleAdmin}

// statusFilters are the desk list's status choices; "pending" (open or
// being worked on) is what service staff want to see by default.
var statusFilters = map[string][]string{
	"pending":     {"open", "in_progress"},
	"open":        {"open"},
	"in_progress": {"in_progress"},
	"resolved":    {"resolved"},
	"closed":      {"closed"},
	"wont_fix":    {"wont_fix"},
	"all":         {"open", "in_progress", "resolved", "closed", "wont_fix"},
}

var statusOrder = []string{"pending", "open", "in_progress", "resolved", "closed", "wont_fix", "all"}

var severities = []scripts.Severity{scripts.SeverityLow, scripts.SeverityMedium, scripts.SeverityHigh, scripts.SeverityCritical}

func (s *Server) issuesPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	l := u.Lang
	q := r.URL.Query()
	names, _, err := s.labels(ctx)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	status := or(q.Get("status"), "pending")
	f := issues.Filter{
		States: statusFilters[status], Severity: q.Get("severity"), Category: q.Get("category"),
		Branch: q.Get("branch"), Overdue: q.Get("overdue") != "",
	}
	var refused []string
	if f.States == nil {
		refused = append(refused, i18n.T(l, "issues.bad_filter", i18n.T(l, "issues.status")))
		f.States, status = statusFilters["pending"], "pending"
	}
	if f.Severity != "" && !slices.Contains(severities, scripts.Severity(f.Severity)) {
		refused = append(refused, i18n.T(l, "issues.bad_filter", i18n.T(l, "issues.severity")))
		f.Severity = ""
	}
	assignee := q.Get("assignee")
	switch assignee {
	case "":
	case "me":
		f.AssigneeID = u.ID
	case "none":
		f.Unassigned = true
	default:
		refused = append(refused, i18n.T(l, "issues.bad_filter", i18n.T(l, "issues.assignee")))
		assignee = ""
	}
	if p, err := strconv.Atoi(or(q.Get("page"), "0")); err == nil && p >= 0 && p < 10000 {
		f.Page = p
	}
	rows, more, err := s.issues.Queue(ctx, f)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	counts, err := s.issues.Counts(ctx, u.ID)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	cats, err := store.New().IssueCategories(ctx, s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	spellings, err := store.New().IssueBranches(ctx, s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	num := func(n int64) string { return i18n.Number(l, n) }
	v := templates.IssuesView{
		Page:    s.page(r, "issues.title", "issues"),
		Pending: num(counts.Pending), Overdue: num(counts.Overdue), Unassigned: num(counts.Unassigned), Mine: num(counts.Mine),
		ShowCauses: slices.Contains(overseers, u.Role),
	}
	for _, st := range statusOrder {
		v.Filter.Status = append(v.Filter.Status, templates.Option{Value: st, Label: i18n.T(l, "issues.status_"+st), Checked: st == status})
	}
	v.Filter.Severity = []templates.Option{{Value: "", Label: i18n.T(l, "issues.any")}}
	for _, sev := range severities {
		v.Filter.Severity = append(v.Filter.Severity, templates.Option{Value: string(sev), Label: i18n.T(l, "severity."+string(sev)), Checked: string(sev) == f.Severity})
	}
	v.Filter.Category = []templates.Option{{Value: "", Label: i18n.T(l, "issues.any")}}
	for _, c := range cats {
		v.Filter.Category = append(v.Filter.Category, templates.Option{Value: c, Label: names.of(l, c), Checked: c == f.Category})
	}
	v.Filter.Branch = []templates.Option{{Value: "", Label: i18n.T(l, "issues.any")}}
	for _, b := range spellings {
		// The filter is by the spelling the sales came with; the label
		// names the branch in the reader's language, and the spelling when
		// it says something the name does not.
		label := branches.Name(l, store.Branch{Code: b.Branch, NameEn: b.NameEn, NameFa: b.NameFa})
		if label != b.Branch {
			label += " (" + b.Branch + ")"
		}
		v.Filter.Branch = append(v.Filter.Branch, templates.Option{Value: b.Branch, Label: label, Checked: b.Branch == f.Branch})
	}
	for _, a := range []string{"", "me", "none"} {
		v.Filter.Assignee = append(v.Filter.Assignee, templates.Option{Value: a, Label: i18n.T(l, "issues.assignee_"+or(a, "any")), Checked: a == assignee})
	}
	v.Filter.Overdue = f.Overdue
	now := time.Now()
	for _, row := range rows {
		pending := casework.State(row.State).Pending()
		v.Rows = append(v.Rows, templates.IssueListRow{
			URL: "/issues/" + strconv.FormatInt(row.ID, 10), Number: "#" + i18n.Number(l, row.ID),
			Customer: row.CustomerName, Phone: row.Phone, Product: or(row.ProductName, row.ProductSku),
			Branch:   branches.Name(l, store.Branch{Code: row.Branch, NameEn: row.BranchNameEn, NameFa: row.BranchNameFa}),
			Category: names.of(l, row.Category), Severity: i18n.T(l, "severity."+row.Severity), SevClass: "sev-" + row.Severity,
			State: i18n.T(l, "issue."+row.State), Deadline: i18n.DateTime(l, row.DeadlineAt, u.Location),
			Overdue: pending && row.DeadlineAt.Before(now), Breached: row.BreachedAt != nil,
			Assignee: or(row.AssigneeName, "—"), Manual: row.Origin == "manual",
		})
	}
	v.Filter.FilterNote = strings.Join(refused, " ")
	page := func(p int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(p))
		return "/issues?" + q.Encode()
	}
	if f.Page > 0 {
		v.PrevURL = page(f.Page - 1)
	}
	if more {
		v.NextURL = page(f.Page + 1)
	}
	code := http.StatusOK
	if len(refused) > 0 {
		code = http.StatusUnprocessableEntity
	}
	s.render(w, r, code, templates.Issues(v))
}
