package apptest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// Buffer is an io.Writer that a child process writes and a test reads at
// once, say a `tamas serve`'s log.
type Buffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *Buffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *Buffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Len is how many bytes were written.
func (b *Buffer) Len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Len()
}

// Tail is the last n bytes written, for a failure's message.
func (b *Buffer) Tail(n int) string {
	s := b.String()
	if len(s) > n {
		return "…" + s[len(s)-n:]
	}
	return s
}

// Send makes one request as a browser's form post (or a GET when form is
// nil) and returns the status and the redirect, having read the body.
func Send(ctx context.Context, c *http.Client, method, target string, form url.Values) (int, string, error) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return 0, "", err
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return 0, "", err
	}
	return res.StatusCode, res.Header.Get("Location"), nil
}

// Process is a running child, say `tamas serve`, with its output kept.
type Process struct {
	Name           string
	Cmd            *exec.Cmd
	Stdout, Stderr *Buffer
	done           chan struct{}
	err            error // what Cmd.Wait returned; read only after done is closed
}

// Start starts cmd, named name in messages. The child is killed when the
// test ends, if it is still running, and its stderr is logged when the test
// failed.
func Start(t testing.TB, name string, cmd *exec.Cmd) *Process {
	t.Helper()
	p := &Process{Name: name, Cmd: cmd, Stdout: &Buffer{}, Stderr: &Buffer{}, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = p.Stdout, p.Stderr
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		if !p.Exited() {
			_ = cmd.Process.Kill()
		}
		select {
		case <-p.done:
		case <-time.After(15 * time.Second):
			t.Errorf("%s (pid %d) has not exited 15 s after SIGKILL", name, cmd.Process.Pid)
		}
		if t.Failed() {
			t.Logf("%s (pid %d) stderr:\n%s", name, cmd.Process.Pid, p.Stderr.Tail(6000))
		}
	})
	return p
}

// Done is closed when the child has exited.
func (p *Process) Done() <-chan struct{} { return p.done }

// Exited says whether the child has exited.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Err is what waiting for the child returned; nil until it exited.
func (p *Process) Err() error {
	if !p.Exited() {
		return nil
	}
	return p.err
}
