// Package endpoints changes the webhook endpoints admins manage: adding,
// subscribing, enabling, deleting and test deliveries. Each change is one
// transaction that also writes its audit row.
package endpoints

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/audit"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
)

// Entity is the audit_log entity of endpoint changes.
const Entity = "webhook"

// ErrDisabled: a test was asked of a disabled endpoint, whose deliveries
// would only be dropped.
var ErrDisabled = errors.New("endpoint disabled")

// Opts configures a Service.
type Opts struct {
	Pool *pgxpool.Pool
	// River enqueues test deliveries.
	River *river.Client[pgx.Tx]
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// AllowPrivate accepts URLs on loopback and private addresses, for
	// receivers on the same network (TAMAS_WEBHOOK_ALLOW_PRIVATE).
	AllowPrivate bool
}

// Service changes webhook endpoints. A missing endpoint is
// store.ErrNotFound.
type Service struct {
	pool         *pgxpool.Pool
	river        *river.Client[pgx.Tx]
	now          func() time.Time
	allowPrivate bool
}

// New returns a Service.
func New(o Opts) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{pool: o.Pool, river: o.River, now: o.Now, allowPrivate: o.AllowPrivate}
}

// record is an endpoint as the audit log keeps it. The secret is left out
// on purpose: the audit log is read by more people than it is.
type record struct {
	URL    string   `json:"url"`
	Events []string `json:"events"`
	Active bool     `json:"active"`
}

func recordOf(e store.WebhookEndpoint) *record {
	return &record{URL: e.Url, Events: e.Events, Active: e.Active}
}

// Input is a new endpoint as typed; an empty Secret asks for a random one.
type Input struct {
	URL    string
	Events []string
	Secret string
}

// Create adds an endpoint and returns its id and secret; a refused form
// is invalid.Problems.
func (s *Service) Create(ctx context.Context, actor string, in Input) (id int64, secret string, err error) {
	var probs invalid.Problems
	url, err := webhooks.ParseURL(in.URL)
	switch {
	case err != nil:
		probs = append(probs, invalid.New("url", "webhooks.url")...)
	case !s.allowPrivate && webhooks.LiteralPrivate(url):
		// Only a literal address is known now; a name is checked as each
		// delivery connects.
		probs = append(probs, invalid.New("url", "webhooks.url_private")...)
	}
	events, evProbs := parseEvents(in.Events)
	probs = append(probs, evProbs...)
	secret = webhooks.NewSecret()
	if strings.TrimSpace(in.Secret) != "" {
		if secret, err = webhooks.ParseSecret(in.Secret); err != nil {
			probs = append(probs, invalid.New("secret", "webhooks.secret", webhooks.MinSecretLen)...)
		}
	}
	if len(probs) > 0 {
		return 0, "", probs
	}
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if id, err = store.New().WebhookEndpointInsert(ctx, tx, store.WebhookEndpointInsertParams{
			Url: url, Secret: secret, Events: events, Actor: actor,
		}); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: Entity, Key: strconv.FormatInt(id, 10),
			After: &record{URL: url, Events: events, Active: true}})
	})
	if err != nil {
		return 0, "", err
	}
	return id, secret, nil
}

func parseEvents(typed []string) ([]string, invalid.Problems) {
	events, err := webhooks.ParseEvents(typed)
	if err != nil {
		return nil, invalid.New("events", "webhooks.events")
	}
	return events, nil
}

// SetEvents changes what endpoint id is subscribed to; a refused choice
// is invalid.Problems.
func (s *Service) SetEvents(ctx context.Context, actor string, id int64, typed []string) error {
	events, probs := parseEvents(typed)
	if len(probs) > 0 {
		return probs
	}
	return s.update(ctx, actor, id, func(p *store.WebhookEndpointUpdateParams) { p.Events = events })
}

// SetActive enables or disables endpoint id. Disabling drops its pending
// deliveries: the worker cancels them.
func (s *Service) SetActive(ctx context.Context, actor string, id int64, active bool) error {
	return s.update(ctx, actor, id, func(p *store.WebhookEndpointUpdateParams) { p.Active = active })
}

func (s *Service) update(ctx context.Context, actor string, id int64, change func(*store.WebhookEndpointUpdateParams)) error {
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := q.WebhookEndpointGetForUpdate(ctx, tx, id)
		if err != nil {
			return err
		}
		p := store.WebhookEndpointUpdateParams{ID: id, Active: e.Active, Events: e.Events, Actor: actor}
		change(&p)
		if err := q.WebhookEndpointUpdate(ctx, tx, p); err != nil {
			return err
		}
		after := recordOf(e)
		after.Events, after.Active = p.Events, p.Active
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: Entity, Key: strconv.FormatInt(id, 10),
			Before: recordOf(e), After: after})
	})
}

// Delete removes endpoint id and its delivery log; its pending delivery
// jobs find nothing to send and are cancelled.
func (s *Service) Delete(ctx context.Context, actor string, id int64) error {
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := q.WebhookEndpointGetForUpdate(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := q.WebhookEndpointDelete(ctx, tx, id); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: Entity, Key: strconv.FormatInt(id, 10), Before: recordOf(e)})
	})
}

// SendTest queues a webhook.test delivery to endpoint id, so an admin can
// check the receiver before real events reach it; ErrDisabled if the
// endpoint is disabled.
func (s *Service) SendTest(ctx context.Context, actor string, id int64) error {
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		e, err := store.New().WebhookEndpointGetForUpdate(ctx, tx, id)
		if err != nil {
			return err
		}
		if !e.Active {
			return ErrDisabled
		}
		if err := outbox.SendTest(ctx, tx, s.river, id, actor, s.now()); err != nil {
			return err
		}
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: Entity, Key: strconv.FormatInt(id, 10),
			After: map[string]string{"sent": webhooks.Test}})
	})
}
