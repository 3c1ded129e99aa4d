package issues

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/audit"
	"github.com/tamas-app/tamas/internal/casework"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
)

// What stops a desk change that is not about its input: the call was lost
// or the issue moved on since the page showing it was drawn.
var (
	ErrNotHeld = errors.New("the call is no longer yours")
	ErrStale   = errors.New("the issue changed since it was shown")
)

// The codes of the service desk's refusals of its forms (invalid.Problem),
// besides casework's.
const (
	// CodeNote: a note must have 1 to MaxNote characters; the argument is
	// MaxNote.
	CodeNote = "issue.note"
	// CodeCategory: a manual issue's category must be an active root cause.
	CodeCategory = "issue.category"
	// CodeAssignee: only an active service, supervisor or admin user can
	// be given an issue.
	CodeAssignee = "issue.assignee"
)

// stale reports whether is changed after the actor saw it at seen; the
// page carries updated_at to the microsecond PostgreSQL keeps.
func stale(is store.Issue, seen time.Time) bool {
	return !seen.IsZero() && !is.UpdatedAt.Truncate(time.Microsecond).Equal(seen.Truncate(time.Microsecond))
}

// MaxNote bounds a note: enough for a careful account of a visit, not a
// pasted email thread.
const MaxNote = 4000

const maxLabel = 80

// noteText is body trimmed, or the refusal of the form field that holds it.
func noteText(field, body string) (string, error) {
	body = strings.TrimSpace(body)
	if body == "" || utf8.RuneCountInString(body) > MaxNote {
		return "", invalid.New(field, CodeNote, MaxNote)
	}
	return body, nil
}

// noteLengths refuses the texts of c longer than a note may be, whatever
// the change, as the form sends them all.
func noteLengths(c casework.Change) error {
	var ps invalid.Problems
	for _, f := range []struct{ field, text string }{{"root_cause_note", c.RootCauseNote}, {"reason", c.Reason}} {
		if utf8.RuneCountInString(f.text) > MaxNote {
			ps = append(ps, invalid.Problem{Field: f.field, Code: CodeNote, Args: []any{MaxNote}})
		}
	}
	return ps.Err()
}

// Manual is an issue an agent raises by hand from a call, for a problem
// the script did not ask about.
type Manual struct {
	FollowUpID int64
	UserID     int64
	Actor      string
	Category   string
	Severity   scripts.Severity
	Note       string
}

// RaiseByHand raises m while its agent holds the call. Like a trigger, it
// joins the customer's pending issue of the category (and can make it more
// urgent); the agent's note goes on the issue either way.
func (s *Service) RaiseByHand(ctx context.Context, m Manual) (Raised, error) {
	note, err := s.byHand("note", m.Note, m.Severity)
	if err != nil {
		return Raised{}, err
	}
	q := store.New()
	var raised Raised
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		fu, err := q.FollowUpHeldForIssue(ctx, tx, store.FollowUpHeldForIssueParams{ID: m.FollowUpID, UserID: &m.UserID})
		if errors.Is(err, store.ErrNotFound) {
			return ErrNotHeld
		}
		if err != nil {
			return fmt.Errorf("reading follow-up %d: %w", m.FollowUpID, err)
		}
		if err := activeCause(ctx, tx, m.Category, invalid.New("category", CodeCategory)); err != nil {
			return err
		}
		raised, err = s.raiseWithNote(ctx, tx, pendingIssue{
			CustomerID: fu.CustomerID, SaleID: fu.SaleID, FollowUpID: fu.ID,
			Category: m.Category, Severity: m.Severity, Origin: "manual",
		}, m.UserID, m.Actor, note)
		return err
	})
	return raised, err
}

// byHand checks what a staff member raising an issue typed: the note
// (field names it) trimmed, and a severity the SLA table knows.
func (s *Service) byHand(field, note string, sev scripts.Severity) (string, error) {
	note, err := noteText(field, note)
	if err != nil {
		return "", err
	}
	if _, err := casework.Deadline(sev, s.now()); err != nil {
		return "", err
	}
	return note, nil
}

// raiseWithNote raises p for a staff member and puts what they wrote on
// the issue, opened or joined; the audit log says who, how and what.
func (s *Service) raiseWithNote(ctx context.Context, tx pgx.Tx, p pendingIssue, userID int64, actor, note string) (Raised, error) {
	q := store.New()
	raised, err := raiseOne(ctx, tx, s.river, p, actor, s.now())
	if err != nil {
		return Raised{}, err
	}
	if err := q.IssueNoteInsert(ctx, tx, store.IssueNoteInsertParams{IssueID: raised.IssueID, AuthorID: userID, Body: note}); err != nil {
		return Raised{}, fmt.Errorf("adding the note to issue %d: %w", raised.IssueID, err)
	}
	after := map[string]any{"origin": p.Origin, "follow_up_id": p.FollowUpID, "severity": p.Severity, "note": note}
	if !raised.Opened {
		return raised, record(ctx, tx, actor, raised.IssueID, nil, map[string]any{"added_by_hand": after})
	}
	is, err := q.IssueGet(ctx, tx, raised.IssueID)
	if err != nil {
		return Raised{}, fmt.Errorf("reading issue %d: %w", raised.IssueID, err)
	}
	return raised, record(ctx, tx, actor, raised.IssueID, nil, snapshot(is, after))
}

// activeCause refuses key unless it is a root cause on the list and not
// retired; refusal is the error the caller's field stands for.
func activeCause(ctx context.Context, tx pgx.Tx, key string, refusal error) error {
	rc, err := store.New().RootCauseGet(ctx, tx, key)
	if errors.Is(err, store.ErrNotFound) || (err == nil && !rc.Active) {
		return refusal
	}
	if err != nil {
		return fmt.Errorf("reading root cause %q: %w", key, err)
	}
	return nil
}

// Assign gives issue id to user assignee, or to nobody when assignee is 0,
// for an actor who saw the issue at seen (see Transition).
func (s *Service) Assign(ctx context.Context, id int64, actor string, assignee int64, seen time.Time) error {
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		is, err := q.IssueGetForUpdate(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("reading issue %d: %w", id, err)
		}
		if stale(is, seen) {
			return ErrStale
		}
		var to *int64
		if assignee != 0 {
			if _, err := q.UserAssignable(ctx, tx, assignee); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return invalid.New("assignee", CodeAssignee)
				}
				return fmt.Errorf("reading user %d: %w", assignee, err)
			}
			to = &assignee
		}
		if equalID(is.AssigneeID, to) {
			return nil
		}
		if err := q.IssueAssign(ctx, tx, store.IssueAssignParams{ID: id, AssigneeID: to}); err != nil {
			return fmt.Errorf("assigning issue %d: %w", id, err)
		}
		after := is
		after.AssigneeID = to
		return record(ctx, tx, actor, id, snapshot(is, nil), snapshot(after, nil))
	})
}

func equalID(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// AddNote adds what service staff found or did to issue id.
func (s *Service) AddNote(ctx context.Context, id, authorID int64, actor, body string) error {
	note, err := noteText("body", body)
	if err != nil {
		return err
	}
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := q.IssueGetForUpdate(ctx, tx, id); err != nil {
			return fmt.Errorf("reading issue %d: %w", id, err)
		}
		if err := q.IssueNoteInsert(ctx, tx, store.IssueNoteInsertParams{IssueID: id, AuthorID: authorID, Body: note}); err != nil {
			return fmt.Errorf("adding a note to issue %d: %w", id, err)
		}
		if err := q.IssueTouch(ctx, tx, id); err != nil {
			return err
		}
		return record(ctx, tx, actor, id, nil, map[string]any{"note": note})
	})
}

// RootCause is an entry of the list supervisors manage.
type RootCause struct {
	Key, LabelEN, LabelFA string
	Active                bool
}

var causeKey = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)

// The codes of a root cause's refusals (invalid.Problem).
const (
	CodeCauseKey    = "cause.key"
	CodeCauseLabels = "cause.labels"
	CodeCauseTaken  = "cause.taken"
)

func (c RootCause) check() (RootCause, error) {
	c.Key = strings.TrimSpace(c.Key)
	c.LabelEN, c.LabelFA = strings.TrimSpace(c.LabelEN), strings.TrimSpace(c.LabelFA)
	if !causeKey.MatchString(c.Key) {
		return c, invalid.New("key", CodeCauseKey)
	}
	for _, l := range []string{c.LabelEN, c.LabelFA} {
		if l == "" || utf8.RuneCountInString(l) > maxLabel {
			return c, invalid.New("labels", CodeCauseLabels, maxLabel)
		}
	}
	return c, nil
}

// AddRootCause puts a new cause at the end of the list.
func (s *Service) AddRootCause(ctx context.Context, actor string, c RootCause) error {
	c, err := c.check()
	if err != nil {
		return err
	}
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		row, err := q.RootCauseInsert(ctx, tx, store.RootCauseInsertParams{Key: c.Key, LabelEn: c.LabelEN, LabelFa: c.LabelFA})
		if errors.Is(err, store.ErrNotFound) {
			return invalid.New("key", CodeCauseTaken)
		}
		if err != nil {
			return fmt.Errorf("adding root cause %q: %w", c.Key, err)
		}
		return auditCause(ctx, tx, actor, nil, &row)
	})
}

// UpdateRootCause relabels a cause or retires it (Active false): a retired
// cause stays on the issues resolved with it but is no longer offered.
func (s *Service) UpdateRootCause(ctx context.Context, actor string, c RootCause) error {
	c, err := c.check()
	if err != nil {
		return err
	}
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		before, err := q.RootCauseGetForUpdate(ctx, tx, c.Key)
		if err != nil {
			return fmt.Errorf("reading root cause %q: %w", c.Key, err)
		}
		after := store.RootCause(before)
		after.LabelEn, after.LabelFa, after.Active = c.LabelEN, c.LabelFA, c.Active
		if after == store.RootCause(before) {
			return nil
		}
		if err := q.RootCauseUpdate(ctx, tx, store.RootCauseUpdateParams{Key: c.Key, LabelEn: c.LabelEN, LabelFa: c.LabelFA, Active: c.Active}); err != nil {
			return fmt.Errorf("changing root cause %q: %w", c.Key, err)
		}
		was := store.RootCause(before)
		return auditCause(ctx, tx, actor, &was, &after)
	})
}

func auditCause(ctx context.Context, tx pgx.Tx, actor string, before, after *store.RootCause) error {
	rec := func(r *store.RootCause) any {
		if r == nil {
			return nil
		}
		return map[string]any{"key": r.Key, "label_en": r.LabelEn, "label_fa": r.LabelFa, "active": r.Active}
	}
	return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: "root_cause", Key: after.Key, Before: rec(before), After: rec(after)})
}
