package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// tamas user add refuses a weak password and says why, before it touches
// the database.
func TestUserAddRefusesAWeakPassword(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		password, want string
	}{
		{"1234567890", "one of the most common"},
		{"rezarezareza", "Repeated"},
		{"short", "at least 10 characters"},
	} {
		e := &env{stdin: strings.NewReader(c.password + "\n"), stdout: &bytes.Buffer{}, stderr: &bytes.Buffer{},
			getenv: func(string) string { return "" }}
		err := e.user(context.Background(), []string{"add", "reza", "--role", "admin"})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("user add with %q: %v, want an error saying %q", c.password, err, c.want)
		}
	}
}
