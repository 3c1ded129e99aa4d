package web

import (
	"net/http"
	"strconv"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

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
