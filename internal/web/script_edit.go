package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tamas-app/tamas/internal/editor"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/scripts"
	"github.com/tamas-app/tamas/templates"
)

// scriptEditPage shows the draft, or the current version to start one from.
func (s *Server) scriptEditPage(w http.ResponseWriter, r *http.Request) {
	sc, ok := s.loadScript(w, r)
	if !ok {
		return
	}
	var v scripts.Version
	switch {
	case sc.Draft() != nil:
		v = sc.Draft().Body
	case sc.Current() != nil:
		v = sc.Current().Body
	default:
		v = scripts.Default(sc.Locale)
	}
	slots := make([]int, len(v.Questions))
	for i := range slots {
		slots[i] = i
	}
	s.showScriptEdit(w, r, http.StatusOK, sc, v, slots, nil)
}

func (s *Server) showScriptEdit(w http.ResponseWriter, r *http.Request, status int, sc editor.Script, v scripts.Version, slots []int, found []scripts.Finding) {
	u := userOf(r.Context())
	causes, causeList, err := s.labels(r.Context())
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	view := templates.ScriptEditView{
		Page:   s.page(r, "scripts.edit", "script-edit"),
		Action: fmt.Sprintf("/scripts/%d/edit", sc.ID), Back: fmt.Sprintf("/scripts/%d", sc.ID),
		Name: sc.Name, Language: i18n.T(u.Lang, "lang."+string(i18n.Parse(sc.Locale))),
		Lang: sc.Locale, Dir: v.Dir(), Intro: v.Intro, Closing: v.Closing,
		Findings:     map[string][]templates.FindingView{},
		Reading:      i18n.T(u.Lang, "scripts.reading", i18n.Number(u.Lang, int64(s.editor.Guard().ReadingSeconds(v)))),
		MaxQuestions: i18n.T(u.Lang, "scripts.max_questions", i18n.Number(u.Lang, scripts.MaxQuestions)),
	}
	if view.Dir == "" {
		view.Dir = "ltr"
	}
	for _, t := range []scripts.QuestionType{scripts.Rating, scripts.NPS, scripts.YesNo, scripts.Choice, scripts.Text} {
		view.Types = append(view.Types, templates.Option{Value: string(t), Label: i18n.T(u.Lang, "qtype."+string(t))})
	}
	for _, sev := range []string{"low", "medium", "high", "critical"} {
		view.Severities = append(view.Severities, templates.Option{Value: sev, Label: i18n.T(u.Lang, "severity."+sev)})
	}
	for _, k := range []string{"", "at_most", "equals", "contains"} {
		view.TriggerKinds = append(view.TriggerKinds, templates.Option{Value: k, Label: i18n.T(u.Lang, "trigger."+or(k, "none"))})
	}
	view.Categories = append(view.Categories, templates.Option{Value: "", Label: i18n.T(u.Lang, "scripts.category_none")})
	listed := map[string]bool{"": true}
	for _, c := range causeList {
		if c.Active {
			view.Categories = append(view.Categories, templates.Option{Value: c.Key, Label: causes.of(u.Lang, c.Key)})
			listed[c.Key] = true
		}
	}
	slotOf := map[string]int{}
	for i, q := range v.Questions {
		slot := i
		if i < len(slots) {
			slot = slots[i]
		}
		slotOf[q.Key] = slot
	}
	byIndex := map[int]scripts.Question{}
	for i, q := range v.Questions {
		byIndex[slotOf[q.Key]] = v.Questions[i]
	}
	for i := range scripts.MaxQuestions {
		qf := templates.QuestionForm{Index: i, Number: i18n.Number(u.Lang, int64(i+1)), Type: string(scripts.Rating), Severity: "medium"}
		if q, ok := byIndex[i]; ok {
			qf.Key, qf.Prompt, qf.Type, qf.Required = q.Key, q.Prompt, string(q.Type), q.Required
			qf.Options = strings.Join(q.Options, "\n")
			qf.TriggerKind, qf.TriggerValue = triggerToForm(u.Lang, q.Trigger)
			qf.Choices = triggerChoices(u.Lang, q)
			if q.Trigger != nil {
				qf.Severity, qf.Category = string(q.Trigger.Severity), q.Trigger.Category
				// A retired or unknown category stays selectable, so saving
				// the page does not silently drop it.
				if !listed[qf.Category] {
					view.Categories = append(view.Categories, templates.Option{Value: qf.Category, Label: causes.of(u.Lang, qf.Category)})
					listed[qf.Category] = true
				}
			}
		}
		view.Questions = append(view.Questions, qf)
	}
	for _, f := range found {
		where, place := f.Where, ""
		switch {
		case where == "intro":
			place = i18n.T(u.Lang, "scripts.intro_label")
		case where == "closing":
			place = i18n.T(u.Lang, "scripts.closing_label")
		case where == "questions" || where == "script" || where == "name" || where == "locale":
			where = ""
		default:
			slot, ok := slotOf[f.Where]
			if n, err := strconv.Atoi(strings.TrimPrefix(f.Where, "questions.")); !ok && err == nil && n >= 1 && n <= len(slots) {
				// A question without a key is named by its position.
				slot, ok = slots[n-1], true
			}
			where = ""
			if ok {
				where = "q" + strconv.Itoa(slot)
				place = i18n.T(u.Lang, "scripts.question") + " " + i18n.Number(u.Lang, int64(slot+1))
			}
		}
		fv := templates.FindingView{Place: place, Words: strings.Join(f.Words, ", "), Reason: problemText(u.Lang, f.Problem)}
		view.Findings[where] = append(view.Findings[where], fv)
		view.Refused = append(view.Refused, fv)
	}
	s.render(w, r, status, templates.ScriptEdit(view))
}

// scriptEditSubmit always saves the draft; publishing then asks the guard,
// whose reasons are shown next to the text they are about.
func (s *Server) scriptEditSubmit(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	sc, ok := s.loadScript(w, r)
	if !ok {
		return
	}
	if err := r.ParseForm(); err != nil {
		s.errorPage(w, r, http.StatusBadRequest, "error.generic")
		return
	}
	v, slots := versionFromForm(r.PostForm)
	v.Name, v.Locale = sc.Name, sc.Locale
	if r.PostForm.Get("action") != "publish" {
		if err := s.editor.SaveDraft(r.Context(), sc.ID, v, u.Username); err != nil {
			s.internalError(w, r, err)
			return
		}
		s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "scripts.saved"))
		http.Redirect(w, r, fmt.Sprintf("/scripts/%d/edit", sc.ID), http.StatusSeeOther)
		return
	}
	n, findings, err := s.editor.SaveAndPublish(r.Context(), sc.ID, v, u.Username)
	if errors.Is(err, editor.ErrNoDraft) {
		s.errorPage(w, r, http.StatusConflict, "error.generic")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if len(findings) > 0 {
		s.showScriptEdit(w, r, http.StatusUnprocessableEntity, sc, v, slots, findings)
		return
	}
	s.log.Info("script published", "by", u.Username, "script", sc.Name, "locale", sc.Locale, "version", n)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "scripts.published", i18n.Number(u.Lang, int64(n))))
	http.Redirect(w, r, fmt.Sprintf("/scripts/%d", sc.ID), http.StatusSeeOther)
}
