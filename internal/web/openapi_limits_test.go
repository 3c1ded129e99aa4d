package web_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/tamas-app/tamas/internal/sales"
)

// Every field of a sale has its maximum in the document, and it is the one
// sales enforces.
func TestSaleInputMaxLengthsMatchSales(t *testing.T) {
	t.Parallel()
	doc := loadDoc(t)
	got := map[string]int{}
	var walk func(prefix string, s *openapi3.Schema)
	walk = func(prefix string, s *openapi3.Schema) {
		for name, p := range s.Properties {
			switch {
			case p.Value.Type.Is(openapi3.TypeObject):
				walk(prefix+name+".", p.Value)
			case p.Value.MaxLength == nil:
				got[prefix+name] = 0
			default:
				got[prefix+name] = int(*p.Value.MaxLength)
			}
		}
	}
	walk("", doc.Components.Schemas["SaleInput"].Value)
	want := sales.MaxLengths()
	for _, f := range slices.Sorted(maps.Keys(want)) {
		if got[f] != want[f] {
			t.Errorf("%s: maxLength %d in openapi.yaml, want %d", f, got[f], want[f])
		}
	}
	for _, f := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[f]; !ok {
			t.Errorf("%s: in openapi.yaml but has no limit in sales", f)
		}
	}
}
