package console_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/console"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// now is a Tuesday: 12:00 in Tehran and 08:30 in London. Under the default
// calendar (Monday to Friday, 10:00 to 19:00 in the customer's zone) Tehran
// may be called and London may not yet.
var now = apptest.Now

const claimTTL = 10 * time.Minute

type fixture struct{ *apptest.App }

// setup gives the test its own database with the default calendar and
// rule, the app on a clock pinned to now, and a pool large enough for the
// concurrent tests to really run their claims side by side.
// setup's tests sell one customer several times to pin what a call shows
// and does with each follow-up, so every sale gets its own follow-up here;
// contact frequency is intake's to test.
func setup(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{apptest.Open(t, apptest.Opts{At: now, MaxConns: 48})}
	apptest.AskAlways(t, f.Pool)
	return f
}

// console is a console service on the fixture's database whose clock reads at.
func (f *fixture) console(at time.Time) *console.Service {
	return console.New(console.Opts{
		Pool: f.Pool, River: f.River, ClaimTTL: claimTTL,
		Now: func() time.Time { return at }, Location: f.Location,
	})
}

type customer struct{ name, phone, tz, locale string }

func tehran(n int) customer {
	return customer{fmt.Sprintf("مشتری %d", n), fmt.Sprintf("+98912%07d", n), "Asia/Tehran", "fa"}
}

func london(n int) customer {
	return customer{fmt.Sprintf("Customer %d", n), fmt.Sprintf("+447911%06d", n), "Europe/London", "en"}
}

// sell ingests one sale to c, sold ago before now, and returns its
// follow-up's id.
func (f *fixture) sell(t *testing.T, externalID string, c customer, ago time.Duration) int64 {
	t.Helper()
	out, err := f.Intake.Ingest(context.Background(), f.Shop, []sales.Input{{
		ExternalID: externalID,
		Customer:   sales.CustomerInput{Name: c.name, Phone: c.phone, Timezone: c.tz, Locale: c.locale},
		Product:    sales.ProductInput{SKU: "GL-1", Name: "عینک", Category: "glasses"},
		Branch:     "Tajrish",
		SoldAt:     now.Add(-ago).Format(time.RFC3339),
	}})
	if err != nil {
		t.Fatal(err)
	}
	if out[0].Status != intake.StatusCreated {
		t.Fatalf("sale %s: %+v, want created", externalID, out[0])
	}
	return out[0].FollowUp.ID
}

// due sells to c ten days ago, so that its follow-up is due by now.
func (f *fixture) due(t *testing.T, externalID string, c customer) int64 {
	t.Helper()
	return f.sell(t, externalID, c, 10*24*time.Hour)
}

// agent adds an agent; the hash is never checked here.
func (f *fixture) agent(t *testing.T, name string) console.User {
	t.Helper()
	return f.User(t, "agent-"+name, "agent")
}

type followUp struct {
	State      string
	DueAt      time.Time
	Attempts   int
	ClaimedBy  *int64
	CallbackBy *int64
}

func (f *fixture) followUp(t *testing.T, id int64) followUp {
	t.Helper()
	var fu followUp
	if err := f.Pool.QueryRow(context.Background(),
		`SELECT state, due_at, attempt_count, claimed_by, callback_by FROM follow_ups WHERE id = $1`, id,
	).Scan(&fu.State, &fu.DueAt, &fu.Attempts, &fu.ClaimedBy, &fu.CallbackBy); err != nil {
		t.Fatal(err)
	}
	return fu
}

// stored counts what a submission writes, to show that a refused one
// writes nothing.
type stored struct{ Responses, Answers, Attempts, Events, DueJobs int }

func (f *fixture) stored(t *testing.T) stored {
	t.Helper()
	return stored{
		Responses: f.Count(t, `SELECT count(*) FROM responses`),
		Answers:   f.Count(t, `SELECT count(*) FROM answers`),
		Attempts:  f.Count(t, `SELECT count(*) FROM attempts`),
		Events:    f.Count(t, `SELECT count(*) FROM follow_up_events`),
		DueJobs:   f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'followup_due'`),
	}
}

func (f *fixture) claim(t *testing.T, svc *console.Service, u console.User) int64 {
	t.Helper()
	id, err := svc.ClaimNext(context.Background(), u.ID, u.Name)
	if err != nil {
		t.Fatalf("%s claims: %v", u.Name, err)
	}
	return id
}

func deref(p *int64) string {
	if p == nil {
		return "NULL"
	}
	return fmt.Sprint(*p)
}

// claimAll has every agent ask for the next call at the same moment and
// returns what each got (0 for ErrNothingDue).
func claimAll(t *testing.T, svc *console.Service, agents []console.User) []int64 {
	t.Helper()
	got := make([]int64, len(agents))
	errs := make([]error, len(agents))
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i, a := range agents {
		wg.Go(func() {
			<-start
			got[i], errs[i] = svc.ClaimNext(context.Background(), a.ID, a.Name)
		})
	}
	close(start)
	wg.Wait()
	for i, err := range errs {
		if err != nil && !errors.Is(err, console.ErrNothingDue) {
			t.Fatalf("agent %s: %v", agents[i].Name, err)
		}
	}
	return got
}

// rule sets the default rule's attempts and spacing for the sales sold
// after it.
func (f *fixture) rule(t *testing.T, maxAttempts, spacingMinutes int32) {
	t.Helper()
	if err := store.New().RuleUpsert(context.Background(), f.Pool, store.RuleUpsertParams{
		Category: "", DelayDays: 7, Channel: "agent", ScriptName: "default", Priority: 50,
		MaxAttempts: maxAttempts, RetrySpacingMinutes: spacingMinutes,
	}); err != nil {
		t.Fatal(err)
	}
}

// hangUpAll ends every held call as "busy" through Submit, the way agents
// release calls, and makes the retries due again at once.
func (f *fixture) hangUpAll(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	rows, err := f.Pool.Query(ctx, `SELECT id, claimed_by FROM follow_ups WHERE state = 'claimed'`)
	if err != nil {
		t.Fatal(err)
	}
	type held struct{ id, by int64 }
	var calls []held
	for rows.Next() {
		var h held
		if err := rows.Scan(&h.id, &h.by); err != nil {
			t.Fatal(err)
		}
		calls = append(calls, h)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, h := range calls {
		state, problems, err := f.Console.Submit(ctx, h.id, console.User{ID: h.by, Name: "test"}, console.Submission{Disposition: "busy"})
		if err != nil || problems != nil || state != "no_answer" {
			t.Fatalf("hanging up %d: %q, %+v, %v", h.id, state, problems, err)
		}
	}
	f.MakeDue(t, now.Add(30*24*time.Hour))
}

func TestClaimNextGivesEachFollowUpToOneAgent(t *testing.T) {
	t.Parallel()
	f := setup(t)
	const n = 20
	var want []int64
	for i := range n {
		want = append(want, f.due(t, fmt.Sprintf("S-%d", i), tehran(i)))
	}
	f.MakeDue(t, now)
	var agents []console.User
	for i := range 2 * n {
		agents = append(agents, f.agent(t, fmt.Sprint(i)))
	}

	got := claimAll(t, f.Console, agents)
	var claimed []int64
	nothing := 0
	for _, id := range got {
		if id == 0 {
			nothing++
			continue
		}
		claimed = append(claimed, id)
	}
	slices.Sort(claimed)
	if len(slices.Compact(slices.Clone(claimed))) != len(claimed) {
		t.Errorf("a follow-up was claimed twice: %v", claimed)
	}
	if len(claimed) != n || nothing != n {
		t.Errorf("%d claims succeeded and %d got ErrNothingDue, want %d and %d", len(claimed), nothing, n, n)
	}
	if !slices.Equal(slices.Compact(claimed), want) {
		t.Errorf("claimed %v, want every due follow-up %v", claimed, want)
	}
	// The database agrees: each follow-up is held by the agent who was told so.
	for i, id := range got {
		if id != 0 {
			if fu := f.followUp(t, id); fu.State != "claimed" || fu.ClaimedBy == nil || *fu.ClaimedBy != agents[i].ID {
				t.Errorf("follow-up %d: %s by %s, want claimed by %d", id, fu.State, deref(fu.ClaimedBy), agents[i].ID)
			}
		}
	}
	if n := f.Count(t, `SELECT count(*) FROM follow_up_events WHERE to_state = 'claimed'`); n != len(want) {
		t.Errorf("%d claim events, want %d", n, len(want))
	}
}

// Two sales to one phone are two follow-ups of one customer: while an agent
// is on the phone with them, no other agent may call them about the other.
func TestClaimNextKeepsACustomerWithOneAgent(t *testing.T) {
	t.Parallel()
	f := setup(t)
	maryam := tehran(1)
	first := f.due(t, "S-1", maryam)
	second := f.sell(t, "S-2", maryam, 9*24*time.Hour)
	f.MakeDue(t, now)
	a, b := f.agent(t, "a"), f.agent(t, "b")

	held := f.claim(t, f.Console, a)
	if held != first && held != second {
		t.Fatalf("agent a got %d, want %d or %d", held, first, second)
	}
	if id, err := f.Console.ClaimNext(context.Background(), b.ID, b.Name); !errors.Is(err, console.ErrNothingDue) {
		t.Errorf("agent b: got %d, %v while agent a holds the same customer's %d, want ErrNothingDue", id, err, held)
	}
	// Another customer is still offered to b.
	other := f.due(t, "S-3", tehran(2))
	f.MakeDue(t, now)
	if id := f.claim(t, f.Console, b); id != other {
		t.Errorf("agent b got %d, want the other customer's %d", id, other)
	}
}

// The same, with every agent asking at once, many times over: the claim
// must keep customers apart while claims race, not only afterwards.
func TestClaimNextKeepsACustomerWithOneAgentUnderRace(t *testing.T) {
	t.Parallel()
	f := setup(t)
	const rounds, customers, perCustomer, agentCount = 18, 4, 3, 16
	f.rule(t, 20, 60) // enough attempts for every round to end in "busy"
	for c := range customers {
		for s := range perCustomer {
			f.sell(t, fmt.Sprintf("S-%d-%d", c, s), tehran(c), time.Duration(10+s)*24*time.Hour)
		}
	}
	f.MakeDue(t, now)
	var agents []console.User
	for i := range agentCount {
		agents = append(agents, f.agent(t, fmt.Sprint(i)))
	}
	for round := range rounds {
		claimAll(t, f.Console, agents)
		rows, err := f.Pool.Query(context.Background(), `
			SELECT customer_id, array_agg(id ORDER BY id), array_agg(claimed_by ORDER BY id)
			FROM follow_ups WHERE state = 'claimed' GROUP BY customer_id`)
		if err != nil {
			t.Fatal(err)
		}
		held := 0
		for rows.Next() {
			var customerID int64
			var ids, by []int64
			if err := rows.Scan(&customerID, &ids, &by); err != nil {
				t.Fatal(err)
			}
			held++
			if len(ids) > 1 {
				t.Errorf("round %d: customer %d is held %d times at once: follow-ups %v by agents %v", round, customerID, len(ids), ids, by)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		if held != customers {
			t.Errorf("round %d: %d customers held, want all %d", round, held, customers)
		}
		if t.Failed() {
			return
		}
		f.hangUpAll(t)
	}
}

// A second tab (or a second press of "Next call") resumes the call already
// held instead of taking another customer.
func TestClaimNextResumesTheHeldCall(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.due(t, "S-1", tehran(1))
	f.due(t, "S-2", tehran(2))
	f.MakeDue(t, now)
	a := f.agent(t, "a")
	first := f.claim(t, f.Console, a)
	if again := f.claim(t, f.Console, a); again != first {
		t.Errorf("second ClaimNext returned %d, want the held %d", again, first)
	}
	if n := f.Count(t, `SELECT count(*) FROM follow_ups WHERE state = 'claimed'`); n != 1 {
		t.Errorf("%d follow-ups claimed, want 1", n)
	}
	q, err := f.Console.Queue(context.Background(), a.ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	if q.HeldID != first {
		t.Errorf("queue shows held %d, want %d", q.HeldID, first)
	}
}

// A double click, or two tabs pressing "Next call" at once, must not leave
// the agent holding two customers, one of them forgotten in a tab.
func TestClaimNextResumesTheHeldCallUnderRace(t *testing.T) {
	t.Parallel()
	f := setup(t)
	f.rule(t, 20, 60)
	for i := range 8 {
		f.due(t, fmt.Sprintf("S-%d", i), tehran(i))
	}
	f.MakeDue(t, now)
	a := f.agent(t, "a")
	for round := range 10 {
		got := claimAll(t, f.Console, slices.Repeat([]console.User{a}, 4))
		if slices.Contains(got, 0) || len(slices.Compact(slices.Clone(got))) != 1 {
			t.Errorf("round %d: four tabs of one agent got %v, want the same call four times", round, got)
		}
		if n := f.Count(t, `SELECT count(*) FROM follow_ups WHERE state = 'claimed' AND claimed_by = $1`, a.ID); n != 1 {
			t.Errorf("round %d: the agent holds %d calls, want 1", round, n)
		}
		if t.Failed() {
			return
		}
		f.hangUpAll(t)
	}
}

func TestClaimNextOffersOnlyCustomersInsideTheirWindow(t *testing.T) {
	t.Parallel()
	f := setup(t)
	inTehran := f.due(t, "S-1", tehran(1))
	inLondon := f.due(t, "S-2", london(1))
	f.MakeDue(t, now)
	a, b := f.agent(t, "a"), f.agent(t, "b")
	// Both speak both languages: the window alone decides here.
	f.speaks(t, a, "fa", "en")
	f.speaks(t, b, "fa", "en")
	ctx := context.Background()

	q, err := f.Console.Queue(ctx, a.ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	if q.DueNow != 1 || q.DueOutsideWindow != 1 {
		t.Errorf("12:00 in Tehran, 08:30 in London: due now %d, outside window %d; want 1 and 1", q.DueNow, q.DueOutsideWindow)
	}
	if len(q.Next) != 1 || q.Next[0].ID != inTehran {
		t.Errorf("queue lists %+v, want only Tehran's %d", q.Next, inTehran)
	}
	if id := f.claim(t, f.Console, a); id != inTehran {
		t.Errorf("agent a got %d, want Tehran's %d", id, inTehran)
	}
	if id, err := f.Console.ClaimNext(ctx, b.ID, b.Name); !errors.Is(err, console.ErrNothingDue) {
		t.Errorf("agent b got %d, %v; want ErrNothingDue: it is 08:30 in London", id, err)
	}
	q, err = f.Console.Queue(ctx, b.ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	if q.DueNow != 0 || q.DueOutsideWindow != 1 || len(q.Next) != 0 {
		t.Errorf("after the claim: due now %d, outside window %d, %d listed; want 0, 1, 0", q.DueNow, q.DueOutsideWindow, len(q.Next))
	}

	// Two hours later it is 10:30 in London: the same customer is offered.
	later := f.console(now.Add(2 * time.Hour))
	q, err = later.Queue(ctx, b.ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	if q.DueNow != 1 || q.DueOutsideWindow != 0 {
		t.Errorf("at 10:30 in London: due now %d, outside window %d; want 1 and 0", q.DueNow, q.DueOutsideWindow)
	}
	if id := f.claim(t, later, b); id != inLondon {
		t.Errorf("agent b got %d at 10:30 London time, want London's %d", id, inLondon)
	}
}

// The queue order: a callback this agent promised, then priority, then the
// longest waiting.
func TestQueueOrder(t *testing.T) {
	t.Parallel()
	f := setup(t)
	promised := f.due(t, "S-1", tehran(1))
	urgent := f.due(t, "S-2", tehran(2))
	older := f.due(t, "S-3", tehran(3))
	newer := f.due(t, "S-4", tehran(4))
	f.MakeDue(t, now)
	a, b, c := f.agent(t, "a"), f.agent(t, "b"), f.agent(t, "c")
	ctx := context.Background()
	for _, u := range []struct {
		id         int64
		priority   int
		dueAgo     time.Duration
		callbackBy *int64
	}{
		{promised, 10, 1 * time.Hour, &a.ID},
		{urgent, 90, 1 * time.Hour, nil},
		{older, 50, 5 * time.Hour, nil},
		{newer, 50, 2 * time.Hour, nil},
	} {
		if _, err := f.Pool.Exec(ctx, `UPDATE follow_ups SET priority = $2, due_at = $3, callback_by = $4 WHERE id = $1`,
			u.id, u.priority, now.Add(-u.dueAgo), u.callbackBy); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(q console.QueueView) []int64 {
		var out []int64
		for _, it := range q.Next {
			out = append(out, it.ID)
		}
		return out
	}

	qa, err := f.Console.Queue(ctx, a.ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{promised, urgent, older, newer}; !slices.Equal(ids(qa), want) {
		t.Errorf("a's queue %v, want %v (own callback, priority, due time)", ids(qa), want)
	}
	if len(qa.Next) == 4 && (!qa.Next[0].Callback || qa.Next[1].Callback) {
		t.Errorf("a's callback flags %v %v, want only the promised call marked", qa.Next[0].Callback, qa.Next[1].Callback)
	}
	qb, err := f.Console.Queue(ctx, b.ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{urgent, older, newer, promised}; !slices.Equal(ids(qb), want) {
		t.Errorf("b's queue %v, want %v (a's callback is only low priority to b)", ids(qb), want)
	}
	if qa.MyCallbacks != 1 || qb.MyCallbacks != 0 {
		t.Errorf("my callbacks: a %d, b %d; want 1 and 0", qa.MyCallbacks, qb.MyCallbacks)
	}

	// Claims follow the same order.
	if id := f.claim(t, f.Console, b); id != urgent {
		t.Errorf("b claims %d, want the urgent %d", id, urgent)
	}
	if id := f.claim(t, f.Console, a); id != promised {
		t.Errorf("a claims %d, want the promised callback %d", id, promised)
	}
	if id := f.claim(t, f.Console, c); id != older {
		t.Errorf("c claims %d, want the longer waiting %d", id, older)
	}
}

// load is LoadCall that must succeed.
func (f *fixture) load(t *testing.T, id int64, u console.User) console.Call {
	t.Helper()
	c, err := f.Console.LoadCall(context.Background(), id, u.ID)
	if err != nil {
		t.Fatalf("loading call %d as %s: %v", id, u.Name, err)
	}
	return c
}

func (f *fixture) answers(t *testing.T, followUpID int64) map[string]string {
	t.Helper()
	rows, err := f.Pool.Query(context.Background(),
		`SELECT a.question_key, a.value FROM answers a JOIN responses r ON r.id = a.response_id WHERE r.follow_up_id = $1`, followUpID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		out[k] = v
	}
	return out
}

func TestSubmitCompleted(t *testing.T) {
	t.Parallel()
	f := setup(t)
	id := f.due(t, "S-1", tehran(1))
	f.MakeDue(t, now)
	a := f.agent(t, "a")
	ctx := context.Background()
	if got := f.claim(t, f.Console, a); got != id {
		t.Fatalf("claimed %d, want %d", got, id)
	}
	c := f.load(t, id, a)
	if c.Script.Locale != "fa" || c.ScriptVersionID == 0 {
		t.Fatalf("script %s version %d, want the Persian default", c.Script.Locale, c.ScriptVersionID)
	}
	before := f.stored(t)

	// The required "working" is missing: the agent is told, nothing is stored.
	state, problems, err := f.Console.Submit(ctx, id, a, console.Submission{
		Disposition: "completed", ScriptVersionID: c.ScriptVersionID, Answers: map[string]string{"overall": "4"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if state != "" || len(problems) != 1 || problems[0].Field != "working" || problems[0].Code != "answer.required" {
		t.Errorf("state %q, problems %+v; want one problem at working", state, problems)
	}
	if after := f.stored(t); after != before {
		t.Errorf("a refused submission stored %+v, had %+v", after, before)
	}
	if fu := f.followUp(t, id); fu.State != "claimed" || fu.ClaimedBy == nil || *fu.ClaimedBy != a.ID || fu.Attempts != 0 {
		t.Errorf("after a refused submission: %+v, want still claimed by a with no attempt", fu)
	}

	answers := map[string]string{"overall": "۴", "working": "بله", "comments": "همه‌چیز خوب است"}
	state, problems, err = f.Console.Submit(ctx, id, a, console.Submission{
		Disposition: "completed", ScriptVersionID: c.ScriptVersionID, Answers: answers, Notes: "  polite  ",
	})
	if err != nil || problems != nil || state != "completed" {
		t.Fatalf("Submit = %q, %+v, %v; want completed", state, problems, err)
	}
	fu := f.followUp(t, id)
	if fu.State != "completed" || fu.ClaimedBy != nil || fu.Attempts != 1 {
		t.Errorf("follow-up %+v, want completed, released, one attempt", fu)
	}
	var versionID int64
	var capturedBy string
	if err := f.Pool.QueryRow(ctx, `SELECT script_version_id, captured_by FROM responses WHERE follow_up_id = $1`, id).Scan(&versionID, &capturedBy); err != nil {
		t.Fatal(err)
	}
	if versionID != c.ScriptVersionID || capturedBy != a.Name {
		t.Errorf("response points at version %d captured by %q, want %d by %s", versionID, capturedBy, c.ScriptVersionID, a.Name)
	}
	want := map[string]string{"overall": "4", "working": "yes", "comments": "همه‌چیز خوب است"}
	if got := f.answers(t, id); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("answers %v, want %v (normalised)", got, want)
	}
	var disposition, notes string
	var userID *int64
	if err := f.Pool.QueryRow(ctx, `SELECT disposition, notes, user_id FROM attempts WHERE follow_up_id = $1`, id).Scan(&disposition, &notes, &userID); err != nil {
		t.Fatal(err)
	}
	if disposition != "completed" || notes != "polite" || userID == nil || *userID != a.ID {
		t.Errorf("attempt %s %q by %s, want completed \"polite\" by %d", disposition, notes, deref(userID), a.ID)
	}
	done := f.stored(t)
	if done.Responses != before.Responses+1 || done.Attempts != before.Attempts+1 || done.Answers != before.Answers+3 {
		t.Errorf("stored %+v after %+v, want one response, one attempt, three answers more", done, before)
	}

	// A double click, or the back button: the second submit changes nothing.
	_, _, err = f.Console.Submit(ctx, id, a, console.Submission{
		Disposition: "completed", ScriptVersionID: c.ScriptVersionID, Answers: answers,
	})
	if !errors.Is(err, console.ErrNotHeld) {
		t.Errorf("second Submit: err = %v, want ErrNotHeld", err)
	}
	if again := f.stored(t); again != done {
		t.Errorf("second Submit stored %+v, had %+v", again, done)
	}
}

func TestSubmitNoAnswerWaitsForTheRulesSpacing(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	// Two hours between attempts, instead of the default day.
	f.rule(t, 3, 120)
	id := f.due(t, "S-1", tehran(1))
	f.MakeDue(t, now)
	a := f.agent(t, "a")
	f.claim(t, f.Console, a)
	before := f.stored(t)

	state, problems, err := f.Console.Submit(ctx, id, a, console.Submission{Disposition: "no_answer", Notes: "rang out"})
	if err != nil || problems != nil || state != "no_answer" {
		t.Fatalf("Submit = %q, %+v, %v; want no_answer", state, problems, err)
	}
	want := now.Add(2 * time.Hour) // 14:00 in Tehran, inside the window
	fu := f.followUp(t, id)
	if fu.State != "no_answer" || !fu.DueAt.Equal(want) || fu.Attempts != 1 || fu.ClaimedBy != nil {
		t.Errorf("follow-up %+v, want no_answer due %v with one attempt, released", fu, want)
	}
	if n := f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'followup_due'
		AND (args->>'minute')::timestamptz = $1 AND scheduled_at = $1`, want); n != 1 {
		t.Errorf("%d due-minute jobs for %v, want 1", n, want)
	}
	if after := f.stored(t); after.DueJobs != before.DueJobs+1 || after.Responses != before.Responses || after.Attempts != before.Attempts+1 {
		t.Errorf("stored %+v after %+v, want one job, one attempt and no response more", after, before)
	}
	// The job's minute makes the follow-up due again, and not before.
	f.MakeDue(t, want.Add(-time.Minute))
	if fu := f.followUp(t, id); fu.State != "no_answer" {
		t.Errorf("a minute early: %s, want still no_answer", fu.State)
	}
	f.MakeDue(t, want)
	if fu := f.followUp(t, id); fu.State != "due" {
		t.Errorf("at its minute: %s, want due", fu.State)
	}
}

// A retry that would fall outside the customer's calling hours waits for
// the next opening.
func TestSubmitNoAnswerRetriesInsideTheWindow(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.rule(t, 3, 480)
	id := f.due(t, "S-1", tehran(1))
	f.MakeDue(t, now)
	a := f.agent(t, "a")
	f.claim(t, f.Console, a)
	if _, _, err := f.Console.Submit(ctx, id, a, console.Submission{Disposition: "busy"}); err != nil {
		t.Fatal(err)
	}
	// 12:00 + 8 h is 20:00 in Tehran, after hours: Wednesday 10:00 instead.
	want := time.Date(2026, 11, 25, 6, 30, 0, 0, time.UTC)
	if fu := f.followUp(t, id); fu.State != "no_answer" || !fu.DueAt.Equal(want) {
		t.Errorf("follow-up %+v, want no_answer due %v", fu, want)
	}
}

func TestSubmitNoAnswerUntilUnreachable(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.due(t, "S-1", tehran(1)) // the default rule: three attempts
	f.MakeDue(t, now)
	a := f.agent(t, "a")
	for attempt := 1; attempt <= 3; attempt++ {
		if got := f.claim(t, f.Console, a); got != id {
			t.Fatalf("attempt %d: claimed %d, want %d", attempt, got, id)
		}
		state, problems, err := f.Console.Submit(ctx, id, a, console.Submission{Disposition: "no_answer"})
		if err != nil || problems != nil {
			t.Fatalf("attempt %d: %+v, %v", attempt, problems, err)
		}
		want := "no_answer"
		if attempt == 3 {
			want = "unreachable"
		}
		fu := f.followUp(t, id)
		if state != want || fu.State != want || fu.Attempts != attempt {
			t.Fatalf("attempt %d: Submit says %q, stored %q with %d attempts; want %q with %d", attempt, state, fu.State, fu.Attempts, want, attempt)
		}
		f.MakeDue(t, now.Add(30*24*time.Hour))
	}
	if fu := f.followUp(t, id); fu.State != "unreachable" {
		t.Errorf("after the last attempt and a month: %s, want unreachable", fu.State)
	}
	if _, err := f.Console.ClaimNext(ctx, a.ID, a.Name); !errors.Is(err, console.ErrNothingDue) {
		t.Errorf("ClaimNext after unreachable: %v, want ErrNothingDue", err)
	}
}

func TestSubmitCallback(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.due(t, "S-1", tehran(1))
	f.MakeDue(t, now)
	a := f.agent(t, "a")
	f.claim(t, f.Console, a)
	before := f.stored(t)

	// What is no day and time says why; a day and time outside the
	// window that callbacks may take says that instead.
	for bad, code := range map[string]string{
		"2026-11-23T15:30": "call.callback_time", "2026-11-24T11:59": "call.callback_time", "": "call.callback_time",
		"tomorrow": "datetime.format", "2026-11-31T10:00": "date.day", "2027-03-01T10:00": "call.callback_time",
	} {
		state, problems, err := f.Console.Submit(ctx, id, a, console.Submission{Disposition: "callback", CallbackAt: bad})
		if err != nil {
			t.Fatalf("callback at %q: %v", bad, err)
		}
		if state != "" || len(problems) != 1 || problems[0].Field != "callback_at" || problems[0].Code != code {
			t.Errorf("callback at %q: %q, %+v; want one %s problem at callback_at", bad, state, problems, code)
		}
	}
	if after := f.stored(t); after != before {
		t.Errorf("refused callbacks stored %+v, had %+v", after, before)
	}
	if fu := f.followUp(t, id); fu.State != "claimed" {
		t.Errorf("after refused callbacks: %s, want still claimed", fu.State)
	}

	// Thursday 15:30 where the customer lives is 12:00 UTC.
	state, problems, err := f.Console.Submit(ctx, id, a, console.Submission{Disposition: "callback", CallbackAt: "2026-11-26T15:30"})
	if err != nil || problems != nil || state != "callback" {
		t.Fatalf("Submit = %q, %+v, %v; want callback", state, problems, err)
	}
	want := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	fu := f.followUp(t, id)
	if fu.State != "callback" || !fu.DueAt.Equal(want) || fu.CallbackBy == nil || *fu.CallbackBy != a.ID {
		t.Errorf("follow-up %+v (callback by %s), want callback due %v by %d", fu, deref(fu.CallbackBy), want, a.ID)
	}
	if n := f.Count(t, `SELECT count(*) FROM river_job WHERE kind = 'followup_due' AND scheduled_at = $1`, want); n != 1 {
		t.Errorf("%d due-minute jobs for %v, want 1", n, want)
	}
	q, err := f.Console.Queue(ctx, a.ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	if q.MyCallbacks != 1 {
		t.Errorf("my callbacks %d, want 1", q.MyCallbacks)
	}
}

func TestSubmitDoNotContactEndsEveryPendingFollowUp(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	maryam := tehran(1)
	done := f.due(t, "S-1", maryam)
	calling := f.sell(t, "S-2", maryam, 9*24*time.Hour)
	scheduled := f.sell(t, "S-3", maryam, 24*time.Hour) // due next week
	someoneElse := f.due(t, "S-4", tehran(2))
	f.MakeDue(t, now)
	if _, err := f.Pool.Exec(ctx, `UPDATE follow_ups SET priority = 90 WHERE id = $1`, done); err != nil {
		t.Fatal(err)
	}
	a := f.agent(t, "a")

	if got := f.claim(t, f.Console, a); got != done {
		t.Fatalf("claimed %d, want %d", got, done)
	}
	c := f.load(t, done, a)
	if _, p, err := f.Console.Submit(ctx, done, a, console.Submission{
		Disposition: "completed", ScriptVersionID: c.ScriptVersionID, Answers: map[string]string{"overall": "5", "working": "yes"},
	}); err != nil || p != nil {
		t.Fatalf("completing %d: %+v, %v", done, p, err)
	}
	if _, err := f.Pool.Exec(ctx, `UPDATE follow_ups SET priority = 90 WHERE id = $1`, calling); err != nil {
		t.Fatal(err)
	}
	if got := f.claim(t, f.Console, a); got != calling {
		t.Fatalf("claimed %d, want %d", got, calling)
	}
	state, problems, err := f.Console.Submit(ctx, calling, a, console.Submission{Disposition: "do_not_contact"})
	if err != nil || problems != nil || state != "opted_out" {
		t.Fatalf("Submit = %q, %+v, %v; want opted_out", state, problems, err)
	}
	for _, w := range []struct {
		id    int64
		state string
	}{{done, "completed"}, {calling, "opted_out"}, {scheduled, "opted_out"}, {someoneElse, "due"}} {
		if fu := f.followUp(t, w.id); fu.State != w.state {
			t.Errorf("follow-up %d: %s, want %s", w.id, fu.State, w.state)
		}
	}
	var optedOut *time.Time
	if err := f.Pool.QueryRow(ctx, `SELECT opted_out_at FROM customers WHERE phone = $1`, maryam.phone).Scan(&optedOut); err != nil {
		t.Fatal(err)
	}
	if optedOut == nil {
		t.Error("the customer's opted_out_at is not set")
	}
	var other *time.Time
	if err := f.Pool.QueryRow(ctx, `SELECT opted_out_at FROM customers WHERE phone = $1`, tehran(2).phone).Scan(&other); err != nil {
		t.Fatal(err)
	}
	if other != nil {
		t.Error("another customer was opted out too")
	}
	if n := f.Count(t, `SELECT count(*) FROM follow_up_events WHERE follow_up_id = $1 AND to_state = 'opted_out'`, scheduled); n != 1 {
		t.Errorf("%d opt-out events for the scheduled follow-up, want 1", n)
	}
	// Even when its week has come, the customer is not called.
	f.MakeDue(t, now.Add(30*24*time.Hour))
	if id, err := f.Console.ClaimNext(ctx, a.ID, a.Name); err != nil || id != someoneElse {
		t.Errorf("next claim %d, %v; want only the other customer's %d", id, err, someoneElse)
	}
}

func TestSubmitByAnotherAgentIsRefused(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.due(t, "S-1", tehran(1))
	f.MakeDue(t, now)
	a, b := f.agent(t, "a"), f.agent(t, "b")
	f.claim(t, f.Console, a)
	c := f.load(t, id, a)
	before := f.stored(t)
	for _, sub := range []console.Submission{
		{Disposition: "completed", ScriptVersionID: c.ScriptVersionID, Answers: map[string]string{"overall": "5", "working": "yes"}},
		{Disposition: "no_answer"},
		{Disposition: "do_not_contact"},
	} {
		if _, _, err := f.Console.Submit(ctx, id, b, sub); !errors.Is(err, console.ErrNotHeld) {
			t.Errorf("b submits %s for a's call: %v, want ErrNotHeld", sub.Disposition, err)
		}
	}
	if after := f.stored(t); after != before {
		t.Errorf("refused submissions stored %+v, had %+v", after, before)
	}
	if fu := f.followUp(t, id); fu.State != "claimed" || fu.ClaimedBy == nil || *fu.ClaimedBy != a.ID {
		t.Errorf("follow-up %+v, want still claimed by a", fu)
	}
	var optedOut *time.Time
	if err := f.Pool.QueryRow(ctx, `SELECT opted_out_at FROM customers`).Scan(&optedOut); err != nil {
		t.Fatal(err)
	}
	if optedOut != nil {
		t.Error("b's refused do_not_contact opted the customer out")
	}
}

func TestLoadCall(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	maryam := tehran(1)
	earlier := f.due(t, "S-1", maryam)
	current := f.sell(t, "S-2", maryam, 9*24*time.Hour)
	f.MakeDue(t, now)
	if _, err := f.Pool.Exec(ctx, `UPDATE follow_ups SET priority = 90 WHERE id = $1`, earlier); err != nil {
		t.Fatal(err)
	}
	a, b := f.agent(t, "a"), f.agent(t, "b")

	if got := f.claim(t, f.Console, a); got != earlier {
		t.Fatalf("claimed %d, want %d", got, earlier)
	}
	if _, err := f.Console.LoadCall(ctx, earlier, b.ID); !errors.Is(err, console.ErrNotHeld) {
		t.Errorf("b loads a's call: %v, want ErrNotHeld", err)
	}
	first := f.load(t, earlier, a)
	if len(first.History) != 1 || first.History[0].ID != current || first.History[0].State != "due" || len(first.History[0].Answers) != 0 {
		t.Errorf("history of the first call %+v, want the other sale's due follow-up %d without answers", first.History, current)
	}
	if _, p, err := f.Console.Submit(ctx, earlier, a, console.Submission{
		Disposition: "completed", ScriptVersionID: first.ScriptVersionID, Notes: "screen scratched",
		Answers: map[string]string{"overall": "2", "working": "yes"},
	}); err != nil || p != nil {
		t.Fatalf("completing %d: %+v, %v", earlier, p, err)
	}

	if got := f.claim(t, f.Console, b); got != current {
		t.Fatalf("b claimed %d, want %d", got, current)
	}
	if _, err := f.Console.LoadCall(ctx, current, a.ID); !errors.Is(err, console.ErrNotHeld) {
		t.Errorf("a loads b's call: %v, want ErrNotHeld", err)
	}
	c := f.load(t, current, b)
	if c.ID != current || c.State != "claimed" || c.CustomerName != maryam.name || c.Phone != maryam.phone || c.Timezone != "Asia/Tehran" {
		t.Errorf("call %d %s for %q %s %s, want %d claimed for %q %s Asia/Tehran",
			c.ID, c.State, c.CustomerName, c.Phone, c.Timezone, current, maryam.name, maryam.phone)
	}
	if !c.ClaimExpiresAt.After(time.Now()) {
		t.Errorf("claim expires at %v, want in the future", c.ClaimExpiresAt)
	}
	if len(c.History) != 1 {
		t.Fatalf("history %+v, want the earlier follow-up", c.History)
	}
	h := c.History[0]
	if h.ID != earlier || h.State != "completed" {
		t.Errorf("history item %d %s, want %d completed", h.ID, h.State, earlier)
	}
	answers := map[string]string{}
	triggered := map[string]bool{}
	for _, ans := range h.Answers {
		answers[ans.Value] = ans.Prompt
		triggered[ans.Value] = ans.Triggered
	}
	overall, working := first.Script.Questions[0].Prompt, first.Script.Questions[1].Prompt
	if len(h.Answers) != 2 || answers["2"] != overall || answers["yes"] != working {
		t.Errorf("history answers %+v, want 2 to %q and yes to %q", h.Answers, overall, working)
	}
	if !triggered["2"] || triggered["yes"] {
		t.Errorf("triggered %v, want the rating of 2 flagged and yes not", triggered)
	}
	if len(h.Attempts) != 1 || h.Attempts[0].Disposition != "completed" || h.Attempts[0].Notes != "screen scratched" {
		t.Errorf("history attempts %+v, want one completed with its notes", h.Attempts)
	}
}

// An agent whose hold lapsed while the customer was still talking cannot
// save the call, but "do not contact" is honoured all the same.
func TestDoNotContactSurvivesALapsedClaim(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.due(t, "S-1", tehran(1))
	other := f.due(t, "S-2", tehran(1))
	f.MakeDue(t, now)
	a := f.agent(t, "a")
	held := f.claim(t, f.Console, a)
	if _, err := f.Pool.Exec(ctx, `UPDATE follow_ups SET claim_expires_at = now() - interval '1 minute' WHERE state = 'claimed'`); err != nil {
		t.Fatal(err)
	}
	if _, err := store.New().FollowUpReleaseExpiredClaims(ctx, f.Pool, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.Console.Submit(ctx, held, a, console.Submission{Disposition: "do_not_contact"}); !errors.Is(err, console.ErrNotHeld) {
		t.Fatalf("submitting a lapsed call: %v, want ErrNotHeld", err)
	}
	for _, fid := range []int64{id, other} {
		if st := f.followUp(t, fid).State; st != "opted_out" {
			t.Errorf("follow-up %d is %s after the customer asked not to be called, want opted_out", fid, st)
		}
	}
	if n := f.Count(t, `SELECT count(*) FROM customers WHERE opted_out_at IS NOT NULL`); n != 1 {
		t.Errorf("%d customers opted out, want 1", n)
	}
}

// checkCounts compares the counts the triggers keep (follow_up_counts)
// with a count of the rows themselves.
func (f *fixture) checkCounts(t *testing.T, when string) {
	t.Helper()
	n := f.Count(t, `
		SELECT count(*) FROM (
			SELECT state, channel, timezone, locale, sum(n) AS n FROM follow_up_counts
			GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
		) kept FULL JOIN (
			SELECT state, channel,
			       CASE WHEN state = 'due' THEN coalesce(timezone, '') ELSE '' END AS timezone,
			       CASE WHEN state = 'due' THEN coalesce(locale, '') ELSE '' END AS locale,
			       count(*) AS n
			FROM follow_ups GROUP BY 1, 2, 3, 4
		) real USING (state, channel, timezone, locale)
		WHERE kept.n IS DISTINCT FROM real.n`)
	if n != 0 {
		t.Errorf("%s: %d (state, channel, zone, language) counts differ from the rows", when, n)
	}
}

// The queue's counts come from follow_up_counts; every kind of change a
// follow-up goes through keeps them equal to the rows, from many
// connections at once, and folding the counters of closed connections
// changes no count.
func TestCountsFollowEveryChange(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	for i := range 30 {
		f.due(t, fmt.Sprintf("S-%d", i), tehran(i))
	}
	for i := range 5 {
		f.due(t, fmt.Sprintf("L-%d", i), london(i))
	}
	f.sell(t, "LATER", tehran(100), time.Hour)
	f.checkCounts(t, "after the sales")
	f.MakeDue(t, now)
	f.checkCounts(t, "after making them due")

	agents := make([]console.User, 12)
	for i := range agents {
		agents[i] = f.agent(t, fmt.Sprint(i))
		f.speaks(t, agents[i], "fa", "en")
	}
	claimAll(t, f.Console, agents)
	f.checkCounts(t, "after twelve claims at once")
	f.hangUpAll(t)
	f.checkCounts(t, "after hanging up and retrying")

	q, err := f.Console.Queue(ctx, agents[0].ID, time.UTC, 10)
	if err != nil {
		t.Fatal(err)
	}
	// The later sale's retry time made it due too.
	if q.DueNow != 31 || q.DueOutsideWindow != 5 {
		t.Errorf("due now %d, outside the window %d; want 31 and 5", q.DueNow, q.DueOutsideWindow)
	}

	// A customer who moves to London takes the waiting call along.
	if _, err := f.Pool.Exec(ctx, `UPDATE customers SET timezone = 'Europe/London', locale = 'en' WHERE phone = $1`, tehran(0).phone); err != nil {
		t.Fatal(err)
	}
	f.checkCounts(t, "after a customer moved")
	if _, err := f.Pool.Exec(ctx, `DELETE FROM follow_up_events WHERE follow_up_id IN (SELECT id FROM follow_ups WHERE state = 'scheduled')`); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Pool.Exec(ctx, `DELETE FROM follow_ups WHERE state = 'scheduled'`); err != nil {
		t.Fatal(err)
	}
	f.checkCounts(t, "after a delete")

	// The pool's connections end; their counter rows can be folded once
	// the server has seen them go, which it does a moment later.
	f.Pool.Reset()
	slots := 0
	for range 50 {
		if err := store.FoldFollowUpCounts(ctx, f.Pool); err != nil {
			t.Fatal(err)
		}
		f.checkCounts(t, "after folding")
		if slots = f.Count(t, `SELECT count(DISTINCT slot) FROM follow_up_counts`); slots == 1 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if slots != 1 {
		t.Errorf("%d counter slots after folding, want only slot 0 once the connections have closed", slots)
	}
}

// A customer whose zone changes is called at the new zone's hours: at
// 08:30 in London a Tehran customer who moved there is not offered.
func TestClaimNextFollowsACustomerWhoMoved(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	id := f.due(t, "S-1", tehran(1))
	f.MakeDue(t, now)
	moved := tehran(1)
	moved.tz, moved.locale = "Europe/London", "en"
	f.sell(t, "S-2", moved, time.Hour)
	var zone, locale string
	if err := f.Pool.QueryRow(ctx, `SELECT timezone, locale FROM follow_ups WHERE id = $1`, id).Scan(&zone, &locale); err != nil {
		t.Fatal(err)
	}
	if zone != "Europe/London" || locale != "en" {
		t.Fatalf("the waiting follow-up is in %s/%s, want Europe/London/en after the customer moved", zone, locale)
	}
	a := f.agent(t, "a")
	f.speaks(t, a, "fa", "en")
	if got, err := f.Console.ClaimNext(ctx, a.ID, a.Name); !errors.Is(err, console.ErrNothingDue) {
		t.Errorf("claimed %d, %v at 08:30 London time; want ErrNothingDue", got, err)
	}
	if got := f.claim(t, f.console(now.Add(2*time.Hour)), a); got != id {
		t.Errorf("at 10:30 London time claimed %d, want %d", got, id)
	}
}

// Calls later today are counted up to 10,000, then reported as "at least":
// a day with a huge import costs the queue page no more than a normal one.
func TestQueueCountsCallsLaterTodayUpToACap(t *testing.T) {
	t.Parallel()
	f := setup(t)
	ctx := context.Background()
	f.sell(t, "S-0", tehran(0), time.Hour)
	if _, err := f.Pool.Exec(ctx, `
		INSERT INTO follow_ups (kind, sale_id, customer_id, due_at, channel, script_name, priority, max_attempts, retry_spacing_minutes)
		SELECT 'recovery', s.id, s.customer_id, now() + interval '1 minute', 'agent', 'default', 50, 3, 60
		FROM sales s, generate_series(1, 10001)`); err != nil {
		t.Fatal(err)
	}
	a := f.agent(t, "a")
	// The count compares with the server's clock, so this console reads
	// the real one, in a zone where it is about noon: the day's end is
	// hours after the rows' due time.
	noon := time.FixedZone("noon", (12-time.Now().UTC().Hour()+24)%24*3600)
	live := console.New(console.Opts{Pool: f.Pool, ClaimTTL: claimTTL, Location: f.Location})
	q, err := live.Queue(ctx, a.ID, noon, 10)
	if err != nil {
		t.Fatal(err)
	}
	if q.LaterToday != 10000 || !q.LaterTodayAtLeast {
		t.Errorf("later today %d (at least: %v), want 10000 and at least", q.LaterToday, q.LaterTodayAtLeast)
	}
}
