package pgcluster

import (
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// clusterDir returns a fresh directory for a cluster. Not t.TempDir: as
// root the server runs as another user, who cannot enter its 0700 parent.
func clusterDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "pgcluster-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "cluster")
}

// start starts a cluster and stops it when the test ends, whatever happens,
// so that no server outlives the tests.
func start(t *testing.T, opts Options) *Cluster {
	t.Helper()
	opts.Fast = true
	opts.Out = t.Output()
	began := time.Now()
	c, err := Start(t.Context(), opts)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Logf("started in %v", time.Since(began))
	t.Cleanup(func() {
		if err := c.Stop(); err != nil {
			t.Errorf("Stop: %v", err)
		}
	})
	return c
}

func requireExited(t *testing.T, c *Cluster) {
	t.Helper()
	if err := syscall.Kill(c.cmd.Process.Pid, 0); !errors.Is(err, syscall.ESRCH) {
		t.Fatalf("postgres (pid %d) still exists after Stop: %v", c.cmd.Process.Pid, err)
	}
}

func TestFindBinaries(t *testing.T) {
	dir, err := FindBinaries()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range serverPrograms {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("FindBinaries returned %s: %v", dir, err)
		}
	}
}

func TestCompareVersions(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"9.6", "10", -1},
		{"15", "9.6", 1},
		{"15", "15", 0},
		{"16", "15", 1},
		{"devel", "9", -1},
	}
	for _, tt := range tests {
		got := compareVersions(tt.a, tt.b)
		if (got > 0) != (tt.want > 0) || (got < 0) != (tt.want < 0) {
			t.Errorf("compareVersions(%q, %q) = %d, want sign of %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClusterLifecycle(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	dir := clusterDir(t)

	c := start(t, Options{Dir: dir})
	fi, err := os.Stat(filepath.Join(dir, "password"))
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || fi.Sys().(*syscall.Stat_t).Uid != uint32(os.Geteuid()) {
		t.Errorf("password file: mode %v, uid %d; want 0600 owned by us", fi.Mode().Perm(), fi.Sys().(*syscall.Stat_t).Uid)
	}
	for range 2 {
		if err := c.CreateDatabase(ctx, "tamas"); err != nil {
			t.Fatal(err)
		}
	}
	conn, err := pgx.Connect(ctx, c.URL("tamas"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE t (s text); INSERT INTO t VALUES ('kept')"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	requireExited(t, c)

	c2 := start(t, Options{Dir: dir})
	conn, err = pgx.Connect(ctx, c2.URL("tamas"))
	if err != nil {
		t.Fatal(err)
	}
	var s string
	if err := conn.QueryRow(ctx, "SELECT s FROM t").Scan(&s); err != nil || s != "kept" {
		t.Errorf("after restart: got %q, %v; want the row written before", s, err)
	}
	conn.Close(ctx)
	if err := c2.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := c2.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	requireExited(t, c2)
}

func TestStartFixedPort(t *testing.T) {
	t.Parallel()
	// The port is free when picked but initdb takes seconds, in which a
	// cluster of another package's tests may bind it; that says nothing
	// about Start, so the test picks again.
	var c *Cluster
	var port int
	for tries := 1; c == nil; tries++ {
		var err error
		if port, err = freePort(); err != nil {
			t.Fatal(err)
		}
		c, err = Start(t.Context(), Options{Dir: clusterDir(t), Port: port, Fast: true, Out: t.Output()})
		if err != nil && (tries == 3 || !portTaken(err.Error())) {
			t.Fatalf("Start: %v", err)
		}
	}
	t.Cleanup(func() {
		if err := c.Stop(); err != nil {
			t.Errorf("Stop: %v", err)
		}
	})
	if c.Port() != port {
		t.Errorf("Port() = %d, want %d", c.Port(), port)
	}
	want := fmt.Sprintf("postgres://tamas:%s@127.0.0.1:%d/x?sslmode=disable", c.password, port)
	if got := c.URL("x"); got != want {
		t.Errorf("URL = %q, want %q", got, want)
	}
}

func TestStartRefusesRunningCluster(t *testing.T) {
	t.Parallel()
	dir := clusterDir(t)
	c := start(t, Options{Dir: dir})

	_, err := Start(t.Context(), Options{Dir: dir, Fast: true})
	if err == nil || !strings.Contains(err.Error(), "already running") {
		t.Fatalf("second Start on a running cluster: %v, want an 'already running' error", err)
	}
	if err := c.CreateDatabase(t.Context(), "still_up"); err != nil {
		t.Errorf("first server after the refused start: %v", err)
	}
}

// After a container restart the pid in a killed server's postmaster.pid
// often belongs to another process, which postgres alone refuses.
func TestStartReplacesStalePIDFile(t *testing.T) {
	t.Parallel()
	dir := clusterDir(t)
	c := start(t, Options{Dir: dir})
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}

	other := exec.Command("sleep", "60")
	if err := other.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		other.Process.Kill()
		other.Wait()
	})
	dataDir := filepath.Join(dir, "data")
	stale := fmt.Sprintf("%d\n%s\n1700000000\n5432\n\n127.0.0.1\n  1234567    0\nready   \n", other.Process.Pid, dataDir)
	if err := os.WriteFile(filepath.Join(dataDir, "postmaster.pid"), []byte(stale), 0o600); err != nil {
		t.Fatal(err)
	}
	start(t, Options{Dir: dir})
}

// Root's home is 0700: a project cloned there must still run, without
// changing the user's directories.
func TestStartMovesDataOutOfClosedHome(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root runs the server as another user")
	}
	t.Parallel()
	ctx := t.Context()
	home := clusterDir(t)
	parent := filepath.Dir(home)
	if err := os.Chmod(parent, 0o700); err != nil {
		t.Fatal(err)
	}
	spare := filepath.Join(filepath.Dir(clusterDir(t)), "spare")
	opts := Options{Dir: home, Spare: spare}

	c := start(t, opts)
	if !strings.HasPrefix(c.DataDir(), spare+"/") {
		t.Fatalf("data in %s, want it under %s", c.DataDir(), spare)
	}
	if fi, err := os.Stat(parent); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("the closed parent was changed: %v, %v", fi.Mode(), err)
	}
	if note, err := os.ReadFile(filepath.Join(filepath.Dir(c.DataDir()), "README")); err != nil || !strings.Contains(string(note), home) {
		t.Errorf("no note naming %s beside the data: %q, %v", home, note, err)
	}
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "CREATE TABLE kept (s text)"); err != nil {
		t.Fatal(err)
	}
	conn.Close(ctx)
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}

	again := start(t, opts)
	if again.DataDir() != c.DataDir() {
		t.Fatalf("second start used %s, first %s", again.DataDir(), c.DataDir())
	}
	conn, err = pgx.Connect(ctx, again.URL("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "SELECT * FROM kept"); err != nil {
		t.Fatalf("the second start lost the first one's data: %v", err)
	}
}

func TestStartQuotesServerLog(t *testing.T) {
	t.Parallel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port

	_, err = Start(t.Context(), Options{Dir: clusterDir(t), Port: port, Fast: true})
	if err == nil || !strings.Contains(err.Error(), "could not bind") {
		t.Fatalf("Start on a taken port: %v, want the server log's bind error", err)
	}
}
