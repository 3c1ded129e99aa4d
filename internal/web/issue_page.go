package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/branches"
	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

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
	recorded := auditActors(d.Changes)
	for _, t := range d.Triggers {
		recorded = append(recorded, t.CapturedBy)
	}
	people, err := s.actorsOf(ctx, l, u.Role == auth.RoleAdmin, recorded)
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
		Page:     s.page(r, "issue.title", "issue"),
		Action:   "/issues/" + strconv.FormatInt(is.ID, 10),
		Heading:  i18n.T(l, "issue.heading", i18n.Number(l, is.ID), names.of(l, is.Category)),
		Overdue:  overdue,
		Customer: customerCard(l, d.CustomerName, d.Locale, d.Phone, now, custLoc),
		OptedOut: d.OptedOutAt != nil,
		Sale: templates.SaleCard{
			Product: or(d.ProductName, d.ProductSku), SKU: d.ProductSku,
			Branch:     branches.Name(l, store.Branch{Code: d.Branch, NameEn: d.BranchNameEn, NameFa: d.BranchNameFa}),
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
			When: i18n.DateTime(l, t.At, u.Location),
		})
		row := &v.Triggers[len(v.Triggers)-1]
		row.By, row.ByTitle = people.who(t.CapturedBy)
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
	v.Changes = issueChanges(l, u.Location, d.Changes, names, userNames, people)
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
func issueChanges(l i18n.Lang, loc *time.Location, rows []store.AuditLog, names labels, users map[int64]string, people actors) []templates.AuditEntry {
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
		e := templates.AuditEntry{When: i18n.DateTime(l, row.At, loc)}
		e.Who, e.WhoTitle = people.who(row.Actor)
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
