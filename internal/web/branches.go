package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/tamas-app/tamas/internal/branches"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) branchesPage(w http.ResponseWriter, r *http.Request) {
	s.showBranches(w, r, http.StatusOK, 0, nil, nil)
}

// showBranches renders the page; problems belong to branch failed's form
// (0: the merge form), whose typed names in are shown again.
func (s *Server) showBranches(w http.ResponseWriter, r *http.Request, status int, failed int64, in *templates.BranchRow, probs invalid.Problems) {
	l := userOf(r.Context()).Lang
	list, err := s.branches.List(r.Context())
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.BranchesView{Page: s.page(r, "branches.title", "branches")}
	for _, b := range list {
		id := strconv.FormatInt(b.ID, 10)
		row := templates.BranchRow{ID: id, Code: b.Code, NameEn: b.NameEn, NameFa: b.NameFa}
		if b.ID == failed && in != nil {
			row.NameEn, row.NameFa, row.Errors = in.NameEn, in.NameFa, map[string]string{}
			for _, p := range probs {
				row.Errors[p.Field] = i18n.Problem(l, p)
			}
		}
		v.Rows = append(v.Rows, row)
		v.Choices = append(v.Choices, templates.Option{Value: id, Label: branches.Name(l, b) + " · " + b.Code})
	}
	if failed == 0 && len(probs) > 0 {
		v.MergeErr = i18n.Problem(l, probs[0])
	}
	s.render(w, r, status, templates.Branches(v))
}

func (s *Server) branchSave(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || r.ParseForm() != nil {
		s.errorPage(w, r, http.StatusNotFound, "error.generic")
		return
	}
	in := templates.BranchRow{NameEn: r.PostFormValue("name_en"), NameFa: r.PostFormValue("name_fa")}
	err = s.branches.SetNames(r.Context(), u.Username, id, in.NameEn, in.NameFa)
	s.branchesDone(w, r, id, &in, err)
}

func (s *Server) branchMerge(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	if r.ParseForm() != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.generic")
		return
	}
	into, _ := strconv.ParseInt(r.PostFormValue("into"), 10, 64)
	from, _ := strconv.ParseInt(r.PostFormValue("from"), 10, 64)
	err := s.branches.Merge(r.Context(), u.Username, into, from)
	if err == nil {
		s.log.Info("branches merged", "by", u.Username, "into", into, "from", from)
	}
	s.branchesDone(w, r, 0, nil, err)
}

// branchesDone answers a change: back to the page, or the page again with
// the refusal, or a 404 for a branch that is gone.
func (s *Server) branchesDone(w http.ResponseWriter, r *http.Request, id int64, in *templates.BranchRow, err error) {
	probs, refused := invalid.From(err)
	switch {
	case err == nil:
		s.sessions.Put(r.Context(), "flash", i18n.T(userOf(r.Context()).Lang, "branches.saved"))
		http.Redirect(w, r, "/branches", http.StatusSeeOther)
	case errors.Is(err, store.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "branches.unknown")
	case refused:
		s.showBranches(w, r, http.StatusUnprocessableEntity, id, in, probs)
	default:
		s.internalError(w, r, err)
	}
}
