// Package pgcluster runs a private PostgreSQL cluster from the installed
// server programs, so that `tamas dev` and the tests need no PostgreSQL
// server set up on the machine.
package pgcluster

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

const (
	superuser = "tamas"
	// readyTimeout covers crash recovery after a killed run, which replays
	// WAL before the server accepts connections.
	readyTimeout = 30 * time.Second
	// shutdownTimeout is how long a fast shutdown may take (it writes a
	// checkpoint) before we escalate.
	shutdownTimeout = 60 * time.Second
)

// Options configure Start.
type Options struct {
	// Dir is the cluster home: data in Dir/data, server log in
	// Dir/postgres.log, the superuser password in Dir/password. When we are
	// root and the server's account cannot enter a parent of Dir, the data
	// goes under Spare instead (Cluster.DataDir says where).
	Dir string
	// Spare holds data directories the server's account could not reach in
	// their Dir; "" means /var/lib/tamas.
	Spare string
	// Port is the TCP port on 127.0.0.1; 0 picks a free one at each start.
	Port int
	// BinDir holds initdb and postgres; "" means EnsureInstalled.
	BinDir string
	// Fast trades durability for speed (fsync, synchronous_commit and
	// full_page_writes off): for tests, never for data worth keeping.
	Fast bool
	// Out receives progress messages; nil discards them.
	Out io.Writer
}

// Cluster is a running postgres server started by Start.
type Cluster struct {
	home     string
	dataDir  string
	port     int
	password string
	cmd      *exec.Cmd

	exited  chan struct{} // closed once cmd.Wait has returned waitErr
	waitErr error

	stopOnce sync.Once
	stopErr  error
}

// Start initialises the cluster in opts.Dir unless it already exists, starts
// postgres on 127.0.0.1 as a child process and returns once it accepts
// connections; ctx bounds only that, the server runs until Stop.
// Unix-domain sockets are off: clients use TCP, and socket paths under a
// deep project directory can exceed the kernel's limit.
func Start(ctx context.Context, opts Options) (*Cluster, error) {
	if opts.Dir == "" {
		return nil, errors.New("starting PostgreSQL: no cluster directory given")
	}
	out := opts.Out
	if out == nil {
		out = io.Discard
	}
	home, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("resolving cluster directory: %w", err)
	}
	binDir := opts.BinDir
	if binDir == "" {
		if binDir, err = EnsureInstalled(ctx, out); err != nil {
			return nil, err
		}
	}
	acct, err := serverAccount()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(home, 0o700); err != nil {
		return nil, fmt.Errorf("creating cluster directory: %w", err)
	}
	spare := opts.Spare
	if spare == "" {
		spare = "/var/lib/tamas"
	}
	dataDir, err := acct.dataDir(home, spare)
	if err != nil {
		return nil, err
	}
	if filepath.Dir(dataDir) != home {
		fmt.Fprintf(out, "PostgreSQL runs as user %s, which cannot reach %s: its data lives in %s\n", acct.name, home, dataDir)
	}
	var password string
	_, err = os.Stat(filepath.Join(dataDir, "PG_VERSION"))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(out, "creating a PostgreSQL cluster in %s\n", dataDir)
		if password, err = initCluster(ctx, binDir, home, dataDir, acct, opts.Fast); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, fmt.Errorf("checking for an existing cluster: %w", err)
	default:
		b, err := os.ReadFile(filepath.Join(home, "password"))
		if err != nil {
			return nil, fmt.Errorf("reading the password of the cluster in %s (delete %s to start afresh): %w", dataDir, dataDir, err)
		}
		password = strings.TrimSpace(string(b))
	}
	if err := acct.own(dataDir); err != nil {
		return nil, err
	}
	// postgres refuses a data directory that others can enter.
	if err := os.Chmod(dataDir, 0o700); err != nil {
		return nil, fmt.Errorf("restricting data directory: %w", err)
	}
	if err := checkPIDFile(dataDir); err != nil {
		return nil, err
	}

	// A port we pick was free a moment ago, but another cluster (tests
	// start many at once) may bind it before our postmaster does; only then
	// is trying a fresh one right. A port the caller chose is theirs to fix.
	for tries := 1; ; tries++ {
		port := opts.Port
		if port == 0 {
			if port, err = freePort(); err != nil {
				return nil, err
			}
		}
		c := &Cluster{home: home, dataDir: dataDir, port: port, password: password, exited: make(chan struct{})}
		logStart, err := c.launch(binDir, dataDir, acct, opts.Fast)
		if err != nil {
			return nil, err
		}
		if err := c.waitReady(ctx); err != nil {
			// Stop's own failure would only repeat that the server is unwell.
			_ = c.Stop()
			log := c.logSince(logStart)
			if opts.Port == 0 && tries < 3 && portTaken(log) {
				continue
			}
			return nil, fmt.Errorf("starting postgres: %w\n%s", err, log)
		}
		fmt.Fprintf(out, "PostgreSQL is ready on 127.0.0.1:%d (log in %s)\n", port, c.logPath())
		return c, nil
	}
}

// portTaken tells from the server's log whether it stopped because its
// port was in use.
func portTaken(log string) bool {
	return strings.Contains(log, "Address already in use")
}

// initCluster runs initdb into a scratch directory and renames it into place
// only when complete, so that an interrupted initdb never leaves a data
// directory that looks usable. It returns the new superuser password.
func initCluster(ctx context.Context, binDir, home, dataDir string, acct *account, fast bool) (string, error) {
	scratch := dataDir + ".init"
	password := rand.Text()
	if err := os.WriteFile(filepath.Join(home, "password"), []byte(password+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("writing cluster password: %w", err)
	}
	// The password file we keep is readable by us only; initdb, running as
	// acct, reads a copy that it owns.
	pwFile := filepath.Join(filepath.Dir(dataDir), "initdb-password")
	if err := os.WriteFile(pwFile, []byte(password+"\n"), 0o600); err != nil {
		return "", fmt.Errorf("writing password for initdb: %w", err)
	}
	defer os.Remove(pwFile)
	if err := acct.own(pwFile); err != nil {
		return "", err
	}

	initdb := func(locale string) ([]byte, error) {
		if err := os.RemoveAll(scratch); err != nil {
			return nil, fmt.Errorf("removing unfinished cluster: %w", err)
		}
		if err := os.Mkdir(scratch, 0o700); err != nil {
			return nil, fmt.Errorf("creating data directory: %w", err)
		}
		if err := acct.own(scratch); err != nil {
			return nil, err
		}
		args := []string{"-D", scratch, "-U", superuser, "--auth=scram-sha-256", "--pwfile=" + pwFile,
			"-E", "UTF8", "--locale=" + locale}
		if fast {
			args = append(args, "--no-sync")
		}
		cmd := exec.CommandContext(ctx, filepath.Join(binDir, "initdb"), args...)
		// The account may not be able to enter home.
		cmd.Dir = filepath.Dir(dataDir)
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: acct.credential()}
		return cmd.CombinedOutput()
	}
	// C.UTF-8 sorts like C but knows which characters are letters; some
	// systems lack it.
	output, err := initdb("C.UTF-8")
	if err != nil && bytes.Contains(output, []byte("invalid locale name")) {
		output, err = initdb("C")
	}
	if err != nil {
		return "", fmt.Errorf("running initdb: %w\n%s", err, tail(output))
	}
	if err := os.Rename(scratch, dataDir); err != nil {
		return "", fmt.Errorf("moving new cluster into place: %w", err)
	}
	return password, nil
}

// checkPIDFile looks at the lock file a previous server left. postgres
// handles most cases itself (a dead pid is stale; its shared-memory check
// catches orphaned backends), but it refuses to start when the recorded pid
// now belongs to an unrelated process, as happens after a container restart.
func checkPIDFile(dataDir string) error {
	path := filepath.Join(dataDir, "postmaster.pid")
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", path, err)
	}
	lines := strings.Split(string(b), "\n")
	pid, err := strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil || pid <= 0 {
		return nil // postgres reports a corrupt lock file better than we can
	}
	if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
		return nil
	}
	cmdline, err := os.ReadFile(fmt.Sprintf("/proc/%d/cmdline", pid))
	if err != nil {
		return nil // cannot tell whose process it is: leave it to postgres
	}
	if slices.Contains(strings.Split(string(cmdline), "\x00"), dataDir) {
		port := "unknown"
		if len(lines) > 3 {
			port = strings.TrimSpace(lines[3])
		}
		return fmt.Errorf("PostgreSQL is already running on %s (pid %d, port %s), probably for another `tamas dev` that is still running: stop that one first",
			dataDir, pid, port)
	}
	if err := os.Remove(path); err != nil {
		return fmt.Errorf("removing stale %s: %w", path, err)
	}
	return nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// launch starts the postmaster and returns the log size before it started,
// so that errors can quote only this run's part of the log.
func (c *Cluster) launch(binDir, dataDir string, acct *account, fast bool) (int64, error) {
	// We open the log, not postgres, so that acct needs no write access to
	// the cluster home; the server writes to stderr by default.
	logFile, err := os.OpenFile(c.logPath(), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return 0, fmt.Errorf("opening postgres log: %w", err)
	}
	defer logFile.Close()
	fi, err := logFile.Stat()
	if err != nil {
		return 0, fmt.Errorf("opening postgres log: %w", err)
	}

	args := []string{"-D", dataDir, "-p", strconv.Itoa(c.port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="}
	if fast {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	// Not pg_ctl: postgres must be our child for Pdeathsig.
	cmd := exec.Command(filepath.Join(binDir, "postgres"), args...)
	cmd.Dir = filepath.Dir(dataDir)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{
		Credential: acct.credential(),
		// If we die without calling Stop, the server shuts down instead of
		// holding the data directory. SIGINT (fast shutdown) rather than
		// SIGTERM (smart), which would wait for every client to leave.
		Pdeathsig: syscall.SIGINT,
		// Its own process group keeps a terminal's Ctrl-C away from it, so
		// that we can stop it after our own clean-up has used it.
		Setpgid: true,
	}
	if err := cmd.Start(); err != nil {
		return 0, fmt.Errorf("starting postgres: %w", err)
	}
	c.cmd = cmd
	go func() {
		c.waitErr = cmd.Wait()
		close(c.exited)
	}()
	return fi.Size(), nil
}

func (c *Cluster) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	cfg, err := pgx.ParseConfig(c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("parsing connection URL: %w", err)
	}
	cfg.ConnectTimeout = 2 * time.Second
	for {
		conn, err := pgx.ConnectConfig(ctx, cfg)
		if err == nil {
			err = conn.Ping(ctx)
			conn.Close(ctx)
			if err == nil {
				return nil
			}
		}
		select {
		case <-c.exited:
			return fmt.Errorf("postgres exited before accepting connections: %v", c.waitErr)
		case <-ctx.Done():
			return fmt.Errorf("waiting for postgres to accept connections: %w (last attempt: %v)", ctx.Err(), err)
		case <-time.After(25 * time.Millisecond):
		}
	}
}

func (c *Cluster) logPath() string { return filepath.Join(c.home, "postgres.log") }

// logSince returns the tail of the server log written after offset.
func (c *Cluster) logSince(offset int64) string {
	f, err := os.Open(c.logPath())
	if err != nil {
		return fmt.Sprintf("(reading postgres log: %v)", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.NewSectionReader(f, offset, 1<<62))
	if err != nil {
		return fmt.Sprintf("(reading postgres log: %v)", err)
	}
	return tail(b)
}

// URL returns a connection URL for database as the superuser.
func (c *Cluster) URL(database string) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     url.UserPassword(superuser, c.password),
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(c.port)),
		Path:     "/" + database,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}

// DataDir returns where the data lives: in the cluster home, or under
// Options.Spare when the server's account cannot enter the home.
func (c *Cluster) DataDir() string { return c.dataDir }

// Port returns the TCP port the server listens on.
func (c *Cluster) Port() int { return c.port }

// Stop shuts the server down and waits for it to exit. It escalates to an
// immediate shutdown, then SIGKILL, when the server does not exit in time.
// Calling it again returns the first call's result.
func (c *Cluster) Stop() error {
	c.stopOnce.Do(func() { c.stopErr = c.stop() })
	return c.stopErr
}

func (c *Cluster) stop() error {
	pid := c.cmd.Process.Pid
	steps := []struct {
		sig  syscall.Signal
		wait time.Duration
	}{
		{syscall.SIGINT, shutdownTimeout},  // fast: ends sessions, writes a checkpoint
		{syscall.SIGQUIT, 5 * time.Second}, // immediate: crash recovery at next start
		{syscall.SIGKILL, 5 * time.Second},
	}
	for i, step := range steps {
		var err error
		if step.sig == syscall.SIGKILL {
			// The whole process group: backends too, should the postmaster
			// be unable to end them.
			err = syscall.Kill(-pid, step.sig)
			if errors.Is(err, syscall.ESRCH) {
				err = nil
			}
		} else if err = c.cmd.Process.Signal(step.sig); errors.Is(err, os.ErrProcessDone) {
			err = nil
		}
		if err != nil {
			return fmt.Errorf("signalling postgres (pid %d): %w", pid, err)
		}
		select {
		case <-c.exited:
			if i > 0 {
				return fmt.Errorf("postgres (pid %d) ignored fast shutdown for %s; stopped it with %v", pid, shutdownTimeout, step.sig)
			}
			if c.waitErr != nil {
				return fmt.Errorf("postgres exited: %w", c.waitErr)
			}
			return nil
		case <-time.After(step.wait):
		}
	}
	return fmt.Errorf("postgres (pid %d) did not exit, even after SIGKILL", pid)
}

// CreateDatabase creates database name unless it exists.
func (c *Cluster) CreateDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("connecting to create database %s: %w", name, err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	// CREATE DATABASE has no IF NOT EXISTS; asking first would race with
	// another creator, so the duplicate_database error is the answer.
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("creating database %s: %w", name, err)
	}
	return nil
}
