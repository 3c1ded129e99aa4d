package console_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/invalid"
)

// A released call goes back to the queue with no attempt counted; the
// agent who released it is not offered it again until the release runs
// out, another agent is.
func TestReleaseReturnsTheCallToTheQueue(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.due(t, "S-1", tehran(1))
	f.MakeDue(t, now)
	a, b := f.agent(t, "a"), f.agent(t, "b")
	if got := f.claim(t, f.Console, a); got != id {
		t.Fatalf("a got %d, want %d", got, id)
	}
	before := f.stored(t)
	if err := f.Console.Release(ctx, id, a, console.Release{Reason: "busy", Note: " on a break "}); err != nil {
		t.Fatal(err)
	}
	if fu := f.followUp(t, id); fu.State != "due" || fu.Attempts != 0 || fu.ClaimedBy != nil {
		t.Errorf("after release: %+v, want due, no attempt, unclaimed", fu)
	}
	after := f.stored(t)
	if after.Attempts != before.Attempts || after.Events != before.Events+1 {
		t.Errorf("release stored %+v, had %+v: want one event and no attempt", after, before)
	}
	if n := f.Count(t, `SELECT count(*) FROM customers WHERE held_by IS NOT NULL`); n != 0 {
		t.Errorf("%d customers still held after the release", n)
	}
	if n := f.Count(t, `SELECT count(*) FROM audit_log WHERE entity = 'follow_up' AND after->>'reason' = 'busy' AND after->>'note' = 'on a break'`); n != 1 {
		t.Errorf("%d audit rows of the release, want 1", n)
	}
	f.checkCounts(t, "after a release")

	if got, err := f.Console.ClaimNext(ctx, a.ID, a.Name); !errors.Is(err, console.ErrNothingDue) {
		t.Errorf("a claims again: %d, %v; want ErrNothingDue, a released the only call", got, err)
	}
	q, err := f.Console.Queue(ctx, a.ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(q.Next) != 0 {
		t.Errorf("a's queue lists %+v, want nothing", q.Next)
	}
	if got := f.claim(t, f.Console, b); got != id {
		t.Errorf("b got %d, want the released %d", got, id)
	}
	if err := f.Console.Release(ctx, id, b, console.Release{Reason: "language"}); err != nil {
		t.Fatal(err)
	}
	// Once a's release has run out, a is offered the call again.
	if _, err := f.Pool.Exec(ctx, `UPDATE follow_up_releases SET until = now() - interval '1 second' WHERE user_id = $1`, a.ID); err != nil {
		t.Fatal(err)
	}
	if got := f.claim(t, f.Console, a); got != id {
		t.Errorf("a got %d after the release ran out, want %d", got, id)
	}
}

func TestReleaseByAnotherAgentIsRefused(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.due(t, "S-1", tehran(1))
	f.MakeDue(t, now)
	a, b := f.agent(t, "a"), f.agent(t, "b")
	f.claim(t, f.Console, a)
	if err := f.Console.Release(ctx, id, b, console.Release{Reason: "busy"}); !errors.Is(err, console.ErrNotHeld) {
		t.Errorf("b releases a's call: %v, want ErrNotHeld", err)
	}
	if fu := f.followUp(t, id); fu.State != "claimed" || fu.ClaimedBy == nil || *fu.ClaimedBy != a.ID {
		t.Errorf("follow-up %+v, want still claimed by a", fu)
	}
	if n := f.Count(t, `SELECT count(*) FROM follow_up_releases`); n != 0 {
		t.Errorf("%d releases stored for a refused release", n)
	}
}

func TestReleaseNeedsAReason(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.due(t, "S-1", tehran(1))
	f.MakeDue(t, now)
	a := f.agent(t, "a")
	f.claim(t, f.Console, a)
	for _, tc := range []struct {
		in   console.Release
		code string
	}{
		{console.Release{Reason: ""}, "release.reason"},
		{console.Release{Reason: "bored"}, "release.reason"},
		{console.Release{Reason: "other", Note: "  "}, "release.note_needed"},
	} {
		probs, ok := invalid.From(f.Console.Release(ctx, id, a, tc.in))
		if !ok || !probs.Has(tc.code) {
			t.Errorf("release %+v: %v, want %s", tc.in, probs, tc.code)
		}
	}
	if fu := f.followUp(t, id); fu.State != "claimed" {
		t.Errorf("refused releases left %+v, want still claimed", fu)
	}
}
