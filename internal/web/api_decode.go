package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/tamas-app/tamas/internal/sales"
)

// The fields a sale may have; anything else is refused rather than
// silently dropped, so a shop that misspells a field hears about it.
var saleFields = map[string]map[string]bool{
	"":         {"external_id": true, "customer": true, "product": true, "branch": true, "sold_at": true},
	"customer": {"name": true, "phone": true, "timezone": true, "locale": true},
	"product":  {"sku": true, "name": true, "category": true},
}

// decodeSale decodes one sale strictly. The fast path is a strict decode;
// only when it fails is the object walked again to name every bad field.
func decodeSale(raw json.RawMessage) (sales.Input, []sales.FieldError) {
	var in sales.Input
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	err := dec.Decode(&in)
	if err == nil {
		return in, nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil || obj == nil {
		return sales.Input{}, []sales.FieldError{{Field: "", Message: "a sale must be a JSON object"}}
	}
	var errs []sales.FieldError
	errs = append(errs, unknownFields("", obj)...)
	for _, nested := range []string{"customer", "product"} {
		v, ok := obj[nested]
		if !ok || string(v) == "null" {
			continue
		}
		var sub map[string]json.RawMessage
		if json.Unmarshal(v, &sub) != nil {
			errs = append(errs, sales.FieldError{Field: nested, Message: "must be an object"})
			continue
		}
		errs = append(errs, unknownFields(nested, sub)...)
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		errs = append(errs, sales.FieldError{Field: typeErr.Field, Message: "must be a " + jsonKind(typeErr.Type.Kind().String())})
	}
	if len(errs) == 0 {
		errs = append(errs, sales.FieldError{Field: "", Message: "not valid JSON"})
	}
	return sales.Input{}, errs
}

func unknownFields(prefix string, obj map[string]json.RawMessage) []sales.FieldError {
	allowed := saleFields[prefix]
	var names []string
	for k := range obj {
		if !allowed[k] {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	errs := make([]sales.FieldError, 0, len(names))
	for _, k := range names {
		field := k
		if prefix != "" {
			field = prefix + "." + k
		}
		errs = append(errs, sales.FieldError{Field: field, Message: "unknown field"})
	}
	return errs
}

func jsonKind(goKind string) string {
	switch goKind {
	case "string":
		return "string"
	case "struct":
		return "object"
	default:
		return goKind
	}
}

// splitBody tells a single sale from an array of them.
func splitBody(body []byte, max int) (items []json.RawMessage, single bool, err error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, false, errors.New("the body is empty; send a sale object or an array of sales")
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
