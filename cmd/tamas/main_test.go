package main

// Process-level tests: they build the real binary once per test run and run
// it as subprocesses against a fresh database from testdb. This file holds
// TestMain and the helpers the process tests share.

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/config"
	"github.com/tamas-app/tamas/internal/csvimport"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// built is the binary, built once per test run. testdb.Main ends the
// process with os.Exit, so nothing built in TestMain could be removed
// afterwards: the bytes are kept in memory instead and every test writes its
// own copy into its t.TempDir, which the testing package removes.
var built struct {
	once sync.Once
	exe  []byte
	err  error
}

// tamasBinary returns the path of a freshly built tamas binary.
func tamasBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "tamas-bin-")
		if err != nil {
			built.err = err
			return
		}
		defer os.RemoveAll(dir)
		out := filepath.Join(dir, "tamas")
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		// The test runs in the package directory: "." is cmd/tamas.
		b, err := exec.CommandContext(ctx, "go", "build", "-o", out, ".").CombinedOutput()
		if err != nil {
			built.err = fmt.Errorf("go build: %v\n%s", err, b)
			return
		}
		built.exe, built.err = os.ReadFile(out)
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	path := filepath.Join(t.TempDir(), "tamas")
	if err := os.WriteFile(path, built.exe, 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

// childEnv is the whole environment of a child: PATH and HOME, the
// database, and the phone region the demo sales are written for (Iranian
// numbers without a country code).
func childEnv(databaseURL string, extra ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"DATABASE_URL=" + databaseURL,
		"TAMAS_PHONE_REGION=IR",
	}
	return append(env, extra...)
}

// proc is a running tamas child process.
type proc struct{ *apptest.Process }

// start runs bin with args. The child is killed when the test ends, if it
// is still running, and its output is logged when the test failed.
func start(t *testing.T, bin string, env []string, args ...string) proc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	// A directory of its own, so that nothing (e.g. .tamas/) lands in the
	// source tree.
	cmd.Dir = t.TempDir()
	return proc{apptest.Start(t, "tamas "+strings.Join(args, " "), cmd)}
}

// wait waits at most d for the child to exit and returns what Wait returned.
func (p proc) wait(t *testing.T, d time.Duration) error {
	t.Helper()
	select {
	case <-p.Done():
		return p.Err()
	case <-time.After(d):
		t.Fatalf("%s (pid %d) still running after %s; stderr:\n%s", p.Name, p.Cmd.Process.Pid, d, p.Stderr.Tail(4000))
		return nil
	}
}

// kill9 sends SIGKILL and waits until the child is gone.
func (p proc) kill9(t *testing.T) {
	t.Helper()
	if err := p.Cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatalf("killing %s: %v", p.Name, err)
	}
	err := p.wait(t, 15*time.Second)
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("%s after SIGKILL: Wait = %v, want killed by a signal", p.Name, err)
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("%s: %v; it exited on its own before SIGKILL reached it", p.Name, err)
	}
}

// stop asks the child to shut down (SIGTERM) and wants a clean exit.
func (p proc) stop(t *testing.T) {
	t.Helper()
	if p.Exited() {
		t.Fatalf("%s exited before it was stopped: %v; stderr:\n%s", p.Name, p.Err(), p.Stderr.Tail(4000))
	}
	if err := p.Cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatalf("stopping %s: %v", p.Name, err)
	}
	if err := p.wait(t, 40*time.Second); err != nil {
		t.Fatalf("%s after SIGTERM: %v, want exit status 0; stderr:\n%s", p.Name, err, p.Stderr.Tail(4000))
	}
}

// waitLog waits until the child's stderr contains s.
func (p proc) waitLog(t *testing.T, s string, d time.Duration) {
	t.Helper()
	waitFor(t, d, fmt.Sprintf("%s to log %q", p.Name, s), func() (bool, error) {
		if p.Exited() {
			return false, fmt.Errorf("%s exited: %v; stderr:\n%s", p.Name, p.Err(), p.Stderr.Tail(4000))
		}
		return strings.Contains(p.Stderr.String(), s), nil
	})
}

// runTamas runs one command to completion, within d, and returns its
// output and exit status.
func runTamas(t *testing.T, bin string, env []string, d time.Duration, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	p := start(t, bin, env, args...)
	err := p.wait(t, d)
	var ee *exec.ExitError
	switch {
	case err == nil:
		code = 0
	case errors.As(err, &ee) && ee.Exited():
		code = ee.ExitCode()
	default:
		t.Fatalf("%s: %v", p.Name, err)
	}
	return p.Stdout.String(), p.Stderr.String(), code
}

// runOK runs one command that must succeed and returns its stdout.
func runOK(t *testing.T, bin string, env []string, d time.Duration, args ...string) string {
	t.Helper()
	out, errOut, code := runTamas(t, bin, env, d, args...)
	if code != 0 {
		t.Fatalf("tamas %s: exit status %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out, errOut)
	}
	return out
}

// waitFor polls cond until it is true, fails or d has passed.
func waitFor(t *testing.T, d time.Duration, what string, cond func() (bool, error)) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		ok, err := cond()
		if err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: not within %s", what, d)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// connect opens a pool on the test database for the test's own queries.
func connect(t *testing.T, url string) *pgxpool.Pool {
	t.Helper()
	pool, err := pgxpool.New(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	return pool
}

// freeAddr returns a loopback address with a port that was free a moment
// ago; `serve` cannot report the port it picked for :0.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// writeSalesCSV writes inputs as an import file with every column.
func writeSalesCSV(t *testing.T, inputs []sales.Input) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sales.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	_ = w.Write(csvimport.Columns)
	for _, in := range inputs {
		_ = w.Write([]string{
			in.ExternalID, in.Customer.Name, in.Customer.Phone, in.Customer.Timezone, in.Customer.Locale,
			in.Product.SKU, in.Product.Name, in.Product.Category, in.Branch, in.SoldAt,
		})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// newIntake is the intake service the commands build, in the test process.
// at, when not zero, is the clock that picks the due-minute buckets.
func newIntake(t *testing.T, pool *pgxpool.Pool, at time.Time) *intake.Service {
	t.Helper()
	return apptest.Open(t, apptest.Opts{Pool: pool, At: at, Configure: func(c *config.Config) {
		c.DefaultTimezone, c.DefaultLocale = "UTC", "en"
	}}).Intake
}
