package webshop

import (
	"bytes"
	"encoding/json"
)

// shopifyOrder is the part of Shopify's order (orders/paid,
// orders/cancelled) and refund (refunds/create) payloads tamas reads.
type shopifyOrder struct {
	ID          json.Number `json:"id"`
	OrderID     json.Number `json:"order_id"`
	CreatedAt   string      `json:"created_at"`
	ProcessedAt string      `json:"processed_at"`
	LocationID  json.Number `json:"location_id"`
	Customer    *struct {
		FirstName      string          `json:"first_name"`
		LastName       string          `json:"last_name"`
		Phone          string          `json:"phone"`
		DefaultAddress *shopifyAddress `json:"default_address"`
	} `json:"customer"`
	BillingAddress  *shopifyAddress `json:"billing_address"`
	ShippingAddress *shopifyAddress `json:"shipping_address"`
	LineItems       []struct {
		SKU         string      `json:"sku"`
		Title       string      `json:"title"`
		ProductType string      `json:"product_type"`
		ProductID   json.Number `json:"product_id"`
		VariantID   json.Number `json:"variant_id"`
	} `json:"line_items"`
}

type shopifyAddress struct {
	Name        string `json:"name"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Phone       string `json:"phone"`
	CountryCode string `json:"country_code"`
}

// shopifyAction reads a Shopify delivery: orders/paid sells, refunds/create
// and orders/cancelled cancel; other topics are ignored unread.
func shopifyAction(d Delivery) (action, error) {
	var kind actionKind
	switch d.Topic {
	case "orders/paid":
		kind = actSale
	case "orders/cancelled", "refunds/create":
		kind = actCancel
	default:
		return action{}, nil
	}
	var p shopifyOrder
	if err := decode(d.Body, &p); err != nil {
		return action{}, err
	}
	o := order{platform: Shopify, id: p.ID.String()}
	if d.Topic == "refunds/create" {
		o.id = p.OrderID.String()
	}
	if kind == actCancel {
		return action{kind: kind, order: o}, nil
	}
	addrs := []*shopifyAddress{p.BillingAddress, p.ShippingAddress}
	var customerPhone, customerName string
	if c := p.Customer; c != nil {
		customerPhone, customerName = c.Phone, fullName(c.FirstName, c.LastName)
		addrs = append(addrs, c.DefaultAddress)
	}
	var phones, names, countries []string
	for _, a := range addrs {
		if a != nil {
			phones = append(phones, a.Phone)
			names = append(names, firstOf(a.Name, fullName(a.FirstName, a.LastName)))
			countries = append(countries, a.CountryCode)
		}
	}
	o.phone = firstOf(append([]string{customerPhone}, phones...)...)
	o.name = firstOf(append([]string{customerName}, names...)...)
	o.country = firstOf(countries...)
	o.soldAt = firstOf(p.ProcessedAt, p.CreatedAt)
	o.branch = firstOf(d.Shop, d.Source)
	if id := p.LocationID.String(); id != "" {
		o.branch += "/" + id
	}
	for _, li := range p.LineItems {
		sku := firstOf(li.SKU, variantSKU(li.VariantID, li.ProductID))
		o.items = append(o.items, item{sku: sku, name: li.Title, category: li.ProductType})
	}
	return action{kind: kind, order: o}, nil
}

// variantSKU stands for the SKU of an item sold without one.
func variantSKU(variant, product json.Number) string {
	if variant != "" {
		return "variant-" + variant.String()
	}
	if product != "" {
		return "product-" + product.String()
	}
	return ""
}

// decode reads a platform's JSON; a body that is not JSON of the
// expected shape is Malformed.
func decode(body []byte, v any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 || body[0] != '{' {
		return Malformed("the body is not a JSON object")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return Malformed("the body is not the order JSON the platform sends: " + err.Error())
	}
	return nil
}
