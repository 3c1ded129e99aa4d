package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/reports"
)

// RecoveryDaysWorker refreshes the recovery report's rollup
// (reports.RecoveryDaysArgs).
type RecoveryDaysWorker struct {
	river.WorkerDefaults[reports.RecoveryDaysArgs]
	Reports *reports.Service
}

func (w *RecoveryDaysWorker) Work(ctx context.Context, job *river.Job[reports.RecoveryDaysArgs]) error {
	return w.Reports.RefreshRecovery(ctx, job.Args.Full)
}
