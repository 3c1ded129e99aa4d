package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
)

// decodeSale decodes one sale strictly: field names must match exactly
// (encoding/json alone would accept "SKU" for "sku"), unknown fields are
// refused rather than silently dropped, and every problem is reported with
// its dotted path, so a shop can fix a sale in one go.
func decodeSale(raw json.RawMessage) (sales.Input, invalid.Problems) {
	var in sales.Input
	d := &saleDecoder{}
	top, ok := d.object("", raw)
	if !ok {
		return in, d.errs
	}
	d.strings("", top, map[string]*string{
		"external_id": &in.ExternalID, "branch": &in.Branch, "sold_at": &in.SoldAt,
	}, map[string]func(string, json.RawMessage){
		"customer": func(field string, v json.RawMessage) {
			c, _ := d.object(field, v)
			d.strings(field+".", c, map[string]*string{
				"name": &in.Customer.Name, "phone": &in.Customer.Phone,
				"timezone": &in.Customer.Timezone, "locale": &in.Customer.Locale,
			}, nil)
		},
		"product": func(field string, v json.RawMessage) {
			p, _ := d.object(field, v)
			d.strings(field+".", p, map[string]*string{
				"sku": &in.Product.SKU, "name": &in.Product.Name, "category": &in.Product.Category,
			}, nil)
		},
	})
	return in, d.errs
}

// strings decodes the string fields of obj into their targets, hands the
// nested objects to their decoders and refuses every other key, in key
// order so the same body always gives the same errors.
func (d *saleDecoder) strings(prefix string, obj map[string]json.RawMessage, fields map[string]*string, nested map[string]func(string, json.RawMessage)) {
	for _, k := range sortedKeys(obj) {
		field := prefix + k
		if target, ok := fields[k]; ok {
			*target = d.str(field, obj[k])
		} else if decode, ok := nested[k]; ok {
			decode(field, obj[k])
		} else {
			d.add(field, "sale.unknown_field")
		}
	}
}

type saleDecoder struct {
	errs invalid.Problems
}

func (d *saleDecoder) add(field, code string, args ...any) {
	d.errs = append(d.errs, invalid.Problem{Field: field, Code: code, Args: args})
}

// object decodes a JSON object; null counts as absent.
func (d *saleDecoder) object(field string, raw json.RawMessage) (map[string]json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || (field == "" && m == nil) {
		if field == "" {
			d.add("", "sale.not_sale_object", "JSON")
		} else {
			d.add(field, "sale.not_object")
		}
		return nil, false
	}
	return m, true
}

// str decodes a JSON string; null counts as absent.
func (d *saleDecoder) str(field string, raw json.RawMessage) string {
	var s *string
	if err := json.Unmarshal(raw, &s); err != nil {
		d.add(field, "sale.not_string")
		return ""
	}
	if s == nil {
		return ""
	}
	return *s
}

func sortedKeys(m map[string]json.RawMessage) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// malformedBody is a body that is not the JSON the endpoint reads: 400,
// where a well-formed body that fails validation is 422.
type malformedBody string

func (m malformedBody) Error() string { return string(m) }

// splitBody tells a single sale from an array of them.
func splitBody(body []byte, max int) (items []json.RawMessage, single bool, err error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, false, malformedBody("the body is empty; send a sale object or an array of sales")
	}
	if !json.Valid(body) {
		return nil, false, malformedBody("the body is not valid JSON")
	}
	switch body[0] {
	case '{':
		return []json.RawMessage{body}, true, nil
	case '[':
		if err := json.Unmarshal(body, &items); err != nil {
			return nil, false, malformedBody("the body is not a valid JSON array")
		}
		if len(items) == 0 {
			return nil, false, errors.New("the array is empty")
		}
		if len(items) > max {
			return nil, false, fmt.Errorf("the array has %d sales; send at most %d per request", len(items), max)
		}
		return items, false, nil
	default:
		return nil, false, malformedBody("the body must be a JSON object or array")
	}
}
