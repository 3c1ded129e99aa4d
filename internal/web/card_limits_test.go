package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/publicsurvey"
)

// cardOf is the path of the card of the branch P-1 was sold at (تجریش).
func (s *site) cardOf(t *testing.T) string {
	t.Helper()
	var branch int64
	if err := s.Pool.QueryRow(t.Context(), `SELECT branch_id FROM sales WHERE external_id = 'P-1'`).Scan(&branch); err != nil {
		t.Fatal(err)
	}
	token, _, err := s.Surveys.CardToken(t.Context(), branch)
	if err != nil {
		t.Fatal(err)
	}
	return "/b/" + token
}

// cardAnswers is a full answer set of the default script.
func cardAnswers(receipt string) url.Values {
	return url.Values{"answer.overall": {"2"}, "answer.working": {"no"}, "receipt": {receipt}}
}

func TestCardReceiptAnswersOnce(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	card := s.cardOf(t)
	v := s.visitor(t)
	first := v.post(t, card+"?lang=en", cardAnswers("P-1"))
	first.wantStatus(t, "the first answer with receipt P-1", http.StatusOK)
	if !strings.Contains(first.body, `data-testid="thanks"`) {
		t.Fatal("the first answer with receipt P-1 was not thanked")
	}
	again := s.visitor(t).post(t, card+"?lang=en", cardAnswers("P-1"))
	again.wantStatus(t, "a second answer with receipt P-1", http.StatusUnprocessableEntity)
	if !strings.Contains(again.body, `data-testid="problem-receipt"`) || !strings.Contains(again.body, "already reached us") {
		t.Error("the second answer with receipt P-1 does not say, beside the receipt, that it was answered")
	}
	if !strings.Contains(again.body, `value="2" checked`) {
		t.Error("the refused answer lost the rating chosen")
	}
	if n := s.Count(t, `SELECT count(*) FROM follow_ups f JOIN sales s ON s.id = f.sale_id WHERE f.kind = 'card' AND s.external_id = 'P-1'`); n != 1 {
		t.Errorf("%d card answers on sale P-1, want 1", n)
	}
	// Without the receipt, the same customer can still say more.
	s.visitor(t).post(t, card+"?lang=en", cardAnswers("")).wantStatus(t, "an anonymous answer after the receipt's", http.StatusOK)
}

func TestCardAnswersFromOneClientAreLimited(t *testing.T) {
	t.Parallel()
	s := openSiteWith(t, siteOpts{trustedProxies: "127.0.0.1/32"})
	card := s.cardOf(t)
	v := s.visitor(t)
	from := func(addr string, form url.Values) pageReply {
		return v.do(t, http.MethodPost, card+"?lang=fa", form, map[string]string{"X-Forwarded-For": addr})
	}
	for i := range config.DefaultCardAnswersPerHour {
		if r := from("203.0.113.5", cardAnswers("")); r.status != http.StatusOK {
			t.Fatalf("answer %d from one client: %d, want 200", i+1, r.status)
		}
	}
	issuesBefore := s.Count(t, `SELECT count(*) FROM issues`)
	over := from("203.0.113.5", cardAnswers(""))
	over.wantStatus(t, "one answer too many from one client", http.StatusTooManyRequests)
	if secs, err := strconv.Atoi(over.header.Get("Retry-After")); err != nil || secs <= 0 || secs > int(publicsurvey.CardWindow/time.Second) {
		t.Errorf("Retry-After %q, want whole seconds within the window", over.header.Get("Retry-After"))
	}
	if !strings.Contains(over.body, `data-testid="problem"`) || !strings.Contains(over.body, "۶۰ دقیقهٔ دیگر") {
		t.Error("the refused page does not say, in Persian digits, when to send again")
	}
	if !strings.Contains(over.body, `value="2" checked`) {
		t.Error("the refused page lost the rating chosen")
	}
	if n := s.Count(t, `SELECT count(*) FROM follow_ups WHERE kind = 'card'`); n != config.DefaultCardAnswersPerHour {
		t.Errorf("%d card answers stored, want %d", n, config.DefaultCardAnswersPerHour)
	}
	if n := s.Count(t, `SELECT count(*) FROM issues`); n != issuesBefore {
		t.Errorf("the refused answer raised %d issues", n-issuesBefore)
	}
	// Bad answers are not counted against anyone, and another client is
	// not held up by this one.
	from("203.0.113.6", url.Values{"answer.overall": {"9"}}).wantStatus(t, "a bad answer from another client", http.StatusUnprocessableEntity)
	from("203.0.113.6", cardAnswers("")).wantStatus(t, "another client's answer", http.StatusOK)
	// An hour after its first answer, the client may answer again.
	s.SetNow(s.Now().Add(publicsurvey.CardWindow + time.Second))
	from("203.0.113.5", cardAnswers("")).wantStatus(t, "the client's answer once the hour is over", http.StatusOK)
	if n := s.Count(t, `SELECT count(*) FROM card_answers WHERE encode(client, 'escape') LIKE '%203.0.113%'`); n != 0 {
		t.Errorf("%d card answers keep the client's address; only a keyed hash of it may be kept", n)
	}
}

// TAMAS_CARD_ANSWERS_PER_HOUR sets the limit, for where many customers
// share one address.
func TestCardAnswerLimitIsASetting(t *testing.T) {
	t.Parallel()
	s := openSiteWith(t, siteOpts{cardAnswersPerHour: 2})
	card := s.cardOf(t)
	v := s.visitor(t)
	for _, want := range []int{http.StatusOK, http.StatusOK, http.StatusTooManyRequests} {
		v.post(t, card, cardAnswers("")).wantStatus(t, "an answer with a limit of 2", want)
	}
}

// A visitor who picks Persian on the card's page gets the answers' page
// in Persian too, whatever their browser's language: the form carries the
// choice.
func TestCardKeepsTheLanguageThePageWasIn(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	card := s.cardOf(t)
	v := s.visitor(t)
	page := v.do(t, http.MethodGet, card+"?lang=fa", nil, map[string]string{"Accept-Language": "en-GB,en"})
	action := regexp.MustCompile(`<form[^>]*action="([^"]*)"`).FindStringSubmatch(page.body)
	if action == nil || action[1] != card+"?lang=fa" {
		t.Fatalf("the Persian card's form posts to %v, want %s", action, card+"?lang=fa")
	}
	r := v.do(t, http.MethodPost, action[1], url.Values{"answer.overall": {"4"}}, map[string]string{"Accept-Language": "en-GB,en"})
	r.wantStatus(t, "a Persian answer missing a required one", http.StatusUnprocessableEntity)
	if lang, dir := htmlLangDir(t, r.body); lang != "fa" || dir != "rtl" {
		t.Errorf("the refused answers' page is lang=%q dir=%q, want fa, rtl", lang, dir)
	}
}
