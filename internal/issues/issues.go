// Package issues stores the cases that bad answers raise and the changes
// service staff make to them. internal/casework decides; this package
// reads and writes the store and River, and audits every change.
package issues

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/audit"
	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
	"github.com/tamas-app/tamas/scripts"
)

// RecoveryScript is the script recovery follow-ups are called with.
const RecoveryScript = "recovery"

// Response is a stored response, as Raise needs it.
type Response struct {
	ID, FollowUpID, SaleID, CustomerID int64
	Version                            scripts.Version
	Answers                            []scripts.Answer
}

// Raised is what Raise did for one category: opened an issue, or added to
// the customer's pending one.
type Raised struct {
	IssueID  int64
	Category string
	Opened   bool
}

// Raise opens an issue for every category whose trigger r's answers fire,
// or adds the answers to the customer's pending issue of that category. It
// runs in tx, the transaction that stores the response, so a response is
// never stored without its issues; a new issue's deadline job goes in the
// same transaction.
func Raise(ctx context.Context, tx pgx.Tx, client *river.Client[pgx.Tx], r Response, actor string, now time.Time) ([]Raised, error) {
	q := store.New()
	var out []Raised
	for _, want := range casework.Triggered(r.Version, r.Answers) {
		raised, err := raiseOne(ctx, tx, client, pendingIssue{
			CustomerID: r.CustomerID, SaleID: r.SaleID, FollowUpID: r.FollowUpID,
			Category: want.Category, Severity: want.Severity, Origin: "trigger",
		}, actor, now)
		if err != nil {
			return nil, err
		}
		for _, h := range want.Hits {
			if err := q.IssueTriggerInsert(ctx, tx, store.IssueTriggerInsertParams{
				IssueID: raised.IssueID, ResponseID: r.ID, QuestionKey: h.Answer.Key,
				Value: h.Answer.Value, Severity: string(h.Severity),
			}); err != nil {
				return nil, fmt.Errorf("linking answer %s to issue %d: %w", h.Answer.Key, raised.IssueID, err)
			}
		}
		if err := auditRaise(ctx, tx, raised, r, want, actor); err != nil {
			return nil, err
		}
		out = append(out, raised)
	}
	return out, nil
}

// pendingIssue is an issue about to be raised.
type pendingIssue struct {
	CustomerID, SaleID, FollowUpID int64
	Category                       string
	Severity                       scripts.Severity
	Origin                         string // trigger or manual
}

// raiseOne raises p: a new issue with its deadline job, or, when the customer
// already has a pending issue in the category, that one, escalated if p is
// more severe.
func raiseOne(ctx context.Context, tx pgx.Tx, client *river.Client[pgx.Tx], p pendingIssue, actor string, now time.Time) (Raised, error) {
	q := store.New()
	deadline, err := casework.Deadline(p.Severity, now)
	if err != nil {
		return Raised{}, fmt.Errorf("raising a %s issue: %w", p.Category, err)
	}
	// The pending issue the insert ran into can be resolved before it is
	// read again; then the next round opens a new one. Three rounds need
	// staff to resolve twice within one answer's transaction.
	var cur store.Issue
	for round := 0; ; round++ {
		id, err := q.IssueInsertPending(ctx, tx, store.IssueInsertPendingParams{
			CustomerID: p.CustomerID, SaleID: p.SaleID, FollowUpID: p.FollowUpID,
			Category: p.Category, Severity: string(p.Severity), DeadlineAt: deadline, Origin: p.Origin,
		})
		switch {
		case err == nil:
			if err := insertSLA(ctx, client, tx, id, deadline); err != nil {
				return Raised{}, err
			}
			_, err = outbox.Issue(ctx, tx, client, webhooks.IssueCreated, id, now)
			return Raised{IssueID: id, Category: p.Category, Opened: true}, err
		case !errors.Is(err, store.ErrNotFound):
			return Raised{}, fmt.Errorf("raising a %s issue: %w", p.Category, err)
		}
		cur, err = q.IssueGetPendingForUpdate(ctx, tx, store.IssueGetPendingForUpdateParams{CustomerID: p.CustomerID, Category: p.Category})
		if err == nil {
			break
		}
		if !errors.Is(err, store.ErrNotFound) || round == 2 {
			return Raised{}, fmt.Errorf("reading the pending %s issue: %w", p.Category, err)
		}
	}
	raised := Raised{IssueID: cur.ID, Category: p.Category}
	sev, closer, worse := casework.Escalate(scripts.Severity(cur.Severity), cur.DeadlineAt, p.Severity, now)
	if !worse {
		return raised, q.IssueTouch(ctx, tx, cur.ID)
	}
	if err := q.IssueEscalate(ctx, tx, store.IssueEscalateParams{ID: cur.ID, Severity: string(sev), DeadlineAt: closer}); err != nil {
		return Raised{}, fmt.Errorf("escalating issue %d: %w", cur.ID, err)
	}
	if !closer.Equal(cur.DeadlineAt) {
		if err := insertSLA(ctx, client, tx, cur.ID, closer); err != nil {
			return Raised{}, err
		}
	}
	after := cur
	after.Severity, after.DeadlineAt = string(sev), closer
	if err := record(ctx, tx, actor, cur.ID, snapshot(cur, nil), snapshot(after, nil)); err != nil {
		return Raised{}, err
	}
	return raised, nil
}

// auditRaise records an opening as an addition (no before) and an added
// trigger as the answers it added.
func auditRaise(ctx context.Context, tx pgx.Tx, raised Raised, r Response, want casework.Raise, actor string) error {
	q := store.New()
	hits := make([]map[string]string, len(want.Hits))
	for i, h := range want.Hits {
		hits[i] = map[string]string{"question_key": h.Answer.Key, "value": h.Answer.Value, "severity": string(h.Severity)}
	}
	if !raised.Opened {
		return record(ctx, tx, actor, raised.IssueID, nil, map[string]any{"added_response_id": r.ID, "triggers": hits})
	}
	is, err := q.IssueGet(ctx, tx, raised.IssueID)
	if err != nil {
		return fmt.Errorf("reading issue %d: %w", raised.IssueID, err)
	}
	return record(ctx, tx, actor, raised.IssueID, nil, snapshot(is, map[string]any{"response_id": r.ID, "triggers": hits}))
}

// Service is service staff's work on issues.
type Service struct {
	pool    *pgxpool.Pool
	river   *river.Client[pgx.Tx]
	now     func() time.Time
	zones   func(name string) (*time.Location, error)
	metrics *metrics.Metrics
}

// Opts configures New.
type Opts struct {
	Pool *pgxpool.Pool
	// River inserts the jobs an issue change brings (deadlines, recovery
	// follow-ups, webhooks); an insert-only client will do.
	River *river.Client[pgx.Tx]
	Now   func() time.Time
	// Location loads a zone; intake's normaliser caches them.
	Location func(name string) (*time.Location, error)
	// Metrics counts breaches (Breach, and those noticed when an issue
	// ends); nil counts nothing.
	Metrics *metrics.Metrics
}

// New returns the issue service; a nil Now means time.Now and a nil
// Location time.LoadLocation.
func New(o Opts) *Service {
	s := &Service{pool: o.Pool, river: o.River, now: o.Now, zones: o.Location, metrics: o.Metrics}
	if s.now == nil {
		s.now = time.Now
	}
	if s.zones == nil {
		s.zones = time.LoadLocation
	}
	return s
}

// Start moves an open issue to in_progress.
func (s *Service) Start(ctx context.Context, id int64, actor string) error {
	return s.change(ctx, id, actor, casework.Change{To: casework.InProgress})
}

// Resolve records the root cause and schedules the recovery follow-up
// that asks the customer whether the fix held.
func (s *Service) Resolve(ctx context.Context, id int64, actor string, cause casework.RootCause, note string) error {
	return s.change(ctx, id, actor, casework.Change{To: casework.Resolved, RootCause: cause, RootCauseNote: note})
}

// Close ends a resolved issue.
func (s *Service) Close(ctx context.Context, id int64, actor string) error {
	return s.change(ctx, id, actor, casework.Change{To: casework.Closed})
}

// WontFix ends an issue that will not be fixed, saying why.
func (s *Service) WontFix(ctx context.Context, id int64, actor, reason string) error {
	return s.change(ctx, id, actor, casework.Change{To: casework.WontFix, Reason: reason})
}

// change applies c to issue id if casework allows it. A refusal is
// invalid.Problems, for the caller to show; nothing is stored then.
func (s *Service) change(ctx context.Context, id int64, actor string, c casework.Change) error {
	return s.Transition(ctx, id, actor, c, time.Time{})
}

// Transition applies c to issue id for an actor who saw the issue as it
// was at seen (its updated_at on their page): if it changed since, say a
// worse answer escalated it or a colleague assigned it, ErrStale refuses
// the change so they decide again on what is true now. A zero seen skips
// the check. The texts of c are stored trimmed; input casework or the root
// cause list refuses comes back as invalid.Problems.
func (s *Service) Transition(ctx context.Context, id int64, actor string, c casework.Change, seen time.Time) error {
	c.RootCauseNote, c.Reason = strings.TrimSpace(c.RootCauseNote), strings.TrimSpace(c.Reason)
	if err := noteLengths(c); err != nil {
		return err
	}
	q := store.New()
	breached := false
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		is, err := q.IssueGetForUpdate(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("reading issue %d: %w", id, err)
		}
		if stale(is, seen) {
			return ErrStale
		}
		c.From = casework.State(is.State)
		if err := casework.Check(c); err != nil {
			return err
		}
		if c.To == casework.Resolved {
			if err := activeCause(ctx, tx, string(c.RootCause), invalid.New("root_cause", casework.CodeRootCause)); err != nil {
				return err
			}
		}
		p := store.IssueSetStateParams{
			ID: id, State: string(c.To), RootCause: is.RootCause, RootCauseNote: is.RootCauseNote,
			WontFixReason: is.WontFixReason, ResolvedAt: is.ResolvedAt, RecoveryFollowUpID: is.RecoveryFollowUpID,
		}
		switch c.To {
		case casework.Resolved:
			now := s.now()
			cause := string(c.RootCause)
			p.RootCause, p.RootCauseNote, p.ResolvedAt = &cause, c.RootCauseNote, &now
			if p.RecoveryFollowUpID, err = s.scheduleRecovery(ctx, tx, is, now); err != nil {
				return err
			}
		case casework.WontFix:
			p.WontFixReason = c.Reason
		}
		if err := q.IssueSetState(ctx, tx, p); err != nil {
			return fmt.Errorf("changing issue %d to %s: %w", id, c.To, err)
		}
		// Ended after its deadline before the SLA job ran (a worker down or
		// behind): it was breached all the same, and supervisors hear of it.
		if c.From.Pending() && !c.To.Pending() && is.BreachedAt == nil && s.now().After(is.DeadlineAt) {
			if err := markBreached(ctx, tx, s.river, is.ID, is.DeadlineAt, s.now()); err != nil {
				return err
			}
			breached = true
		}
		if c.To == casework.Resolved {
			if _, err := outbox.Issue(ctx, tx, s.river, webhooks.IssueResolved, id, s.now()); err != nil {
				return err
			}
		}
		return auditChange(ctx, tx, actor, is)
	})
	if err == nil && breached {
		s.metrics.SLABreached(metrics.BreachByStateChange)
	}
	return err
}

// scheduleRecovery adds the recovery follow-up of a resolved issue,
// RecoveryDelayDays later inside the customer's calling window, with its
// due-minute job, and returns its id. A customer who asked not to be
// called gets none (nil); one whose recovery call is already waiting is
// asked once about everything that was fixed.
func (s *Service) scheduleRecovery(ctx context.Context, tx pgx.Tx, is store.Issue, now time.Time) (*int64, error) {
	q := store.New()
	c, err := q.CustomerGetZone(ctx, tx, is.CustomerID)
	if err != nil {
		return nil, fmt.Errorf("reading customer %d: %w", is.CustomerID, err)
	}
	if c.OptedOutAt != nil {
		return nil, nil
	}
	switch waiting, err := q.FollowUpPendingRecovery(ctx, tx, is.CustomerID); {
	case err == nil:
		return &waiting, nil
	case !errors.Is(err, store.ErrNotFound):
		return nil, fmt.Errorf("reading the customer's recovery calls: %w", err)
	}
	loc, err := s.zones(c.Timezone)
	if err != nil {
		loc = time.UTC
	}
	cal, err := store.LoadCalendar(ctx, tx)
	if err != nil {
		return nil, err
	}
	dueAt := schedule.DueAt(now, casework.RecoveryDelayDays, cal, loc)
	if dueAt.IsZero() {
		return nil, fmt.Errorf("the calendar has no callable time within two years")
	}
	// Fixed now, like a sale follow-up's; none published means the current
	// version when the call starts.
	var versionID *int64
	sv, err := q.ScriptVersionCurrent(ctx, tx, store.ScriptVersionCurrentParams{Name: RecoveryScript, Locale: c.Locale})
	switch {
	case err == nil:
		versionID = &sv.ID
	case !errors.Is(err, store.ErrNotFound):
		return nil, fmt.Errorf("reading the recovery script: %w", err)
	}
	id, err := q.FollowUpInsertRecovery(ctx, tx, store.FollowUpInsertRecoveryParams{
		DueAt: dueAt, ScriptName: RecoveryScript, ScriptVersionID: versionID, FromFollowUpID: is.FollowUpID,
	})
	if err != nil {
		return nil, fmt.Errorf("scheduling the recovery follow-up: %w", err)
	}
	if err := due.Insert(ctx, s.river, tx, now, dueAt); err != nil {
		return nil, err
	}
	return &id, nil
}

// auditChange records actor's change of an issue: as it was (before) and
// as it is now in tx.
func auditChange(ctx context.Context, tx pgx.Tx, actor string, before store.Issue) error {
	q := store.New()
	after, err := q.IssueGet(ctx, tx, before.ID)
	if err != nil {
		return fmt.Errorf("reading issue %d: %w", before.ID, err)
	}
	return record(ctx, tx, actor, before.ID, snapshot(before, nil), snapshot(after, nil))
}

// snapshot is what the audit log keeps of an issue: the fields staff
// change, not the bookkeeping.
func snapshot(is store.Issue, extra map[string]any) map[string]any {
	m := map[string]any{
		"state": is.State, "category": is.Category, "severity": is.Severity, "deadline_at": is.DeadlineAt,
		"breached_at": is.BreachedAt, "root_cause": is.RootCause, "root_cause_note": is.RootCauseNote,
		"wont_fix_reason": is.WontFixReason, "assignee_id": is.AssigneeID,
		"recovery_follow_up_id": is.RecoveryFollowUpID,
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// record writes actor's change of issue id to the audit log; a nil before
// is an addition.
func record(ctx context.Context, tx pgx.Tx, actor string, id int64, before, after any) error {
	return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: "issue", Key: strconv.FormatInt(id, 10), Before: before, After: after})
}
