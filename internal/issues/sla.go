package issues

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
)

// SLAArgs is the deadline of one issue. It is inserted with the issue,
// scheduled at its deadline, so a breach is noticed when it happens rather
// than by a sweep; jobs.IssueSLAWorker runs Service.Breach.
type SLAArgs struct {
	IssueID int64 `json:"issue_id"`
	// Deadline (unix seconds) makes the job of an escalated issue, whose
	// deadline came closer, a job of its own next to the first one.
	Deadline int64 `json:"deadline,omitempty"`
}

func (SLAArgs) Kind() string { return "issue_sla" }

func (SLAArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 25, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// insertSLA schedules the deadline job of an issue inside tx, the
// transaction that raised it.
func insertSLA(ctx context.Context, client *river.Client[pgx.Tx], tx pgx.Tx, issueID int64, deadline time.Time) error {
	args := SLAArgs{IssueID: issueID, Deadline: deadline.Unix()}
	if _, err := client.InsertTx(ctx, tx, args, &river.InsertOpts{ScheduledAt: deadline}); err != nil {
		return fmt.Errorf("inserting SLA job for issue %d: %w", issueID, err)
	}
	return nil
}

// Breach marks issue id breached when its deadline has passed while it is
// still open or in progress, and puts it in the supervisors' inbox. Asked
// before the deadline (a clock skew, a job moved by hand) it changes
// nothing and says how long is left. Asking again changes nothing. An
// issue that does not exist is store.ErrNotFound.
func (s *Service) Breach(ctx context.Context, id int64, actor string) (wait time.Duration, err error) {
	q := store.New()
	now := s.now()
	breached := false
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		is, err := q.IssueGetForUpdate(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("reading issue %d: %w", id, err)
		}
		if (is.State != "open" && is.State != "in_progress") || is.BreachedAt != nil {
			return nil
		}
		if now.Before(is.DeadlineAt) {
			wait = is.DeadlineAt.Sub(now)
			return nil
		}
		if err := markBreached(ctx, tx, s.river, is.ID, now, now); err != nil {
			return err
		}
		if err := auditChange(ctx, tx, actor, is); err != nil {
			return err
		}
		breached = true
		return nil
	})
	if err == nil && breached {
		s.metrics.SLABreached(metrics.BreachBySLAJob)
	}
	return wait, err
}

// markBreached records that issue id missed its deadline at: on the issue,
// in the supervisors' inbox and to the systems that listen. The caller
// audits the change with the rest of its own.
func markBreached(ctx context.Context, tx pgx.Tx, client *river.Client[pgx.Tx], id int64, at, now time.Time) error {
	q := store.New()
	if err := q.IssueMarkBreached(ctx, tx, store.IssueMarkBreachedParams{At: &at, ID: id}); err != nil {
		return fmt.Errorf("marking issue %d breached: %w", id, err)
	}
	if err := q.InboxAdd(ctx, tx, store.InboxAddParams{Kind: "issue_breached", IssueID: id}); err != nil {
		return fmt.Errorf("adding breach of issue %d to the inbox: %w", id, err)
	}
	if _, err := outbox.Issue(ctx, tx, client, webhooks.IssueBreached, id, now); err != nil {
		return err
	}
	return nil
}
