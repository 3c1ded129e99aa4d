package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/tamas-app/tamas/internal/invalid"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want Lang
	}{
		{"fa", FA},
		{"fa-IR", FA},
		{"FA", FA},
		{"Fa-ir", FA},
		{"fa_IR", FA},
		{" fa ", FA},
		{"fa-IR,fa;q=0.9,en-US;q=0.8", FA},
		{"fa;q=0.9", FA},
		{"en", EN},
		{"en-US", EN},
		{"en-US,fa;q=0.9", EN},
		{"", EN},
		{"de", EN},
		{"farsi", EN},
		{"fas", EN},
		{"ar", EN},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := Parse(tt.in); got != tt.want {
				t.Errorf("Parse(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestLangDirAndString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang    Lang
		wantDir string
		wantStr string
	}{
		{FA, "rtl", "fa"},
		{EN, "ltr", "en"},
		{Parse("fa-IR"), "rtl", "fa"},
		{Lang("de"), "ltr", "de"},
	}
	for _, tt := range tests {
		t.Run(string(tt.lang), func(t *testing.T) {
			t.Parallel()
			if got := tt.lang.Dir(); got != tt.wantDir {
				t.Errorf("%q.Dir() = %q, want %q", tt.lang, got, tt.wantDir)
			}
			if got := tt.lang.String(); got != tt.wantStr {
				t.Errorf("%q.String() = %q, want %q", tt.lang, got, tt.wantStr)
			}
		})
	}
}

func TestT(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		lang Lang
		key  string
		args []any
		want string
	}{
		{"en plain", EN, "nav.queue", nil, "My queue"},
		{"fa plain", FA, "nav.queue", nil, "صف من"},
		{"en with arg", EN, "login.throttled", []any{"5 minutes"}, "Too many failed attempts. Try again in 5 minutes."},
		{"fa with arg", FA, "login.throttled", []any{"۵ دقیقه"}, "تعداد تلاش\u200cهای ناموفق بیش از حد مجاز است. لطفاً ۵ دقیقه دیگر دوباره امتحان کنید."},
		{"fa with Number arg", FA, "queue.why.holiday", []any{Number(FA, 3), "Tehran", "شنبه"}, "موعد ۳ تماس رسیده اما فعلاً نمی\u200cشود تماس گرفت: امروز برای مشتریان Tehran تعطیل است. تماس از شنبه (به وقت شما) ممکن می\u200cشود."},
		{"numbers not converted", FA, "call.claim_expires", []any{"14:05"}, "تا 14:05 برای شما نگه داشته می\u200cشود"},
		{"unknown lang falls back to en", Lang("de"), "nav.users", nil, "Users"},
		{"missing key returns key", FA, "no.such.key", nil, "no.such.key"},
		{"missing key ignores args", EN, "no.such.%s", []any{"x"}, "no.such.%s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := T(tt.lang, tt.key, tt.args...); got != tt.want {
				t.Errorf("T(%q, %q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
			}
		})
	}
}

// TestCatalogFallback runs lookup on a catalog of its own, since the real
// one must never have a missing language.
func TestCatalogFallback(t *testing.T) {
	t.Parallel()
	c := catalog{
		"both":    {EN: "Hello %s", FA: "سلام %s"},
		"en.only": {EN: "Only %d"},
		"fa.only": {FA: "فقط"},
		"empty":   {EN: "", FA: ""},
	}
	tests := []struct {
		name string
		lang Lang
		key  string
		args []any
		want string
	}{
		{"fa present", FA, "both", []any{"علی"}, "سلام علی"},
		{"en present", EN, "both", []any{"Ali"}, "Hello Ali"},
		{"fa missing falls back to en", FA, "en.only", []any{7}, "Only 7"},
		{"en missing returns key", EN, "fa.only", nil, "fa.only"},
		{"fa only", FA, "fa.only", nil, "فقط"},
		{"empty texts return key", FA, "empty", nil, "empty"},
		{"absent key returns key", FA, "absent", []any{1}, "absent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := c.text(tt.lang, tt.key, tt.args...); got != tt.want {
				t.Errorf("text(%q, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
			}
		})
	}
}

// verbRE matches one fmt verb with its flags, argument index, width and
// precision; "%%" is matched too and skipped by verbs.
var verbRE = regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?(?:\d+|\*)?(?:\.(?:\d+|\*)?)?(?:\[\d+\])?([a-zA-Z%])`)

// verbs returns the verb letters of a format string, sorted, so a
// translation may reorder arguments but not drop, add or change one.
func verbs(format string) []string {
	var vs []string
	for _, m := range verbRE.FindAllStringSubmatch(format, -1) {
		if m[1] != "%" {
			vs = append(vs, m[1])
		}
	}
	slices.Sort(vs)
	return vs
}

func TestVerbs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{"plain", nil},
		{"%s", []string{"s"}},
		{"100%% done", nil},
		{"%d of %s, %5.2f%%", []string{"d", "f", "s"}},
		{"%[2]s then %[1]d", []string{"d", "s"}},
		{"%-8v|%+q", []string{"q", "v"}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			if got := verbs(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("verbs(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestCatalogComplete(t *testing.T) {
	t.Parallel()
	if len(messages) == 0 {
		t.Fatal("catalog is empty")
	}
	for key, m := range messages {
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			for _, l := range []Lang{EN, FA} {
				if strings.TrimSpace(m[l]) == "" {
					t.Errorf("%s: no %s text", key, l)
				}
			}
			for l := range m {
				if l != EN && l != FA {
					t.Errorf("%s: unknown language %q", key, l)
				}
			}
			if en, fa := verbs(m[EN]), verbs(m[FA]); !slices.Equal(en, fa) {
				t.Errorf("%s: EN verbs %q, FA verbs %q", key, en, fa)
			}
		})
	}
}

// TestCatalogKeys pins the keys views rely on, so deleting or renaming one
// fails here rather than as a raw key on a page. It includes one message per
// follow-up state and user role in the database.
func TestCatalogKeys(t *testing.T) {
	t.Parallel()
	keys := []string{
		"app.name",
		"nav.queue", "nav.users", "nav.logout",
		"login.title", "login.username", "login.password", "login.submit", "login.failed", "login.throttled",
		"queue.title", "queue.due_now", "queue.later_today", "queue.callbacks", "queue.completed_today",
		"queue.next_call", "queue.empty", "queue.none_callable", "queue.why.day_off", "queue.why.holiday",
		"queue.why.before_hours", "queue.why.after_hours", "queue.why.never", "queue.why.nothing_due", "queue.why.nothing_scheduled",
		"call.customer", "call.phone", "call.local_time", "call.your_time", "call.language", "call.sale",
		"call.sales", "call.sales_hint", "call.order", "call.product", "call.branch", "call.sold_at", "call.history", "call.no_history", "call.script",
		"call.required", "call.notes", "call.outcome", "call.submit", "call.claim_expires",
		"dispo.completed", "dispo.no_answer", "dispo.busy", "dispo.voicemail", "dispo.callback",
		"dispo.wrong_number", "dispo.refused", "dispo.do_not_contact",
		"callback.at", "yes", "no",
		"error.generic", "error.forbidden", "error.not_found", "error.claim_lost", "error.unavailable",
		"users.title", "users.add", "users.role", "users.disable", "users.enable", "users.saved",
		"role.agent", "role.supervisor", "role.service", "role.admin",
		"state.scheduled", "state.due", "state.claimed", "state.completed", "state.no_answer",
		"state.callback", "state.unreachable", "state.cancelled", "state.opted_out", "state.refused",
	}
	for _, key := range keys {
		if _, ok := messages[key]; !ok {
			t.Errorf("catalog lacks %q", key)
		}
	}
}

// nonJoining are Persian letters that never connect to the letter after
// them; a zero-width non-joiner after one of them does nothing and betrays a
// typo (چهار‌شنبه).
const nonJoining = "اآأإدذرزژوؤةء"

func TestCatalogPersianSpelling(t *testing.T) {
	t.Parallel()
	for key, m := range messages {
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			for _, p := range persianProblems(m[FA]) {
				t.Errorf("FA %q: %s", m[FA], p)
			}
			for _, r := range m[EN] {
				if unicode.Is(unicode.Arabic, r) {
					t.Errorf("EN %q contains Arabic-script %q", m[EN], r)
				}
			}
		})
	}
}

// persianProblems lists Arabic letter forms, non-Persian digits, Latin
// letters, stray spaces and zero-width non-joiners that do nothing.
func persianProblems(s string) []string {
	var ps []string
	if s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
		ps = append(ps, "stray spaces")
	}
	rs := []rune(strings.ReplaceAll(s, "%s", ""))
	for i, r := range rs {
		switch {
		case r == 'ي' || r == 'ى':
			ps = append(ps, fmt.Sprintf("Arabic yeh %U, use ی", r))
		case r == 'ك':
			ps = append(ps, fmt.Sprintf("Arabic kaf %U, use ک", r))
		case r >= '0' && r <= '9', r >= '٠' && r <= '٩':
			ps = append(ps, fmt.Sprintf("digit %q, use Persian digits", r))
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			ps = append(ps, fmt.Sprintf("Latin letter %q", r))
		case r == '\u200c':
			if i == 0 || i == len(rs)-1 ||
				!unicode.Is(unicode.Arabic, rs[i-1]) || !unicode.Is(unicode.Arabic, rs[i+1]) ||
				strings.ContainsRune(nonJoining, rs[i-1]) {
				ps = append(ps, fmt.Sprintf("zero-width non-joiner at rune %d is not between a joining letter and a letter", i))
			}
		}
	}
	return ps
}

func TestPersianProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		wantBad bool
	}{
		{"نام کاربری", false},
		{"تماس\u200cهای من", false},
		{"لطفاً %s دیگر", false},
		{"سه\u200cشنبه", false},
		{"كاربر", true},          // Arabic kaf
		{"نام كاربري", true},     // Arabic kaf and yeh
		{"صف 2", true},           // ASCII digit
		{"صف ٢", true},           // Arabic-Indic digit
		{"چهار\u200cشنبه", true}, // ZWNJ after ر, which never joins
		{"تماس \u200cها", true},  // ZWNJ after a space
		{"تماس\u200c", true},     // ZWNJ at the end
		{"tamas تماس", true},     // Latin
		{" خروج", true},          // leading space
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			t.Parallel()
			got := persianProblems(tt.in)
			if (len(got) > 0) != tt.wantBad {
				t.Errorf("persianProblems(%q) = %q, want problems: %v", tt.in, got, tt.wantBad)
			}
		})
	}
}

func TestCatalogAddRefusesDuplicates(t *testing.T) {
	t.Parallel()
	c := catalog{"a": {EN: "A", FA: "الف"}}
	c.add(catalog{"b": {EN: "B", FA: "ب"}})
	if got := c.text(FA, "b"); got != "ب" {
		t.Fatalf("added message = %q, want ب", got)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("adding a key twice did not panic")
		}
	}()
	c.add(catalog{"a": {EN: "again"}})
}

func TestProblemWritesNumbersInTheReadersDigits(t *testing.T) {
	t.Parallel()
	p := invalid.Problem{Field: "notes", Code: "too_long", Args: []any{20000}}
	if got := Problem(EN, p); got != "at most 20,000 characters" {
		t.Errorf("EN: %q", got)
	}
	if got := Problem(FA, p); got != "حداکثر ۲۰٬۰۰۰ نویسه" {
		t.Errorf("FA: %q", got)
	}
}
