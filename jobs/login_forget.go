package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/users"
)

// LoginForgetArgs periodically deletes the sign-in failure counts whose
// window is over (users.Service.ForgetLoginFailures).
type LoginForgetArgs struct{}

func (LoginForgetArgs) Kind() string { return "login_forget" }

// LoginForgetWorker deletes old sign-in failure counts.
type LoginForgetWorker struct {
	river.WorkerDefaults[LoginForgetArgs]
	Users *users.Service
}

func (w *LoginForgetWorker) Work(ctx context.Context, job *river.Job[LoginForgetArgs]) error {
	_, err := w.Users.ForgetLoginFailures(ctx)
	return err
}
