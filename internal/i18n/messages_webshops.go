package i18n

// What a web shop's order webhook is refused with (internal/webshop).
func init() {
	messages.add(catalog{
		"invalid.webshop.no_items": {
			EN: "the order has no line items, so there is no product to ask about",
			FA: "سفارش هیچ قلمی ندارد، پس کالایی برای پرسیدن نیست",
		},
		"invalid.webshop.no_order_id": {
			EN: "the order has no id",
			FA: "سفارش شناسه ندارد",
		},
	})
}
