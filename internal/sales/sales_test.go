package sales_test

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
)

// now is a Tuesday noon in Tehran.
var now = time.Date(2026, 11, 24, 8, 30, 0, 0, time.UTC)

const skew = 5 * time.Minute

func normalizer(region string) *sales.Normalizer {
	return &sales.Normalizer{Region: region, MaxSkew: skew, Now: func() time.Time { return now }}
}

// input is a complete, valid sale; tests change one thing at a time.
func input() sales.Input {
	return sales.Input{
		ExternalID: "A-1",
		Customer:   sales.CustomerInput{Name: "مریم رضایی", Phone: "09121234567", Timezone: "Asia/Tehran", Locale: "fa"},
		Product:    sales.ProductInput{SKU: "GL-1", Name: "عینک", Category: "Glasses"},
		Branch:     "Tajrish",
		SoldAt:     "2026-11-22T10:00:00+03:30",
	}
}

func with(change func(*sales.Input)) sales.Input {
	in := input()
	change(&in)
	return in
}

func TestNormalizeValid(t *testing.T) {
	t.Parallel()
	in := with(func(in *sales.Input) {
		in.ExternalID = "  A-1 "
		in.Customer.Name = " مریم رضایی\t"
		in.Customer.Phone = " 0912 123 4567 "
		in.Customer.Timezone = " Asia/Tehran "
		in.Customer.Locale = "FA-ir"
		in.Product.SKU = " GL-1 "
		in.Branch = " Tajrish "
	})
	got, errs := normalizer("IR").Normalize(in)
	if errs != nil {
		t.Fatalf("errors: %v", errs)
	}
	if got.Hash == ([32]byte{}) {
		t.Error("hash is zero")
	}
	got.Hash = [32]byte{}
	want := sales.Sale{
		ExternalID:   "A-1",
		CustomerName: "مریم رضایی",
		Phone:        "+989121234567",
		Timezone:     "Asia/Tehran",
		Locale:       "fa-IR",
		SKU:          "GL-1",
		ProductName:  "عینک",
		Category:     "glasses",
		Branch:       "Tajrish",
		SoldAt:       time.Date(2026, 11, 22, 6, 30, 0, 0, time.UTC),
	}
	if got != want {
		t.Errorf("sale\n got %+v\nwant %+v", got, want)
	}
}

// Optional fields left out stay empty, so that the customer's stored or
// default values apply.
func TestNormalizeOptionalFieldsStayEmpty(t *testing.T) {
	t.Parallel()
	got, errs := normalizer("IR").Normalize(sales.Input{
		ExternalID: "A-1",
		Customer:   sales.CustomerInput{Name: "Maryam", Phone: "09121234567"},
		Product:    sales.ProductInput{SKU: "GL-1"},
		SoldAt:     "2026-11-22T10:00:00Z",
	})
	if errs != nil {
		t.Fatalf("errors: %v", errs)
	}
	if got.Timezone != "" || got.Locale != "" || got.ProductName != "" || got.Category != "" || got.Branch != "" {
		t.Errorf("optional fields = %+v, want them empty", got)
	}
}

func TestNormalizeFieldErrors(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("ی", 201) // 201 characters, 402 bytes
	tests := []struct {
		name  string
		in    sales.Input
		field string
		msg   string // must appear in the English message
	}{
		{"external_id missing", with(func(in *sales.Input) { in.ExternalID = "" }), "external_id", "is required"},
		{"external_id blank", with(func(in *sales.Input) { in.ExternalID = " \t " }), "external_id", "is required"},
		{"external_id too long", with(func(in *sales.Input) { in.ExternalID = strings.Repeat("x", 201) }), "external_id", "is longer than 200 characters"},
		{"external_id invalid UTF-8", with(func(in *sales.Input) { in.ExternalID = "A-\xff" }), "external_id", "is not valid UTF-8"},
		{"external_id dot", with(func(in *sales.Input) { in.ExternalID = "." }), "external_id", `must not be ".", ".." or "/"`},
		{"external_id dot dot", with(func(in *sales.Input) { in.ExternalID = " .. " }), "external_id", `must not be ".", ".." or "/"`},
		{"external_id slash", with(func(in *sales.Input) { in.ExternalID = "/" }), "external_id", `must not be ".", ".." or "/"`},
		{"customer.name missing", with(func(in *sales.Input) { in.Customer.Name = "" }), "customer.name", "is required"},
		{"customer.name too long", with(func(in *sales.Input) { in.Customer.Name = long }), "customer.name", "is longer than 200 characters"},
		{"customer.name invalid UTF-8", with(func(in *sales.Input) { in.Customer.Name = "Mar\xc3\x28yam" }), "customer.name", "is not valid UTF-8"},
		{"customer.phone missing", with(func(in *sales.Input) { in.Customer.Phone = " " }), "customer.phone", "is required"},
		{"customer.phone too short", with(func(in *sales.Input) { in.Customer.Phone = "12" }), "customer.phone", `not a valid phone number: "12"`},
		{"customer.phone letters", with(func(in *sales.Input) { in.Customer.Phone = "abc" }), "customer.phone", `not a phone number: "abc"`},
		{"customer.phone too long", with(func(in *sales.Input) { in.Customer.Phone = strings.Repeat("9", 41) }), "customer.phone", "is too long for a phone number"},
		{"customer.timezone unknown", with(func(in *sales.Input) { in.Customer.Timezone = "Mars/Base" }), "customer.timezone", `unknown time zone "Mars/Base"`},
		{"customer.timezone Local", with(func(in *sales.Input) { in.Customer.Timezone = "Local" }), "customer.timezone", `unknown time zone "Local"`},
		{"customer.locale punctuation", with(func(in *sales.Input) { in.Customer.Locale = "!!" }), "customer.locale", `not a language tag: "!!"`},
		{"customer.locale unknown language", with(func(in *sales.Input) { in.Customer.Locale = "zz" }), "customer.locale", `not a language tag: "zz"`},
		{"product.sku missing", with(func(in *sales.Input) { in.Product.SKU = "" }), "product.sku", "is required"},
		{"product.sku too long", with(func(in *sales.Input) { in.Product.SKU = strings.Repeat("S", 201) }), "product.sku", "is longer than 200 characters"},
		{"product.name too long", with(func(in *sales.Input) { in.Product.Name = long }), "product.name", "is longer than 200 characters"},
		{"product.category too long", with(func(in *sales.Input) { in.Product.Category = strings.Repeat("C", 201) }), "product.category", "is longer than 200 characters"},
		{"branch too long", with(func(in *sales.Input) { in.Branch = long }), "branch", "is longer than 200 characters"},
		{"branch invalid UTF-8", with(func(in *sales.Input) { in.Branch = "\x80" }), "branch", "is not valid UTF-8"},
		{"sold_at missing", with(func(in *sales.Input) { in.SoldAt = "" }), "sold_at", "is required"},
		{"sold_at not a time", with(func(in *sales.Input) { in.SoldAt = "yesterday" }), "sold_at", "must be an RFC 3339 time with a zone"},
		{"sold_at without zone", with(func(in *sales.Input) { in.SoldAt = "2026-11-23T14:05:00" }), "sold_at", "must be an RFC 3339 time with a zone"},
		{"sold_at date only", with(func(in *sales.Input) { in.SoldAt = "2026-11-23" }), "sold_at", "must be an RFC 3339 time with a zone"},
		{"sold_at beyond skew", with(func(in *sales.Input) { in.SoldAt = now.Add(skew + time.Second).Format(time.RFC3339) }), "sold_at", "lies in the future"},
		{"sold_at before 2000", with(func(in *sales.Input) { in.SoldAt = "1999-12-31T23:59:59Z" }), "sold_at", "is before the year 2000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, errs := normalizer("IR").Normalize(tt.in)
			if len(errs) != 1 {
				t.Fatalf("errors = %v, want exactly one on %s", errs, tt.field)
			}
			if msg := i18n.Problem(i18n.EN, errs[0]); errs[0].Field != tt.field || !strings.Contains(msg, tt.msg) {
				t.Errorf("error = %s: %q, want %s: …%s…", errs[0].Field, msg, tt.field, tt.msg)
			}
			if got != (sales.Sale{}) {
				t.Errorf("sale = %+v, want the zero sale beside errors", got)
			}
		})
	}
}

// The limits count characters, not bytes: 200 Persian letters are 400 bytes.
func TestNormalizeAcceptsTextAtTheLimit(t *testing.T) {
	t.Parallel()
	at := strings.Repeat("ی", 200)
	got, errs := normalizer("IR").Normalize(with(func(in *sales.Input) {
		in.ExternalID = strings.Repeat("x", 200)
		in.Customer.Name = at
		in.Product.SKU = strings.Repeat("S", 200)
		in.Product.Name = at
		in.Product.Category = at
		in.Branch = at
	}))
	if errs != nil {
		t.Fatalf("errors: %v", errs)
	}
	if got.CustomerName != at || got.Branch != at {
		t.Errorf("text at the limit was changed")
	}
}

func TestNormalizeReportsEveryError(t *testing.T) {
	t.Parallel()
	_, errs := normalizer("IR").Normalize(sales.Input{
		ExternalID: "",
		Customer:   sales.CustomerInput{Name: "\xff", Phone: "12", Timezone: "Local", Locale: "!!"},
		Product:    sales.ProductInput{SKU: "", Name: strings.Repeat("n", 201), Category: "c"},
		Branch:     "b",
		SoldAt:     "2026-11-23T14:05:00",
	})
	var got []string
	for _, e := range errs {
		got = append(got, e.Field+": "+i18n.Problem(i18n.EN, e))
	}
	want := []string{
		"customer.locale: not a language tag: \"!!\"; use e.g. fa or en",
		"customer.name: is not valid UTF-8",
		"customer.phone: not a valid phone number: \"12\"",
		"customer.timezone: unknown time zone \"Local\"; use an IANA name such as Asia/Tehran",
		"external_id: is required",
		"product.name: is longer than 200 characters",
		"product.sku: is required",
		"sold_at: must be an RFC 3339 time with a zone, e.g. 2026-11-23T14:05:00+03:30",
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("errors\n got %q\nwant %q", got, want)
	}
}

func TestNormalizePhone(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, region, phone string
		want                string // E.164; empty when an error is expected
		wantErr             string
	}{
		{"IR national", "IR", "09121234567", "+989121234567", ""},
		{"IR national with spaces", "IR", "0912 123 4567", "+989121234567", ""},
		{"IR international", "IR", "+98 912 123 4567", "+989121234567", ""},
		{"IR with 00 prefix", "IR", "00989121234567", "+989121234567", ""},
		{"Persian digits", "IR", "۰۹۱۲۱۲۳۴۵۶۷", "+989121234567", ""},
		{"Persian digits international", "IR", "+۹۸ ۹۱۲ ۱۲۳ ۴۵۶۷", "+989121234567", ""},
		// U+0660–U+0669, which Arabic keyboards type; the library reads
		// them as digits too.
		{"Arabic-Indic digits", "IR", "٠٩١٢١٢٣٤٥٦٧", "+989121234567", ""},
		{"UK number beside an IR region", "IR", "+44 20 7946 0958", "+442079460958", ""},
		{"UK national with GB region", "GB", "020 7946 0958", "+442079460958", ""},
		{"UK national read as Iranian", "IR", "020 7946 0958", "", "not a valid phone number"},
		{"no region, international", "", "+98 912 123 4567", "+989121234567", ""},
		{"no region, no country code", "", "09121234567", "", "write it with its country code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, errs := normalizer(tt.region).Normalize(with(func(in *sales.Input) { in.Customer.Phone = tt.phone }))
			if tt.wantErr != "" {
				if len(errs) != 1 || errs[0].Field != "customer.phone" || !strings.Contains(i18n.Problem(i18n.EN, errs[0]), tt.wantErr) {
					t.Fatalf("errors = %v, want customer.phone: …%s…", errs, tt.wantErr)
				}
				return
			}
			if errs != nil {
				t.Fatalf("errors: %v", errs)
			}
			if got.Phone != tt.want {
				t.Errorf("phone = %q, want %q", got.Phone, tt.want)
			}
		})
	}
}

func TestNormalizeSoldAt(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, soldAt string
		want         time.Time // zero when refused
	}{
		{"Tehran offset converted to UTC", "2026-11-23T14:05:00+03:30", time.Date(2026, 11, 23, 10, 35, 0, 0, time.UTC)},
		{"UTC", "2026-11-23T10:35:00Z", time.Date(2026, 11, 23, 10, 35, 0, 0, time.UTC)},
		{"fractional seconds kept", "2026-11-23T10:35:00.123456789Z", time.Date(2026, 11, 23, 10, 35, 0, 123456789, time.UTC)},
		{"now", now.Format(time.RFC3339), now},
		{"within skew", now.Add(4 * time.Minute).In(time.FixedZone("", 12600)).Format(time.RFC3339), now.Add(4 * time.Minute)},
		{"exactly at skew", now.Add(skew).Format(time.RFC3339), now.Add(skew)},
		{"beyond skew", now.Add(skew + time.Second).Format(time.RFC3339), time.Time{}},
		{"next year", "2027-11-23T10:35:00Z", time.Time{}},
		{"first instant of 2000", "2000-01-01T00:00:00Z", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"before 2000", "1999-12-31T23:59:59Z", time.Time{}},
		{"no zone", "2026-11-23T14:05:00", time.Time{}},
		{"space instead of T", "2026-11-23 14:05:00Z", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, errs := normalizer("IR").Normalize(with(func(in *sales.Input) { in.SoldAt = tt.soldAt }))
			if tt.want.IsZero() {
				if len(errs) != 1 || errs[0].Field != "sold_at" {
					t.Fatalf("errors = %v, want one on sold_at", errs)
				}
				return
			}
			if errs != nil {
				t.Fatalf("errors: %v", errs)
			}
			if !got.SoldAt.Equal(tt.want) || got.SoldAt.Location() != time.UTC {
				t.Errorf("sold_at = %v, want %v in UTC", got.SoldAt, tt.want)
			}
		})
	}
}

// The year 2000 is a limit on the instant, not on how the shop wrote it.
func TestNormalizeSoldAtBefore2000InAnotherZone(t *testing.T) {
	t.Parallel()
	_, errs := normalizer("IR").Normalize(with(func(in *sales.Input) { in.SoldAt = "2000-01-01T00:30:00+03:30" }))
	if len(errs) != 1 || errs[0].Field != "sold_at" {
		t.Errorf("errors = %v, want sold_at: is before the year 2000", errs)
	}
}

// PostgreSQL text cannot hold NUL: a NUL that passes validation fails the
// whole batch's transaction instead of its own row.
func TestNormalizeRefusesNUL(t *testing.T) {
	t.Parallel()
	for _, change := range []func(*sales.Input){
		func(in *sales.Input) { in.ExternalID = "A\x001" },
		func(in *sales.Input) { in.Customer.Name = "Mar\x00yam" },
		func(in *sales.Input) { in.Product.SKU = "GL\x00" },
		func(in *sales.Input) { in.Product.Name = "a\x00b" },
		func(in *sales.Input) { in.Product.Category = "a\x00b" },
		func(in *sales.Input) { in.Branch = "a\x00b" },
	} {
		in := with(change)
		if _, errs := normalizer("IR").Normalize(in); len(errs) != 1 {
			t.Errorf("%q: errors = %v, want one", in, errs)
		}
	}
}

func TestNormalizeTimeNowByDefault(t *testing.T) {
	t.Parallel()
	n := &sales.Normalizer{Region: "IR", MaxSkew: skew}
	soon := time.Now().Add(time.Minute).Format(time.RFC3339)
	if _, errs := n.Normalize(with(func(in *sales.Input) { in.SoldAt = soon })); errs != nil {
		t.Errorf("a minute ahead of the clock: %v", errs)
	}
	later := time.Now().Add(time.Hour).Format(time.RFC3339)
	if _, errs := n.Normalize(with(func(in *sales.Input) { in.SoldAt = later })); len(errs) != 1 {
		t.Errorf("an hour ahead of the clock: errors = %v, want lies in the future", errs)
	}
}

func TestNormalizeFoldsArabicLetters(t *testing.T) {
	t.Parallel()
	got, errs := normalizer("IR").Normalize(with(func(in *sales.Input) {
		in.Customer.Name = "علي كريمي" // Arabic yeh and kaf
		in.Product.Name = "عينك طبي"   // Arabic yeh
		in.Product.Category = "كتاب"   // Arabic kaf
		in.Branch = "تجريش"            // Arabic yeh
	}))
	if errs != nil {
		t.Fatalf("errors: %v", errs)
	}
	for _, c := range []struct{ field, got, want string }{
		{"customer name", got.CustomerName, "علی کریمی"},
		{"product name", got.ProductName, "عینک طبی"},
		{"category", got.Category, "کتاب"},
		{"branch", got.Branch, "تجریش"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	// Folded and unfolded spellings are one sale.
	persian, _ := normalizer("IR").Normalize(with(func(in *sales.Input) {
		in.Customer.Name = "علی کریمی"
		in.Product.Name = "عینک طبی"
		in.Product.Category = "کتاب"
		in.Branch = "تجریش"
	}))
	if persian.Hash != got.Hash {
		t.Error("Arabic and Persian spellings hash differently")
	}
}

func TestNormalizeLowersCategory(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"Glasses", "glasses"},
		{" SUN Glasses ", "sun glasses"},
		{"lenses", "lenses"},
	} {
		got, errs := normalizer("IR").Normalize(with(func(in *sales.Input) { in.Product.Category = c.in }))
		if errs != nil {
			t.Fatalf("%q: %v", c.in, errs)
		}
		if got.Category != c.want {
			t.Errorf("category %q = %q, want %q", c.in, got.Category, c.want)
		}
	}
}

func TestNormalizeCanonicalLocale(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"fa", "fa"},
		{"FA-ir", "fa-IR"},
		{"en_GB", "en-GB"},
	} {
		got, errs := normalizer("IR").Normalize(with(func(in *sales.Input) { in.Customer.Locale = c.in }))
		if errs != nil {
			t.Fatalf("%q: %v", c.in, errs)
		}
		if got.Locale != c.want {
			t.Errorf("locale %q = %q, want %q", c.in, got.Locale, c.want)
		}
	}
}

func TestHash(t *testing.T) {
	t.Parallel()
	n := normalizer("IR")
	hash := func(t *testing.T, in sales.Input) [32]byte {
		t.Helper()
		s, errs := n.Normalize(in)
		if errs != nil {
			t.Fatalf("errors: %v", errs)
		}
		return s.Hash
	}
	base := hash(t, input())

	t.Run("equal input, equal hash", func(t *testing.T) {
		if got := hash(t, input()); got != base {
			t.Error("the same input hashes differently")
		}
	})
	t.Run("equal after normalisation, equal hash", func(t *testing.T) {
		same := with(func(in *sales.Input) {
			in.ExternalID = " A-1 "
			in.Customer.Phone = "+98 912 123 4567"
			in.SoldAt = "2026-11-22T06:30:00Z" // the same instant
		})
		if got := hash(t, same); got != base {
			t.Error("the same sale written differently hashes differently")
		}
	})

	changes := map[string]func(*sales.Input){
		"external_id":       func(in *sales.Input) { in.ExternalID = "A-2" },
		"customer.name":     func(in *sales.Input) { in.Customer.Name = "مریم رضائی" },
		"customer.phone":    func(in *sales.Input) { in.Customer.Phone = "09121234568" },
		"customer.timezone": func(in *sales.Input) { in.Customer.Timezone = "Europe/London" },
		"no timezone":       func(in *sales.Input) { in.Customer.Timezone = "" },
		"customer.locale":   func(in *sales.Input) { in.Customer.Locale = "en" },
		"no locale":         func(in *sales.Input) { in.Customer.Locale = "" },
		"product.sku":       func(in *sales.Input) { in.Product.SKU = "GL-2" },
		"product.name":      func(in *sales.Input) { in.Product.Name = "عینک آفتابی" },
		"product.category":  func(in *sales.Input) { in.Product.Category = "Lenses" },
		"branch":            func(in *sales.Input) { in.Branch = "Vanak" },
		"sold_at":           func(in *sales.Input) { in.SoldAt = "2026-11-22T10:00:01+03:30" },
		"sold_at nanos":     func(in *sales.Input) { in.SoldAt = "2026-11-22T10:00:00.000000001+03:30" },
		// Text moved from one field to the next is another sale.
		"sku into name": func(in *sales.Input) { in.Product.SKU, in.Product.Name = "GL", "-1عینک" },
	}
	seen := map[[32]byte]string{base: "base"}
	for name, change := range changes {
		t.Run(name, func(t *testing.T) {
			if got := hash(t, with(change)); got == base {
				t.Errorf("changing %s leaves the hash unchanged", name)
			}
		})
		h := hash(t, with(change))
		if other, dup := seen[h]; dup {
			t.Errorf("changes %s and %s hash alike", name, other)
		}
		seen[h] = name
	}
}

func TestLocation(t *testing.T) {
	t.Parallel()
	n := normalizer("IR")
	for _, name := range []string{"Local", "", "Mars/Base"} {
		if loc, err := n.Location(name); err == nil {
			t.Errorf("Location(%q) = %v, want an error", name, loc)
		}
	}
	first, err := n.Location("Asia/Tehran")
	if err != nil {
		t.Fatal(err)
	}
	if first.String() != "Asia/Tehran" {
		t.Errorf("Location(Asia/Tehran) = %v", first)
	}
	again, err := n.Location("Asia/Tehran")
	if err != nil || again != first {
		t.Errorf("second Location(Asia/Tehran) = %p, %v; want the cached %p", again, err, first)
	}
}

// mixed returns n inputs: most valid, some invalid in one or more ways, some
// repeated.
func mixed(n int) []sales.Input {
	ins := make([]sales.Input, n)
	for i := range ins {
		in := input()
		in.ExternalID = fmt.Sprintf("M-%d", i)
		in.Customer.Phone = fmt.Sprintf("0912%07d", i)
		in.SoldAt = now.Add(-time.Duration(i) * time.Minute).In(time.FixedZone("", 12600)).Format(time.RFC3339)
		switch i % 10 {
		case 1:
			in.Customer.Phone = "12"
		case 3:
			in.SoldAt = "2026-11-23T14:05:00"
			in.Customer.Timezone = "Local"
		case 5:
			in.Customer.Name = "علي كريمي"
			in.Customer.Phone = fmt.Sprintf("+44 20 7946 %04d", i)
		case 7:
			in.Product.SKU = ""
		case 9:
			in = ins[i-1] // a repeat
		}
		ins[i] = in
	}
	return ins
}

// Not parallel: it raises GOMAXPROCS so that the batch is spread over
// several goroutines even on a one-core machine.
func TestNormalizeAllMatchesNormalize(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(max(4, runtime.GOMAXPROCS(0))))
	n := normalizer("IR")
	ins := mixed(1000)
	got, gotErrs := n.NormalizeAll(ins)
	if len(got) != len(ins) || len(gotErrs) != len(ins) {
		t.Fatalf("lengths %d, %d, want %d", len(got), len(gotErrs), len(ins))
	}
	valid := 0
	for i, in := range ins {
		want, wantErrs := n.Normalize(in)
		if !reflect.DeepEqual(got[i], want) || !reflect.DeepEqual(gotErrs[i], wantErrs) {
			t.Errorf("item %d: NormalizeAll gives %+v %v, Normalize %+v %v", i, got[i], gotErrs[i], want, wantErrs)
		}
		if wantErrs == nil {
			valid++
		}
	}
	if valid != 700 {
		t.Errorf("%d valid items, want 700: the batch should mix valid and invalid", valid)
	}
}

func TestNormalizeAllSmallAndEmpty(t *testing.T) {
	t.Parallel()
	n := normalizer("IR")
	got, errs := n.NormalizeAll(nil)
	if len(got) != 0 || len(errs) != 0 {
		t.Errorf("NormalizeAll(nil) = %v, %v", got, errs)
	}
	ins := mixed(10)
	got, errs = n.NormalizeAll(ins)
	for i, in := range ins {
		want, wantErrs := n.Normalize(in)
		if !reflect.DeepEqual(got[i], want) || !reflect.DeepEqual(errs[i], wantErrs) {
			t.Errorf("item %d differs from Normalize", i)
		}
	}
}

// A value megabytes long is refused on its length before anything parses it:
// language tags parse in time quadratic in their subtags, so a 2 MB locale
// used to hold a core for seconds.
func TestNormalizeRefusesHugeValuesQuickly(t *testing.T) {
	t.Parallel()
	const size = 2 << 20
	huge := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	tests := []struct {
		field  string
		change func(in *sales.Input, v string)
		unit   string
	}{
		{"customer.locale", func(in *sales.Input, v string) { in.Customer.Locale = "en-" + v }, "abcdefgh-"},
		{"customer.phone", func(in *sales.Input, v string) { in.Customer.Phone = v }, "9"},
		{"customer.timezone", func(in *sales.Input, v string) { in.Customer.Timezone = "Asia/" + v }, "Tehran"},
		{"sold_at", func(in *sales.Input, v string) { in.SoldAt = "2026-11-22T10:00:00" + v + "Z" }, "0"},
		{"external_id", func(in *sales.Input, v string) { in.ExternalID = v }, " x"},
		{"customer.name", func(in *sales.Input, v string) { in.Customer.Name = v }, "ي"},
		{"product.sku", func(in *sales.Input, v string) { in.Product.SKU = v }, "S"},
		{"product.name", func(in *sales.Input, v string) { in.Product.Name = v }, "ك"},
		{"product.category", func(in *sales.Input, v string) { in.Product.Category = v }, "C"},
		{"branch", func(in *sales.Input, v string) { in.Branch = v }, "b"},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			t.Parallel()
			in := input()
			tt.change(&in, huge(tt.unit))
			done := make(chan invalid.Problems, 1)
			go func() {
				_, errs := normalizer("IR").Normalize(in)
				done <- errs
			}()
			select {
			case errs := <-done:
				if len(errs) != 1 || errs[0].Field != tt.field || !errs.Has("sale.too_long") && !errs.Has("sale.phone_too_long") {
					t.Errorf("errors = %v, want one length refusal on %s", errs, tt.field)
				}
			case <-time.After(time.Second):
				t.Fatalf("a %d-byte %s was still being checked after a second", size, tt.field)
			}
		})
	}
}
