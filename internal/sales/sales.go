// Package sales validates and normalises sales as shops send them. It has
// no SQL or HTTP in it, so the rules can be tested with plain values and the
// API and the CSV import share them.
package sales

import (
	"crypto/sha256"
	"errors"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"
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

// FieldError names the offending field as a dotted path (customer.phone).
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e FieldError) Error() string { return e.Field + ": " + e.Message }

const (
	maxExternalID = 200
	maxName       = 200
	maxText       = 200
)

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
// found, so a shop can fix a row in one go.
func (n *Normalizer) Normalize(in Input) (Sale, []FieldError) {
	var errs []FieldError
	add := func(field, msg string) { errs = append(errs, FieldError{Field: field, Message: msg}) }

	s := Sale{
		ExternalID:   strings.TrimSpace(in.ExternalID),
		CustomerName: cleanText(in.Customer.Name),
		SKU:          strings.TrimSpace(in.Product.SKU),
		ProductName:  cleanText(in.Product.Name),
		Category:     Category(in.Product.Category),
		Branch:       cleanText(in.Branch),
	}
	requireText(add, "external_id", s.ExternalID, maxExternalID)
	requireText(add, "customer.name", s.CustomerName, maxName)
	requireText(add, "product.sku", s.SKU, maxText)
	limitText(add, "product.name", s.ProductName, maxText)
	limitText(add, "product.category", s.Category, maxText)
	limitText(add, "branch", s.Branch, maxText)

	if phone, msg := n.phone(in.Customer.Phone); msg != "" {
		add("customer.phone", msg)
	} else {
		s.Phone = phone
	}
	if tz := strings.TrimSpace(in.Customer.Timezone); tz != "" {
		if _, err := n.Location(tz); err != nil {
			add("customer.timezone", "unknown time zone "+quote(tz)+"; use an IANA name such as Asia/Tehran")
		} else {
			s.Timezone = tz
		}
	}
	if loc := strings.TrimSpace(in.Customer.Locale); loc != "" {
		tag, err := language.Parse(loc)
		if err != nil || len(loc) > 35 {
			add("customer.locale", "not a language tag: "+quote(loc)+"; use e.g. fa or en")
		} else {
			s.Locale = tag.String()
		}
	}
	if soldAt, msg := n.soldAt(in.SoldAt); msg != "" {
		add("sold_at", msg)
	} else {
		s.SoldAt = soldAt
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

func (n *Normalizer) phone(raw string) (string, string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", "is required"
	}
	if utf8.RuneCountInString(raw) > 40 {
		return "", "is too long for a phone number"
	}
	num, err := phonenumbers.Parse(raw, n.Region)
	if err != nil {
		if n.Region == "" {
			return "", "not a phone number: " + quote(raw) + "; write it with its country code, e.g. +98 912 123 4567"
		}
		return "", "not a phone number: " + quote(raw)
	}
	if num.GetExtension() != "" {
		return "", "has an extension; send the number without it"
	}
	if !phonenumbers.IsValidNumber(num) {
		return "", "not a valid phone number: " + quote(raw)
	}
	return phonenumbers.Format(num, phonenumbers.E164), ""
}

func (n *Normalizer) soldAt(raw string) (time.Time, string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return time.Time{}, "is required"
	}
	t, err := time.Parse(time.RFC3339Nano, raw)
	if err != nil {
		return time.Time{}, "must be an RFC 3339 time with a zone, e.g. 2026-11-23T14:05:00+03:30"
	}
	now := time.Now
	if n.Now != nil {
		now = n.Now
	}
	if t.After(now().Add(n.MaxSkew)) {
		return time.Time{}, "lies in the future"
	}
	if t.Before(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)) {
		return time.Time{}, "is before the year 2000"
	}
	return t.UTC(), ""
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

// isControl finds characters PostgreSQL refuses (NUL) or that have no
// place in text a person typed (other C0 controls and DEL); tabs and line
// breaks pass, since product names copied from catalogues carry them.
func isControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}

func requireText(add func(string, string), field, v string, max int) {
	if v == "" {
		add(field, "is required")
		return
	}
	limitText(add, field, v, max)
}

func limitText(add func(string, string), field, v string, max int) {
	if !utf8.ValidString(v) {
		add(field, "is not valid UTF-8")
	} else if strings.IndexFunc(v, isControl) >= 0 {
		add(field, "contains a control character")
	} else if utf8.RuneCountInString(v) > max {
		add(field, "is longer than "+strconv.Itoa(max)+" characters")
	}
}

// Category normalises a product category as sales store it: trimmed, with
// Arabic ي and ك folded into Persian, lower-cased. Follow-up rules are keyed
// by the same form, so "Glasses " on a sale finds the rule for "glasses".
func Category(s string) string {
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

func quote(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:40]) + "…"
	}
	return `"` + s + `"`
}

// NormalizeAll normalises a batch, spreading large ones over the cores:
// phone-number parsing dominates bulk ingestion's CPU time.
func (n *Normalizer) NormalizeAll(ins []Input) ([]Sale, [][]FieldError) {
	out := make([]Sale, len(ins))
	errs := make([][]FieldError, len(ins))
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
