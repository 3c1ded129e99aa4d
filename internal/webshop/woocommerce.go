package webshop

import (
	"encoding/json"
	"net/url"
	"strings"
)

// wooOrder is the part of WooCommerce's order payload (REST API v3, the
// order.* topics) tamas reads.
type wooOrder struct {
	ID               json.Number `json:"id"`
	Status           string      `json:"status"`
	DateCreatedGMT   string      `json:"date_created_gmt"`
	DatePaidGMT      string      `json:"date_paid_gmt"`
	DateCompletedGMT string      `json:"date_completed_gmt"`
	Billing          wooAddress  `json:"billing"`
	Shipping         wooAddress  `json:"shipping"`
	LineItems        []struct {
		Name        string      `json:"name"`
		SKU         string      `json:"sku"`
		ProductID   json.Number `json:"product_id"`
		VariationID json.Number `json:"variation_id"`
	} `json:"line_items"`
}

type wooAddress struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Phone     string `json:"phone"`
	Country   string `json:"country"`
}

// wooAction reads a WooCommerce delivery: an order created or updated as
// completed sells, one refunded or cancelled cancels; the rest is ignored.
func wooAction(d Delivery) (action, error) {
	if d.Topic != "order.updated" && d.Topic != "order.created" {
		return action{}, nil
	}
	var p wooOrder
	if err := decode(d.Body, &p); err != nil {
		return action{}, err
	}
	o := order{platform: WooCommerce, id: p.ID.String()}
	switch p.Status {
	case "completed":
	case "refunded", "cancelled":
		return action{kind: actCancel, order: o}, nil
	default:
		return action{}, nil
	}
	o.name = firstOf(fullName(p.Billing.FirstName, p.Billing.LastName), fullName(p.Shipping.FirstName, p.Shipping.LastName))
	o.phone = firstOf(p.Billing.Phone, p.Shipping.Phone)
	o.country = firstOf(p.Billing.Country, p.Shipping.Country)
	o.soldAt = gmt(firstOf(p.DateCompletedGMT, p.DatePaidGMT, p.DateCreatedGMT))
	o.branch = firstOf(shopHost(d.Shop), d.Source)
	for _, li := range p.LineItems {
		variation := li.VariationID
		if variation == "0" { // WooCommerce's "not a variation"
			variation = ""
		}
		sku := firstOf(li.SKU, variantSKU(variation, li.ProductID))
		o.items = append(o.items, item{sku: sku, name: li.Name})
	}
	return action{kind: actSale, order: o}, nil
}

// gmt writes WooCommerce's *_gmt times, which carry no offset, as UTC.
func gmt(t string) string {
	if len(t) == len("2006-01-02T15:04:05") {
		return t + "Z"
	}
	return t
}

// shopHost is the host of X-WC-Webhook-Source, the shop's address.
func shopHost(source string) string {
	u, err := url.Parse(strings.TrimSpace(source))
	if err != nil || u.Host == "" {
		return strings.TrimSpace(source)
	}
	return u.Host
}

// isPing is WooCommerce's delivery on saving a webhook: no topic, and a
// form body of webhook_id alone.
func isPing(d Delivery) bool {
	if d.Topic != "" {
		return false
	}
	v, err := url.ParseQuery(string(d.Body))
	return err == nil && len(v) == 1 && v.Get("webhook_id") != ""
}
