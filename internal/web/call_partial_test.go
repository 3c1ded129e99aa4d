package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// TestCallShowsWhatTheCustomerAnsweredBySMS: a follow-up that reaches the
// agent after a half-answered SMS survey shows the agent the answers, in
// the agent's language, and fills them in the form to confirm.
func TestCallShowsWhatTheCustomerAnsweredBySMS(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t)
	s.Work(t)
	p := s.Fake.InboundSMS(s.Phone, "+15005550006", "۴")
	if err := s.Service.InboundSMS(t.Context(), p); err != nil {
		t.Fatal(err)
	}
	s.Work(t)
	if _, err := s.Pool.Exec(t.Context(), `UPDATE twilio_messages SET created_at = created_at - interval '31 minutes' WHERE direction = 'inbound'`); err != nil {
		t.Fatal(err)
	}
	if err := s.Service.Advance(t.Context(), s.FollowUp, 0); err != nil {
		t.Fatal(err)
	}
	pages := &site{App: s.App}
	pages.addUser(t, "emma", "agent", "fa", "Asia/Tehran")
	v := pages.signedIn(t, "emma")
	if got, err := s.Console.ClaimNext(t.Context(), pages.userID(t, "emma"), "emma"); err != nil || got != s.FollowUp {
		t.Fatalf("claimed %d, %v; want follow-up %d", got, err, s.FollowUp)
	}
	r := v.get(t, "/calls/"+strconv.FormatInt(s.FollowUp, 10))
	r.wantStatus(t, "call page", http.StatusOK)
	for _, want := range []string{
		`data-testid="partial"`, "پاسخ‌های پیشین مشتری", "به‌طور کلی چقدر از خریدتان راضی هستید؟", "<strong><bdi>۴</bdi></strong>", "، پیش از ",
		// Filled in for the agent to confirm.
		`name="answer.overall" value="4" checked`,
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("the call page lacks %q", want)
		}
	}
	if strings.Count(r.body, `data-testid="partial-answer"`) != 1 {
		t.Errorf("want one answer shown: the second question was not answered")
	}
}
