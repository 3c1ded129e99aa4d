package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestRuleSMSTextSavedRefusedAndAudited: a rule's first texts are shown
// with their count, saved, refused with the reason in the reader's
// language and kept as typed, and every change is in the audit list.
func TestRuleSMSTextSavedRefusedAndAudited(t *testing.T) {
	t.Parallel()
	s := openSMSSite(t)
	pages := &site{App: s.App}
	pages.addUser(t, "sara", "supervisor", "fa", "Asia/Tehran")
	v := pages.signedIn(t, "sara")

	long := strings.Repeat("خیلی ", 60)
	bad := v.post(t, "/rules", ruleForm("sms_text_fa", long, "sms_text_en", "  "))
	bad.wantStatus(t, "too long and empty", http.StatusUnprocessableEntity)
	for _, want := range []string{
		`data-testid="problem-sms_text_fa"`, "نخستین پیامک (فارسی): با راهنمای پاسخ و خط لغو ۶ بخش پیامک می‌شود",
		`data-testid="problem-sms_text_en"`, "نخستین پیامک (انگلیسی): لطفاً متنی",
		">" + long + "</textarea>", // as typed
	} {
		if !strings.Contains(bad.body, want) {
			t.Errorf("the refused form lacks %q", want)
		}
	}
	var texts string
	if err := s.Pool.QueryRow(t.Context(), `SELECT sms_texts->>'fa' FROM followup_rules WHERE category = ''`).Scan(&texts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(texts, "{customer}") {
		t.Errorf("a refused form changed the stored text to %q", texts)
	}

	ok := v.post(t, "/rules", ruleForm("sms_text_fa", "سلام {customer}،\r\nراضی هستید؟", "sms_text_en", "Hi {customer}, happy?"))
	ok.wantRedirect(t, "save texts", "/rules")
	if err := s.Pool.QueryRow(t.Context(), `SELECT sms_texts::text FROM followup_rules WHERE category = ''`).Scan(&texts); err != nil {
		t.Fatal(err)
	}
	if texts != `{"en": "Hi {customer}, happy?", "fa": "سلام {customer}،\nراضی هستید؟"}` {
		t.Errorf("stored texts %s", texts)
	}
	page := v.get(t, "/rules")
	for _, want := range []string{
		// Shown with its count: 27 units of text, a line break and the hint.
		`<strong data-sms="segments">۲</strong>`, `<bdi data-sms="encoding">UCS-2</bdi>`, "هزینهٔ دو یا سه پیامک",
		// The English one: one GSM-7 part.
		`<strong data-sms="segments">۱</strong>`, `<bdi data-sms="encoding">GSM-7</bdi>`, "هزینهٔ یک پیامک",
		// The audit row names each text that changed.
		"نخستین پیامک به فارسی", "نخستین پیامک به انگلیسی", "Hi {customer}, happy?",
	} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the rules page lacks %q", want)
		}
	}
	// Saving the same texts again records nothing.
	v.post(t, "/rules", ruleForm("sms_text_fa", "سلام {customer}،\nراضی هستید؟", "sms_text_en", "Hi {customer}, happy?")).wantRedirect(t, "unchanged", "/rules")
	if n := s.Count(t, `SELECT count(*) FROM audit_log WHERE entity = 'rule'`); n != 1 {
		t.Errorf("%d rule audit rows, want the one change", n)
	}
}
