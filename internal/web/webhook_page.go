package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/templates"
)

// deliveryLogRows is how many deliveries the endpoint's page lists.
const deliveryLogRows = 50

func (s *Server) webhookPage(w http.ResponseWriter, r *http.Request) {
	s.showWebhook(w, r, http.StatusOK, nil, nil)
}

// showWebhook renders endpoint {id}; events, when not nil, are the boxes as
// the admin ticked them on a refused form.
func (s *Server) showWebhook(w http.ResponseWriter, r *http.Request, status int, events []string, errs map[string]string) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	q := store.New()
	e, err := q.WebhookEndpointGet(r.Context(), s.pool, id)
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	rows, err := q.WebhookDeliveryList(r.Context(), s.pool, store.WebhookDeliveryListParams{EndpointID: id, MaxRows: deliveryLogRows})
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	if events == nil {
		events = e.Events
	}
	v := templates.WebhookView{
		Page: s.page(r, "webhooks.title", "webhook"),
		ID:   e.ID, URL: e.Url, Secret: webhooks.MaskSecret(e.Secret), Active: e.Active,
		NewSecret: s.sessions.PopString(r.Context(), sessionNewSecret),
		Events:    eventOptions(u.Lang, events), Errors: errs,
	}
	for _, d := range rows {
		row := templates.DeliveryRow{
			ID: d.ID, Event: d.EventType, EventLabel: eventLabel(u.Lang, d.EventType),
			Created:  i18n.DateTime(u.Lang, d.CreatedAt, u.Location),
			Attempts: i18n.Number(u.Lang, int64(d.Attempts)), Error: d.LastError,
			Status: "—", DeliveredAt: i18n.T(u.Lang, "webhooks.pending"),
		}
		if d.LastStatus != nil {
			row.Status = i18n.Digits(u.Lang, strconv.Itoa(int(*d.LastStatus)))
		}
		if d.DeliveredAt != nil {
			row.Delivered = true
			row.DeliveredAt = i18n.DateTime(u.Lang, *d.DeliveredAt, u.Location)
		}
		v.Deliveries = append(v.Deliveries, row)
	}
	s.render(w, r, status, templates.Webhook(v))
}
