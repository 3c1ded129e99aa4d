// Package salestest checks what every accepted sale must be, for the tests
// and fuzz targets of the paths that accept sales (the API, the CSV import).
package salestest

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tamas-app/tamas/internal/sales"
)

// Now is the clock the fuzz targets normalise with, so that what they
// accept does not change from one day to the next.
var Now = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)

// Normalizer is a normaliser configured like a server in Iran, on Now.
func Normalizer() *sales.Normalizer {
	return &sales.Normalizer{Region: "IR", MaxSkew: 5 * time.Minute, Now: func() time.Time { return Now }}
}

// Problem says what is wrong with a sale Normalize accepted: a field
// longer than sales.MaxLengths gives it, or not valid UTF-8, or carrying a
// NUL or another control character PostgreSQL or a reader would choke on.
// It returns "" when nothing is.
func Problem(s sales.Sale) string {
	limits := sales.MaxLengths()
	for _, f := range []struct{ field, value string }{
		{"external_id", s.ExternalID}, {"customer.name", s.CustomerName},
		{"customer.phone", s.Phone}, {"customer.timezone", s.Timezone},
		{"customer.locale", s.Locale}, {"product.sku", s.SKU},
		{"product.name", s.ProductName}, {"product.category", s.Category},
		{"branch", s.Branch},
	} {
		switch {
		case !utf8.ValidString(f.value):
			return fmt.Sprintf("%s %q is not valid UTF-8", f.field, f.value)
		case strings.ContainsFunc(f.value, isControl):
			return fmt.Sprintf("%s %q holds a control character", f.field, f.value)
		case utf8.RuneCountInString(f.value) > limits[f.field]:
			return fmt.Sprintf("%s has %d characters, over its %d", f.field, utf8.RuneCountInString(f.value), limits[f.field])
		}
	}
	if s.ExternalID == "" || s.CustomerName == "" || s.Phone == "" || s.SKU == "" {
		return fmt.Sprintf("a required field is empty: %+v", s)
	}
	if !strings.HasPrefix(s.Phone, "+") {
		return fmt.Sprintf("phone %q is not E.164", s.Phone)
	}
	if s.SoldAt.Location() != time.UTC || s.SoldAt.After(Now.Add(5*time.Minute)) || s.SoldAt.Year() < 2000 {
		return fmt.Sprintf("sold_at %s is not a UTC time between 2000 and now", s.SoldAt)
	}
	return ""
}

// isControl is what sales refuses in text: C0 controls other than tab and
// line breaks, and DEL.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}
