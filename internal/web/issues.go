package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tamas-app/tamas/internal/auth"
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

// labels names categories and root causes in the reader's language: the
// supervisors' list first, then the built-in names (such as not_fixed),
// else the key as a script wrote it.
type labels map[string]store.RootCause

func (s *Server) labels(ctx context.Context) (labels, []store.RootCause, error) {
	list, err := s.issues.RootCauses(ctx)
	if err != nil {
		return nil, nil, err
	}
	m := make(labels, len(list))
	for _, c := range list {
		m[c.Key] = c
	}
	return m, list, nil
}

func (m labels) of(l i18n.Lang, key string) string {
	if c, ok := m[key]; ok {
		if l == i18n.FA {
			return c.LabelFa
		}
		return c.LabelEn
	}
	if t := i18n.T(l, "rootcause."+key); t != "rootcause."+key {
		return t
	}
	return key
}

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
	branches, err := store.New().IssueBranches(ctx, s.pool)
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
	for _, b := range branches {
		v.Filter.Branch = append(v.Filter.Branch, templates.Option{Value: b, Label: b, Checked: b == f.Branch})
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
			Customer: row.CustomerName, Phone: row.Phone, Product: or(row.ProductName, row.ProductSku), Branch: row.Branch,
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

// issueForm is what a refused form on the issue page sent, shown again.
type issueForm struct {
	Note, CauseNote, Reason, Cause string
	Errors                         map[string]string
}

func (s *Server) issuePage(w http.ResponseWriter, r *http.Request) {
	s.showIssue(w, r, http.StatusOK, issueForm{})
}

func (s *Server) showIssue(w http.ResponseWriter, r *http.Request, status int, form issueForm) {
	ctx := r.Context()
	u := userOf(ctx)
	l := u.Lang
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	d, err := s.issues.Load(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	history, err := s.console.CustomerHistory(ctx, d.Issue.CustomerID)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	names, causes, err := s.labels(ctx)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	users, err := store.New().UserListAssignable(ctx, s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	is := d.Issue
	custLoc := s.location(d.Timezone)
	state := casework.State(is.State)
	now := time.Now()
	overdue := state.Pending() && is.DeadlineAt.Before(now)
	v := templates.IssueView{
		Page:    s.page(r, "issue.title", "issue"),
		Action:  "/issues/" + strconv.FormatInt(is.ID, 10),
		Heading: i18n.T(l, "issue.heading", i18n.Number(l, is.ID), names.of(l, is.Category)),
		Overdue: overdue,
		Customer: templates.CustomerCard{
			Name: d.CustomerName, Lang: d.Locale, Phone: d.Phone, TelURL: "tel:" + d.Phone,
			LocalTime: i18n.DateTime(l, now, custLoc) + " (" + d.Timezone + ")",
			Language:  i18n.T(l, "lang."+string(i18n.Parse(d.Locale))),
		},
		OptedOut: d.OptedOutAt != nil,
		Sale: templates.SaleCard{
			Product: or(d.ProductName, d.ProductSku), SKU: d.ProductSku, Branch: d.Branch,
			ExternalID: d.ExternalID, SoldAt: i18n.Date(l, d.SoldAt, custLoc),
		},
		CanStart:   state == casework.Open,
		CanResolve: state.Pending(),
		CanClose:   state == casework.Resolved,
		AssignedMe: is.AssigneeID != nil && *is.AssigneeID == u.ID,
		Note:       form.Note, CauseNote: form.CauseNote, Reason: form.Reason, Errors: form.Errors,
		Seen:  is.UpdatedAt.UTC().Format(time.RFC3339Nano),
		State: is.State,
	}
	deadline := i18n.DateTime(l, is.DeadlineAt, u.Location)
	if overdue {
		deadline += " · " + i18n.T(l, "issues.overdue")
	}
	v.Facts = []templates.Fact{
		{Label: i18n.T(l, "issues.status"), Value: i18n.T(l, "issue."+is.State)},
		{Label: i18n.T(l, "issues.severity"), Value: i18n.T(l, "severity."+is.Severity)},
		{Label: i18n.T(l, "issue.raised"), Value: i18n.DateTime(l, is.CreatedAt, u.Location) + " · " + i18n.T(l, "issue.origin_"+is.Origin)},
		{Label: i18n.T(l, "issues.deadline"), Value: deadline, Bad: overdue || is.BreachedAt != nil},
		{Label: i18n.T(l, "issues.assignee"), Value: or(d.AssigneeName, "—")},
	}
	if is.BreachedAt != nil {
		v.Facts = append(v.Facts, templates.Fact{Label: i18n.T(l, "issue.breached_at"), Value: i18n.DateTime(l, *is.BreachedAt, u.Location), Bad: true})
	}
	if is.RootCause != nil {
		v.Facts = append(v.Facts, templates.Fact{Label: i18n.T(l, "issue.root_cause"), Value: names.of(l, *is.RootCause) + " — " + is.RootCauseNote})
	}
	if is.WontFixReason != "" {
		v.Facts = append(v.Facts, templates.Fact{Label: i18n.T(l, "issue.reason"), Value: is.WontFixReason})
	}
	for _, t := range d.Triggers {
		v.Triggers = append(v.Triggers, templates.TriggerRow{
			Prompt: t.Prompt, Value: answerText(l, t.Type, t.Value), Severity: i18n.T(l, "severity."+t.Severity),
			When: i18n.DateTime(l, t.At, u.Location), By: t.CapturedBy,
		})
	}
	if rec := d.Recovery; rec != nil {
		v.Recovery, v.Recovered = recoveryText(l, rec, u.Location), rec.Recovered
	}
	for _, n := range d.Notes {
		v.Notes = append(v.Notes, templates.NoteRow{Author: n.Author, When: i18n.DateTime(l, n.CreatedAt, u.Location), Body: n.Body})
	}
	v.History = historyRows(l, u.Location, history)
	userNames := map[int64]string{}
	v.Assignees = []templates.Option{{Value: "0", Label: i18n.T(l, "issue.nobody"), Checked: is.AssigneeID == nil}}
	for _, a := range users {
		name := or(a.DisplayName, a.Username)
		userNames[a.ID] = name
		v.Assignees = append(v.Assignees, templates.Option{
			Value: strconv.FormatInt(a.ID, 10), Label: name + " · " + i18n.T(l, "role."+a.Role),
			Checked: is.AssigneeID != nil && *is.AssigneeID == a.ID,
		})
	}
	for _, c := range causes {
		if c.Active {
			v.Causes = append(v.Causes, templates.Option{Value: c.Key, Label: names.of(l, c.Key), Checked: c.Key == form.Cause})
		}
	}
	v.Changes = issueChanges(l, u.Location, d.Changes, names, userNames)
	s.render(w, r, status, templates.Issue(v))
}

func recoveryText(l i18n.Lang, rec *issues.Recovery, loc *time.Location) string {
	switch {
	case rec.Recovered:
		return i18n.T(l, "issue.recovered", i18n.DateTime(l, *rec.AnsweredAt, loc))
	case rec.NewIssueID != 0:
		return i18n.T(l, "issue.not_recovered", i18n.Number(l, rec.NewIssueID))
	case rec.State == "scheduled" || rec.State == "due" || rec.State == "claimed" || rec.State == "no_answer" || rec.State == "callback":
		return i18n.T(l, "issue.recovery_due", i18n.DateTime(l, rec.DueAt, loc), i18n.T(l, "state."+rec.State))
	default:
		return i18n.T(l, "issue.recovery_ended", i18n.T(l, "state."+rec.State))
	}
}

// issueAuditFields are the issue fields a change lists, in this order.
var issueAuditFields = []string{"state", "severity", "deadline_at", "breached_at", "assignee_id", "root_cause", "root_cause_note", "wont_fix_reason", "recovery_follow_up_id"}

// issueChanges shows an issue's audit rows: what was raised, added, or
// changed from what to what, in the reader's words, zone and digits.
func issueChanges(l i18n.Lang, loc *time.Location, rows []store.AuditLog, names labels, users map[int64]string) []templates.AuditEntry {
	show := func(key string, v any) string {
		switch x := v.(type) {
		case nil:
			return "—"
		case float64:
			switch key {
			case "assignee_id":
				return or(users[int64(x)], "#"+i18n.Number(l, int64(x)))
			default:
				return "#" + i18n.Number(l, int64(x))
			}
		case string:
			switch key {
			case "state":
				return i18n.T(l, "issue."+x)
			case "severity":
				return i18n.T(l, "severity."+x)
			case "root_cause":
				return names.of(l, x)
			case "deadline_at", "breached_at":
				if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
					return i18n.DateTime(l, t, loc)
				}
			}
			return x
		}
		return "?"
	}
	out := make([]templates.AuditEntry, 0, len(rows))
	for _, row := range rows {
		e := templates.AuditEntry{When: i18n.DateTime(l, row.At, loc), Who: row.Actor}
		var before, after map[string]any
		_ = json.Unmarshal(row.Before, &before)
		_ = json.Unmarshal(row.After, &after)
		switch {
		case after["note"] != nil && before == nil && after["state"] == nil:
			e.Action = i18n.T(l, "issue.audit_note")
		case after["added_response_id"] != nil:
			e.Action = i18n.T(l, "issue.audit_answers")
		case after["added_by_hand"] != nil:
			e.Action = i18n.T(l, "issue.audit_by_hand")
		case before == nil:
			e.Action = i18n.T(l, "issue.audit_raised")
			for _, k := range []string{"state", "severity", "deadline_at"} {
				e.Changes = append(e.Changes, templates.Change{Field: i18n.T(l, "issue.field_"+k), After: show(k, after[k])})
			}
		default:
			e.Action = i18n.T(l, "audit.changed")
			for _, k := range issueAuditFields {
				b, a := show(k, before[k]), show(k, after[k])
				if b != a {
					e.Changes = append(e.Changes, templates.Change{Field: i18n.T(l, "issue.field_"+k), Before: b, After: a, HasBefore: true})
				}
			}
		}
		out = append(out, e)
	}
	return out
}

// seenAt is when the issue the form was on was last changed, or zero when
// the form does not say (then the change is not checked for staleness).
func seenAt(r *http.Request) time.Time {
	t, err := time.Parse(time.RFC3339Nano, r.PostFormValue("seen"))
	if err != nil {
		return time.Time{}
	}
	return t
}

// issueDone ends a change to issue id that no form field refused: a
// missing issue is 404, another error 500, success back to the issue with
// a flash.
func (s *Server) issueDone(w http.ResponseWriter, r *http.Request, id int64, err error, key, anchor string) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	case err != nil:
		s.internalError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", i18n.T(userOf(r.Context()).Lang, key))
	http.Redirect(w, r, "/issues/"+strconv.FormatInt(id, 10)+anchor, http.StatusSeeOther)
}

func (s *Server) issueAssign(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	var to int64
	switch v := r.PostFormValue("assignee"); {
	case r.PostFormValue("assign_me") != "":
		to = u.ID
	default:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			s.showIssue(w, r, http.StatusUnprocessableEntity, issueForm{Errors: map[string]string{"assignee": i18n.T(u.Lang, "issue.bad_assignee")}})
			return
		}
		to = n
	}
	err := s.issues.Assign(r.Context(), id, u.Username, to, seenAt(r))
	switch {
	case errors.Is(err, issues.ErrStale):
		s.showIssue(w, r, http.StatusConflict, issueForm{Errors: map[string]string{"seen": i18n.T(u.Lang, "issue.stale")}})
	case errors.Is(err, issues.ErrAssignee):
		s.showIssue(w, r, http.StatusUnprocessableEntity, issueForm{Errors: map[string]string{"assignee": i18n.T(u.Lang, "issue.bad_assignee")}})
	default:
		s.issueDone(w, r, id, err, "issue.assigned", "#work")
	}
}

func (s *Server) issueNote(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	body := r.PostFormValue("body")
	err := s.issues.AddNote(r.Context(), id, u.ID, u.Username, body)
	switch {
	case errors.Is(err, issues.ErrNote):
		s.showIssue(w, r, http.StatusUnprocessableEntity, issueForm{Note: body, Errors: map[string]string{"body": i18n.T(u.Lang, "issue.bad_note", i18n.Number(u.Lang, issues.MaxNote))}})
	default:
		s.issueDone(w, r, id, err, "issue.note_added", "#notes")
	}
}

func (s *Server) issueState(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	form := issueForm{
		Cause: r.PostFormValue("root_cause"), CauseNote: r.PostFormValue("root_cause_note"), Reason: r.PostFormValue("reason"),
	}
	for field, text := range map[string]string{"root_cause_note": form.CauseNote, "reason": form.Reason} {
		if utf8.RuneCountInString(text) > issues.MaxNote {
			form.Errors = map[string]string{field: i18n.T(u.Lang, "issue.bad_note", i18n.Number(u.Lang, issues.MaxNote))}
			s.showIssue(w, r, http.StatusUnprocessableEntity, form)
			return
		}
	}
	var err error
	flash := "issue.changed"
	c := casework.Change{To: casework.State(r.PostFormValue("to"))}
	switch c.To {
	case casework.InProgress, casework.Closed:
	case casework.Resolved:
		c.RootCause, c.RootCauseNote = casework.RootCause(form.Cause), strings.TrimSpace(form.CauseNote)
		flash = "issue.resolved_flash"
	case casework.WontFix:
		c.Reason = strings.TrimSpace(form.Reason)
	default:
		err = casework.ErrTransition
	}
	if err == nil {
		err = s.issues.Transition(ctx, id, u.Username, c, seenAt(r))
	}
	refuse := func(field, key string) {
		form.Errors = map[string]string{field: i18n.T(u.Lang, key)}
		s.showIssue(w, r, http.StatusUnprocessableEntity, form)
	}
	switch {
	case errors.Is(err, issues.ErrStale):
		form.Errors = map[string]string{"seen": i18n.T(u.Lang, "issue.stale")}
		s.showIssue(w, r, http.StatusConflict, form)
	case errors.Is(err, casework.ErrRootCause):
		refuse("root_cause", "issue.bad_root_cause")
	case errors.Is(err, casework.ErrCauseNote):
		refuse("root_cause_note", "issue.bad_cause_note")
	case errors.Is(err, casework.ErrReason):
		refuse("reason", "issue.bad_reason")
	case errors.Is(err, casework.ErrTransition):
		// Someone else moved the issue first, or the form was forged.
		refuse("state", "issue.bad_transition")
	default:
		if err == nil {
			s.log.Info("issue changed", "issue", id, "to", r.PostFormValue("to"), "by", u.Username)
		}
		s.issueDone(w, r, id, err, flash, "")
	}
}

// callIssue raises an issue by hand from the call the agent holds.
func (s *Server) callIssue(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	in := manualInput{Category: r.PostFormValue("category"), Severity: r.PostFormValue("severity"), Note: r.PostFormValue("note")}
	raised, err := s.issues.RaiseByHand(ctx, issues.Manual{
		FollowUpID: id, UserID: u.ID, Actor: u.Username,
		Category: in.Category, Severity: scripts.Severity(in.Severity), Note: in.Note,
	})
	refuse := func(field, msg string) {
		in.Errors = map[string]string{field: msg}
		s.showCallWith(w, r, http.StatusUnprocessableEntity, callState{manual: in})
	}
	htmx := r.Header.Get("HX-Request") != ""
	switch {
	case errors.Is(err, issues.ErrNotHeld) && htmx:
		// The whole page must go: the call is no longer the agent's.
		s.sessions.Put(ctx, "flash", i18n.T(u.Lang, "error.claim_lost"))
		w.Header().Set("HX-Redirect", "/queue")
		w.WriteHeader(http.StatusNoContent)
	case errors.Is(err, issues.ErrNotHeld):
		s.claimLost(w, r)
	case errors.Is(err, issues.ErrCategory):
		refuse("category", i18n.T(u.Lang, "manual.bad_category"))
	case errors.Is(err, casework.ErrSeverity):
		refuse("severity", i18n.T(u.Lang, "manual.bad_severity"))
	case errors.Is(err, issues.ErrNote):
		refuse("note", i18n.T(u.Lang, "issue.bad_note", i18n.Number(u.Lang, issues.MaxNote)))
	case err != nil:
		s.internalError(w, r, err)
	default:
		key := "manual.raised"
		if !raised.Opened {
			key = "manual.joined"
		}
		msg := i18n.T(u.Lang, key, i18n.Number(u.Lang, raised.IssueID))
		if htmx {
			s.showCallWith(w, r, http.StatusOK, callState{manual: manualInput{Raised: msg}})
			return
		}
		s.sessions.Put(ctx, "flash", msg)
		http.Redirect(w, r, "/calls/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	}
}

// manualInput is the call page's "report a problem" form as typed.
type manualInput struct {
	Category, Severity, Note string
	Errors                   map[string]string
	Raised                   string
}

func manualForm(l i18n.Lang, in manualInput, names labels, causes []store.RootCause) templates.ManualIssueForm {
	f := templates.ManualIssueForm{Note: in.Note, Errors: in.Errors, Raised: in.Raised}
	for _, c := range causes {
		if c.Active {
			f.Categories = append(f.Categories, templates.Option{Value: c.Key, Label: names.of(l, c.Key), Checked: c.Key == in.Category})
		}
	}
	sev := or(in.Severity, string(scripts.SeverityMedium))
	for _, v := range severities {
		f.Severities = append(f.Severities, templates.Option{Value: string(v), Label: i18n.T(l, "severity."+string(v)), Checked: string(v) == sev})
	}
	return f
}

func (s *Server) inboxPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	l := u.Lang
	rows, err := store.New().InboxList(ctx, s.pool, 200)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	names, _, err := s.labels(ctx)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.InboxView{Page: s.page(r, "inbox.title", "inbox")}
	var newest int64
	for _, e := range rows {
		newest = max(newest, e.ID)
		row := templates.InboxRow{
			ID: strconv.FormatInt(e.ID, 10), URL: "/issues/" + strconv.FormatInt(e.IssueID, 10),
			Text: i18n.T(l, "inbox.breached", i18n.Number(l, e.IssueID), isolate(l, names.of(l, e.Category)),
				i18n.T(l, "severity."+e.Severity), isolate(l, e.CustomerName), isolate(l, or(e.Branch, "—")), i18n.T(l, "issue."+e.State)),
			When: i18n.DateTime(l, e.CreatedAt, u.Location),
		}
		if e.ReadAt != nil {
			row.ReadBy = i18n.T(l, "inbox.read_by", e.ReadByName, i18n.DateTime(l, *e.ReadAt, u.Location))
		} else {
			v.Unread++
		}
		v.Entries = append(v.Entries, row)
	}
	v.UpTo = strconv.FormatInt(newest, 10)
	s.render(w, r, http.StatusOK, templates.Inbox(v))
}

// inboxRead marks one entry read (id), or every entry the reader was shown
// (up_to, the newest of them).
func (s *Server) inboxRead(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	positive := func(name string) (int64, bool) {
		n, err := strconv.ParseInt(r.PostFormValue(name), 10, 64)
		return n, err == nil && n > 0
	}
	p := store.InboxMarkReadParams{UserID: &u.ID}
	var ok bool
	if r.PostFormValue("id") != "" {
		p.ID, ok = positive("id")
		p.UpTo = p.ID
	} else {
		p.UpTo, ok = positive("up_to")
	}
	if !ok {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "inbox.bad_id")
		return
	}
	if _, err := store.New().InboxMarkRead(r.Context(), s.pool, p); err != nil {
		s.internalError(w, r, err)
		return
	}
	http.Redirect(w, r, "/inbox", http.StatusSeeOther)
}

func (s *Server) rootCausesPage(w http.ResponseWriter, r *http.Request) {
	s.showRootCauses(w, r, http.StatusOK, templates.RootCausesView{})
}

func (s *Server) showRootCauses(w http.ResponseWriter, r *http.Request, status int, v templates.RootCausesView) {
	list, err := s.issues.RootCauses(r.Context())
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v.Page = s.page(r, "causes.title", "root-causes")
	for _, c := range list {
		row := templates.RootCauseRow{Key: c.Key, LabelEN: c.LabelEn, LabelFA: c.LabelFa, Active: c.Active}
		if c.Key == v.RowKey && v.Form.Key == c.Key {
			row = v.Form
		}
		v.Rows = append(v.Rows, row)
	}
	if v.RowKey != "" {
		v.Form = templates.RootCauseRow{}
	}
	s.render(w, r, status, templates.RootCauses(v))
}

func causeError(l i18n.Lang, err error) (string, string, bool) {
	switch {
	case errors.Is(err, issues.ErrCauseKey):
		return "key", i18n.T(l, "causes.bad_key"), true
	case errors.Is(err, issues.ErrCauseTaken):
		return "key", i18n.T(l, "causes.taken"), true
	case errors.Is(err, issues.ErrCauseLabel):
		return "labels", i18n.T(l, "causes.bad_labels"), true
	}
	return "", "", false
}

func (s *Server) rootCauseAdd(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	c := issues.RootCause{Key: r.PostFormValue("key"), LabelEN: r.PostFormValue("label_en"), LabelFA: r.PostFormValue("label_fa"), Active: true}
	err := s.issues.AddRootCause(r.Context(), u.Username, c)
	if field, msg, ok := causeError(u.Lang, err); ok {
		s.showRootCauses(w, r, http.StatusUnprocessableEntity, templates.RootCausesView{
			Form:   templates.RootCauseRow{Key: c.Key, LabelEN: c.LabelEN, LabelFA: c.LabelFA},
			Errors: map[string]string{field: msg},
		})
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "causes.added"))
	http.Redirect(w, r, "/root-causes", http.StatusSeeOther)
}

func (s *Server) rootCauseUpdate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	c := issues.RootCause{Key: r.PathValue("key"), LabelEN: r.PostFormValue("label_en"), LabelFA: r.PostFormValue("label_fa"), Active: r.PostFormValue("active") != ""}
	err := s.issues.UpdateRootCause(r.Context(), u.Username, c)
	if errors.Is(err, store.ErrNotFound) || errors.Is(err, issues.ErrCauseKey) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if field, msg, ok := causeError(u.Lang, err); ok {
		s.showRootCauses(w, r, http.StatusUnprocessableEntity, templates.RootCausesView{
			RowKey: c.Key, RowErrors: map[string]string{field: msg},
			Form: templates.RootCauseRow{Key: c.Key, LabelEN: c.LabelEN, LabelFA: c.LabelFA, Active: c.Active},
		})
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "causes.saved"))
	http.Redirect(w, r, "/root-causes", http.StatusSeeOther)
}
