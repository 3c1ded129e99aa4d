package webshop

import (
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/tamas-app/tamas/internal/sales"
)

type actionKind int

const (
	actIgnore actionKind = iota
	actSale
	actCancel
)

// action is what a delivery asks for: a sale of the order, the
// cancellation of its sale, or nothing.
type action struct {
	kind  actionKind
	order order
}

// order is what tamas reads of a shop's order, whichever platform sent it.
type order struct {
	platform string
	id       string
	name     string
	phone    string
	// country is the ISO code of the order's address, for a phone
	// written without its country code.
	country string
	items   []item
	branch  string
	soldAt  string
}

type item struct {
	sku, name, category string
}

// externalID is the sale's: the order id under the platform's name, so a
// Shopify and a WooCommerce order of one id stay apart.
func (o order) externalID() string { return o.platform + "-" + o.id }

// sale is the order as intake takes it. A sale has one product: the first
// line item whose category has a follow-up rule of its own, else the
// first line item. A product with no category takes the shop's default.
func (o order) sale(sh shop) sales.Input {
	it := o.items[0]
	for _, i := range o.items {
		if c := sales.Category(i.category); c != "" && sh.categories[c] {
			it = i
			break
		}
	}
	category := it.category
	if strings.TrimSpace(category) == "" {
		category = sh.category
	}
	return sales.Input{
		ExternalID: o.externalID(),
		Customer:   sales.CustomerInput{Name: o.name, Phone: localPhone(o.phone, o.country)},
		Product:    sales.ProductInput{SKU: it.sku, Name: it.name, Category: category},
		Branch:     o.branch,
		SoldAt:     o.soldAt,
	}
}

// localPhone writes a phone without a country code in E.164 when the
// order's address names the country it was written in; otherwise intake
// reads it in the configured region, as it reads every sale's.
func localPhone(phone, country string) string {
	phone = strings.TrimSpace(phone)
	if country == "" || phone == "" || strings.HasPrefix(phone, "+") {
		return phone
	}
	num, err := phonenumbers.Parse(phone, strings.ToUpper(country))
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return phone
	}
	return phonenumbers.Format(num, phonenumbers.E164)
}

// fullName joins a first and a last name.
func fullName(first, last string) string {
	return strings.TrimSpace(strings.TrimSpace(first) + " " + strings.TrimSpace(last))
}

// firstOf is the first of vs that is not blank.
func firstOf(vs ...string) string {
	for _, v := range vs {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
