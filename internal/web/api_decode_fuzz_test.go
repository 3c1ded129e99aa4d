package web

import (
	"encoding/json"
	"testing"

	"github.com/tamas-app/tamas/internal/sales/salestest"
)

// saleSeeds are sales as shops send them: README's example, Persian digits,
// a right-to-left mark, a BOM, CRLF line ends, an array and the usual
// mistakes.
var saleSeeds = []string{
	`{"external_id":"POS-2026-000123","customer":{"name":"مریم رضایی","phone":"۰۹۱۲۱۲۳۴۵۶۷","timezone":"Asia/Tehran","locale":"fa"},"product":{"sku":"GL-100","name":"عینک مطالعه","category":"glasses"},"branch":"تجریش","sold_at":"2026-11-22T10:00:00+03:30"}`,
	"{\r\n \"external_id\": \"POS-2\",\r\n \"customer\": {\"name\": \"Emma Smith\", \"phone\": \"+44 7911 123456\", \"timezone\": \"Europe/London\", \"locale\": \"en\"},\r\n \"product\": {\"sku\": \"PH-12\"},\r\n \"sold_at\": \"2026-11-22T09:15:00Z\"\r\n}",
	`[{"external_id":"A","customer":{"name":"علی","phone":"0098 912 123 4567"},"product":{"sku":"S","category":"عينك"},"sold_at":"2026-11-20T08:00:00.123456789+03:30"},{"external_id":null}]`,
	"{\"external_id\":\"\u200fPOS-3\",\"customer\":{\"name\":\"\u200fرضا\u200c\",\"phone\":\"+989121234567\"},\"product\":{\"sku\":\"K\"},\"sold_at\":\"2026-11-22T10:00:00Z\"}",
	"\uFEFF{\"external_id\":\"BOM\"}",
	`{"external_id":"N\u0000UL","customer":{"name":"a\u0000","phone":"09121234567"},"product":{"sku":"S"},"sold_at":"2026-11-22T10:00:00Z"}`,
	`{"External_ID":"1","customer":[],"product":"x","sold_at":5}`,
	`{"external_id":"1","customer":{"name":"x","phone":"09121234567","locale":"x-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd"},"product":{"sku":"S"},"sold_at":"2026-11-22T10:00:00Z"}`,
	`[]`, `null`, `"sale"`, `{}`, `[{},[],1]`,
}

// FuzzDecodeSale feeds request bodies through what POST /api/v1/sales does
// before the database: split, strict decode, validation. Nothing may panic,
// the same body always gives the same problems, and a sale that passes
// holds nothing over its documented length, no invalid UTF-8 and no NUL.
func FuzzDecodeSale(f *testing.F) {
	for _, s := range saleSeeds {
		f.Add([]byte(s))
	}
	n := salestest.Normalizer()
	f.Fuzz(func(t *testing.T, body []byte) {
		items, _, err := splitBody(body, 100)
		if err != nil {
			return
		}
		for _, raw := range items {
			in, problems := decodeSale(raw)
			again, problemsAgain := decodeSale(raw)
			if mustJSON(t, in) != mustJSON(t, again) || mustJSON(t, problems) != mustJSON(t, problemsAgain) {
				t.Fatalf("decoding %q twice differs: %+v %v, then %+v %v", raw, in, problems, again, problemsAgain)
			}
			if problems != nil {
				continue
			}
			s, problems := n.Normalize(in)
			if problems != nil {
				continue
			}
			if p := salestest.Problem(s); p != "" {
				t.Fatalf("%s accepted from %q", p, raw)
			}
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
