package csvimport

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/tamas-app/tamas/internal/sales/salestest"
)

// FuzzRows reads fuzzed files the way Import does before the database:
// header, rows, validation. Nothing may panic or fail but a row; rows come
// with growing line numbers and the header's width; a sale that passes
// holds nothing over its documented length, no invalid UTF-8 and no NUL.
func FuzzRows(f *testing.F) {
	const header = "external_id,customer_name,customer_phone,customer_timezone,customer_locale,product_sku,product_name,product_category,branch,sold_at\n"
	for _, s := range []string{
		header +
			"POS-1,مریم رضایی,09121234567,Asia/Tehran,fa,GL-100,عینک مطالعه,glasses,تجریش,2026-11-22T10:00:00+03:30\n" +
			"POS-2,Emma Smith,+44 7911 123456,Europe/London,en,PH-12,Phone A12,phones,Vanak,2026-11-22T09:15:00Z\n",
		"\uFEFF" + header + "S-1,مریم رضایی,۰۹۱۲۱۲۳۴۵۶۷,Asia/Tehran,fa,GL-1,عینک طبی,Glasses,تجریش,2026-11-22T10:00:00+03:30\n",
		" External_ID ,customer_name,CUSTOMER_PHONE,product_sku,sold_at\r\nR-1,Maryam,09121234567,GL-1,2026-11-22T10:00:00+03:30\r\n",
		"sold_at,external_id,customer_phone,customer_name,product_sku\r\n2026-11-23T09:00:00Z,\u200fS-6\u200f,00989351234567,علي كريمي,GL-1\r\n",
		"external_id,customer_name,customer_phone,product_sku,sold_at,product_name\nS-4,John,+44 20 7946 0958,LN-7,2026-11-22T13:00:00+03:30,\"Lens\ncleaner\"\nS-5,\"Br\"oken,0912,x,y,z\n",
		"external_id,customer_name,customer_phone,product_sku,sold_at\nN-1,a\x00b,09121234567,S,2026-11-22T10:00:00Z\nN-2,\xff\xfe,09121234567,S,2026-11-22T10:00:00Z\n",
		"external_id,customer_name,customer_phone,product_sku,sold_at\n\n\r\n,,,,\n",
		"\"external_id\",customer_name\n",
		"",
	} {
		f.Add([]byte(s))
	}
	n := salestest.Normalizer()
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := open(strings.NewReader(string(data)))
		if err != nil {
			return
		}
		last := 0
		for {
			rec, line, err := file.rows.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			if line <= last {
				t.Fatalf("a row on line %d after one on line %d", line, last)
			}
			last = line
			if err != nil {
				if _, ok := errors.AsType[*csv.ParseError](err); !ok {
					t.Fatalf("line %d: %v stops the import", line, err)
				}
				continue
			}
			if len(rec) != len(file.header) {
				t.Fatalf("line %d: %d fields under a header of %d", line, len(rec), len(file.header))
			}
			s, problems := n.Normalize(toInput(rec, file.index))
			if problems != nil {
				continue
			}
			if p := salestest.Problem(s); p != "" {
				t.Fatalf("line %d: %s accepted from %q", line, p, rec)
			}
		}
	})
}
