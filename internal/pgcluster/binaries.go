package pgcluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ErrNotInstalled means that no directory holds the PostgreSQL server programs.
var ErrNotInstalled = errors.New("PostgreSQL server programs (initdb, pg_ctl, postgres) not found")

var serverPrograms = []string{"initdb", "pg_ctl", "postgres"}

// createClusterConf is read by Debian's postgresql-common when a server
// package is installed.
const createClusterConf = "/etc/postgresql-common/createcluster.conf"

// FindBinaries returns a directory holding initdb, pg_ctl and postgres: the
// one initdb on PATH resolves to, else the highest version under
// /usr/lib/postgresql/*/bin, where Debian installs them off PATH.
func FindBinaries() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		// A PATH entry is often a symlink (/usr/local/bin/initdb); its
		// siblings are beside the file it points to, not beside the link.
		if real, err := filepath.EvalSymlinks(p); err == nil {
			if dir, err := filepath.Abs(filepath.Dir(real)); err == nil && hasServerPrograms(dir) {
				return dir, nil
			}
		}
	}
	// The pattern is constant and valid, so Glob cannot fail.
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int {
		return compareVersions(filepath.Base(filepath.Dir(b)), filepath.Base(filepath.Dir(a)))
	})
	for _, dir := range dirs {
		if hasServerPrograms(dir) {
			return dir, nil
		}
	}
	return "", ErrNotInstalled
}

func hasServerPrograms(dir string) bool {
	for _, name := range serverPrograms {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o111 == 0 {
			return false
		}
	}
	return true
}

// compareVersions orders "9.6" before "10" before "15"; a part that is not a
// number sorts first.
func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := range max(len(as), len(bs)) {
		if c := versionPart(as, i) - versionPart(bs, i); c != 0 {
			return c
		}
	}
	return 0
}

func versionPart(parts []string, i int) int {
	if i >= len(parts) {
		return 0
	}
	n, err := strconv.Atoi(parts[i])
	if err != nil {
		return -1
	}
	return n
}

// EnsureInstalled returns FindBinaries' answer. When the programs are missing
// and we are root it installs Debian's postgresql package, writing apt-get's
// progress to out (which may be nil).
func EnsureInstalled(ctx context.Context, out io.Writer) (string, error) {
	dir, err := FindBinaries()
	if !errors.Is(err, ErrNotInstalled) {
		return dir, err
	}
	if os.Geteuid() != 0 {
		return "", fmt.Errorf("%w; install them with: sudo apt-get install -y postgresql", ErrNotInstalled)
	}
	if out == nil {
		out = io.Discard
	}
	if err := disableMainCluster(); err != nil {
		return "", err
	}
	fmt.Fprintln(out, "PostgreSQL is not installed; installing it with apt-get")
	for _, args := range [][]string{
		{"update"},
		{"install", "-y", "--no-install-recommends", "postgresql"},
	} {
		var stderr bytes.Buffer
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		// UCF_FORCE_CONFFOLD keeps our createcluster.conf where ucf
		// would otherwise ask whether to replace it.
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive", "UCF_FORCE_CONFFOLD=1")
		cmd.Stdout = out
		cmd.Stderr = io.MultiWriter(out, &stderr)
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("running apt-get %s: %w\n%s", strings.Join(args, " "), err, tail(stderr.Bytes()))
		}
	}
	dir, err = FindBinaries()
	if err != nil {
		return "", fmt.Errorf("after installing postgresql: %w", err)
	}
	return dir, nil
}

// disableMainCluster stops Debian from creating and starting a system-wide
// cluster on port 5432 when the server package is installed: we run our own.
// An existing file is the administrator's choice and is left alone.
func disableMainCluster() error {
	_, err := os.Stat(createClusterConf)
	if err == nil {
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("checking %s: %w", createClusterConf, err)
	}
	if err := os.MkdirAll(filepath.Dir(createClusterConf), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(createClusterConf), err)
	}
	conf := "# Written by tamas, which runs its own PostgreSQL clusters.\ncreate_main_cluster = false\n"
	if err := os.WriteFile(createClusterConf, []byte(conf), 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", createClusterConf, err)
	}
	return nil
}

// tail returns the last lines of a program's output, enough to show why it
// failed without flooding an error message.
func tail(b []byte) string {
	const maxLines, maxBytes = 20, 4000
	s := strings.TrimRight(string(b), "\n")
	if len(s) > maxBytes {
		s = s[len(s)-maxBytes:]
	}
	lines := strings.Split(s, "\n")
	if len(lines) > maxLines {
		lines = lines[len(lines)-maxLines:]
	}
	return strings.Join(lines, "\n")
}
