package web_test

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/tamas-app/tamas/internal/webhooks/outbox"
	"github.com/tamas-app/tamas/jobs"
)

func webhookForm(rawURL, secret string, events ...string) url.Values {
	return url.Values{"url": {rawURL}, "secret": {secret}, "events": events}
}

type endpointRow struct {
	ID     int64
	URL    string
	Secret string
	Events []string
	Active bool
}

func (s *site) endpoints(t *testing.T) []endpointRow {
	t.Helper()
	rows, err := s.Pool.Query(context.Background(), `SELECT id, url, secret, events, active FROM webhook_endpoints ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []endpointRow
	for rows.Next() {
		var e endpointRow
		if err := rows.Scan(&e.ID, &e.URL, &e.Secret, &e.Events, &e.Active); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func (s *site) webhookAudits(t *testing.T) int {
	t.Helper()
	var n int
	if err := s.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE entity = 'webhook'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWebhooksAreForAdminsOnly(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	s.addUser(t, "sup", "supervisor", "en", "UTC")
	form := webhookForm("https://crm.example/in", "", "issue.created")
	for _, name := range []string{"maryam", "sup", "desk"} {
		v := s.signedIn(t, name)
		v.get(t, "/admin/webhooks").wantStatus(t, name+" GET /admin/webhooks", http.StatusForbidden)
		v.post(t, "/admin/webhooks", form).wantStatus(t, name+" POST /admin/webhooks", http.StatusForbidden)
		if strings.Contains(v.get(t, "/").body, `href="/admin/webhooks"`) {
			t.Errorf("%s sees the webhooks link", name)
		}
	}
	if n := len(s.endpoints(t)); n != 0 {
		t.Errorf("%d endpoints stored after refused posts", n)
	}
	admin := s.signedIn(t, "boss")
	admin.post(t, "/admin/webhooks", form).wantRedirect(t, "admin adds an endpoint", "/admin/webhooks/1")
	for _, name := range []string{"maryam", "sup", "desk"} {
		v := s.signedIn(t, name)
		v.get(t, "/admin/webhooks/1").wantStatus(t, name+" GET the log", http.StatusForbidden)
		v.post(t, "/admin/webhooks/1", url.Values{"action": {"disable"}}).wantStatus(t, name+" disables", http.StatusForbidden)
		v.post(t, "/admin/webhooks/1/test", nil).wantStatus(t, name+" tests", http.StatusForbidden)
		v.post(t, "/admin/webhooks/1/delete", nil).wantStatus(t, name+" deletes", http.StatusForbidden)
	}
	if e := s.endpoints(t); len(e) != 1 || !e[0].Active {
		t.Errorf("after refused changes: %+v", e)
	}
	if !strings.Contains(admin.get(t, "/").body, `href="/admin/webhooks"`) {
		t.Error("the admin's nav has no webhooks link")
	}
}

func TestWebhookAddRefusesBadInput(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	admin := s.signedIn(t, "boss")
	private := map[string]bool{"loopback": true, "IPv6 loopback": true, "private network": true, "metadata": true}
	for _, tc := range []struct {
		name, field string
		form        url.Values
	}{
		{"relative URL", "url", webhookForm("crm.example/hooks", "", "issue.created", "customer.opted_out")},
		{"ftp URL", "url", webhookForm("ftp://crm.example/hooks", "", "issue.created")},
		{"no events", "events", webhookForm("https://crm.example/hooks", "")},
		{"unknown event", "events", webhookForm("https://crm.example/hooks", "", "webhook.test")},
		{"short secret", "secret", webhookForm("https://crm.example/hooks", "short", "issue.created")},
		{"loopback", "url", webhookForm("http://127.0.0.1:5432/", "", "issue.created")},
		{"IPv6 loopback", "url", webhookForm("http://[::1]/hooks", "", "issue.created")},
		{"private network", "url", webhookForm("https://10.0.0.7/hooks", "", "issue.created")},
		{"metadata", "url", webhookForm("http://169.254.169.254/latest/meta-data/", "", "issue.created")},
	} {
		r := admin.post(t, "/admin/webhooks", tc.form)
		r.wantStatus(t, tc.name, http.StatusUnprocessableEntity)
		problem := problemText(r.body, tc.field)
		if problem == "" {
			t.Errorf("%s: no problem shown for %s", tc.name, tc.field)
		}
		if strings.Contains(problem, "private network") != private[tc.name] {
			t.Errorf("%s: problem %q", tc.name, problem)
		}
		if !strings.Contains(r.body, `value="`+html.EscapeString(tc.form.Get("url"))+`"`) {
			t.Errorf("%s: the typed URL is not kept", tc.name)
		}
		for _, e := range tc.form["events"] {
			if e != "webhook.test" && !regexp.MustCompile(`value="`+regexp.QuoteMeta(e)+`" checked`).MatchString(r.body) {
				t.Errorf("%s: event %s is not kept ticked", tc.name, e)
			}
		}
	}
	if n := len(s.endpoints(t)); n != 0 {
		t.Errorf("%d endpoints stored from refused forms", n)
	}
	if n := s.webhookAudits(t); n != 0 {
		t.Errorf("%d audit rows for refused forms", n)
	}
}

func TestWebhookSecretIsShownOnce(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	admin := s.signedIn(t, "boss")
	admin.post(t, "/admin/webhooks", webhookForm("https://crm.example/in", "", "issue.created")).
		wantRedirect(t, "add with a generated secret", "/admin/webhooks/1")
	admin.post(t, "/admin/webhooks", webhookForm("https://chat.example/in", "  my-own-secret-of-24-chars ", "issue.resolved")).
		wantRedirect(t, "add with a typed secret", "/admin/webhooks/2")
	es := s.endpoints(t)
	if len(es) != 2 || !strings.HasPrefix(es[0].Secret, "whsec_") || len(es[0].Secret) < 40 || es[1].Secret != "my-own-secret-of-24-chars" {
		t.Fatalf("endpoints %+v", es)
	}
	// Only the last creation's secret is waiting; the first page shows it.
	first := admin.get(t, "/admin/webhooks/2")
	if !strings.Contains(first.body, `data-testid="new-secret"`) || !strings.Contains(first.body, es[1].Secret) {
		t.Error("the new secret is not shown after creation")
	}
	mask := func(e endpointRow) string { return "••••" + e.Secret[len(e.Secret)-4:] }
	for path, shows := range map[string][]endpointRow{
		"/admin/webhooks/2": {es[1]}, "/admin/webhooks/1": {es[0]}, "/admin/webhooks": es,
	} {
		body := admin.get(t, path).body
		for _, e := range es {
			if strings.Contains(body, e.Secret) {
				t.Errorf("%s shows a secret again", path)
			}
		}
		for _, e := range shows {
			if !strings.Contains(body, mask(e)) {
				t.Errorf("%s does not show endpoint %d's masked secret", path, e.ID)
			}
		}
	}
	if n := s.webhookAudits(t); n != 2 {
		t.Errorf("%d audit rows, want 2", n)
	}
	var leaked int
	if err := s.Pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log WHERE after::text LIKE '%' || $1 || '%'`, es[1].Secret).Scan(&leaked); err != nil || leaked != 0 {
		t.Errorf("the audit log holds the secret: %d, %v", leaked, err)
	}
}

func TestWebhookChangesAreAudited(t *testing.T) {
	t.Parallel()
	s := openSite(t)
	admin := s.signedIn(t, "boss")
	admin.post(t, "/admin/webhooks", webhookForm("https://crm.example/in", "", "issue.created")).
		wantRedirect(t, "add", "/admin/webhooks/1")
	admin.post(t, "/admin/webhooks/1", url.Values{"action": {"save"}, "events": {"issue.resolved", "response.created"}}).
		wantRedirect(t, "change events", "/admin/webhooks/1")
	admin.post(t, "/admin/webhooks/1", url.Values{"action": {"disable"}}).wantRedirect(t, "disable", "/admin/webhooks/1")
	if e := s.endpoints(t)[0]; e.Active || strings.Join(e.Events, " ") != "response.created issue.resolved" {
		t.Errorf("after changes: %+v", e)
	}
	if body := admin.get(t, "/admin/webhooks/1").body; !strings.Contains(body, `data-testid="state">Disabled`) {
		t.Error("the page does not say the endpoint is disabled")
	}
	r := admin.post(t, "/admin/webhooks/1", url.Values{"action": {"save"}})
	r.wantStatus(t, "saving no events", http.StatusUnprocessableEntity)
	if problemText(r.body, "events") == "" {
		t.Error("no problem shown for saving no events")
	}
	admin.post(t, "/admin/webhooks/1/test", nil).wantRedirect(t, "test a disabled endpoint", "/admin/webhooks/1")
	if !strings.Contains(admin.get(t, "/admin/webhooks/1").body, "Enable the endpoint") {
		t.Error("no flash for testing a disabled endpoint")
	}
	admin.post(t, "/admin/webhooks/1/delete", nil).wantRedirect(t, "delete", "/admin/webhooks")
	if n := len(s.endpoints(t)); n != 0 {
		t.Errorf("%d endpoints after delete", n)
	}
	admin.get(t, "/admin/webhooks/1").wantStatus(t, "a deleted endpoint's page", http.StatusNotFound)
	var added, changed, deleted int
	if err := s.Pool.QueryRow(context.Background(), `SELECT count(*) FILTER (WHERE before IS NULL), count(*) FILTER (WHERE before IS NOT NULL AND after IS NOT NULL),
		count(*) FILTER (WHERE after IS NULL) FROM audit_log WHERE entity = 'webhook' AND entity_key = '1'`).Scan(&added, &changed, &deleted); err != nil {
		t.Fatal(err)
	}
	if added != 1 || changed != 2 || deleted != 1 {
		t.Errorf("audit: %d added, %d changed, %d deleted; want 1, 2, 1", added, changed, deleted)
	}
}

func TestWebhookTestButtonAndDeliveryLog(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	// The receiver listens on loopback: a receiver on the same network.
	s := openSiteWith(t, siteOpts{webhookAllowPrivate: true})
	s.addUser(t, "nasrin", "admin", "fa", "Asia/Tehran")
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	}))
	t.Cleanup(receiver.Close)
	admin := s.signedIn(t, "boss")
	admin.post(t, "/admin/webhooks", webhookForm(receiver.URL+"/in", "", "issue.created")).wantRedirect(t, "add", "/admin/webhooks/1")
	if !strings.Contains(admin.get(t, "/admin/webhooks/1").body, `data-testid="deliveries-empty"`) {
		t.Error("a new endpoint's log is not empty")
	}
	admin.post(t, "/admin/webhooks/1/test", nil).wantRedirect(t, "send test", "/admin/webhooks/1")

	var id int64
	if err := s.Pool.QueryRow(ctx, `SELECT id FROM webhook_deliveries WHERE endpoint_id = 1 AND event_type = 'webhook.test'`).Scan(&id); err != nil {
		t.Fatalf("no test delivery: %v", err)
	}
	var jobs int
	if err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'webhook_delivery' AND args->>'delivery_id' = $1`, strconv.FormatInt(id, 10)).Scan(&jobs); err != nil || jobs != 1 {
		t.Errorf("%d delivery jobs, %v; want 1", jobs, err)
	}
	page := admin.get(t, "/admin/webhooks/1").body
	if !strings.Contains(page, "Test event queued") || !strings.Contains(page, `data-testid="delivery"`) {
		t.Error("the page shows neither the flash nor the queued delivery")
	}

	work(t, s, id)
	page = admin.get(t, "/admin/webhooks/1").body
	for _, want := range []string{`data-testid="attempts">1<`, `data-testid="status">503<`, "HTTP 503", `data-testid="delivered">not yet<`} {
		if !strings.Contains(page, want) {
			t.Errorf("the log lacks %s", want)
		}
	}
	// What the receiver's host says is not shown: it could be anything
	// the server can reach.
	if strings.Contains(page, "down for maintenance") {
		t.Error("the log shows the receiver's answer")
	}
	fa := s.signedIn(t, "nasrin").get(t, "/admin/webhooks/1").body
	if !strings.Contains(fa, `data-testid="status">۵۰۳<`) || !strings.Contains(fa, "۱۴۰۵") {
		t.Error("the Persian log lacks Persian digits or the Jalali year")
	}
}

// work runs the delivery worker once on delivery id.
func work(t *testing.T, s *site, id int64) {
	t.Helper()
	ctx := context.Background()
	w := rivertest.NewWorker(t, riverpgxv5.New(s.Pool), &river.Config{},
		&jobs.WebhookDeliveryWorker{Sender: outbox.NewSender(outbox.SenderOpts{Pool: s.Pool, Now: func() time.Time { return pagesNow }, AllowPrivate: true})})
	tx, err := s.Pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if res, _ := w.Work(ctx, t, tx, outbox.DeliveryArgs{DeliveryID: id}, nil); res == nil || res.EventKind != river.EventKindJobFailed {
		t.Fatalf("delivery to a 503: %v, want failed", res)
	}
}
