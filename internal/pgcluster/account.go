package pgcluster

import (
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

// prepareHome makes the cluster home searchable by the account, which must
// reach the data directory inside it, and checks that its parents are too:
// those belong to someone else, so we report rather than change them.
func (a *account) prepareHome(home string) error {
	if a == nil {
		return nil
	}
	fi, err := os.Stat(home)
	if err != nil {
		return fmt.Errorf("checking cluster directory: %w", err)
	}
	// Search without read: the account can reach data/ but not list the
	// directory, which also holds the password file.
	if mode := fi.Mode().Perm() | 0o011; mode != fi.Mode().Perm() {
		if err := os.Chmod(home, mode); err != nil {
			return fmt.Errorf("letting user %s reach %s: %w", a.name, home, err)
		}
	}
	for dir := filepath.Dir(home); ; dir = filepath.Dir(dir) {
		fi, err := os.Stat(dir)
		if err != nil {
			return fmt.Errorf("checking cluster directory parent: %w", err)
		}
		if !a.canSearch(fi) {
			return fmt.Errorf("PostgreSQL runs as user %s, which cannot enter %s (mode %v): run `chmod o+x %s` or put the cluster elsewhere",
				a.name, dir, fi.Mode().Perm(), dir)
		}
		if dir == filepath.Dir(dir) {
			return nil
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
