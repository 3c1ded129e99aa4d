package web

import (
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/sales"
)

// phoneText is a stored E.164 number as the customer's country writes it,
// in the reader's digits; tel: links keep the E.164.
func phoneText(l i18n.Lang, e164 string) string {
	return i18n.Digits(l, sales.NationalPhone(e164))
}
