package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
)

// IssueSLAArgs is the deadline of one issue. It is inserted with the issue,
// scheduled at its deadline, so a breach is noticed when it happens rather
// than by a sweep.
type IssueSLAArgs struct {
	IssueID int64 `json:"issue_id"`
	// Deadline (unix seconds) makes the job of an escalated issue, whose
	// deadline came closer, a job of its own next to the first one.
	Deadline int64 `json:"deadline,omitempty"`
}

func (IssueSLAArgs) Kind() string { return "issue_sla" }

func (IssueSLAArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 25, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// InsertIssueSLA schedules the deadline job of an issue inside tx, the
// transaction that raised it.
func InsertIssueSLA(ctx context.Context, client *river.Client[pgx.Tx], tx pgx.Tx, issueID int64, deadline time.Time) error {
	args := IssueSLAArgs{IssueID: issueID, Deadline: deadline.Unix()}
	if _, err := client.InsertTx(ctx, tx, args, &river.InsertOpts{ScheduledAt: deadline}); err != nil {
		return fmt.Errorf("inserting SLA job for issue %d: %w", issueID, err)
	}
	return nil
}

// IssueSLAWorker marks an issue breached when its deadline passes while it
// is still open or in progress, and puts it in the supervisors' inbox.
// Running it again changes nothing.
type IssueSLAWorker struct {
	river.WorkerDefaults[IssueSLAArgs]
	Pool    *pgxpool.Pool
	Now     func() time.Time
	Metrics *metrics.Metrics
}

func (w *IssueSLAWorker) Work(ctx context.Context, job *river.Job[IssueSLAArgs]) error {
	now := nowFunc(w.Now)()
	q := store.New()
	var (
		snooze   time.Duration
		breached bool
	)
	err := store.InTx(ctx, w.Pool, func(tx pgx.Tx) error {
		is, err := q.IssueGetForUpdate(ctx, tx, job.Args.IssueID)
		if err != nil {
			return fmt.Errorf("reading issue %d: %w", job.Args.IssueID, err)
		}
		if (is.State != "open" && is.State != "in_progress") || is.BreachedAt != nil {
			return nil
		}
		if now.Before(is.DeadlineAt) {
			// Run early (a clock skew, a job moved by hand): wait without
			// spending an attempt.
			snooze = is.DeadlineAt.Sub(now)
			return nil
		}
		if err := q.IssueMarkBreached(ctx, tx, store.IssueMarkBreachedParams{At: &now, ID: is.ID}); err != nil {
			return fmt.Errorf("marking issue %d breached: %w", is.ID, err)
		}
		before, err := json.Marshal(map[string]any{"state": is.State, "breached_at": nil})
		if err != nil {
			return err
		}
		after, err := json.Marshal(map[string]any{"state": is.State, "breached_at": now})
		if err != nil {
			return err
		}
		if err := q.AuditInsert(ctx, tx, store.AuditInsertParams{
			Actor: "job:issue_sla", Entity: "issue", EntityKey: strconv.FormatInt(is.ID, 10), Before: before, After: after,
		}); err != nil {
			return fmt.Errorf("auditing breach of issue %d: %w", is.ID, err)
		}
		if err := q.InboxAdd(ctx, tx, store.InboxAddParams{Kind: "issue_breached", IssueID: is.ID}); err != nil {
			return fmt.Errorf("adding breach of issue %d to the inbox: %w", is.ID, err)
		}
		client, err := river.ClientFromContextSafely[pgx.Tx](ctx)
		if err != nil {
			return fmt.Errorf("announcing breach of issue %d: %w", is.ID, err)
		}
		if _, err := outbox.Issue(ctx, tx, client, webhooks.IssueBreached, is.ID, now); err != nil {
			return err
		}
		breached = true
		return nil
	})
	if err == nil && breached {
		w.Metrics.SLABreached(metrics.BreachBySLAJob)
	}
	if errors.Is(err, store.ErrNotFound) {
		return river.JobCancel(err)
	}
	if err == nil && snooze > 0 {
		return river.JobSnooze(snooze)
	}
	return err
}
