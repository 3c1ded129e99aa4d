package web

import (
	"errors"
	"net/http"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

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

func (s *Server) rootCauseAdd(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	c := issues.RootCause{Key: r.PostFormValue("key"), LabelEN: r.PostFormValue("label_en"), LabelFA: r.PostFormValue("label_fa"), Active: true}
	err := s.issues.AddRootCause(r.Context(), u.Username, c)
	if ps, ok := invalid.From(err); ok {
		s.showRootCauses(w, r, http.StatusUnprocessableEntity, templates.RootCausesView{
			Form:   templates.RootCauseRow{Key: c.Key, LabelEN: c.LabelEN, LabelFA: c.LabelFA},
			Errors: problemTexts(u.Lang, ps),
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
	ps, refused := invalid.From(err)
	// The key comes from the address: one that cannot exist is not found.
	if errors.Is(err, store.ErrNotFound) || ps.Has(issues.CodeCauseKey) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if refused {
		s.showRootCauses(w, r, http.StatusUnprocessableEntity, templates.RootCausesView{
			RowKey: c.Key, RowErrors: problemTexts(u.Lang, ps),
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
