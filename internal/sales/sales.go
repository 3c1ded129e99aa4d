// Package sales validates and normalises sales as shops send them. It has
// no SQL or HTTP in it, so the rules can be tested with plain values and the
// API and the CSV import share them.
package sales

import (
	"crypto/sha256"
	"errors"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"

	"github.com/tamas-app/tamas/internal/invalid"
)

// Input is a sale as a shop sends it. Times stay strings so that a malformed
// one gets an error naming the field rather than a decoder message.
type Input struct {
	ExternalID string        `json:"external_id"`
	Customer   CustomerInput `json:"customer"`
	Product    ProductInput  `json:"product"`
	Branch     string        `json:"branch,omitempty"`
	SoldAt     string        `json:"sold_at"`
}

type CustomerInput struct {
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Timezone string `json:"timezone,omitempty"`
	Locale   string `json:"locale,omitempty"`
}

type ProductInput struct {
	SKU      string `json:"sku"`
	Name     string `json:"name,omitempty"`
	Category string `json:"category,omitempty"`
}

// Sale is a validated, normalised sale. Timezone and Locale are empty when
// the shop did not send them: the customer's stored or default values apply.
type Sale struct {
	ExternalID   string
	CustomerName string
	Phone        string // E.164
	Timezone     string
	Locale       string
	SKU          string
	ProductName  string
	Category     string
	Branch       string
	SoldAt       time.Time // UTC
	Hash         [sha256.Size]byte
}

// The longest value of each field, in characters, as the API document
// (openapi.yaml) and the README's CSV columns give them.
const (
	maxExternalID = 200
	maxName       = 200
	maxText       = 200
	maxPhone      = 40
	maxTimezone   = 64 // the longest IANA name has 32
	maxLocale     = 35 // what BCP 47 asks every implementation to accept
	maxSoldAt     = 40 // RFC 3339 with nanoseconds and an offset has 35
)

// MaxLengths is each field's longest value in characters, keyed by the
// dotted path of the API's JSON, for checking the documents against.
func MaxLengths() map[string]int {
	return map[string]int{
		"external_id":       maxExternalID,
		"customer.name":     maxName,
		"customer.phone":    maxPhone,
		"customer.timezone": maxTimezone,
		"customer.locale":   maxLocale,
		"product.sku":       maxText,
		"product.name":      maxText,
		"product.category":  maxText,
		"branch":            maxText,
		"sold_at":           maxSoldAt,
	}
}

// Normalizer holds what validation needs from configuration. It is safe for
// concurrent use.
type Normalizer struct {
	// Region is the ISO country for phone numbers written without a
	// country code (TAMAS_PHONE_REGION).
	Region string
	// MaxSkew is how far in the future sold_at may lie, for shop clocks
	// that run a little fast.
	MaxSkew time.Duration
	Now     func() time.Time

	zones sync.Map // name → error-free *time.Location; LoadLocation reads files each call
}

// Normalize validates in and returns the normalised sale or every problem
// found, so a shop can fix a row in one go. A problem's field is the dotted
// path of the API's JSON (customer.phone).
func (n *Normalizer) Normalize(in Input) (Sale, invalid.Problems) {
	var errs invalid.Problems
	add := func(field, code string, args ...any) {
		errs = append(errs, invalid.Problem{Field: field, Code: code, Args: args})
	}

	// Sizes come first, in bytes, before anything parses, folds or counts
	// a value: parsing a language tag takes time quadratic in its length,
	// and the rest is wasted work on megabytes. No value within its limit
	// in characters is longer than utf8.UTFMax bytes a character.
	fits := func(field, raw string, max int) bool {
		if len(raw) > utf8.UTFMax*max {
			add(field, "sale.too_long", max)
			return false
		}
		return true
	}
	var s Sale
	text := func(field, raw string, max int, clean func(string) string, required bool) string {
		if !fits(field, raw, max) {
			return ""
		}
		v := clean(raw)
		if required {
			requireText(add, field, v, max)
		} else {
			limitText(add, field, v, max)
		}
		return v
	}
	s.ExternalID = text("external_id", in.ExternalID, maxExternalID, strings.TrimSpace, true)
	// The API addresses a sale by its id as one path segment, and a URL
	// path cannot carry the dots (/sales/.. is /), while Go's router takes
	// an escaped "/" alone for a trailing slash.
	if s.ExternalID == "." || s.ExternalID == ".." || s.ExternalID == "/" {
		add("external_id", "sale.dot_segment")
	}
	s.CustomerName = text("customer.name", in.Customer.Name, maxName, cleanText, true)
	s.SKU = text("product.sku", in.Product.SKU, maxText, strings.TrimSpace, true)
	s.ProductName = text("product.name", in.Product.Name, maxText, cleanText, false)
	s.Category = text("product.category", in.Product.Category, maxText, Category, false)
	s.Branch = text("branch", in.Branch, maxText, cleanText, false)

	if phone, p := n.phone(in.Customer.Phone); p != nil {
		add("customer.phone", p.Code, p.Args...)
	} else {
		s.Phone = phone
	}
	if tz := strings.TrimSpace(in.Customer.Timezone); tz != "" && fits("customer.timezone", tz, maxTimezone) {
		if _, err := n.Location(tz); err != nil {
			add("customer.timezone", "sale.timezone", clip(tz), "Asia/Tehran")
		} else {
			s.Timezone = tz
		}
	}
	if loc := strings.TrimSpace(in.Customer.Locale); loc != "" && fits("customer.locale", loc, maxLocale) {
		// fits keeps the tag to a few hundred bytes, where parsing is
		// cheap; one longer than maxLocale is refused as not a tag.
		if tag, err := language.Parse(loc); err != nil || len(loc) > maxLocale {
			add("customer.locale", "sale.locale", clip(loc), "fa", "en")
		} else {
			s.Locale = tag.String()
		}
	}
	if fits("sold_at", in.SoldAt, maxSoldAt) {
		if soldAt, p := n.soldAt(in.SoldAt); p != nil {
			add("sold_at", p.Code, p.Args...)
		} else {
			s.SoldAt = soldAt
		}
	}
	if errs != nil {
		return Sale{}, errs
	}
	s.Hash = s.hash()
	return s, nil
}

// Location returns the IANA zone, cached: loading one reads tzdata from disk.
func (n *Normalizer) Location(name string) (*time.Location, error) {
	if v, ok := n.zones.Load(name); ok {
		return v.(*time.Location), nil
	}
	// "Local" and "" would silently mean the server's own zone.
	if name == "" || name == "Local" {
		return nil, errUnknownZone
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	n.zones.Store(name, loc)
	return loc, nil
}

var errUnknownZone = errors.New("unknown time zone")

// Phone is raw in E.164 as intake stores it, read with the default
// country when it has no code of its own; false when raw is no valid
// number. Search uses it, so "0912 111 2233", "+98 912-111-2233" and the
// same in Persian digits find the one customer.
func (n *Normalizer) Phone(raw string) (string, bool) {
	e164, p := n.phone(raw)
	return e164, p == nil
}

// phone and soldAt return the E.164 number or UTC time, or what is wrong
// with the value; Normalize names the field.
func (n *Normalizer) phone(raw string) (string, *invalid.Problem) {
	// Bytes first: counting characters reads the whole value.
	if len(raw) > utf8.UTFMax*maxPhone {
		return "", refusal("sale.phone_too_long")
	}
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", refusal("sale.required")
	}
	if utf8.RuneCountInString(raw) > maxPhone {
		return "", refusal("sale.phone_too_long")
	}
	num, err := phonenumbers.Parse(raw, n.Region)
	if err != nil {
		if n.Region == "" {
			return "", refusal("sale.phone_country", clip(raw), "+98 912 123 4567")
		}
		return "", refusal("sale.phone", clip(raw))
	}
	if num.GetExtension() != "" {
		return "", refusal("sale.phone_extension")
	}
	if !phonenumbers.IsValidNumber(num) {
		return "", refusal("sale.phone_invalid", clip(raw))
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}

func (n *Normalizer) soldAt(raw string) (time.Time, *invalid.Problem) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return time.Time{}, refusal("sale.required")
	}
	t, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		return time.Time{}, refusal("sale.time_format", "RFC 3339", "2026-11-23T14:05:00+03:30")
	}
	now := time.Now
	if n.Now != nil {
		now = n.Now
	}
	if t.After(now().Add(n.MaxSkew)) {
		return time.Time{}, refusal("sale.future")
	}
	if t.Before(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}, refusal("sale.before_2000")
	}
	return t.UTC(), nil
}

// refusal is a problem whose field the caller fills in.
func refusal(code string, args ...any) *invalid.Problem {
	return &invalid.Problem{Code: code, Args: args}
}

func (s Sale) hash() [sha256.Size]byte {
	h := sha256.New()
	for _, f := range []string{s.ExternalID, s.CustomerName, s.Phone, s.Timezone, s.Locale,
		s.SKU, s.ProductName, s.Category, s.Branch, s.SoldAt.Format(time.RFC3339Nano)} {
		h.Write([]byte(f))
		h.Write([]byte{0})
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}

// IsControl finds characters PostgreSQL refuses (NUL) or that have no
// place in text a person typed (other C0 controls and DEL); tabs and line
// breaks pass, since product names copied from catalogues carry them.
func IsControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}

func requireText(add func(string, string, ...any), field, v string, max int) {
	if v == "" {
		add(field, "sale.required")
		return
	}
	limitText(add, field, v, max)
}

func limitText(add func(string, string, ...any), field, v string, max int) {
	if !utf8.ValidString(v) {
		add(field, "sale.utf8")
	} else if strings.IndexFunc(v, IsControl) >= 0 {
		add(field, "sale.control")
	} else if utf8.RuneCountInString(v) > max {
		add(field, "sale.too_long", max)
	}
}

// Category normalises a product category as sales store it: trimmed, with
// Arabic ي and ك folded into Persian, lower-cased. Follow-up rules are keyed
// by the same form, so "Glasses " on a sale finds the rule for "glasses".
func Category(s string) string {
	return Fold(s)
}

// Fold is s as names and categories are compared: trimmed, with Arabic ي
// and ك folded into Persian, lower-cased.
func Fold(s string) string {
	return strings.ToLower(cleanText(s))
}

// MaxCategory is the longest product category a sale may carry, in
// characters; a rule for a longer one could never match.
const MaxCategory = maxText

// cleanText trims and folds the Arabic letters that Persian keyboards and
// older systems mix in (ي, ك) into their Persian forms, so that one name is
// stored one way.
func cleanText(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "يك") {
		s = arabicToPersian.Replace(s)
	}
	return s
}

var arabicToPersian = strings.NewReplacer("ي", "ی", "ك", "ک")

// clip shortens a value quoted back in a problem: a shop that sent a
// kilobyte of junk does not need it echoed.
func clip(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return s
}

// NormalizeAll normalises a batch, spreading large ones over the cores:
// phone-number parsing dominates bulk ingestion's CPU time.
func (n *Normalizer) NormalizeAll(ins []Input) ([]Sale, []invalid.Problems) {
	out := make([]Sale, len(ins))
	errs := make([]invalid.Problems, len(ins))
	workers := runtime.GOMAXPROCS(0)
	if len(ins) < 256 || workers == 1 {
		for i, in := range ins {
			out[i], errs[i] = n.Normalize(in)
		}
		return out, errs
	}
	chunk := (len(ins) + workers - 1) / workers
	var wg sync.WaitGroup
	for start := 0; start < len(ins); start += chunk {
		end := min(start+chunk, len(ins))
		wg.Go(func() {
			for i := start; i < end; i++ {
				out[i], errs[i] = n.Normalize(ins[i])
			}
		})
	}
	wg.Wait()
	return out, errs
}
