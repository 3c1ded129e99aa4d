package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
	"github.com/tamas-app/tamas/templates"
)

// customersPage is the header search's answer: one customer found on the
// first page opens at once, more are listed a page at a time.
func (s *Server) customersPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	l := userOf(ctx).Lang
	query := r.URL.Query().Get("q")
	page, err := strconv.Atoi(or(r.URL.Query().Get("page"), "0"))
	if err != nil || page < 0 {
		page = 0
	}
	found, err := s.customers.Search(ctx, query, page)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if page == 0 && len(found.Matches) == 1 && !found.More {
		http.Redirect(w, r, customerPath(found.Matches[0].ID), http.StatusSeeOther)
		return
	}
	v := templates.CustomersView{Page: s.page(r, "customers.title", "customers"), Query: query}
	for _, m := range found.Matches {
		v.Rows = append(v.Rows, templates.CustomerRow{Href: customerPath(m.ID), Name: m.Name, Phone: phoneText(l, m.Phone)})
	}
	at := func(p int) string {
		return "/customers?" + url.Values{"q": {query}, "page": {strconv.Itoa(p)}}.Encode()
	}
	if page > 0 {
		v.Prev = at(page - 1)
	}
	if found.More {
		v.Next = at(page + 1)
	}
	s.render(w, r, http.StatusOK, templates.Customers(v))
}

func customerPath(id int64) string { return "/customers/" + strconv.FormatInt(id, 10) }

// customerForms is what a refused form on the customer page sent, shown
// again.
type customerForms struct {
	complaint manualInput
	note      string
	noteError string
}

func (s *Server) customerPage(w http.ResponseWriter, r *http.Request) {
	s.showCustomer(w, r, http.StatusOK, customerForms{})
}

func (s *Server) showCustomer(w http.ResponseWriter, r *http.Request, status int, forms customerForms) {
	ctx := r.Context()
	u := userOf(ctx)
	l := u.Lang
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	c, err := s.customers.Card(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	names, causes, err := s.labels(ctx)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	cu := c.Customer
	custLoc := s.location(cu.Timezone)
	now := time.Now()
	path := customerPath(id)
	v := templates.CustomerView{
		Page:            s.page(r, "customer.title", "customer"),
		Customer:        customerCard(l, cu.Name, cu.Locale, cu.Phone, now, custLoc),
		OptedOut:        cu.OptedOutAt != nil,
		Complaint:       manualForm(l, forms.complaint, names, causes),
		ComplaintAction: path + "/complaints",
		NoteAction:      path + "/notes",
		Note:            forms.note,
		NoteError:       forms.noteError,
	}
	v.Page.Title = cu.Name + " · " + v.Page.Title
	for _, sa := range c.Sales {
		v.Sales = append(v.Sales, templates.SaleCard{
			Product: or(sa.ProductName, sa.ProductSku), SKU: sa.ProductSku, Branch: sa.Branch,
			ExternalID: sa.ExternalID, SoldAt: i18n.Date(l, sa.SoldAt, custLoc),
		})
	}
	for _, f := range c.FollowUps {
		v.FollowUps = append(v.FollowUps, templates.CustomerFollowUpRow{
			Due: i18n.Date(l, f.DueAt, custLoc), State: i18n.T(l, "state."+f.State), Script: f.ScriptName,
		})
	}
	for i, a := range c.Answers {
		if i == 0 || c.Answers[i-1].ResponseID != a.ResponseID {
			v.Answers = append(v.Answers, templates.AnswerGroup{Heading: answeredHeading(l, a, custLoc)})
		}
		g := &v.Answers[len(v.Answers)-1]
		g.Lines = append(g.Lines, templates.AnswerLine{Key: a.QuestionKey, Value: a.Value})
	}
	desk := s.issues != nil && slices.Contains(desk, u.Role)
	for _, is := range c.Issues {
		text := i18n.T(l, "call.issue_line", i18n.T(l, "severity."+is.Severity), names.of(l, is.Category),
			i18n.Date(l, is.CreatedAt, u.Location), i18n.T(l, "issue."+is.State)) + " · " + i18n.T(l, "issue.origin_"+is.Origin)
		row := templates.CustomerIssueRow{Text: text, Pending: is.State == "open" || is.State == "in_progress"}
		if desk {
			row.Href = "/issues/" + strconv.FormatInt(is.ID, 10)
		}
		v.Issues = append(v.Issues, row)
	}
	for _, n := range c.Notes {
		v.Notes = append(v.Notes, templates.NoteRow{Author: n.Author, When: i18n.DateTime(l, n.CreatedAt, u.Location), Body: n.Body})
	}
	s.render(w, r, status, templates.Customer(v))
}

// customerCard is a customer as the issue and customer pages head them:
// name, phone, language and the time it is where they are.
func customerCard(l i18n.Lang, name, locale, phone string, now time.Time, loc *time.Location) templates.CustomerCard {
	return templates.CustomerCard{
		Name: name, Lang: locale, Phone: phoneText(l, phone), TelURL: "tel:" + phone,
		LocalTime: i18n.DateTime(l, now, loc) + " (" + i18n.Zone(l, now, loc) + ")",
		Language:  i18n.T(l, "lang."+string(i18n.Parse(locale))),
	}
}

// answeredHeading names a response on the customer page: when, and who
// took it down.
func answeredHeading(l i18n.Lang, a store.CustomerAnswersRow, loc *time.Location) string {
	return i18n.T(l, "customer.answered", i18n.DateTime(l, a.CreatedAt, loc), a.CapturedBy)
}

// customerComplaint logs a complaint any staff member heard outside a
// call as an issue of the customer.
func (s *Server) customerComplaint(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	in := manualInput{Category: r.PostFormValue("category"), Severity: r.PostFormValue("severity"), Note: r.PostFormValue("said")}
	raised, err := s.issues.Complain(ctx, issues.Complaint{
		CustomerID: id, UserID: u.ID, Actor: u.Username,
		Category: in.Category, Severity: scripts.Severity(in.Severity), Said: in.Note,
	})
	ps, refused := invalid.From(err)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
	case errors.Is(err, issues.ErrNoSale):
		s.sessions.Put(ctx, "flash", i18n.T(u.Lang, "complaint.no_sale"))
		http.Redirect(w, r, customerPath(id), http.StatusSeeOther)
	case refused:
		in.Errors = problemTexts(u.Lang, ps)
		s.showCustomer(w, r, http.StatusUnprocessableEntity, customerForms{complaint: in})
	case err != nil:
		s.internalError(w, r, err)
	default:
		key := "complaint.raised"
		if !raised.Opened {
			key = "complaint.joined"
		}
		s.sessions.Put(ctx, "flash", i18n.T(u.Lang, key, i18n.Number(u.Lang, raised.IssueID)))
		http.Redirect(w, r, customerPath(id), http.StatusSeeOther)
	}
}

// customerNote keeps a staff member's note on the customer.
func (s *Server) customerNote(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := userOf(ctx)
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	body := r.PostFormValue("body")
	err := s.customers.AddNote(ctx, id, u.ID, body)
	ps, refused := invalid.From(err)
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
	case refused:
		s.showCustomer(w, r, http.StatusUnprocessableEntity, customerForms{note: body, noteError: problemTexts(u.Lang, ps)["body"]})
	case err != nil:
		s.internalError(w, r, err)
	default:
		s.sessions.Put(ctx, "flash", i18n.T(u.Lang, "customer.note_saved"))
		http.Redirect(w, r, customerPath(id), http.StatusSeeOther)
	}
}
