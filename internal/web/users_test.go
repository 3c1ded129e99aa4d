package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
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

// within is the part of body from the element marked testid to the end of
// its form.
func within(body, testid string) string {
	i := strings.Index(body, `data-testid="`+testid+`"`)
	if i < 0 {
		return ""
	}
	body = body[i:]
	if j := strings.Index(body, "</form>"); j >= 0 {
		body = body[:j]
	}
	return body
}

// A weak password is refused wherever it is set, in the reader's language:
// adding a user, resetting one, changing one's own.
func TestWeakPasswordsAreRefusedInTheReadersLanguage(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.addUser(t, "mina", "admin", "fa", "Asia/Tehran")
	emma := strconv.FormatInt(s.userID(t, "emma"), 10)
	const (
		commonEN = "This password is one of the most common ones and is guessed first. Please choose a phrase of several unrelated words."
		commonFA = "این گذرواژه از رایج\u200cترین گذرواژه\u200cهاست و پیش از همه حدس زده می\u200cشود. لطفاً عبارتی از چند واژهٔ بی\u200cربط انتخاب کنید."
	)
	for _, c := range []struct {
		who, want string
	}{{"boss", commonEN}, {"mina", commonFA}} {
		v := s.signedIn(t, c.who)
		r := v.post(t, "/admin/users", url.Values{"username": {"weakling"}, "role": {"agent"}, "locale": {"en"}, "password": {"1234567890"}})
		r.wantStatus(t, c.who+" adds a user with 1234567890", http.StatusUnprocessableEntity)
		if got := usersProblem(r.body, "password"); got != c.want {
			t.Errorf("%s adding a user sees %q, want %q", c.who, got, c.want)
		}
		r = v.post(t, "/admin/users/"+emma+"/password", url.Values{"password": {"1234567890"}})
		r.wantStatus(t, c.who+" resets emma's password to 1234567890", http.StatusUnprocessableEntity)
		if got := usersProblem(within(r.body, "reset-emma"), "password"); got != c.want {
			t.Errorf("%s resetting emma's password sees %q under her row, want %q", c.who, got, c.want)
		}
		r = v.post(t, "/account/password", url.Values{
			"current_password": {"password-" + c.who}, "new_password": {"qwertyuiop"}, "new_password_again": {"qwertyuiop"},
		})
		r.wantStatus(t, c.who+" changes their own password to qwertyuiop", http.StatusUnprocessableEntity)
		if got := usersProblem(r.body, "new_password"); got != c.want {
			t.Errorf("%s changing their own password sees %q, want %q", c.who, got, c.want)
		}
	}
	// Built from the account's own name: "maryam" can guess "maryammaryam".
	r := s.signedIn(t, "maryam").post(t, "/account/password", url.Values{
		"current_password": {"password-maryam"}, "new_password": {"maryammaryam"}, "new_password_again": {"maryammaryam"},
	})
	r.wantStatus(t, "maryam changes her password to maryammaryam", http.StatusUnprocessableEntity)
	if got := usersProblem(r.body, "new_password"); got == "" || regexp.MustCompile(`[A-Za-z]`).MatchString(got) {
		t.Errorf("maryam sees %q under the new password, want a Persian message", got)
	}
	if n := s.Count(t, `SELECT count(*) FROM users WHERE username = 'weakling'`); n != 0 {
		t.Errorf("%d users added with a weak password", n)
	}
	if n := s.Count(t, `SELECT count(*) FROM audit_log WHERE entity = 'password'`); n != 0 {
		t.Errorf("%d passwords set after refusals", n)
	}
}

// An admin resets a forgotten password: the old one stops working, the
// user's open session ends, and the reset is audited. Only admins may.
func TestAdminResetsAPassword(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	const newPassword = "violet harbor kettle"
	emma := s.signedIn(t, "emma")
	path := "/admin/users/" + strconv.FormatInt(s.userID(t, "emma"), 10) + "/password"

	s.signedIn(t, "maryam").post(t, path, url.Values{"password": {newPassword}}).
		wantStatus(t, "an agent resets emma's password", http.StatusForbidden)
	s.signedIn(t, "desk").post(t, path, url.Values{"password": {newPassword}}).
		wantStatus(t, "a service user resets emma's password", http.StatusForbidden)
	emma.get(t, "/queue").wantStatus(t, "emma's queue after refused resets", http.StatusOK)

	boss := s.signedIn(t, "boss")
	page := boss.get(t, "/admin/users")
	if within(page.body, "reset-emma") == "" {
		t.Fatal("the users page has no reset form for emma")
	}
	boss.post(t, path, url.Values{"password": {newPassword}}).wantRedirect(t, "boss resets emma's password", "/admin/users")
	if flash := boss.get(t, "/admin/users").body; !strings.Contains(flash, "The password of emma was reset") {
		t.Error("boss is not told the password was reset")
	}
	emma.get(t, "/queue").wantRedirect(t, "emma's old session after the reset", "/login?next=%2Fqueue")
	s.visitor(t).post(t, "/login", url.Values{"username": {"emma"}, "password": {"password-emma"}}).
		wantStatus(t, "emma signs in with her old password", http.StatusUnauthorized)
	s.visitor(t).post(t, "/login", url.Values{"username": {"emma"}, "password": {newPassword}}).
		wantRedirect(t, "emma signs in with her new password", "/")
	var actor, after string
	if err := s.Pool.QueryRow(t.Context(), `SELECT actor, after::text FROM audit_log WHERE entity = 'password' AND entity_key = 'emma'`).Scan(&actor, &after); err != nil {
		t.Fatalf("no audit row for the reset: %v", err)
	}
	if actor != "boss" || strings.Contains(after, "argon2") || strings.Contains(after, newPassword) {
		t.Errorf("audit row by %q: %s", actor, after)
	}
	boss.post(t, "/admin/users/999999/password", url.Values{"password": {newPassword}}).
		wantStatus(t, "resetting a user who does not exist", http.StatusNotFound)
}

// A user changes their own password: the current one is required, the new
// one twice; this session goes on with a new token and the others end.
func TestUserChangesTheirOwnPassword(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	const newPassword = "کوه سبز آهسته می‌رقصد"
	here, there := s.signedIn(t, "maryam"), s.signedIn(t, "maryam")

	page := here.get(t, "/account/password")
	page.wantStatus(t, "maryam's password page", http.StatusOK)
	for _, want := range []string{`dir="rtl"`, "گذرواژهٔ کنونی", `href="/account/password"`, `autocomplete="current-password"`} {
		if !strings.Contains(page.body, want) {
			t.Errorf("maryam's password page lacks %s", want)
		}
	}
	for _, c := range []struct {
		form        url.Values
		field, want string
	}{
		{url.Values{"current_password": {"not-her-password"}, "new_password": {newPassword}, "new_password_again": {newPassword}},
			"current_password", "گذرواژهٔ کنونی درست نیست."},
		{url.Values{"current_password": {"password-maryam"}, "new_password": {newPassword}, "new_password_again": {newPassword + "!"}},
			"new_password_again", "دو گذرواژهٔ تازه یکسان نیستند؛ لطفاً یک گذرواژه را دو بار بنویسید."},
	} {
		r := here.post(t, "/account/password", c.form)
		r.wantStatus(t, "a refused change", http.StatusUnprocessableEntity)
		if got := usersProblem(r.body, c.field); got != c.want {
			t.Errorf("under %s: %q, want %q", c.field, got, c.want)
		}
	}
	before := here.cookie(t)
	here.post(t, "/account/password", url.Values{
		"current_password": {"password-maryam"}, "new_password": {newPassword}, "new_password_again": {newPassword},
	}).wantRedirect(t, "maryam changes her password", "/")
	if after := here.cookie(t); after == before {
		t.Error("the session token was not renewed")
	}
	here.get(t, "/queue").wantStatus(t, "maryam's queue in the session she changed it from", http.StatusOK)
	there.get(t, "/queue").wantRedirect(t, "maryam's other session", "/login?next=%2Fqueue")
	s.visitor(t).post(t, "/login", url.Values{"username": {"maryam"}, "password": {"password-maryam"}}).
		wantStatus(t, "maryam signs in with her old password", http.StatusUnauthorized)
	s.visitor(t).post(t, "/login", url.Values{"username": {"maryam"}, "password": {newPassword}}).
		wantRedirect(t, "maryam signs in with her new password", "/")

	// Every role has the page.
	for _, who := range []string{"emma", "boss", "desk"} {
		r := s.signedIn(t, who).get(t, "/account/password")
		r.wantStatus(t, who+"'s password page", http.StatusOK)
		if !strings.Contains(r.body, `data-testid="nav-password"`) || !strings.Contains(r.body, "Change your password") {
			t.Errorf("%s's password page has no link to it in the header or no English title", who)
		}
	}
}

// cookie is the session token v holds.
func (v *visitor) cookie(t *testing.T) string {
	t.Helper()
	u, err := url.Parse(v.site.URL)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range v.c.Jar.Cookies(u) {
		if c.Name == sessionCookie {
			return c.Value
		}
	}
	return ""
}
