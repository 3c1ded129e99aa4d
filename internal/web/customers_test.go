package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/sales"
)

// customerOf is the id of the customer with the E.164 phone.
func (s *site) customerOf(t *testing.T, phone string) int64 {
	t.Helper()
	var id int64
	if err := s.Pool.QueryRow(t.Context(), `SELECT id FROM customers WHERE phone = $1`, phone).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestCustomerSearchForEveryRole(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.addUser(t, "sup", "supervisor", "en", "UTC")
	maryamPath := "/customers/" + strconv.FormatInt(s.customerOf(t, "+989121234567"), 10)
	saraPath := "/customers/" + strconv.FormatInt(s.customerOf(t, "+989351234567"), 10)
	for _, who := range []string{"maryam", "desk", "boss", "sup"} {
		v := s.signedIn(t, who)
		for q, want := range map[string]string{
			"09121234567": maryamPath, "+98 912 123 4567": maryamPath, "۰۹۱۲ ۱۲۳ ۴۵۶۷": maryamPath,
			"SARA": saraPath, "مریم": maryamPath,
		} {
			v.get(t, "/customers?"+url.Values{"q": {q}}.Encode()).wantRedirect(t, who+" searching "+q, want)
		}
		none := v.get(t, "/customers?q=nobody")
		none.wantStatus(t, who+" searching for nobody", http.StatusOK)
		if !strings.Contains(none.body, `data-testid="customers-none"`) {
			t.Errorf("%s: a search that finds nobody says nothing", who)
		}
		page := v.get(t, maryamPath)
		page.wantStatus(t, who+" GET the customer page", http.StatusOK)
		if !strings.Contains(page.body, `<bdi lang="fa">مریم رضایی</bdi>`) || !strings.Contains(page.body, `id="customer-search"`) {
			t.Errorf("%s: the customer page lacks the isolated name or the header search", who)
		}
	}
	s.signedIn(t, "desk").get(t, "/customers/999999").wantStatus(t, "an unknown customer", http.StatusNotFound)
}

func TestCustomerSearchPagesAndEscapes(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	soldAt := pagesNow.Add(-24 * time.Hour).Format(time.RFC3339)
	var in []sales.Input
	for i := range 22 {
		in = append(in, sales.Input{ExternalID: "Q-" + strconv.Itoa(i),
			Customer: sales.CustomerInput{Name: "<b>Bold</b> " + strconv.Itoa(i+10), Phone: "0912555" + strconv.Itoa(1000+i), Timezone: "Asia/Tehran", Locale: "en"},
			Product:  sales.ProductInput{SKU: "X"}, SoldAt: soldAt})
	}
	s.Sell(t, in...)
	v := s.signedIn(t, "desk")
	first := v.get(t, "/customers?q=%3Cb")
	first.wantStatus(t, "a search with many matches", http.StatusOK)
	if strings.Contains(first.body, "<b>Bold") || !strings.Contains(first.body, "&lt;b&gt;Bold") {
		t.Error("a customer's name is not escaped in the results")
	}
	if !strings.Contains(first.body, `data-testid="customers-next"`) {
		t.Error("22 matches show no next page")
	}
	second := v.get(t, "/customers?q=%3Cb&page=1")
	if n := strings.Count(second.body, `href="/customers/`); n != 2 {
		t.Errorf("the second page lists %d customers, want 2", n)
	}
}

func TestComplaintFromTheCustomerPage(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	path := "/customers/" + strconv.FormatInt(s.customerOf(t, "+989351234567"), 10)
	maryam := s.signedIn(t, "maryam")

	bad := maryam.post(t, path+"/complaints", url.Values{"category": {"weather"}, "severity": {"high"}, "said": {""}})
	bad.wantStatus(t, "a complaint with nothing said", http.StatusUnprocessableEntity)
	if !strings.Contains(bad.body, `data-testid="problem-said"`) {
		t.Error("the refused complaint does not say what is wrong")
	}
	maryam.post(t, path+"/complaints", url.Values{"category": {"delivery"}, "severity": {"high"}, "said": {"the parcel <never> came"}}).
		wantRedirect(t, "an agent's complaint", path)
	var id int64
	var origin string
	if err := s.Pool.QueryRow(t.Context(), `SELECT id, origin FROM issues`).Scan(&id, &origin); err != nil || origin != "complaint" {
		t.Fatalf("the complaint raised %d/%q, %v", id, origin, err)
	}
	issuePath := "/issues/" + strconv.FormatInt(id, 10)
	page := maryam.get(t, path)
	if !strings.Contains(page.body, `data-testid="customer-issues"`) || strings.Contains(page.body, `href="`+issuePath+`"`) {
		t.Error("the agent does not see the complaint, or sees a link to the desk")
	}
	maryam.post(t, issuePath+"/state", url.Values{"to": {"resolved"}, "root_cause": {"delivery"}, "root_cause_note": {"x"}}).
		wantStatus(t, "an agent resolving", http.StatusForbidden)
	if !strings.Contains(s.signedIn(t, "desk").get(t, path).body, `href="`+issuePath+`"`) {
		t.Error("service staff see no link to the issue")
	}

	maryam.post(t, path+"/notes", url.Values{"body": {" "}}).wantStatus(t, "an empty note", http.StatusUnprocessableEntity)
	maryam.post(t, path+"/notes", url.Values{"body": {"prefers <SMS>"}}).wantRedirect(t, "a note", path)
	if body := maryam.get(t, path).body; !strings.Contains(body, "prefers &lt;SMS&gt;") {
		t.Error("the note is not shown, escaped")
	}
}
