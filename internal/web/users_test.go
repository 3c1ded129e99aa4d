package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"
)

// usersProblem is the problem the users page shows under field.
func usersProblem(body, field string) string {
	m := regexp.MustCompile(`name="` + regexp.QuoteMeta(field) + `"[^>]*>\s*<small class="problem">([^<]*)</small>`).FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// A refused account is explained in the admin's language, under the field
// it is about.
func TestUserFormSpeaksTheAdminsLanguage(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.addUser(t, "mina", "admin", "fa", "Asia/Tehran")
	bad := url.Values{"username": {"x"}, "display_name": {"X"}, "role": {"chief"}, "locale": {"fa"}, "password": {"short"}}
	for _, c := range []struct {
		admin, field, want string
	}{
		{"mina", "username", "نام کاربری باید ۲ تا ۴۰ نویسه داشته باشد."},
		{"mina", "password", "گذرواژه باید دست\u200cکم ۱۰ نویسه داشته باشد."},
		{"boss", "username", "The username must have 2 to 40 characters."},
		{"boss", "password", "The password must have at least 10 characters."},
	} {
		r := s.signedIn(t, c.admin).post(t, "/admin/users", bad)
		r.wantStatus(t, c.admin+" adds x", http.StatusUnprocessableEntity)
		if got := usersProblem(r.body, c.field); got != c.want {
			t.Errorf("%s sees %q under %s, want %q", c.admin, got, c.field, c.want)
		}
	}
	r := s.signedIn(t, "mina").post(t, "/admin/users", url.Values{
		"username": {"Bad Name"}, "role": {"agent"}, "locale": {"fa"}, "password": {"password-bad-name"},
	})
	r.wantStatus(t, "mina adds a username with a space", http.StatusUnprocessableEntity)
	if got := usersProblem(r.body, "username"); got == "" || regexp.MustCompile(`[A-Za-z]`).MatchString(got) {
		t.Errorf("mina sees %q under username, want a Persian message", got)
	}
	var n int
	if err := s.Pool.QueryRow(t.Context(), `SELECT count(*) FROM users WHERE username IN ('x', 'bad name')`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d refused users stored (%v)", n, err)
	}
}
