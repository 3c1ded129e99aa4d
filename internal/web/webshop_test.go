package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/app/apptest"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webshop"
)

const (
	shopifySecret = "shpss_0123456789abcdef"
	wooSecret     = "woo secret with spaces"
	// shopifyExternalID is the sale of the fixtures' Shopify order.
	shopifyExternalID = "shopify-820982911946154508"
)

// shops is a server with the Shopify shop "optics" and the WooCommerce
// shop "wp-store", whose sales are glasses when their items say nothing.
func shops(t *testing.T) *apptest.App {
	t.Helper()
	a := apptest.Open(t, apptest.Opts{At: now, Serve: true})
	ctx := context.Background()
	q := store.New()
	for _, p := range []store.SourceShopSetParams{
		{Name: "optics", ShopPlatform: webshop.Shopify, ShopSecret: shopifySecret},
		{Name: "wp-store", ShopPlatform: webshop.WooCommerce, ShopSecret: wooSecret, ShopCategory: "Glasses"},
	} {
		if _, err := q.SourceShopSet(ctx, a.Pool, p); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.Pool.Exec(ctx, `INSERT INTO followup_rules (category, delay_days, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes)
		SELECT 'glasses', 3, channel, ladder, script_name, priority, max_attempts, retry_spacing_minutes
		FROM followup_rules WHERE category = ''`); err != nil {
		t.Fatal(err)
	}
	return a
}

func fixtureBody(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/webshops/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func signature(secret string, body []byte) string {
	return base64.StdEncoding.EncodeToString(webshop.Sign(secret, body))
}

type delivery struct {
	platform, source, topic, signature string
	body                               []byte
}

// deliver posts d as its platform does and returns the status and the
// decoded answer.
func deliver(t *testing.T, a *apptest.App, d delivery) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, a.URL+"/webhooks/"+d.platform+"/"+d.source, bytes.NewReader(d.body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	switch d.platform {
	case webshop.Shopify:
		req.Header.Set("X-Shopify-Shop-Domain", "optics-tehran.myshopify.com")
		req.Header.Set("X-Shopify-Webhook-Id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
		req.Header.Set("X-Shopify-API-Version", "2025-01")
		if d.topic != "" {
			req.Header.Set("X-Shopify-Topic", d.topic)
		}
		if d.signature != "" {
			req.Header.Set("X-Shopify-Hmac-Sha256", d.signature)
		}
	case webshop.WooCommerce:
		req.Header.Set("X-WC-Webhook-Source", "https://shop.example.ir/")
		req.Header.Set("X-WC-Webhook-ID", "12")
		if d.topic != "" {
			req.Header.Set("X-WC-Webhook-Topic", d.topic)
			req.Header.Set("X-WC-Webhook-Resource", "order")
			req.Header.Set("X-WC-Webhook-Event", strings.TrimPrefix(d.topic, "order."))
		}
		if d.signature != "" {
			req.Header.Set("X-WC-Webhook-Signature", d.signature)
		}
	}
	res, err := a.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: answer is not JSON: %v", d.platform, d.topic, err)
	}
	return res.StatusCode, out
}

func shopifyPaid(t *testing.T) delivery {
	body := fixtureBody(t, "shopify-orders-paid.json")
	return delivery{platform: webshop.Shopify, source: "optics", topic: "orders/paid", signature: signature(shopifySecret, body), body: body}
}

func wooCompleted(t *testing.T) delivery {
	body := fixtureBody(t, "woocommerce-order-completed.json")
	return delivery{platform: webshop.WooCommerce, source: "wp-store", topic: "order.updated", signature: signature(wooSecret, body), body: body}
}

type storedSale struct {
	sku, category, branch, phone, name, state string
	cancelled                                 bool
}

func saleOf(t *testing.T, a *apptest.App, externalID string) storedSale {
	t.Helper()
	var s storedSale
	err := a.Pool.QueryRow(context.Background(), `
		SELECT s.product_sku, s.product_category, s.branch, c.phone, c.name, f.state, s.cancelled_at IS NOT NULL
		FROM sales s JOIN customers c ON c.id = s.customer_id JOIN follow_ups f ON f.sale_id = s.id
		WHERE s.external_id = $1`, externalID).Scan(&s.sku, &s.category, &s.branch, &s.phone, &s.name, &s.state, &s.cancelled)
	if err != nil {
		t.Fatalf("sale %s: %v", externalID, err)
	}
	return s
}

func TestShopifyPaidOrderBecomesOneSale(t *testing.T) {
	t.Parallel()
	a := shops(t)
	status, out := deliver(t, a, shopifyPaid(t))
	if status != http.StatusOK || out["status"] != "created" || out["external_id"] != shopifyExternalID {
		t.Fatalf("first delivery: %d %v, want 200 created %s", status, out, shopifyExternalID)
	}
	// The glasses, not the cloth listed first: only glasses have a rule.
	want := storedSale{sku: "GL-1", category: "glasses", branch: "optics-tehran.myshopify.com",
		phone: "+989121234567", name: "Maryam Rezaei", state: "scheduled"}
	if got := saleOf(t, a, shopifyExternalID); got != want {
		t.Errorf("sale = %+v, want %+v", got, want)
	}
	status, out = deliver(t, a, shopifyPaid(t))
	if status != http.StatusOK || out["status"] != "existing" {
		t.Fatalf("second delivery: %d %v, want 200 existing", status, out)
	}
	if n := a.Count(t, "SELECT count(*) FROM sales"); n != 1 {
		t.Errorf("%d sales, want 1", n)
	}
	if n := a.Count(t, "SELECT count(*) FROM follow_ups"); n != 1 {
		t.Errorf("%d follow-ups, want 1", n)
	}
}

func TestShopWebhooksRefuseBadSignatures(t *testing.T) {
	t.Parallel()
	a := shops(t)
	good, woo := shopifyPaid(t), wooCompleted(t)
	cases := map[string]delivery{
		"missing signature":          {platform: good.platform, source: good.source, topic: good.topic, body: good.body},
		"bad signature":              {platform: good.platform, source: good.source, topic: good.topic, body: good.body, signature: signature("guess", good.body)},
		"not base64":                 {platform: good.platform, source: good.source, topic: good.topic, body: good.body, signature: "%%%"},
		"body changed":               {platform: good.platform, source: good.source, topic: good.topic, body: append([]byte(" "), good.body...), signature: good.signature},
		"another source's secret":    {platform: good.platform, source: good.source, topic: good.topic, body: good.body, signature: signature(wooSecret, good.body)},
		"unknown source":             {platform: good.platform, source: "nobody", topic: good.topic, body: good.body, signature: good.signature},
		"source of another platform": {platform: webshop.WooCommerce, source: "optics", topic: "order.updated", body: woo.body, signature: signature(shopifySecret, woo.body)},
		"woocommerce missing":        {platform: woo.platform, source: woo.source, topic: woo.topic, body: woo.body},
		"woocommerce bad":            {platform: woo.platform, source: woo.source, topic: woo.topic, body: woo.body, signature: signature(shopifySecret, woo.body)},
	}
	for name, d := range cases {
		if status, out := deliver(t, a, d); status != http.StatusUnauthorized {
			t.Errorf("%s: %d %v, want 401", name, status, out)
		}
	}
	if n := a.Count(t, "SELECT count(*) FROM sales"); n != 0 {
		t.Errorf("%d sales stored from refused deliveries, want 0", n)
	}
}

func TestShopifyRefundAndCancellationCancelTheFollowUp(t *testing.T) {
	t.Parallel()
	a := shops(t)
	if status, out := deliver(t, a, shopifyPaid(t)); status != http.StatusOK {
		t.Fatalf("paid: %d %v", status, out)
	}
	refund := fixtureBody(t, "shopify-refunds-create.json")
	d := delivery{platform: webshop.Shopify, source: "optics", topic: "refunds/create", signature: signature(shopifySecret, refund), body: refund}
	status, out := deliver(t, a, d)
	if status != http.StatusOK || out["status"] != "cancelled" {
		t.Fatalf("refund: %d %v, want 200 cancelled", status, out)
	}
	if s := saleOf(t, a, shopifyExternalID); s.state != "cancelled" || !s.cancelled {
		t.Errorf("after the refund the follow-up is %s (sale cancelled: %v), want cancelled", s.state, s.cancelled)
	}
	// orders/cancelled carries the order itself; a second cancellation
	// changes nothing.
	paid := fixtureBody(t, "shopify-orders-paid.json")
	d = delivery{platform: webshop.Shopify, source: "optics", topic: "orders/cancelled", signature: signature(shopifySecret, paid), body: paid}
	if status, out := deliver(t, a, d); status != http.StatusOK || out["status"] != "cancelled" {
		t.Errorf("cancelled: %d %v, want 200 cancelled", status, out)
	}
	// A refund of an order tamas never got is answered, not retried.
	other := bytes.Replace(refund, []byte("820982911946154508"), []byte("1"), 1)
	d = delivery{platform: webshop.Shopify, source: "optics", topic: "refunds/create", signature: signature(shopifySecret, other), body: other}
	if status, out := deliver(t, a, d); status != http.StatusOK || out["status"] != "ignored" {
		t.Errorf("refund of an unknown order: %d %v, want 200 ignored", status, out)
	}
}

func TestWooCommerceCompletedOrderBecomesOneSaleAndRefundCancels(t *testing.T) {
	t.Parallel()
	a := shops(t)
	for i, want := range []string{"created", "existing"} {
		if status, out := deliver(t, a, wooCompleted(t)); status != http.StatusOK || out["status"] != want {
			t.Fatalf("delivery %d: %d %v, want 200 %s", i+1, status, out, want)
		}
	}
	// The first item has no SKU: its product id stands for it, and the
	// source's default category applies.
	want := storedSale{sku: "product-93", category: "glasses", branch: "shop.example.ir",
		phone: "+989121112233", name: "Reza Ahmadi", state: "scheduled"}
	if got := saleOf(t, a, "woocommerce-727"); got != want {
		t.Errorf("sale = %+v, want %+v", got, want)
	}
	if n := a.Count(t, "SELECT count(*) FROM follow_ups"); n != 1 {
		t.Errorf("%d follow-ups, want 1", n)
	}
	refunded := bytes.Replace(fixtureBody(t, "woocommerce-order-completed.json"), []byte(`"status": "completed"`), []byte(`"status": "refunded"`), 1)
	d := delivery{platform: webshop.WooCommerce, source: "wp-store", topic: "order.updated", signature: signature(wooSecret, refunded), body: refunded}
	if status, out := deliver(t, a, d); status != http.StatusOK || out["status"] != "cancelled" {
		t.Fatalf("refunded: %d %v, want 200 cancelled", status, out)
	}
	if s := saleOf(t, a, "woocommerce-727"); s.state != "cancelled" || !s.cancelled {
		t.Errorf("after the refund the follow-up is %s (sale cancelled: %v), want cancelled", s.state, s.cancelled)
	}
}

func TestWooCommercePingIsAnswered(t *testing.T) {
	t.Parallel()
	a := shops(t)
	req, err := http.NewRequest(http.MethodPost, a.URL+"/webhooks/woocommerce/wp-store", strings.NewReader("webhook_id=12"))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := a.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Errorf("ping: %d, want 200", res.StatusCode)
	}
	// A ping to a source that is no WooCommerce shop fails, so the shop
	// owner sees the address is wrong.
	res, err = a.Client.Post(a.URL+"/webhooks/woocommerce/optics", "application/x-www-form-urlencoded", strings.NewReader("webhook_id=12"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusUnauthorized {
		t.Errorf("ping to a Shopify source: %d, want 401", res.StatusCode)
	}
}

func TestShopWebhooksAnswerWhatTheyCannotTake(t *testing.T) {
	t.Parallel()
	a := shops(t)
	signed := func(platform, source, topic, secret, body string) delivery {
		return delivery{platform: platform, source: source, topic: topic, signature: signature(secret, []byte(body)), body: []byte(body)}
	}
	noPhone := strings.NewReplacer(`"0912 123 4567"`, "null", `"0912 765 4321"`, "null").Replace(string(fixtureBody(t, "shopify-orders-paid.json")))
	cases := []struct {
		name   string
		d      delivery
		status int
		field  string
	}{
		{"malformed JSON", signed(webshop.Shopify, "optics", "orders/paid", shopifySecret, `{"id": 1,`), http.StatusBadRequest, ""},
		{"wrong shape", signed(webshop.Shopify, "optics", "orders/paid", shopifySecret, `{"id": 1, "line_items": "many"}`), http.StatusBadRequest, ""},
		{"no phone", signed(webshop.Shopify, "optics", "orders/paid", shopifySecret, noPhone), http.StatusUnprocessableEntity, "customer.phone"},
		{"no items", signed(webshop.Shopify, "optics", "orders/paid", shopifySecret, `{"id": 5, "line_items": []}`), http.StatusUnprocessableEntity, "line_items"},
		{"no id", signed(webshop.WooCommerce, "wp-store", "order.updated", wooSecret, `{"status": "completed"}`), http.StatusUnprocessableEntity, "id"},
		{"ignored topic", signed(webshop.Shopify, "optics", "products/update", shopifySecret, `{"id": 1}`), http.StatusOK, ""},
		{"order not completed", signed(webshop.WooCommerce, "wp-store", "order.updated", wooSecret, `{"id": 8, "status": "processing"}`), http.StatusOK, ""},
	}
	for _, c := range cases {
		status, out := deliver(t, a, c.d)
		if status != c.status {
			t.Errorf("%s: %d %v, want %d", c.name, status, out, c.status)
			continue
		}
		if c.field != "" {
			errs, _ := out["errors"].([]any)
			if len(errs) == 0 || errs[0].(map[string]any)["field"] != c.field {
				t.Errorf("%s: errors %v, want one on %s", c.name, out["errors"], c.field)
			}
		}
		if status == http.StatusOK && out["status"] != "ignored" {
			t.Errorf("%s: status %v, want ignored", c.name, out["status"])
		}
	}
	if n := a.Count(t, "SELECT count(*) FROM sales"); n != 0 {
		t.Errorf("%d sales stored, want 0", n)
	}
}
