package automated_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/automated"
	"github.com/tamas-app/tamas/internal/automated/automatedtest"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/publicsurvey"
	"github.com/tamas-app/tamas/internal/surveylink"
)

const linkLadder = `[{"channel": "link", "wait_minutes": 1440}, {"channel": "agent", "wait_minutes": 0}]`

// linkSite is a site whose follow-up's link text was sent; it returns the
// link's token.
func linkSite(t *testing.T) (*automatedtest.Site, string) {
	t.Helper()
	s := open(t, automatedtest.Opts{First: "link", Ladder: linkLadder})
	if errs := s.Work(t); len(errs) > 0 {
		t.Fatal(errs)
	}
	msgs := s.Fake.Messages()
	if len(msgs) != 1 {
		t.Fatalf("%d texts sent, want the one with the link", len(msgs))
	}
	_, token, ok := strings.Cut(msgs[0].Body, "/s/")
	if !ok {
		t.Fatalf("the link step's text %q holds no survey link", msgs[0].Body)
	}
	return s, token
}

func TestLinkStepSendsOneTextWithItsLink(t *testing.T) {
	t.Parallel()
	s, token := linkSite(t)
	// The start job running again sends nothing more.
	if err := s.Service.StartStep(t.Context(), s.FollowUp, 0); err != nil {
		t.Fatal(err)
	}
	s.Work(t)
	if n := len(s.Fake.Messages()); n != 1 {
		t.Errorf("%d texts after the step started twice, want 1", n)
	}
	signer, err := s.Surveys.Signer(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if id, err := signer.ReadLink(token, now); err != nil || id != s.FollowUp {
		t.Errorf("the text's token reads as follow-up %d (%v), want %d", id, err, s.FollowUp)
	}
	if id, err := signer.ReadLink(token, now.Add(automated.LinkTTL+time.Minute)); !errors.Is(err, surveylink.ErrExpired) || id != s.FollowUp {
		t.Errorf("the token after LinkTTL: %d, %v; want follow-up %d, expired", id, err, s.FollowUp)
	}
	var channel, disposition string
	if err := s.Pool.QueryRow(t.Context(), `SELECT channel, disposition FROM attempts WHERE follow_up_id = $1`, s.FollowUp).Scan(&channel, &disposition); err != nil {
		t.Fatal(err)
	}
	if channel != "link" || disposition != "link_sent" {
		t.Errorf("attempt %s/%s, want link/link_sent", channel, disposition)
	}
}

func TestLinkAnsweredOnceRaisesAnIssue(t *testing.T) {
	t.Parallel()
	s, token := linkSite(t)
	ctx := t.Context()
	sv, err := s.Surveys.AnswerLink(ctx, token, map[string]string{"overall": "1", "working": "no"})
	if err != nil || sv.Status != publicsurvey.Thanked {
		t.Fatalf("answering: %+v, %v; want thanked", sv.Status, err)
	}
	var state, channel string
	var issues int
	if err := s.Pool.QueryRow(ctx, `SELECT f.state, r.channel, (SELECT count(*) FROM issues i WHERE i.follow_up_id = f.id)
		FROM follow_ups f JOIN responses r ON r.follow_up_id = f.id WHERE f.id = $1`, s.FollowUp).Scan(&state, &channel, &issues); err != nil {
		t.Fatal(err)
	}
	if state != "completed" || channel != "link" || issues != 1 {
		t.Errorf("follow-up %s, response on %s, %d issues; want completed, link, 1", state, channel, issues)
	}
	again, err := s.Surveys.AnswerLink(ctx, token, map[string]string{"overall": "5", "working": "yes"})
	if err != nil || again.Status != publicsurvey.Answered {
		t.Errorf("second submit: %+v, %v; want already answered", again.Status, err)
	}
	var responses int
	s.Pool.QueryRow(ctx, `SELECT count(*) FROM responses WHERE follow_up_id = $1`, s.FollowUp).Scan(&responses)
	if responses != 1 {
		t.Errorf("%d responses after a second submit, want 1", responses)
	}
}

func TestLinkBadAnswersAreRefusedAndNothingIsStored(t *testing.T) {
	t.Parallel()
	s, token := linkSite(t)
	_, err := s.Surveys.AnswerLink(t.Context(), token, map[string]string{
		"overall": "9", "comments": "bad \xff bytes",
	})
	probs, ok := invalid.From(err)
	if !ok {
		t.Fatalf("bad answers: %v, want the problems", err)
	}
	for field, code := range map[string]string{"overall": "answer.rating", "working": "answer.required", "comments": "answer.utf8"} {
		if on := probs.On(field); len(on) != 1 || on[0].Code != code {
			t.Errorf("problems on %s: %+v, want %s", field, on, code)
		}
	}
	var responses int
	s.Pool.QueryRow(t.Context(), `SELECT count(*) FROM responses`).Scan(&responses)
	if responses != 0 {
		t.Errorf("%d responses stored from refused answers, want 0", responses)
	}
}

func TestExpiredLinkStoresNothing(t *testing.T) {
	t.Parallel()
	s, _ := linkSite(t)
	signer, err := s.Surveys.Signer(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	expired := signer.Link(s.FollowUp, now.Add(-time.Hour))
	sv, err := s.Surveys.AnswerLink(t.Context(), expired, map[string]string{"overall": "1", "working": "no"})
	if err != nil || sv.Status != publicsurvey.Expired {
		t.Fatalf("an expired link: %+v, %v; want expired", sv.Status, err)
	}
	var responses int
	s.Pool.QueryRow(t.Context(), `SELECT count(*) FROM responses`).Scan(&responses)
	if responses != 0 {
		t.Errorf("%d responses stored through an expired link, want 0", responses)
	}
}
