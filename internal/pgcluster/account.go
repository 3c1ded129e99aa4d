package pgcluster

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// account is the unprivileged user that runs initdb and postgres when we are
// root, since both refuse to run as root.
type account struct {
	name     string
	uid, gid uint32
}

// serverAccount returns nil when we are not root: the server then runs as us.
func serverAccount() (*account, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	// Debian's postgresql-common creates "postgres"; "nobody" exists everywhere.
	u, err := user.Lookup("postgres")
	var unknown user.UnknownUserError
	if errors.As(err, &unknown) {
		u, err = user.Lookup("nobody")
	}
	if err != nil {
		return nil, fmt.Errorf("looking up a user to run PostgreSQL as: %w", err)
	}
	uid, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("parsing uid of user %s: %w", u.Username, err)
	}
	gid, err := strconv.ParseUint(u.Gid, 10, 32)
	if err != nil {
		return nil, fmt.Errorf("parsing gid of user %s: %w", u.Username, err)
	}
	return &account{name: u.Username, uid: uint32(uid), gid: uint32(gid)}, nil
}

// credential leaves out supplementary groups, so that the process holds
// exactly the uid and gid that canSearch checks against.
func (a *account) credential() *syscall.Credential {
	if a == nil {
		return nil
	}
	return &syscall.Credential{Uid: a.uid, Gid: a.gid}
}

// dataDir chooses where the account keeps the data. In home when it can
// reach it: home is made searchable (not readable, so the password file
// beside data stays private). When a parent of home is closed to it, as
// root's 0700 home directory is, we neither change the user's directory nor
// ask them to: the data goes to a directory of its own under spare, named
// after home so that every start finds the same one, with a note saying
// whose it is.
func (a *account) dataDir(home, spare string) (string, error) {
	if a == nil {
		return filepath.Join(home, "data"), nil
	}
	closed, err := a.closedParent(home)
	if err != nil {
		return "", err
	}
	if closed == "" {
		fi, err := os.Stat(home)
		if err != nil {
			return "", fmt.Errorf("checking cluster directory: %w", err)
		}
		if mode := fi.Mode().Perm() | 0o011; mode != fi.Mode().Perm() {
			if err := os.Chmod(home, mode); err != nil {
				return "", fmt.Errorf("letting user %s reach %s: %w", a.name, home, err)
			}
		}
		return filepath.Join(home, "data"), nil
	}
	sum := sha256.Sum256([]byte(home))
	dir := filepath.Join(spare, hex.EncodeToString(sum[:8]))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("creating a data directory that user %s can reach (it cannot enter %s): %w", a.name, closed, err)
	}
	if closed, err := a.closedParent(filepath.Join(dir, "data")); err != nil || closed != "" {
		if err == nil {
			err = fmt.Errorf("it cannot enter %s either", closed)
		}
		return "", fmt.Errorf("PostgreSQL runs as user %s, which cannot enter %s, and %s is no way round: %w", a.name, home, dir, err)
	}
	note := "This PostgreSQL data directory belongs to the tamas cluster in\n" + home +
		"\nwhich user " + a.name + " cannot enter. Delete both to start afresh.\n"
	if err := os.WriteFile(filepath.Join(dir, "README"), []byte(note), 0o644); err != nil {
		return "", fmt.Errorf("writing %s: %w", filepath.Join(dir, "README"), err)
	}
	return filepath.Join(dir, "data"), nil
}

// closedParent returns the nearest directory above path that the account
// cannot enter, or "" when it can reach path's directory.
func (a *account) closedParent(path string) (string, error) {
	for dir := filepath.Dir(path); ; dir = filepath.Dir(dir) {
		fi, err := os.Stat(dir)
		if err != nil {
			return "", fmt.Errorf("checking cluster directory parent: %w", err)
		}
		if !a.canSearch(fi) {
			return dir, nil
		}
		if dir == filepath.Dir(dir) {
			return "", nil
		}
	}
}

// canSearch applies the kernel's rule: the owner bits alone count for the
// owner, the group bits alone for the group, the other bits for the rest.
func (a *account) canSearch(fi fs.FileInfo) bool {
	st := fi.Sys().(*syscall.Stat_t)
	perm := fi.Mode().Perm()
	switch {
	case st.Uid == a.uid:
		return perm&0o100 != 0
	case st.Gid == a.gid:
		return perm&0o010 != 0
	default:
		return perm&0o001 != 0
	}
}

// own gives the account a directory tree, for example a data directory that
// a non-root run created under its own uid.
func (a *account) own(root string) error {
	if a == nil {
		return nil
	}
	fi, err := os.Stat(root)
	if err != nil {
		return fmt.Errorf("checking owner of %s: %w", root, err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid == a.uid && st.Gid == a.gid {
		return nil
	}
	err = filepath.WalkDir(root, func(path string, _ fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, int(a.uid), int(a.gid))
	})
	if err != nil {
		return fmt.Errorf("giving %s to user %s: %w", root, a.name, err)
	}
	return nil
}
