package web_test

import (
	"net/http"
	"testing"
)

// A page view moves the session's idle expiry on but leaves its row alone
// unless the session's data changed or the expiry moved by more than a
// minute.
func TestSessionRowIsRewrittenOnlyWhenItChanges(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	v := s.signedIn(t, "maryam")
	version := func() (xmin string) {
		t.Helper()
		if err := s.Pool.QueryRow(t.Context(), `SELECT xmin::text FROM sessions`).Scan(&xmin); err != nil {
			t.Fatal(err)
		}
		return xmin
	}
	before := version()
	v.get(t, "/queue").wantStatus(t, "GET /queue", http.StatusOK)
	v.get(t, "/queue").wantStatus(t, "GET /queue", http.StatusOK)
	if after := version(); after != before {
		t.Errorf("two page views rewrote an unchanged session (xmin %s → %s)", before, after)
	}

	if _, err := s.Pool.Exec(t.Context(), `UPDATE sessions SET expiry = expiry - interval '5 minutes'`); err != nil {
		t.Fatal(err)
	}
	before = version()
	v.get(t, "/queue").wantStatus(t, "GET /queue", http.StatusOK)
	if after := version(); after == before {
		t.Error("a page view five minutes on did not move the session's expiry")
	}

}
