package web_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/sales"
)

// The call page names the customer's zone by its city and offset in the
// agent's language and digits, and shows the phone as the customer's
// country writes it, while the link dials the E.164.
func TestCallPageShowsZoneNameAndNationalPhone(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	maryam := s.signedIn(t, "maryam")
	r := maryam.post(t, "/queue/next", nil)
	m := callPath.FindStringSubmatch(r.location())
	if m == nil {
		t.Fatalf("POST /queue/next: %d to %q", r.status, r.location())
	}
	id, _ := strconv.ParseInt(m[1], 10, 64)
	var phone string
	if err := s.Pool.QueryRow(t.Context(), `
		UPDATE customers SET timezone = 'Asia/Tehran'
		WHERE id = (SELECT customer_id FROM follow_ups WHERE id = $1) RETURNING phone`, id).Scan(&phone); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pool.Exec(t.Context(), `UPDATE follow_ups SET timezone = 'Asia/Tehran' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	page := maryam.get(t, r.location())
	page.wantStatus(t, "maryam opens her call", http.StatusOK)
	for _, want := range []string{
		"(تهران \u200e+۰۳:۳۰)",
		`href="tel:` + phone + `"`,
		">" + i18n.Digits(i18n.FA, sales.NationalPhone(phone)) + "<",
	} {
		if !strings.Contains(page.body, want) {
			t.Errorf("maryam's call page lacks %q", want)
		}
	}
	if strings.Contains(page.body, ">"+phone+"<") {
		t.Errorf("maryam's call page shows the raw E.164 %s", phone)
	}
}
