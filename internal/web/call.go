package web

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/branches"
	"github.com/tamas-app/tamas/internal/calls"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) callPage(w http.ResponseWriter, r *http.Request) {
	s.showCallWith(w, r, http.StatusOK, callState{})
}

// callState is what a refused form on the call page sent, shown again:
// the call itself, the "report a problem" form or the "release" form.
type callState struct {
	sub             console.Submission
	problems        invalid.Problems
	manual          manualInput
	release         console.Release
	releaseProblems invalid.Problems
}

// showCall renders the call page, with what the agent sent and the
// problems to fix when a submission was refused.
func (s *Server) showCall(w http.ResponseWriter, r *http.Request, status int, sub console.Submission, problems invalid.Problems) {
	s.showCallWith(w, r, status, callState{sub: sub, problems: problems})
}

func (s *Server) showCallWith(w http.ResponseWriter, r *http.Request, status int, st callState) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	c, err := s.console.LoadCall(r.Context(), id, u.ID)
	if errors.Is(err, console.ErrNotHeld) || errors.Is(err, store.ErrNotFound) {
		s.claimLost(w, r)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	names, causes, err := s.labels(r.Context())
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := s.callView(r, u, c, st.sub, st.problems, names)
	v.Issue = manualForm(u.Lang, st.manual, names, causes)
	v.Release = releaseForm(u.Lang, st.release, st.releaseProblems)
	s.render(w, r, status, templates.Call(v))
}

func (s *Server) callView(r *http.Request, u *user, c console.Call, sub console.Submission, problems invalid.Problems, names labels) templates.CallView {
	l := u.Lang
	now := time.Now()
	// The script is read to the customer in its own language, so the
	// branch is named in it, not as the sale spelt it.
	branch := c.Branch
	if len(c.Sales) > 0 {
		branch = branches.Name(i18n.Parse(c.Script.Locale), c.Sales[0].Branch)
	}
	fill := map[string]string{"customer": c.CustomerName, "product": c.Product, "branch": branch, "agent": u.Name}
	answers := sub.Answers
	if answers == nil && len(c.Partial) > 0 {
		// What the customer answered by SMS is filled in for the agent to
		// confirm; a refused form shows what the agent sent instead.
		answers = map[string]string{}
		for _, p := range c.Partial {
			answers[p.Key] = p.Value
		}
	}
	// Every problem is the agent's to fix, so it is in the agent's language,
	// the questions' too, whatever language the script is in.
	byField := map[string]string{}
	for _, p := range problems {
		byField[p.Field] = i18n.Problem(l, p)
	}
	v := templates.CallView{
		Page:      s.page(r, "call.title", "call"),
		Action:    "/calls/" + strconv.FormatInt(c.ID, 10),
		HeldUntil: i18n.T(l, "call.claim_expires", i18n.Time(l, c.ClaimExpiresAt, u.Location)),
		Attempt:   i18n.T(l, "call.attempt", i18n.Number(l, int64(c.AttemptsMade+1)), i18n.Number(l, int64(c.MaxAttempts))),
		Customer: templates.CustomerCard{
			Name: c.CustomerName, Lang: c.Locale, Phone: phoneText(l, c.Phone), TelURL: "tel:" + c.Phone,
			LocalTime: i18n.DateTime(l, now, c.Location) + " (" + i18n.Zone(l, now, c.Location) + ")",
			YourTime:  i18n.DateTime(l, now, u.Location),
			Language:  i18n.T(l, "lang."+string(i18n.Parse(c.Locale))),
		},
		Sales:    callSales(l, c),
		Script:   scriptView(c.Script, c.ScriptVersionID, c.ScriptNumber, fill, answers, byField),
		Notes:    sub.Notes,
		Problems: byField,
	}
	if sub.CallbackAt != "" {
		v.CallbackAt = sub.CallbackAt
	}
	for i, d := range calls.Dispositions {
		v.Dispositions = append(v.Dispositions, templates.Option{
			Value: string(d), Label: i18n.T(l, "dispo."+string(d)), Key: strconv.Itoa(i + 1),
			Checked: sub.Disposition == string(d),
		})
	}
	for _, is := range c.OpenIssues {
		text := i18n.T(l, "call.issue_line", i18n.T(l, "severity."+is.Severity), names.of(l, is.Category),
			i18n.Date(l, is.RaisedAt, u.Location), i18n.T(l, "issue."+is.State))
		if is.Breached {
			text += " · " + i18n.T(l, "issue.breached")
		}
		v.OpenIssues = append(v.OpenIssues, templates.IssueRow{Text: text, Breached: is.Breached})
	}
	v.History = historyRows(l, u.Location, c.History)
	for _, p := range c.Partial {
		v.Partial = append(v.Partial, templates.PartialRow{
			Prompt: scripts.Fill(p.Prompt, fill), Lang: c.Script.Locale, Answer: answerText(l, p.Type, p.Value),
			When: i18n.T(l, "call.partial_when", i18n.T(l, "channel."+p.Channel), i18n.DateTime(l, p.At, u.Location)),
		})
	}
	v.Summary, v.Focus = problemSummary(l, v, problems)
	return v
}

// callSales lists the sales the call asks about, each dated in the
// customer's zone as the rest of the card, in the agent's calendar.
func callSales(l i18n.Lang, c console.Call) templates.CallSales {
	card := templates.CallSales{Title: i18n.T(l, "call.sale")}
	if len(c.Sales) > 1 {
		card.Title = i18n.T(l, "call.sales", i18n.Number(l, int64(len(c.Sales))))
	}
	for _, sl := range c.Sales {
		card.Lines = append(card.Lines, templates.SaleCard{
			Product: sl.Product, SKU: sl.SKU, Branch: branches.Name(l, sl.Branch), ExternalID: sl.ExternalID,
			SoldAt: i18n.Date(l, sl.SoldAt, c.Location),
		})
	}
	return card
}

// problemSummary lists a refused call's problems in the order the page
// shows their fields, each linking to its field, and names the field the
// page opens on, so the agent sees why at once without scrolling.
func problemSummary(l i18n.Lang, v templates.CallView, problems invalid.Problems) ([]templates.ProblemLink, string) {
	if len(problems) == 0 {
		return nil, ""
	}
	var out []templates.ProblemLink
	for _, q := range v.Script.Questions {
		if q.Problem != "" {
			out = append(out, templates.ProblemLink{Href: "#" + q.FieldID(), Label: q.Prompt, Lang: v.Script.Lang, Text: q.Problem})
		}
	}
	for _, f := range []struct{ field, label string }{
		{"disposition", "call.outcome"}, {"callback_at", "callback.at"}, {"notes", "call.notes"},
	} {
		if text := v.Problems[f.field]; text != "" {
			out = append(out, templates.ProblemLink{Href: "#" + templates.FieldID(f.field), Label: i18n.T(l, f.label), Text: text})
		}
	}
	if text := v.Problems["script"]; text != "" {
		out = append(out, templates.ProblemLink{Text: text})
	}
	focus := ""
	if len(out) > 0 && out[0].Href != "" {
		focus = out[0].Href[1:]
	}
	return out, focus
}

// historyRows shows a customer's earlier follow-ups in the reader's
// language and zone.
func historyRows(l i18n.Lang, loc *time.Location, history []console.HistoryItem) []templates.HistoryRow {
	var out []templates.HistoryRow
	for _, h := range history {
		row := templates.HistoryRow{
			Product: h.Product, When: i18n.Date(l, h.SoldAt, loc), State: i18n.T(l, "state."+h.State),
		}
		if h.Kind == "recovery" {
			row.Product += " · " + i18n.T(l, "history.recovery")
			row.When = i18n.T(l, "history.recovery_due", i18n.Date(l, h.DueAt, loc))
		}
		for _, a := range h.Answers {
			row.Answers = append(row.Answers, templates.HistoryAnswer{Prompt: a.Prompt, Value: answerText(l, a.Type, a.Value), Bad: a.Triggered})
		}
		for _, a := range h.Attempts {
			line := i18n.DateTime(l, a.At, loc) + " · " + i18n.T(l, "dispo."+a.Disposition)
			if a.Notes != "" {
				line += " · " + a.Notes
			}
			row.Attempts = append(row.Attempts, line)
		}
		out = append(out, row)
	}
	return out
}

// scriptView is a script version as the call page and the editor's preview
// show it, in the script's own language; problems are by question key,
// already in the reader's language.
func scriptView(v scripts.Version, id int64, number int, fill, answers, problems map[string]string) templates.ScriptView {
	l := i18n.Parse(v.Locale)
	sv := templates.ScriptView{
		Lang: v.Locale, Dir: v.Dir(),
		Title:     i18n.T(l, "call.script"),
		Name:      v.Name,
		Version:   versionName(l, number),
		Intro:     scripts.Fill(v.Intro, fill),
		Closing:   scripts.Fill(v.Closing, fill),
		VersionID: strconv.FormatInt(id, 10),
	}
	for _, q := range v.Questions {
		qv := templates.QuestionView{
			Key: q.Key, Prompt: scripts.Fill(q.Prompt, fill), Type: string(q.Type), Required: q.Required,
			Value: answers[q.Key], Problem: problems[q.Key],
		}
		for _, o := range questionOptions(q, l) {
			o.Checked = answers[q.Key] == o.Value
			qv.Options = append(qv.Options, o)
		}
		sv.Questions = append(sv.Questions, qv)
	}
	return sv
}

// answerText shows a stored answer to staff: scales in their digits,
// yes and no in their words, anything else as the customer said it.
func answerText(l i18n.Lang, t scripts.QuestionType, value string) string {
	switch {
	case t == scripts.Rating || t == scripts.NPS:
		return i18n.Digits(l, value)
	case t == scripts.YesNo && (value == "yes" || value == "no"):
		return i18n.T(l, value)
	}
	return value
}

// questionOptions are the radio choices of a question, labelled in the
// script's language; the values are what ParseAnswers accepts.
func questionOptions(q scripts.Question, l i18n.Lang) []templates.Option {
	var out []templates.Option
	span := func(from, to int) {
		for n := from; n <= to; n++ {
			v := strconv.Itoa(n)
			out = append(out, templates.Option{Value: v, Label: i18n.Digits(l, v)})
		}
	}
	switch q.Type {
	case scripts.Rating:
		span(1, 5)
	case scripts.NPS:
		span(0, 10)
	case scripts.YesNo:
		out = append(out, templates.Option{Value: "yes", Label: i18n.T(l, "yes")}, templates.Option{Value: "no", Label: i18n.T(l, "no")})
	case scripts.Choice:
		for _, o := range q.Options {
			out = append(out, templates.Option{Value: o, Label: o})
		}
	}
	return out
}

func (s *Server) callSubmit(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.generic")
		return
	}
	versionID, _ := strconv.ParseInt(r.PostForm.Get("script_version_id"), 10, 64)
	sub := console.Submission{
		Disposition:     r.PostForm.Get("disposition"),
		ScriptVersionID: versionID,
		Notes:           r.PostForm.Get("notes"),
		CallbackAt:      r.PostForm.Get("callback_at"),
		Lang:            u.Lang,
		Answers:         map[string]string{},
	}
	for k, vals := range r.PostForm {
		if key, ok := strings.CutPrefix(k, "answer."); ok && len(vals) > 0 {
			if strings.TrimSpace(vals[0]) != "" {
				sub.Answers[key] = vals[0]
			}
		}
	}
	state, problems, err := s.console.Submit(r.Context(), id, console.User{ID: u.ID, Name: u.Username}, sub)
	if errors.Is(err, console.ErrNotHeld) {
		s.claimLost(w, r)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if problems != nil {
		s.showCall(w, r, http.StatusUnprocessableEntity, sub, problems)
		return
	}
	flash := i18n.T(u.Lang, "call.saved", i18n.T(u.Lang, "state."+state))
	raised, err := s.raisedText(r.Context(), u.Lang, id)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.sessions.Put(r.Context(), "flash", strings.TrimSpace(flash+" "+raised))
	http.Redirect(w, r, "/queue", http.StatusSeeOther)
}

// raisedText tells the agent, in l, how many issues the call's answers
// raised and of which categories; "" when none.
func (s *Server) raisedText(ctx context.Context, l i18n.Lang, id int64) (string, error) {
	categories, err := s.console.RaisedBy(ctx, id)
	if err != nil || len(categories) == 0 {
		return "", err
	}
	names, _, err := s.labels(ctx)
	if err != nil {
		return "", err
	}
	shown := make([]string, len(categories))
	for i, c := range categories {
		shown[i] = names.of(l, c)
	}
	if len(shown) == 1 {
		return i18n.T(l, "call.raised_one", shown[0]), nil
	}
	return i18n.T(l, "call.raised_many", i18n.Number(l, int64(len(shown))), strings.Join(shown, listSep(l))), nil
}

// claimLost sends an agent whose call is no longer theirs back to the
// queue, saying why.
func (s *Server) claimLost(w http.ResponseWriter, r *http.Request) {
	s.sessions.Put(r.Context(), "flash", i18n.T(userOf(r.Context()).Lang, "error.claim_lost"))
	http.Redirect(w, r, "/queue", http.StatusSeeOther)
}

// pathID reads the {id} of a route; only positive integers are ids.
func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id, err == nil && id > 0
}

// callExtend is the call page's heartbeat: 204 while the agent holds the
// call, 409 once they do not.
func (s *Server) callExtend(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		http.NotFound(w, r)
		return
	}
	err := s.console.Extend(r.Context(), id, userOf(r.Context()).ID)
	if errors.Is(err, console.ErrNotHeld) {
		w.WriteHeader(http.StatusConflict)
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
