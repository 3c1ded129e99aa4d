package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/publicsurvey"
	"github.com/tamas-app/tamas/scripts"
	"github.com/tamas-app/tamas/templates"
)

// maxSurveyBody bounds a public survey's form: five answers of at most
// 2,000 characters each, in UTF-8 and URL-encoded, fit well within it.
const maxSurveyBody = 256 << 10

// surveyLink shows the survey page of a link step's text (/s/{token}).
func (s *Server) surveyLink(w http.ResponseWriter, r *http.Request) {
	sv, err := s.surveys.Link(r.Context(), r.PathValue("token"))
	s.showSurvey(w, r, sv, nil, nil, err)
}

// surveyLinkAnswer stores its answers, once.
func (s *Server) surveyLinkAnswer(w http.ResponseWriter, r *http.Request) {
	raw, ok := s.surveyForm(w, r)
	if !ok {
		return
	}
	sv, err := s.surveys.AnswerLink(r.Context(), r.PathValue("token"), raw)
	s.showSurvey(w, r, sv, raw, nil, err)
}

// branchCardSurvey is the page a branch's card leads to (/b/{token}).
func (s *Server) branchCardSurvey(w http.ResponseWriter, r *http.Request) {
	sv, err := s.surveys.Card(r.Context(), r.PathValue("token"), visitorLang(r))
	s.showSurvey(w, r, sv, nil, nil, err)
}

func (s *Server) branchCardAnswer(w http.ResponseWriter, r *http.Request) {
	raw, ok := s.surveyForm(w, r)
	if !ok {
		return
	}
	receipt := r.PostFormValue("receipt")
	client := auth.ClientKey(clientAddr(r, s.trustedProxies))
	sv, err := s.surveys.AnswerCard(r.Context(), r.PathValue("token"), visitorLang(r), client, receipt, raw)
	s.showSurvey(w, r, sv, raw, &receipt, err)
}

// surveyForm reads a public survey's answers ("answer.<key>" fields). These
// routes skip refuseBadText: text that is not UTF-8 is the answer's
// problem, shown beside it with the other answers kept.
func (s *Server) surveyForm(w http.ResponseWriter, r *http.Request) (map[string]string, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, maxSurveyBody)
	if err := r.ParseForm(); err != nil {
		status := http.StatusBadRequest
		if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
			status = http.StatusRequestEntityTooLarge
		}
		s.showSurvey(w, r, publicsurvey.Survey{}, nil, nil, errBadForm{status})
		return nil, false
	}
	raw := map[string]string{}
	for k, vs := range r.PostForm {
		if key, ok := strings.CutPrefix(k, "answer."); ok && len(vs) > 0 {
			raw[key] = vs[0]
		}
	}
	return raw, true
}

type errBadForm struct{ status int }

func (e errBadForm) Error() string { return "unreadable survey form: " + strconv.Itoa(e.status) }

// showSurvey renders a public survey page for what the service said:
// typed answers (raw) and the receipt are shown again beside their
// problems.
func (s *Server) showSurvey(w http.ResponseWriter, r *http.Request, sv publicsurvey.Survey, raw map[string]string, receipt *string, err error) {
	card := strings.HasPrefix(r.URL.Path, "/b/")
	lang := sv.Lang
	if lang == "" {
		lang = visitorLang(r)
	}
	page := templates.Page{Lang: lang, Body: "public-survey"}
	v := templates.PublicSurveyView{Page: page, Status: string(sv.Status), Action: r.URL.Path, ShowReceipt: card}
	if card {
		// The card's page is in the language the visitor picked, which the
		// answers' page must keep.
		v.Action += "?lang=" + url.QueryEscape(lang.String())
	}
	probs, refused := invalid.From(err)
	status := http.StatusOK
	var bad errBadForm
	var tooMany *publicsurvey.TooManyError
	switch {
	case err == nil || refused:
	case errors.As(err, &tooMany):
		minutes := int64((tooMany.RetryAfter + time.Minute - 1) / time.Minute)
		w.Header().Set("Retry-After", strconv.Itoa(int((tooMany.RetryAfter+time.Second-1)/time.Second)))
		status, v.Problem = http.StatusTooManyRequests, i18n.T(lang, "card.too_many", i18n.Number(lang, minutes))
	case errors.Is(err, publicsurvey.ErrUnknown):
		status, v.Status = http.StatusNotFound, "invalid"
	case errors.As(err, &bad):
		status, v.Status = bad.status, "invalid"
	default:
		s.internalError(w, r, err)
		return
	}
	if refused {
		status = http.StatusUnprocessableEntity
		v.Problem = i18n.T(lang, "link.fix")
	}
	switch sv.Status {
	case publicsurvey.Expired:
		status = http.StatusGone
	case publicsurvey.Answered:
		if r.Method == http.MethodPost {
			status = http.StatusConflict
		}
	}
	if card {
		v.Page.Title = i18n.T(lang, "card.title")
		v.Heading = v.Page.Title
		name := sv.BranchEn
		if lang == i18n.FA && sv.BranchFa != "" || name == "" {
			name = sv.BranchFa
		}
		v.Intro = i18n.T(lang, "card.intro", name)
		other := i18n.FA
		if lang == i18n.FA {
			other = i18n.EN
		}
		v.OtherLang = r.URL.Path + "?lang=" + url.QueryEscape(other.String())
		v.OtherLangLabel = i18n.T(other, "card.other_language")
	} else {
		v.Page.Title = i18n.T(lang, "link.title")
		v.Heading = v.Page.Title
		v.Intro = i18n.T(lang, "link.greeting", sv.FirstName)
	}
	for _, q := range sv.Version.Questions {
		typed := strings.ToValidUTF8(raw[q.Key], "\uFFFD")
		sq := templates.SurveyQuestion{Key: q.Key, Prompt: q.Prompt, Required: q.Required, Text: q.Type == scripts.Text, Value: typed}
		if !sq.Text {
			sq.Choices = choices(lang, q, typed)
		}
		if on := probs.On(q.Key); len(on) > 0 {
			sq.Error = i18n.Problem(lang, on[0])
		}
		v.Questions = append(v.Questions, sq)
	}
	if receipt != nil {
		v.Receipt = strings.ToValidUTF8(*receipt, "\uFFFD")
	}
	if on := probs.On("receipt"); len(on) > 0 {
		v.ReceiptErr = i18n.Problem(lang, on[0])
	}
	s.render(w, r, status, templates.PublicSurvey(v))
}

// choices are the buttons of a question that is not a text: the scale's
// numbers in the page's digits, yes and no, or the options.
func choices(l i18n.Lang, q scripts.Question, typed string) []templates.SurveyChoice {
	var out []templates.SurveyChoice
	add := func(value, label string) {
		out = append(out, templates.SurveyChoice{Value: value, Label: label, Checked: typed == value})
	}
	if lo, hi, ok := q.Type.Scale(); ok {
		for n := lo; n <= hi; n++ {
			add(strconv.Itoa(n), i18n.Number(l, int64(n)))
		}
		return out
	}
	switch q.Type {
	case scripts.YesNo:
		add("yes", i18n.T(l, "link.yes"))
		add("no", i18n.T(l, "link.no"))
	case scripts.Choice:
		for _, o := range q.Options {
			add(o, o)
		}
	}
	return out
}
