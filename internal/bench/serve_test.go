package bench

import (
	"context"
	"github.com/tamas-app/tamas/app/apptest"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildTamas builds the tamas binary into a temporary directory, so a
// benchmark measures the stack production runs: the real pool, sessions in
// PostgreSQL, River workers in the same process.
func buildTamas(b *testing.B) string {
	b.Helper()
	out := filepath.Join(b.TempDir(), "tamas")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if msg, err := exec.CommandContext(ctx, "go", "build", "-o", out, "github.com/tamas-app/tamas/cmd/tamas").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, msg)
	}
	return out
}

// server is a running `tamas serve`.
type server struct {
	url string
	*apptest.Process
}

// startServe runs `tamas serve` with env and waits until it answers
// /healthz. It is killed when the benchmark ends if still running.
func startServe(b *testing.B, bin string, env []string, args ...string) *server {
	b.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close()
	cmd := exec.Command(bin, append(append([]string{"serve"}, args...), "--addr", addr)...)
	cmd.Env = env
	cmd.Dir = b.TempDir()
	s := &server{url: "http://" + addr, Process: apptest.Start(b, "tamas serve", cmd)}
	deadline := time.Now().Add(60 * time.Second)
	for {
		if s.Exited() {
			b.Fatalf("tamas serve exited: %s", s.Stderr.Tail(4000))
		}
		if res, err := http.Get(s.url + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			b.Fatalf("tamas serve not answering /healthz within 60 s: %s", s.Stderr.Tail(4000))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop asks for a clean shutdown and kills the child if it takes too long:
// a server stuck in a million-row claim must not stall the benchmark.
func (s *server) stop(b *testing.B) {
	b.Helper()
	if s.Exited() {
		b.Errorf("tamas serve exited before it was stopped: %s", s.Stderr.Tail(4000))
		return
	}
	_ = s.Cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.Done():
	case <-time.After(60 * time.Second):
		b.Logf("tamas serve still running 60 s after SIGTERM; killed")
		_ = s.Cmd.Process.Kill()
		<-s.Done()
	}
}

// countLines counts the log lines in text that contain any of subs.
func countLines(text string, subs ...string) int {
	n := 0
	for line := range strings.Lines(text) {
		for _, s := range subs {
			if strings.Contains(line, s) {
				n++
				break
			}
		}
	}
	return n
}

// childEnv is the child's whole environment.
func childEnv(databaseURL string, extra ...string) []string {
	return append([]string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + os.Getenv("HOME"),
		"DATABASE_URL=" + databaseURL,
		"TAMAS_LOG_LEVEL=info",
	}, extra...)
}
