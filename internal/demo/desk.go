package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
)

// desk plays the demo's past: the calls agents made and the service
// desk's work on what they raised, each at its own time before now.
type desk struct {
	pool     *pgxpool.Pool
	river    *river.Client[pgx.Tx]
	now      time.Time
	versions map[string]store.ScriptVersionCurrentRow
	// raised are the issues the answers opened, oldest call first, with
	// when they were raised.
	raised []raisedAt
}

type raisedAt struct {
	id       int64
	at       time.Time
	locale   string
	category string
}

func newDesk(pool *pgxpool.Pool, client *river.Client[pgx.Tx], now time.Time) *desk {
	return &desk{pool: pool, river: client, now: now, versions: map[string]store.ScriptVersionCurrentRow{}}
}

func (d *desk) makeDue(ctx context.Context) error {
	_, err := due.New(due.Opts{Pool: d.pool, River: d.river}).MakeDue(ctx, d.now, "demo")
	return err
}

// issues is the service desk as it was at at.
func (d *desk) issues(at time.Time) *issues.Service {
	return issues.New(issues.Opts{Pool: d.pool, River: d.river, Now: func() time.Time { return at }})
}

func (d *desk) version(ctx context.Context, name, locale string) (store.ScriptVersionCurrentRow, scripts.Version, error) {
	key := name + "/" + locale
	v, ok := d.versions[key]
	if !ok {
		var err error
		if v, err = store.New().ScriptVersionCurrent(ctx, d.pool, store.ScriptVersionCurrentParams{Name: name, Locale: locale}); err != nil {
			return v, scripts.Version{}, fmt.Errorf("reading the %s script: %w", name, err)
		}
		d.versions[key] = v
	}
	var body scripts.Version
	if err := json.Unmarshal(v.Body, &body); err != nil {
		return v, body, fmt.Errorf("decoding the %s script: %w", name, err)
	}
	return v, body, nil
}

// answer completes due follow-up id with answers, as a call at at would,
// raising the issues they call for.
func (d *desk) answer(ctx context.Context, id int64, script, locale string, answers []scripts.Answer, at time.Time) error {
	q := store.New()
	v, body, err := d.version(ctx, script, locale)
	if err != nil {
		return err
	}
	err = store.InTx(ctx, d.pool, func(tx pgx.Tx) error {
		n, err := q.FollowUpCompleteWithAttempt(ctx, tx, store.FollowUpCompleteWithAttemptParams{FollowUpID: id, Actor: "demo", Notes: ""})
		if err != nil || n == 0 {
			return err
		}
		resp, err := q.ResponseInsert(ctx, tx, store.ResponseInsertParams{
			FollowUpID: id, ScriptVersionID: v.ID, Channel: "agent", CapturedBy: "demo",
		})
		if err != nil {
			return fmt.Errorf("storing demo response: %w", err)
		}
		keys, values := make([]string, len(answers)), make([]string, len(answers))
		for k, a := range answers {
			keys[k], values[k] = a.Key, a.Value
		}
		if err := q.AnswerInsertMany(ctx, tx, store.AnswerInsertManyParams{ResponseID: resp, QuestionKey: keys, Value: values}); err != nil {
			return fmt.Errorf("storing demo answers: %w", err)
		}
		fu, err := q.FollowUpParties(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("reading demo follow-up %d: %w", id, err)
		}
		raised, err := issues.Raise(ctx, tx, d.river, issues.Response{
			ID: resp, FollowUpID: id, SaleID: fu.SaleID, CustomerID: fu.CustomerID, Version: body, Answers: answers,
		}, "demo", at)
		if err != nil {
			return err
		}
		for _, r := range raised {
			if r.Opened {
				d.raised = append(d.raised, raisedAt{id: r.IssueID, at: at, locale: locale, category: r.Category})
			}
		}
		return q.DemoBackdateFollowUp(ctx, tx, store.DemoBackdateFollowUpParams{At: at, FollowUpID: id})
	})
	if err != nil {
		return fmt.Errorf("answering demo follow-up %d: %w", id, err)
	}
	return nil
}

// unreachable records three unanswered calls to due follow-up id and ends
// it unreachable, the way a silent customer ends.
func (d *desk) unreachable(ctx context.Context, id int64, at time.Time) error {
	q := store.New()
	return store.InTx(ctx, d.pool, func(tx pgx.Tx) error {
		for range 3 {
			if err := q.AttemptInsert(ctx, tx, store.AttemptInsertParams{FollowUpID: id, Channel: "agent", Actor: "demo", Disposition: "no_answer"}); err != nil {
				return fmt.Errorf("recording a demo attempt: %w", err)
			}
			if _, err := q.FollowUpAutomatedNoAnswer(ctx, tx, store.FollowUpAutomatedNoAnswerParams{ID: id}); err != nil {
				return err
			}
		}
		if _, err := q.FollowUpEndAutomated(ctx, tx, store.FollowUpEndAutomatedParams{ToState: "unreachable", ID: id, Actor: "demo"}); err != nil {
			return fmt.Errorf("ending demo follow-up %d: %w", id, err)
		}
		return q.DemoBackdateFollowUp(ctx, tx, store.DemoBackdateFollowUpParams{At: at, FollowUpID: id})
	})
}

// work takes the raised issues through the desk's stages in turn
// (recovered and closed, resolved with the recovery call to come, won't
// fix, in progress, open), as far as each one's age allows, then marks those
// past their deadline breached, as the deadline job would.
func (d *desk) work(ctx context.Context) error {
	day := 24 * time.Hour
	notFixed := false
	// The oldest issues have had time to go furthest.
	slices.SortStableFunc(d.raised, func(a, b raisedAt) int { return a.at.Compare(b.at) })
	for k, r := range d.raised {
		stage := []int{3, 2, 4, 1, 0}[k%5]
		// Resolved a day after it was raised; the recovery call comes
		// casework.RecoveryDelayDays later and is answered an hour in.
		resolved := r.at.Add(day)
		if stage >= 2 && resolved.After(d.now) {
			stage = 1
		}
		recovered := resolved.Add((casework.RecoveryDelayDays+1)*day + time.Hour)
		if stage == 3 && recovered.After(d.now) {
			stage = 2
		}
		var err error
		switch stage {
		case 1:
			err = d.issues(r.at.Add(2*time.Hour)).Start(ctx, r.id, "service")
		case 2:
			err = d.issues(resolved).Resolve(ctx, r.id, "service", cause(r.category), note(r.locale, "Replaced under warranty at the branch.", "در شعبه با گارانتی تعویض شد."))
		case 3:
			if err = d.issues(resolved).Resolve(ctx, r.id, "service", cause(r.category), note(r.locale, "Repaired and returned to the customer.", "تعمیر و به مشتری تحویل داده شد.")); err == nil {
				// One recovery in two finds the fix did not hold, which
				// raises a new issue.
				err = d.recover(ctx, r, recovered, !notFixed)
				notFixed = !notFixed
			}
		case 4:
			err = d.issues(r.at.Add(3*time.Hour)).WontFix(ctx, r.id, "service", note(r.locale, "Damage from a fall, outside the warranty; the customer was told the repair price.", "آسیب ناشی از ضربه و خارج از گارانتی است؛ هزینهٔ تعمیر به مشتری گفته شد."))
		}
		if err != nil {
			return fmt.Errorf("working demo issue %d: %w", r.id, err)
		}
	}
	for _, r := range d.raised {
		if _, err := d.issues(d.now).Breach(ctx, r.id, "demo"); err != nil {
			return fmt.Errorf("checking demo issue %d's deadline: %w", r.id, err)
		}
	}
	return nil
}

// recover answers the recovery call of resolved issue r at at, happy or
// not, and closes the issue when the customer is happy.
func (d *desk) recover(ctx context.Context, r raisedAt, at time.Time, happy bool) error {
	is, err := store.New().IssueGet(ctx, d.pool, r.id)
	if err != nil {
		return err
	}
	if is.RecoveryFollowUpID == nil {
		return nil
	}
	if err := d.makeDue(ctx); err != nil {
		return err
	}
	answers := []scripts.Answer{{Key: "fixed", Value: "yes"}, {Key: "comments", Value: note(r.locale, "Works like new, thank you.", "مثل روز اول کار می‌کند، ممنون.")}}
	if !happy {
		answers = []scripts.Answer{{Key: "fixed", Value: "no"}, {Key: "comments", Value: note(r.locale, "Same problem again after two days.", "بعد از دو روز همان مشکل دوباره پیش آمد.")}}
	}
	if err := d.answer(ctx, *is.RecoveryFollowUpID, issues.RecoveryScript, r.locale, answers, at); err != nil {
		return err
	}
	if !happy {
		return nil
	}
	return d.issues(at.Add(time.Hour)).Close(ctx, r.id, "service")
}

// cause is the root cause the desk found for an issue of category.
func cause(category string) casework.RootCause {
	switch category {
	case "staff_behaviour":
		return casework.StaffBehaviour
	case "other":
		return casework.Delivery
	}
	return casework.ProductDefect
}

func note(locale, en, fa string) string {
	if locale == "fa" {
		return fa
	}
	return en
}

// saleAnswers are the answers of the n-th answered sale call: mostly
// content customers, some neutral ones who said nothing (silent), and
// problems of several kinds, so the desk has varied work.
func saleAnswers(n int, locale string) []scripts.Answer {
	a := func(kv ...string) []scripts.Answer {
		out := make([]scripts.Answer, 0, len(kv)/2)
		for i := 0; i < len(kv); i += 2 {
			out = append(out, scripts.Answer{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	switch n % 8 {
	case 1:
		return a("overall", "2", "working", "no", "staff", "4", "comments", note(locale, "The left arm is loose.", "دستهٔ چپ شل است."))
	case 2:
		return a("overall", "3", "working", "yes", "staff", "3")
	case 3:
		return a("overall", "4", "working", "yes")
	case 4:
		return a("overall", "4", "working", "yes", "staff", "1", "comments", note(locale, "The salesperson was rude and rushed me.", "فروشنده بی‌حوصله و بی‌ادب بود."))
	case 5:
		return a("overall", "5", "working", "yes", "staff", "5", "comments", note(locale, "Very helpful branch staff.", "کارکنان شعبه خیلی کمک کردند."))
	case 6:
		return a("overall", "3", "working", "yes")
	case 7:
		return a("overall", "3", "working", "yes", "staff", "4", "comments", note(locale, "The box arrived damaged; I want a refund.", "جعبه آسیب دیده رسید؛ پولم را پس می‌خواهم."))
	}
	return a("overall", "5", "working", "yes", "staff", "5")
}
