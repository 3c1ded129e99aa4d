package console_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/console"
)

// speaks sets the languages an agent speaks, as an admin would.
func (f *fixture) speaks(t *testing.T, u console.User, langs ...string) {
	t.Helper()
	if _, err := f.Pool.Exec(context.Background(), `UPDATE users SET languages = $1 WHERE id = $2`, langs, u.ID); err != nil {
		t.Fatal(err)
	}
}

// An English-only agent is never offered a Persian customer, nor a Persian
// one an English customer (#12: the Persian agent got an English customer
// in London with the English script); a bilingual agent gets both.
func TestClaimNextOffersOnlyLanguagesTheAgentSpeaks(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	persian := f.due(t, "S-1", tehran(1))
	english := f.due(t, "S-2", london(1))
	// 15:00 in Tehran, 11:30 in London: both inside their window.
	at := now.Add(3 * time.Hour)
	f.MakeDue(t, at)
	svc := f.console(at)
	en, en2, fa := f.agent(t, "en"), f.agent(t, "en2"), f.agent(t, "fa")
	f.speaks(t, en, "en")
	f.speaks(t, en2, "en")

	q, err := svc.Queue(ctx, en.ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	if q.DueNow != 1 || q.DueInOtherLanguages != 1 || len(q.Next) != 1 || q.Next[0].ID != english {
		t.Errorf("English agent's queue: due %d, other languages %d, listed %+v; want 1, 1 and only %d",
			q.DueNow, q.DueInOtherLanguages, q.Next, english)
	}
	if id := f.claim(t, svc, en); id != english {
		t.Errorf("English agent got %d, want the London customer %d", id, english)
	}
	if id, err := svc.ClaimNext(ctx, en2.ID, en2.Name); !errors.Is(err, console.ErrNothingDue) {
		t.Errorf("second English agent got %d, %v; want ErrNothingDue: only a Persian customer waits", id, err)
	}
	// fa's languages were never set: they speak their UI language, Persian.
	if id := f.claim(t, svc, fa); id != persian {
		t.Errorf("Persian agent got %d, want the Tehran customer %d", id, persian)
	}
}

func TestClaimNextGivesABilingualAgentBothLanguages(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	persian := f.due(t, "S-1", tehran(1))
	// A regional tag is matched by its language.
	english := f.due(t, "S-2", customer{"Emma Clark", "+447911000002", "Europe/London", "en-GB"})
	at := now.Add(3 * time.Hour)
	f.MakeDue(t, at)
	svc := f.console(at)
	both := f.agent(t, "both")
	f.speaks(t, both, "fa", "en")
	got := map[int64]bool{}
	for range 2 {
		id := f.claim(t, svc, both)
		got[id] = true
		if _, err := f.Pool.Exec(ctx, `UPDATE follow_ups SET state = 'completed' WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
	}
	if !got[persian] || !got[english] {
		t.Errorf("bilingual agent got %v, want %d and %d", got, persian, english)
	}
}

// Supervisors see the languages customers wait in that no enabled agent
// speaks.
func TestUnspokenCountsLanguagesNoAgentSpeaks(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.due(t, "S-1", tehran(1))
	f.due(t, "S-2", london(1))
	f.due(t, "S-3", london(2))
	f.due(t, "S-4", customer{"Ali", "+971501234567", "Asia/Dubai", "ar-AE"})
	f.MakeDue(t, now.Add(3*time.Hour))
	f.agent(t, "fa")
	off := f.agent(t, "off")
	f.speaks(t, off, "en")
	if _, err := f.Pool.Exec(context.Background(), `UPDATE users SET disabled_at = now() WHERE id = $1`, off.ID); err != nil {
		t.Fatal(err)
	}
	got, err := f.console(now.Add(3 * time.Hour)).Unspoken(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []console.LanguageCount{{Language: "en", Due: 2}, {Language: "ar", Due: 1}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("unspoken %+v, want %+v (the English agent is disabled)", got, want)
	}
}
