package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// The script editor in a Persian UI: numbers in Persian digits, places and
// the guard's reasons in Persian, the trigger's category chosen from the
// translated root causes, its value from the question's own choices, and
// no sixth question slot but the reason why.
func TestScriptEditorInPersian(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.addUser(t, "parisa", "supervisor", "fa", "Asia/Tehran")
	parisa := s.signedIn(t, "parisa")
	var id int64
	if err := s.Pool.QueryRow(t.Context(), `SELECT id FROM scripts WHERE name = 'default' AND locale = 'fa'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	edit := "/scripts/" + strconv.FormatInt(id, 10) + "/edit"

	page := parisa.get(t, edit)
	page.wantStatus(t, "the editor", http.StatusOK)
	for _, want := range []string{
		"پرسش ۱", "پرسش ۵",
		"تماس پیگیری حداکثر ۵ پرسش دارد",
		// working's category, product_defect, chosen by its Persian label.
		`<option value="product_defect" selected>ایراد کالا</option>`,
		`<option value="delivery">ارسال</option>`,
		// working is yes_no, raising an issue on "no": shown and offered in Persian.
		`value="خیر"`, `<datalist id="choices-1"><option value="بله"></option><option value="خیر"></option></datalist>`,
	} {
		if !strings.Contains(page.body, want) {
			t.Errorf("the Persian editor lacks %q", want)
		}
	}
	for _, bad := range []string{"پرسش 1", `data-testid="slot-5"`, `name="q0.category" value=`} {
		if strings.Contains(page.body, bad) {
			t.Errorf("the Persian editor shows %q", bad)
		}
	}

	form := url.Values{
		"intro":  {"سلام {customer}، از {branch} تماس می‌گیرم."},
		"q0.key": {"works"}, "q0.prompt": {"کالا درست کار می‌کند؟"}, "q0.type": {"yes_no"},
		"q0.trigger": {"equals"}, "q0.trigger_value": {"خیر"}, "q0.severity": {"high"}, "q0.category": {"delivery"},
		"closing": {"ممنون! یک special price برای شما داریم."},
		"action":  {"publish"},
	}
	refused := parisa.post(t, edit, form)
	refused.wantStatus(t, "publishing sales language", http.StatusUnprocessableEntity)
	for _, want := range []string{
		"<bdi>پایان تماس</bdi>:",
		"زبان فروش: «\u2068special price\u2069» (به معنای پیشنهاد فروش)",
	} {
		if !strings.Contains(refused.body, want) {
			t.Errorf("the refusal lacks %q", want)
		}
	}
	if strings.Contains(refused.body, "<bdi>closing</bdi>") || strings.Contains(refused.body, "an offer") {
		t.Error("the refusal names the place or the reason in English")
	}

	var equals, category string
	if err := s.Pool.QueryRow(t.Context(), `SELECT body->'questions'->0->'trigger'->>'equals', body->'questions'->0->'trigger'->>'category'
		FROM script_versions WHERE script_id = $1 AND published_at IS NULL`, id).Scan(&equals, &category); err != nil {
		t.Fatal(err)
	}
	if equals != "no" || category != "delivery" {
		t.Errorf("the draft's trigger is equals %q, category %q; want no, delivery", equals, category)
	}

	// Versions are named in words: "v۱" in a right-to-left line reads as
	// "۷۱".
	base := "/scripts/" + strconv.FormatInt(id, 10)
	for path, wants := range map[string][]string{
		"/scripts":             {"نسخهٔ ۱"},
		base:                   {"<td>نسخهٔ ۱</td>", "<td>نسخهٔ ۲</td>"},
		base + "/preview?v=1":  {"<bdi>default</bdi> نسخهٔ ۱"},
		base + "/diff?a=1&b=2": {"نسخهٔ ۱ (منتشرشده در ", "نسخهٔ ۲ (پیش‌نویس)", "<del>", "<ins>", "<bdi>پایان تماس</bdi>"},
	} {
		r := parisa.get(t, path)
		r.wantStatus(t, path, http.StatusOK)
		for _, want := range wants {
			if !strings.Contains(r.body, want) {
				t.Errorf("%s lacks %q", path, want)
			}
		}
		if strings.Contains(r.body, "v۱") || strings.Contains(r.body, "v۲") {
			t.Errorf("%s writes a version as v and Persian digits", path)
		}
	}
}
