package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/reports"
)

// ReportDaysWorker refreshes the reports' rollup (reports.DaysArgs).
type ReportDaysWorker struct {
	river.WorkerDefaults[reports.DaysArgs]
	Reports *reports.Service
}

func (w *ReportDaysWorker) Work(ctx context.Context, job *river.Job[reports.DaysArgs]) error {
	return w.Reports.Refresh(ctx, job.Args.Full)
}
