package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/calls"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/responses"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
	"github.com/tamas-app/tamas/scripts"
)

// Call is everything the call page shows.
type Call struct {
	ID             int64
	State          string
	ClaimExpiresAt time.Time
	AttemptsMade   int
	MaxAttempts    int

	CustomerName string
	Phone        string
	Timezone     string
	Location     *time.Location
	Locale       string

	ExternalID string
	Product    string
	SKU        string
	Category   string
	Branch     string
	SoldAt     time.Time
	// Sales are every sale the call asks about: the follow-up's own, then
	// the ones linked to it because the customer was asked recently.
	Sales []SaleLine

	ScriptVersionID int64
	ScriptNumber    int
	Script          scripts.Version

	History []HistoryItem
	// Partial is what the customer already answered on this follow-up's
	// automated steps (an SMS survey left half-answered), for the agent to
	// confirm rather than ask again.
	Partial []PartialAnswer
	// OpenIssues are the customer's unresolved problems, so the agent knows
	// about them before the customer has to explain them again.
	OpenIssues []OpenIssue
}

// SaleLine is one sale a call asks about.
type SaleLine struct {
	ExternalID string
	Product    string
	SKU        string
	// Branch is the branch's names; its Code is the spelling the sale came
	// with, shown when the branch has no name.
	Branch store.Branch
	SoldAt time.Time
}

// PartialAnswer is one answer of a partial response.
type PartialAnswer struct {
	Key, Prompt, Value string
	Type               scripts.QuestionType
	Channel            string
	// At is when the step it was given on ended: the answer came before.
	At time.Time
}

type OpenIssue struct {
	Category string
	Severity string
	State    string
	RaisedAt time.Time
	Deadline time.Time
	Breached bool
}

// HistoryItem is an earlier follow-up of the same customer, so the agent
// knows about a problem before the customer has to explain it.
type HistoryItem struct {
	ID       int64
	Kind     string
	State    string
	Product  string
	SoldAt   time.Time
	DueAt    time.Time
	Updated  time.Time
	Answers  []HistoryAnswer
	Attempts []HistoryAttempt
}

type HistoryAnswer struct {
	Prompt, Value string
	Type          scripts.QuestionType // empty when the version lacks the question
	Triggered     bool
}

type HistoryAttempt struct {
	At          time.Time
	Disposition string
	Notes       string
}

// LoadCall returns the call if userID holds it, and extends the claim: an
// agent reading the page is still on the call.
func (s *Service) LoadCall(ctx context.Context, id, userID int64) (Call, error) {
	q := store.New()
	n, err := q.FollowUpExtendClaim(ctx, s.pool, store.FollowUpExtendClaimParams{
		TtlSeconds: int32(s.claimTTL / time.Second), ID: id, UserID: &userID,
	})
	if err != nil {
		return Call{}, fmt.Errorf("extending claim: %w", err)
	}
	if n == 0 {
		return Call{}, ErrNotHeld
	}
	r, err := q.CallGet(ctx, s.pool, id)
	if err != nil {
		return Call{}, fmt.Errorf("reading call: %w", err)
	}
	loc, err := s.zones(r.Timezone)
	if err != nil {
		loc = time.UTC
	}
	c := Call{
		ID: r.ID, State: r.State, AttemptsMade: int(r.AttemptCount), MaxAttempts: int(r.MaxAttempts),
		CustomerName: r.CustomerName, Phone: r.Phone, Timezone: r.Timezone, Location: loc, Locale: r.Locale,
		ExternalID: r.ExternalID, Product: or(r.ProductName, r.ProductSku), SKU: r.ProductSku,
		Category: r.ProductCategory, Branch: r.Branch, SoldAt: r.SoldAt,
	}
	if r.ClaimExpiresAt != nil {
		c.ClaimExpiresAt = *r.ClaimExpiresAt
	}
	sales, err := q.FollowUpSales(ctx, s.pool, id)
	if err != nil {
		return Call{}, fmt.Errorf("reading the call's sales: %w", err)
	}
	for _, sl := range sales {
		c.Sales = append(c.Sales, SaleLine{
			ExternalID: sl.ExternalID, Product: or(sl.ProductName, sl.ProductSku), SKU: sl.ProductSku, SoldAt: sl.SoldAt,
			Branch: store.Branch{Code: or(sl.Branch, sl.BranchCode), NameEn: sl.BranchNameEn, NameFa: sl.BranchNameFa},
		})
	}
	sv, err := s.scriptVersion(ctx, r.ScriptVersionID, r.ScriptName, r.Locale)
	if err != nil {
		return Call{}, err
	}
	v, err := versionBody(sv.Body)
	if err != nil {
		return Call{}, err
	}
	c.ScriptVersionID, c.ScriptNumber, c.Script = sv.ID, int(sv.Number), v
	if c.History, err = s.history(ctx, r.CustomerID, id); err != nil {
		return Call{}, err
	}
	if c.Partial, err = partialAnswers(ctx, s.pool, id); err != nil {
		return Call{}, err
	}
	issues, err := q.IssuePendingForCustomer(ctx, s.pool, r.CustomerID)
	if err != nil {
		return Call{}, fmt.Errorf("reading the customer's issues: %w", err)
	}
	for _, is := range issues {
		c.OpenIssues = append(c.OpenIssues, OpenIssue{
			Category: is.Category, Severity: is.Severity, State: is.State,
			RaisedAt: is.CreatedAt, Deadline: is.DeadlineAt, Breached: is.BreachedAt != nil,
		})
	}
	return c, nil
}

// scriptVersion is the version fixed when the follow-up was scheduled, or
// the current one for follow-ups scheduled before any was published.
func (s *Service) scriptVersion(ctx context.Context, fixed *int64, name, locale string) (store.ScriptVersionGetRow, error) {
	q := store.New()
	if fixed != nil {
		sv, err := q.ScriptVersionGet(ctx, s.pool, *fixed)
		if err != nil {
			return sv, fmt.Errorf("reading script version %d: %w", *fixed, err)
		}
		return sv, nil
	}
	cur, err := q.ScriptVersionCurrent(ctx, s.pool, store.ScriptVersionCurrentParams{Name: name, Locale: locale})
	if err != nil {
		return store.ScriptVersionGetRow{}, fmt.Errorf("reading script %q: %w", name, err)
	}
	return store.ScriptVersionGetRow(cur), nil
}

// CustomerHistory is every follow-up of a customer, newest first, with
// answers and attempts: what service staff read before calling them.
func (s *Service) CustomerHistory(ctx context.Context, customerID int64) ([]HistoryItem, error) {
	return s.history(ctx, customerID, 0)
}

func (s *Service) history(ctx context.Context, customerID, exclude int64) ([]HistoryItem, error) {
	q := store.New()
	rows, err := q.CustomerHistory(ctx, s.pool, store.CustomerHistoryParams{CustomerID: customerID, ExcludeID: exclude})
	if err != nil {
		return nil, fmt.Errorf("reading history: %w", err)
	}
	items := make([]HistoryItem, len(rows))
	byFollowUp := map[int64]int{}
	byResponse := map[int64]int{}
	var followUpIDs, responseIDs []int64
	for i, r := range rows {
		items[i] = HistoryItem{ID: r.ID, Kind: r.Kind, State: r.State, Product: or(r.ProductName, r.ProductSku), SoldAt: r.SoldAt, DueAt: r.DueAt, Updated: r.UpdatedAt}
		byFollowUp[r.ID] = i
		followUpIDs = append(followUpIDs, r.ID)
		if r.ResponseID != nil {
			byResponse[*r.ResponseID] = i
			responseIDs = append(responseIDs, *r.ResponseID)
		}
	}
	if len(rows) == 0 {
		return nil, nil
	}
	answers, err := q.AnswerListForResponses(ctx, s.pool, responseIDs)
	if err != nil {
		return nil, fmt.Errorf("reading earlier answers: %w", err)
	}
	versions := map[int64]scripts.Version{}
	for _, a := range answers {
		v, ok := versions[a.ResponseID]
		if !ok {
			if v, err = versionBody(a.Body); err != nil {
				return nil, err
			}
			versions[a.ResponseID] = v
		}
		h := HistoryAnswer{Prompt: a.QuestionKey, Value: a.Value}
		if question, ok := v.Question(a.QuestionKey); ok {
			h.Prompt, h.Type = question.Prompt, question.Type
			h.Triggered = question.Triggered(scripts.Answer{Key: a.QuestionKey, Value: a.Value})
		}
		i := byResponse[a.ResponseID]
		items[i].Answers = append(items[i].Answers, h)
	}
	attempts, err := q.AttemptListForFollowUps(ctx, s.pool, followUpIDs)
	if err != nil {
		return nil, fmt.Errorf("reading earlier attempts: %w", err)
	}
	for _, a := range attempts {
		i := byFollowUp[a.FollowUpID]
		items[i].Attempts = append(items[i].Attempts, HistoryAttempt{At: a.At, Disposition: a.Disposition, Notes: a.Notes})
	}
	return items, nil
}

// Submission is what the agent sends from the call page.
type Submission struct {
	Disposition     string
	ScriptVersionID int64
	Answers         map[string]string
	Notes           string
	// CallbackAt is a day and time in the customer's zone, as Lang types
	// them (i18n.ParseDateTime): an HTML datetime-local value in English,
	// Jalali and 24-hour in Persian.
	CallbackAt string
	Lang       i18n.Lang
}

// User is who submits.
type User struct {
	ID   int64
	Name string
}

const maxNotes = 2000

// Submit records the attempt and its outcome in one transaction: the
// follow-up's new state, the answers as a response and the issues they
// raise, a retry's due-minute job, an opt-out. Problems come back for the
// agent to fix, on a question key, "disposition", "notes", "callback_at" or
// "script"; nothing is stored then.
func (s *Service) Submit(ctx context.Context, id int64, user User, sub Submission) (string, invalid.Problems, error) {
	q := store.New()
	disp, err := calls.Parse(sub.Disposition)
	if err != nil {
		return "", invalid.New("disposition", "call.outcome"), nil
	}
	notes := strings.TrimSpace(sub.Notes)
	if utf8.RuneCountInString(notes) > maxNotes {
		return "", invalid.New("notes", "call.notes_too_long", maxNotes), nil
	}
	var state string
	var problems invalid.Problems
	badCallback := invalid.New("callback_at", "call.callback_time", int(calls.MaxCallbackAhead/(24*time.Hour)))
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		r, err := q.CallGet(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("reading call: %w", err)
		}
		if r.State != "claimed" || r.ClaimedBy == nil || *r.ClaimedBy != user.ID {
			return ErrNotHeld
		}
		loc, err := s.zones(r.Timezone)
		if err != nil {
			loc = time.UTC
		}
		attempt := calls.Attempt{
			Disposition: disp, AttemptsMade: int(r.AttemptCount), MaxAttempts: int(r.MaxAttempts),
			RetrySpacing: time.Duration(r.RetrySpacingMinutes) * time.Minute, Now: s.now(),
			Customer: loc,
		}
		if disp.Retries() {
			if attempt.Calendar, err = store.LoadCalendar(ctx, tx); err != nil {
				return err
			}
		}
		if disp == calls.Callback {
			if strings.TrimSpace(sub.CallbackAt) == "" {
				problems = badCallback
				return nil
			}
			at, bad := i18n.ParseDateTime(sub.Lang, "callback_at", sub.CallbackAt, loc)
			if bad != nil {
				problems = bad
				return nil
			}
			attempt.CallbackAt = at
		}
		out, err := calls.Decide(attempt)
		if errors.Is(err, calls.ErrCallbackTime) {
			problems = badCallback
			return nil
		}
		if err != nil {
			return err
		}

		var answers []scripts.Answer
		var version scripts.Version
		if disp == calls.Completed {
			// A version other than the follow-up's means the page is stale
			// (the script was moved meanwhile) or was tampered with: the agent
			// reloads rather than storing answers to the wrong questions.
			// The version the page showed is the follow-up's own, or for a
			// follow-up scheduled before any was fixed, the current one.
			want, err := s.scriptVersion(ctx, r.ScriptVersionID, r.ScriptName, r.Locale)
			if err != nil {
				return err
			}
			if want.ID != sub.ScriptVersionID {
				problems = invalid.New("script", "call.script_changed")
				return nil
			}
			sv := want
			v, err := versionBody(sv.Body)
			if err != nil {
				return err
			}
			answers, problems = v.ParseAnswers(sub.Answers)
			if problems != nil {
				return nil
			}
			version = v
		}

		var callbackBy *int64
		if disp == calls.Callback {
			callbackBy = &user.ID
		}
		var nextDue *time.Time
		if !out.DueAt.IsZero() {
			nextDue = &out.DueAt
		}
		n, err := q.FollowUpFinishCall(ctx, tx, store.FollowUpFinishCallParams{
			ToState: out.State, NextDueAt: nextDue, CallbackBy: callbackBy,
			FollowUpID: id, UserID: &user.ID, Actor: user.Name, Note: string(disp), Notes: notes,
		})
		if err != nil {
			return fmt.Errorf("ending call: %w", err)
		}
		if n == 0 {
			return ErrNotHeld
		}
		if disp == calls.Completed {
			if _, err := responses.Store(ctx, tx, s.river, responses.Response{
				FollowUpID: id, SaleID: r.SaleID, CustomerID: r.CustomerID, ScriptVersionID: sub.ScriptVersionID,
				Version: version, Answers: answers, Channel: "agent", CapturedBy: user.Name,
			}, s.now()); err != nil {
				return err
			}
		}
		if nextDue != nil {
			if err := s.insertDue(ctx, tx, *nextDue); err != nil {
				return err
			}
		}
		if out.State == "unreachable" {
			if _, err := outbox.FollowUpUnreachable(ctx, tx, s.river, id, string(disp), s.now()); err != nil {
				return err
			}
		}
		if out.OptOut {
			if err := s.optOut(ctx, tx, r.CustomerID, id, user.Name); err != nil {
				return err
			}
		}
		state = out.State
		return nil
	})
	if errors.Is(err, ErrNotHeld) {
		// A customer who asked not to be called again is opted out even
		// when the agent's hold on the call lapsed mid-conversation: that
		// wish must never be lost to a timeout. Only the agent who last
		// held the call may do this; anyone else is refused as before.
		if disp == calls.DoNotContact {
			if err := s.optOutCustomerOf(ctx, id, user.Name); err != nil {
				return "", nil, err
			}
		}
		return "", nil, ErrNotHeld
	}
	if err != nil {
		return "", nil, err
	}
	return state, problems, nil
}

// RaisedBy lists the categories of the issues follow-up id's answers
// raised or added to, one per issue.
func (s *Service) RaisedBy(ctx context.Context, id int64) ([]string, error) {
	rows, err := store.New().IssuesRaisedByFollowUp(ctx, s.pool, id)
	if err != nil {
		return nil, fmt.Errorf("reading the issues of follow-up %d: %w", id, err)
	}
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.Category
	}
	return out, nil
}

func (s *Service) optOutCustomerOf(ctx context.Context, id int64, actor string) error {
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		last, err := q.FollowUpLastClaimer(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) || (err == nil && last != actor) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading who held the call: %w", err)
		}
		r, err := q.CallGet(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("reading call: %w", err)
		}
		return s.optOut(ctx, tx, r.CustomerID, id, actor)
	})
}

// optOut records that the customer must not be called again and ends every
// follow-up of theirs still waiting. Other systems hear of it the first
// time only.
func (s *Service) optOut(ctx context.Context, tx pgx.Tx, customerID, followUpID int64, actor string) error {
	return responses.OptOut(ctx, tx, s.river, customerID, &followUpID, actor, s.now())
}

// Extend keeps the agent's hold on a call they are still on; the call page
// asks every minute while it is open.
func (s *Service) Extend(ctx context.Context, id, userID int64) error {
	n, err := store.New().FollowUpExtendClaim(ctx, s.pool, store.FollowUpExtendClaimParams{
		TtlSeconds: int32(s.claimTTL / time.Second), ID: id, UserID: &userID,
	})
	if err != nil {
		return fmt.Errorf("extending claim: %w", err)
	}
	if n == 0 {
		return ErrNotHeld
	}
	return nil
}

// partialAnswers are the answers a follow-up's automated steps kept, each
// with its question's prompt in the version it was asked in.
func partialAnswers(ctx context.Context, db store.DBTX, id int64) ([]PartialAnswer, error) {
	rows, err := store.New().PartialResponseListForFollowUp(ctx, db, id)
	if err != nil {
		return nil, fmt.Errorf("reading partial responses: %w", err)
	}
	var out []PartialAnswer
	for _, r := range rows {
		v, err := versionBody(r.Body)
		if err != nil {
			return nil, err
		}
		var answers []scripts.Answer
		if err := json.Unmarshal(r.Answers, &answers); err != nil {
			return nil, fmt.Errorf("decoding partial response of step %d: %w", r.LadderStep, err)
		}
		for _, a := range answers {
			p := PartialAnswer{Key: a.Key, Prompt: a.Key, Value: a.Value, Channel: r.Channel, At: r.CreatedAt}
			if q, ok := v.Question(a.Key); ok {
				p.Prompt, p.Type = q.Prompt, q.Type
			}
			out = append(out, p)
		}
	}
	return out, nil
}
