package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/due"
)

// ClaimReleaseArgs periodically puts follow-ups whose claim expired back
// into the queue.
type ClaimReleaseArgs struct{}

func (ClaimReleaseArgs) Kind() string { return "claim_release" }

// ClaimReleaseWorker releases expired claims (due.Service.ReleaseExpiredClaims).
type ClaimReleaseWorker struct {
	river.WorkerDefaults[ClaimReleaseArgs]
	Due *due.Service
	Now func() time.Time
}

func (w *ClaimReleaseWorker) Work(ctx context.Context, job *river.Job[ClaimReleaseArgs]) error {
	return w.Due.ReleaseExpiredClaims(ctx, nowFunc(w.Now)())
}
