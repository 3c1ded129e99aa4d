package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/store"
)

// ClaimReleaseArgs periodically puts follow-ups whose claim expired (an
// agent closed the tab or went home) back into the queue.
type ClaimReleaseArgs struct{}

func (ClaimReleaseArgs) Kind() string { return "claim_release" }

type ClaimReleaseWorker struct {
	river.WorkerDefaults[ClaimReleaseArgs]
	Pool *pgxpool.Pool
	Now  func() time.Time
}

func (w *ClaimReleaseWorker) Work(ctx context.Context, job *river.Job[ClaimReleaseArgs]) error {
	if _, err := store.New().FollowUpReleaseExpiredClaims(ctx, w.Pool, nowFunc(w.Now)()); err != nil {
		return fmt.Errorf("releasing expired claims: %w", err)
	}
	return nil
}
