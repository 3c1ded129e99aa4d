package jobs

import (
	"context"
	"errors"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/store"
)

// IssueSLAWorker works an issue's deadline job (issues.SLAArgs): it marks
// the issue breached if it is still pending (issues.Service.Breach). Run
// early, it waits without spending an attempt; an issue gone cancels it.
type IssueSLAWorker struct {
	river.WorkerDefaults[issues.SLAArgs]
	Issues *issues.Service
}

func (w *IssueSLAWorker) Work(ctx context.Context, job *river.Job[issues.SLAArgs]) error {
	wait, err := w.Issues.Breach(ctx, job.Args.IssueID, "job:issue_sla")
	switch {
	case errors.Is(err, store.ErrNotFound):
		return river.JobCancel(err)
	case err != nil:
		return err
	case wait > 0:
		return river.JobSnooze(wait)
	}
	return nil
}
