// Package webshop turns the order webhooks of web shops (Shopify,
// WooCommerce) into sales: it checks each delivery's signature with its
// source's secret, maps the order onto a sale and hands it to intake, the
// one ingest path; refunds and cancellations cancel the sale's follow-up.
// docs/webshops.md is the mapping, for shop owners.
package webshop

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
)

// The platforms a source may be; the names are the routes' and the
// database's.
const (
	Shopify     = "shopify"
	WooCommerce = "woocommerce"
)

// Platforms lists them, for those who set a source up.
var Platforms = []string{Shopify, WooCommerce}

var (
	// ErrUnknownSource is a delivery to a source that does not exist or is
	// not a shop of the delivery's platform.
	ErrUnknownSource = errors.New("no web shop of this platform has this source name")
	// ErrUnsigned is a delivery without a valid signature.
	ErrUnsigned = errors.New("bad or missing webhook signature")
)

// Malformed is a body that is not the JSON the platform sends.
type Malformed string

func (m Malformed) Error() string { return string(m) }

// Status is what a delivery did.
type Status string

const (
	StatusCreated   Status = "created"
	StatusExisting  Status = "existing"
	StatusConflict  Status = "conflict"
	StatusCancelled Status = "cancelled"
	// StatusIgnored is a topic or an order state that makes no sale and
	// cancels none, or a cancellation of an order tamas never got.
	StatusIgnored Status = "ignored"
	// StatusPing is WooCommerce's delivery on creating a webhook.
	StatusPing Status = "ping"
	// StatusInvalid is an order that cannot become a sale; Problems say
	// why.
	StatusInvalid Status = "invalid"
)

// Delivery is one webhook request as the platform sent it.
type Delivery struct {
	Platform string
	Source   string
	// Topic is X-Shopify-Topic or X-WC-Webhook-Topic.
	Topic string
	// Signature is X-Shopify-Hmac-Sha256 or X-WC-Webhook-Signature.
	Signature string
	// Shop names the shop: X-Shopify-Shop-Domain or X-WC-Webhook-Source.
	Shop string
	Body []byte
}

// Result is what Receive did with a delivery.
type Result struct {
	Status     Status
	ExternalID string
	FollowUp   *intake.FollowUp
	Problems   invalid.Problems
}

// Service receives the deliveries.
type Service struct {
	pool   *pgxpool.Pool
	intake *intake.Service
}

// Opts configures New.
type Opts struct {
	Pool   *pgxpool.Pool
	Intake *intake.Service
}

// New returns the web shops' service.
func New(o Opts) *Service { return &Service{pool: o.Pool, intake: o.Intake} }

// shop is a source set up as a web shop.
type shop struct {
	id       int64
	name     string
	secret   string
	category string
	// categories are the follow-up rules' categories.
	categories map[string]bool
}

// Receive checks d and acts on it: a paid or completed order becomes a
// sale with its follow-up, a refund or cancellation cancels it, anything
// else is ignored. Delivering one order twice changes nothing the second
// time. The errors are ErrUnknownSource, ErrUnsigned, Malformed or a fault.
func (s *Service) Receive(ctx context.Context, d Delivery) (Result, error) {
	q := store.New()
	src, err := q.SourceShopGet(ctx, s.pool, d.Source)
	if errors.Is(err, store.ErrNotFound) || (err == nil && (src.ShopPlatform == nil || *src.ShopPlatform != d.Platform)) {
		return Result{}, ErrUnknownSource
	}
	if err != nil {
		return Result{}, fmt.Errorf("reading source: %w", err)
	}
	// WooCommerce pings a new webhook unsigned; answering it lets the shop
	// owner save the webhook, and it changes nothing.
	if d.Platform == WooCommerce && isPing(d) {
		return Result{Status: StatusPing}, nil
	}
	if !Signed(*src.ShopSecret, d.Body, d.Signature) {
		return Result{}, ErrUnsigned
	}
	sh := shop{id: src.ID, name: src.Name, secret: *src.ShopSecret, category: src.ShopCategory}
	var act action
	switch d.Platform {
	case Shopify:
		act, err = shopifyAction(d)
	case WooCommerce:
		act, err = wooAction(d)
	default:
		return Result{}, ErrUnknownSource
	}
	if err != nil {
		return Result{}, err
	}
	if act.kind != actIgnore && act.order.id == "" {
		return Result{Status: StatusInvalid, Problems: invalid.New("id", "webshop.no_order_id")}, nil
	}
	switch act.kind {
	case actSale:
		return s.sell(ctx, sh, act.order)
	case actCancel:
		return s.cancel(ctx, sh, act.order.externalID())
	}
	return Result{Status: StatusIgnored}, nil
}

// Signed says whether signature is the base64 HMAC-SHA256 of body under
// secret, as both platforms sign.
func Signed(secret string, body []byte, signature string) bool {
	got, err := base64.StdEncoding.DecodeString(strings.TrimSpace(signature))
	if err != nil || len(got) != sha256.Size {
		return false
	}
	return hmac.Equal(got, Sign(secret, body))
}

// Sign is the HMAC-SHA256 of body under secret.
func Sign(secret string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return m.Sum(nil)
}

func (s *Service) sell(ctx context.Context, sh shop, o order) (Result, error) {
	r := Result{ExternalID: o.externalID()}
	if len(o.items) == 0 {
		r.Status, r.Problems = StatusInvalid, invalid.New("line_items", "webshop.no_items")
		return r, nil
	}
	rules, err := store.New().RuleList(ctx, s.pool)
	if err != nil {
		return Result{}, fmt.Errorf("reading follow-up rules: %w", err)
	}
	sh.categories = make(map[string]bool, len(rules))
	for _, rule := range rules {
		sh.categories[rule.Category] = true
	}
	out, err := s.intake.Ingest(ctx, sh.id, []sales.Input{o.sale(sh)})
	if err != nil {
		return Result{}, err
	}
	r.FollowUp = out[0].FollowUp
	switch out[0].Status {
	case intake.StatusCreated:
		r.Status = StatusCreated
	case intake.StatusExisting:
		r.Status = StatusExisting
	case intake.StatusConflict:
		r.Status = StatusConflict
	default:
		r.Status, r.Problems = StatusInvalid, out[0].Errors
	}
	return r, nil
}

func (s *Service) cancel(ctx context.Context, sh shop, externalID string) (Result, error) {
	f, err := s.intake.Cancel(ctx, sh.id, externalID)
	if errors.Is(err, store.ErrNotFound) {
		return Result{Status: StatusIgnored, ExternalID: externalID}, nil
	}
	if err != nil {
		return Result{}, err
	}
	return Result{Status: StatusCancelled, ExternalID: externalID, FollowUp: &f}, nil
}
