package users_test

import (
	"context"
	"net/netip"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/auth"
	"github.com/tamas-app/tamas/internal/testdb"
	"github.com/tamas-app/tamas/internal/users"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// A count lasts auth.Window from its first failure: after it the waits
// end and the next failure starts a new count. A right password clears
// the username's count from that client and takes only its own failure
// off the client's.
func TestLoginCounts(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	start := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	now := start
	svc := users.New(users.Opts{Pool: pool, Now: func() time.Time { return now }})
	client := netip.MustParseAddr("203.0.113.1")
	begin := func(username string) users.Attempt {
		t.Helper()
		a, err := svc.BeginLogin(ctx, username, client)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	count := func(sql string) int {
		t.Helper()
		var n int
		if err := pool.QueryRow(ctx, sql).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	for range auth.FreeFailures {
		begin("emma")
	}
	if a := begin("emma"); a.Wait != time.Second {
		t.Errorf("wait after %d failures: %v, want 1s", auth.FreeFailures, a.Wait)
	}
	now = start.Add(auth.Window + time.Second)
	if a := begin("emma"); a.Wait != 0 {
		t.Errorf("wait after the window: %v, want none", a.Wait)
	}
	if n := count(`SELECT failures FROM login_failures WHERE username = 'emma'`); n != 1 {
		t.Errorf("emma's count after the window: %d, want a new count of 1", n)
	}
	begin("maryam")
	if err := svc.FinishLogin(ctx, "maryam", client); err != nil {
		t.Fatal(err)
	}
	if n := count(`SELECT count(*) FROM login_failures WHERE username = 'maryam'`); n != 0 {
		t.Errorf("maryam's count after her right password: %d rows, want none", n)
	}
	if n := count(`SELECT failures FROM login_client_failures`); n != 1 {
		t.Errorf("the client's count after maryam's right password: %d, want emma's 1", n)
	}
}
