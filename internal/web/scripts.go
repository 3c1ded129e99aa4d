package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/worddiff"
	"github.com/tamas-app/tamas/scripts"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) scriptsPage(w http.ResponseWriter, r *http.Request) {
	s.showScripts(w, r, http.StatusOK, "", nil)
}

func (s *Server) showScripts(w http.ResponseWriter, r *http.Request, status int, name string, errs map[string]string) {
	u := userOf(r.Context())
	rows, err := s.editor.List(r.Context())
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.ScriptsView{Page: s.page(r, "scripts.title", "scripts"), Locales: localeOptions(u.Lang), Errors: errs, Name: name}
	for _, row := range rows {
		cur := i18n.T(u.Lang, "scripts.none")
		if row.PublishedNumber > 0 {
			cur = versionName(u.Lang, int(row.PublishedNumber))
		}
		v.Scripts = append(v.Scripts, templates.ScriptRow{
			ID: row.ID, Name: row.Name, Language: i18n.T(u.Lang, "lang."+string(i18n.Parse(row.Locale))),
			Current: cur, HasDraft: row.HasDraft, ChangedAt: i18n.DateTime(u.Lang, row.ChangedAt, u.Location),
		})
	}
	s.render(w, r, status, templates.Scripts(v))
}

func localeOptions(l i18n.Lang) []templates.Option {
	return []templates.Option{
		{Value: "fa", Label: i18n.T(l, "lang.fa")},
		{Value: "en", Label: i18n.T(l, "lang.en")},
	}
}

func (s *Server) scriptCreate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	name := strings.ToLower(strings.TrimSpace(r.PostFormValue("name")))
	locale := string(i18n.Parse(r.PostFormValue("locale")))
	if !scripts.ValidName(name) {
		s.showScripts(w, r, http.StatusUnprocessableEntity, name, map[string]string{"name": i18n.T(u.Lang, "scripts.bad_name")})
		return
	}
	id, err := s.editor.Create(r.Context(), name, locale, u.Username)
	if errors.Is(err, editor.ErrExists) {
		s.showScripts(w, r, http.StatusUnprocessableEntity, name, map[string]string{"name": i18n.T(u.Lang, "scripts.exists")})
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/scripts/%d/edit", id), http.StatusSeeOther)
}

func (s *Server) scriptImport(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	fail := func(msg string) {
		s.showScripts(w, r, http.StatusUnprocessableEntity, "", map[string]string{"file": msg})
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	f, _, err := r.FormFile("file")
	if err != nil {
		fail(i18n.T(u.Lang, "scripts.file_missing"))
		return
	}
	defer f.Close()
	v, err := scripts.DecodeYAML(f)
	problems, refused := invalid.From(err)
	if err != nil && !refused {
		s.internalError(w, r, err)
		return
	}
	if !refused {
		problems = v.Validate()
	}
	if len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = problemText(u.Lang, p)
			if place := scriptPlace(u.Lang, p.Field); place != "" {
				msgs[i] = isolate(u.Lang, place) + ": " + msgs[i]
			}
		}
		fail(strings.Join(msgs, separator(u.Lang, ";")))
		return
	}
	id, n, findings, err := s.editor.Import(r.Context(), v, u.Username, r.PostFormValue("publish") != "")
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	switch {
	case len(findings) > 0:
		s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "scripts.imported_not_published"))
		http.Redirect(w, r, fmt.Sprintf("/scripts/%d/edit", id), http.StatusSeeOther)
	case n > 0:
		s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "scripts.published", i18n.Number(u.Lang, int64(n))))
		http.Redirect(w, r, fmt.Sprintf("/scripts/%d", id), http.StatusSeeOther)
	default:
		s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "scripts.saved"))
		http.Redirect(w, r, fmt.Sprintf("/scripts/%d/edit", id), http.StatusSeeOther)
	}
}

// loadScript reads the script of the route's {id}, answering 404 itself.
func (s *Server) loadScript(w http.ResponseWriter, r *http.Request) (editor.Script, bool) {
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return editor.Script{}, false
	}
	sc, err := s.editor.Script(r.Context(), id)
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return editor.Script{}, false
	}
	if err != nil {
		s.internalError(w, r, err)
		return editor.Script{}, false
	}
	return sc, true
}

func (s *Server) scriptPage(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	sc, ok := s.loadScript(w, r)
	if !ok {
		return
	}
	v := templates.ScriptDetailView{
		Page: s.page(r, "scripts.title", "script"), ID: sc.ID, Name: sc.Name,
		Language: i18n.T(u.Lang, "lang."+string(i18n.Parse(sc.Locale))),
	}
	cur := sc.Current()
	for _, ver := range sc.Versions {
		state := i18n.T(u.Lang, "scripts.draft")
		if ver.Published != nil {
			state = i18n.T(u.Lang, "scripts.published_on", i18n.DateTime(u.Lang, *ver.Published, u.Location))
		}
		v.Versions = append(v.Versions, templates.VersionRow{
			Number: ver.Number, Name: versionName(u.Lang, ver.Number), State: state, By: ver.By, At: i18n.DateTime(u.Lang, ver.At, u.Location),
			Responses: i18n.Number(u.Lang, ver.Responses), Waiting: i18n.Number(u.Lang, ver.Waiting),
			Published: ver.Published != nil, Current: cur != nil && cur.Number == ver.Number,
		})
	}
	if cur != nil {
		pv := scriptView(cur.Body, cur.ID, cur.Number, sampleFill(sc.Locale, u.Name), nil, nil)
		v.Preview = &pv
	}
	if len(sc.Versions) > 1 {
		v.DiffA, v.DiffB = strconv.Itoa(sc.Versions[1].Number), strconv.Itoa(sc.Versions[0].Number)
	}
	s.render(w, r, http.StatusOK, templates.ScriptDetail(v))
}

// scriptPlace names where in a script a problem is, for a message: intro
// and closing in the reader's language, a question by its key; "" for the
// file itself.
func scriptPlace(l i18n.Lang, field string) string {
	switch field {
	case "file":
		return ""
	case "intro", "closing":
		return i18n.T(l, "scripts."+field+"_label")
	}
	return field
}

// separator is a comma or semicolon and a space as l writes them.
func separator(l i18n.Lang, mark string) string {
	if l == i18n.FA {
		mark = strings.NewReplacer(",", "،", ";", "؛").Replace(mark)
	}
	return mark + " "
}

// versionName is a script version as people read it: "v2", "نسخهٔ ۲".
func versionName(l i18n.Lang, n int) string {
	return i18n.T(l, "scripts.version_n", i18n.Number(l, int64(n)))
}

// sampleFill stands in for a customer in previews.
func sampleFill(locale, agent string) map[string]string {
	if i18n.Parse(locale) == i18n.FA {
		return map[string]string{"customer": "مریم رضایی", "product": "عینک مطالعه", "branch": "تجریش", "agent": agent}
	}
	return map[string]string{"customer": "Emma Clark", "product": "Phone A12", "branch": "Vanak", "agent": agent}
}

// scriptPreview shows a version (v=N; the draft without v) with the call
// page's own components.
func (s *Server) scriptPreview(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	sc, ok := s.loadScript(w, r)
	if !ok {
		return
	}
	ver := sc.Draft()
	if n, err := strconv.Atoi(r.URL.Query().Get("v")); err == nil {
		ver = sc.ByNumber(n)
	}
	if ver == nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	s.render(w, r, http.StatusOK, templates.ScriptPreview(templates.ScriptPreviewView{
		Page:   s.page(r, "scripts.preview", "preview"),
		Back:   fmt.Sprintf("/scripts/%d", sc.ID),
		Script: scriptView(ver.Body, ver.ID, ver.Number, sampleFill(sc.Locale, u.Name), nil, nil),
	}))
}

func (s *Server) scriptDiff(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	sc, ok := s.loadScript(w, r)
	if !ok {
		return
	}
	an, errA := strconv.Atoi(r.URL.Query().Get("a"))
	bn, errB := strconv.Atoi(r.URL.Query().Get("b"))
	a, b := sc.ByNumber(an), sc.ByNumber(bn)
	if errA != nil || errB != nil || a == nil || b == nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	side := func(ver *editor.Version) string {
		state := i18n.T(u.Lang, "scripts.draft")
		if ver.Published != nil {
			state = i18n.T(u.Lang, "scripts.published_on", i18n.DateTime(u.Lang, *ver.Published, u.Location))
		}
		return i18n.T(u.Lang, "scripts.diff_side", versionName(u.Lang, ver.Number), state)
	}
	v := templates.DiffView{
		Page: s.page(r, "scripts.diff", "diff"), Back: fmt.Sprintf("/scripts/%d", sc.ID),
		A: side(a), B: side(b), Part: i18n.T(u.Lang, "scripts.diff_part"),
	}
	for _, c := range scripts.Diff(a.Body, b.Body) {
		row := templates.DiffRow{Where: c.Where, Kind: c.Kind, Label: i18n.T(u.Lang, "diff."+c.Kind)}
		switch c.Where {
		case "intro", "closing":
			row.Where = i18n.T(u.Lang, "scripts."+c.Where+"_label")
		}
		fields := make([]string, len(c.Fields))
		for i, f := range c.Fields {
			fields[i] = i18n.T(u.Lang, "diff.field."+f)
		}
		row.Fields = strings.Join(fields, separator(u.Lang, ","))
		words := worddiff.Words(c.Old, c.New)
		row.Old, row.New = worddiff.Old(words), worddiff.New(words)
		v.Changes = append(v.Changes, row)
	}
	s.render(w, r, http.StatusOK, templates.Diff(v))
}

func (s *Server) scriptExport(w http.ResponseWriter, r *http.Request) {
	sc, ok := s.loadScript(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(strings.TrimSuffix(r.PathValue("file"), ".yaml"))
	ver := sc.ByNumber(n)
	if err != nil || ver == nil || ver.Published == nil {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	w.Header().Set("Content-Type", "application/yaml; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s-v%d.yaml"`, sc.Name, sc.Locale, n))
	if err := scripts.EncodeYAML(w, ver.Body); err != nil {
		s.log.Error("exporting script", "err", err)
	}
}

// scriptMove gives the waiting follow-ups of older versions the current one.
func (s *Server) scriptMove(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	sc, ok := s.loadScript(w, r)
	if !ok {
		return
	}
	n, err := strconv.Atoi(r.PostFormValue("to"))
	if err != nil {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "error.generic")
		return
	}
	moved, err := s.editor.Move(r.Context(), sc.ID, n)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("follow-ups moved to a script version", "by", u.Username, "script", sc.Name, "version", n, "moved", moved)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "scripts.moved", i18n.Number(u.Lang, moved), i18n.Number(u.Lang, int64(n))))
	http.Redirect(w, r, fmt.Sprintf("/scripts/%d", sc.ID), http.StatusSeeOther)
}
