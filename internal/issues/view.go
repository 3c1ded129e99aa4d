package issues

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
)

// PageSize is how many issues the desk's list shows at once.
const PageSize = 50

// Filter narrows the service desk's list; zero values mean "any".
type Filter struct {
	States     []string // required: the states to show
	Severity   string
	Category   string
	Branch     string
	Overdue    bool
	AssigneeID int64
	Unassigned bool
	Page       int // from 0
}

// Queue is one page of the desk's list and whether another follows.
func (s *Service) Queue(ctx context.Context, f Filter) ([]store.IssueQueueRow, bool, error) {
	rows, err := store.New().IssueQueue(ctx, s.pool, store.IssueQueueParams{
		States: f.States, Severity: f.Severity, Category: f.Category, Branch: f.Branch,
		Overdue: f.Overdue, Now: s.now(), AssigneeID: f.AssigneeID, Unassigned: f.Unassigned,
		MaxRows: PageSize + 1, Skip: int32(f.Page * PageSize),
	})
	if err != nil {
		return nil, false, fmt.Errorf("listing issues: %w", err)
	}
	if len(rows) > PageSize {
		return rows[:PageSize], true, nil
	}
	return rows, false, nil
}

// Counts are the desk's headline figures for user.
func (s *Service) Counts(ctx context.Context, userID int64) (store.IssueDeskCountsRow, error) {
	return store.New().IssueDeskCounts(ctx, s.pool, store.IssueDeskCountsParams{Now: s.now(), UserID: &userID})
}

// Detail is everything the issue page shows but the customer's history,
// which the console already knows how to read.
type Detail struct {
	store.IssueDetailRow
	Triggers []TriggerAnswer
	Notes    []store.IssueNoteListRow
	Changes  []store.AuditLog
	Recovery *Recovery
}

// TriggerAnswer is an answer that raised the issue or joined it.
type TriggerAnswer struct {
	Prompt, Value, Severity, CapturedBy string
	Type                                scripts.QuestionType
	At                                  time.Time
}

// Recovery is how the recovery call of a resolved issue went.
type Recovery struct {
	FollowUpID int64
	State      string
	DueAt      time.Time
	AnsweredAt *time.Time
	// Recovered: the customer answered the recovery call and raised no
	// new issue, so they were unhappy and are satisfied now.
	Recovered  bool
	NewIssueID int64 // the issue the recovery answers raised, if any
}

// Load reads issue id for its page.
func (s *Service) Load(ctx context.Context, id int64) (Detail, error) {
	q := store.New()
	row, err := q.IssueDetail(ctx, s.pool, id)
	if err != nil {
		return Detail{}, fmt.Errorf("reading issue %d: %w", id, err)
	}
	d := Detail{IssueDetailRow: row}
	triggers, err := q.IssueTriggerDetails(ctx, s.pool, id)
	if err != nil {
		return Detail{}, fmt.Errorf("reading the answers of issue %d: %w", id, err)
	}
	versions := map[string]scripts.Version{}
	for _, t := range triggers {
		v, ok := versions[string(t.Body)]
		if !ok {
			if err := json.Unmarshal(t.Body, &v); err != nil {
				return Detail{}, fmt.Errorf("decoding script version: %w", err)
			}
			versions[string(t.Body)] = v
		}
		a := TriggerAnswer{Prompt: t.QuestionKey, Value: t.Value, Severity: t.Severity, CapturedBy: t.CapturedBy, At: t.CreatedAt}
		if question, ok := v.Question(t.QuestionKey); ok {
			a.Prompt, a.Type = question.Prompt, question.Type
		}
		d.Triggers = append(d.Triggers, a)
	}
	if d.Notes, err = q.IssueNoteList(ctx, s.pool, id); err != nil {
		return Detail{}, fmt.Errorf("reading the notes of issue %d: %w", id, err)
	}
	if d.Changes, err = q.AuditListForEntity(ctx, s.pool, store.AuditListForEntityParams{Entity: "issue", EntityKey: fmt.Sprint(id)}); err != nil {
		return Detail{}, fmt.Errorf("reading the changes of issue %d: %w", id, err)
	}
	if fu := row.Issue.RecoveryFollowUpID; fu != nil {
		out, err := q.IssueRecoveryOutcome(ctx, s.pool, *fu)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return Detail{}, fmt.Errorf("reading the recovery call of issue %d: %w", id, err)
		}
		if err == nil {
			d.Recovery = &Recovery{
				FollowUpID: *fu, State: out.State, DueAt: out.DueAt, AnsweredAt: out.AnsweredAt,
				Recovered: out.AnsweredAt != nil && out.RaisedIssueID == 0, NewIssueID: out.RaisedIssueID,
			}
		}
	}
	return d, nil
}

// RootCauses is the whole list, retired entries included.
func (s *Service) RootCauses(ctx context.Context) ([]store.RootCause, error) {
	return store.New().RootCauseList(ctx, s.pool)
}
