package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/tamas-app/tamas/internal/sales"
)

// decodeSale decodes one sale strictly: field names must match exactly
// (encoding/json alone would accept "SKU" for "sku"), unknown fields are
// refused rather than silently dropped, and every problem is reported with
// its dotted path, so a shop can fix a sale in one go.
func decodeSale(raw json.RawMessage) (sales.Input, []sales.FieldError) {
	var in sales.Input
	d := &saleDecoder{}
	top, ok := d.object("", raw)
	if !ok {
		return in, d.errs
	}
	for _, k := range sortedKeys(top) {
		v := top[k]
		switch k {
		case "external_id":
			in.ExternalID = d.str(k, v)
		case "branch":
			in.Branch = d.str(k, v)
		case "sold_at":
			in.SoldAt = d.str(k, v)
		case "customer":
			c, _ := d.object(k, v)
			for _, ck := range sortedKeys(c) {
				field := "customer." + ck
				switch ck {
				case "name":
					in.Customer.Name = d.str(field, c[ck])
				case "phone":
					in.Customer.Phone = d.str(field, c[ck])
				case "timezone":
					in.Customer.Timezone = d.str(field, c[ck])
				case "locale":
					in.Customer.Locale = d.str(field, c[ck])
				default:
					d.add(field, "unknown field")
				}
			}
		case "product":
			p, _ := d.object(k, v)
			for _, pk := range sortedKeys(p) {
				field := "product." + pk
				switch pk {
				case "sku":
					in.Product.SKU = d.str(field, p[pk])
				case "name":
					in.Product.Name = d.str(field, p[pk])
				case "category":
					in.Product.Category = d.str(field, p[pk])
				default:
					d.add(field, "unknown field")
				}
			}
		default:
			d.add(k, "unknown field")
		}
	}
	return in, d.errs
}

type saleDecoder struct {
	errs []sales.FieldError
}

func (d *saleDecoder) add(field, msg string) {
	d.errs = append(d.errs, sales.FieldError{Field: field, Message: msg})
}

// object decodes a JSON object; null counts as absent.
func (d *saleDecoder) object(field string, raw json.RawMessage) (map[string]json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || (field == "" && m == nil) {
		if field == "" {
			d.add("", "a sale must be a JSON object")
		} else {
			d.add(field, "must be an object")
		}
		return nil, false
	}
	return m, true
}

// str decodes a JSON string; null counts as absent.
func (d *saleDecoder) str(field string, raw json.RawMessage) string {
	var s *string
	if err := json.Unmarshal(raw, &s); err != nil {
		d.add(field, "must be a string")
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

// splitBody tells a single sale from an array of them.
func splitBody(body []byte, max int) (items []json.RawMessage, single bool, err error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, false, errors.New("the body is empty; send a sale object or an array of sales")
	}
	if !json.Valid(body) {
		return nil, false, errors.New("the body is not valid JSON")
	}
	switch body[0] {
	case '{':
		return []json.RawMessage{body}, true, nil
	case '[':
		if err := json.Unmarshal(body, &items); err != nil {
			return nil, false, errors.New("the body is not a valid JSON array")
		}
		if len(items) == 0 {
			return nil, false, errors.New("the array is empty")
		}
		if len(items) > max {
			return nil, false, fmt.Errorf("the array has %d sales; send at most %d per request", len(items), max)
		}
		return items, false, nil
	default:
		return nil, false, errors.New("the body must be a JSON object or array")
	}
}
