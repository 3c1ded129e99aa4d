package web

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
	"github.com/tamas-app/tamas/templates"
)

func (s *Server) webhooksPage(w http.ResponseWriter, r *http.Request) {
	s.showWebhooks(w, r, http.StatusOK, "", nil, nil)
}

// showWebhooks renders the list with the add form holding url and events
// as typed.
func (s *Server) showWebhooks(w http.ResponseWriter, r *http.Request, status int, url string, events []string, errs map[string]string) {
	u := userOf(r.Context())
	rows, err := store.New().WebhookEndpointList(r.Context(), s.pool)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	v := templates.WebhooksView{
		Page:   s.page(r, "webhooks.title", "webhooks"),
		Form:   templates.WebhookForm{URL: url, Events: eventOptions(u.Lang, events)},
		Errors: errs,
	}
	for _, row := range rows {
		e := templates.WebhookRow{
			ID: row.ID, URL: row.Url, Secret: webhooks.MaskSecret(row.Secret), Active: row.Active,
			Undelivered: i18n.Number(u.Lang, row.Undelivered),
		}
		for _, ev := range row.Events {
			e.Events = append(e.Events, eventLabel(u.Lang, ev))
		}
		v.Endpoints = append(v.Endpoints, e)
	}
	s.render(w, r, status, templates.Webhooks(v))
}

func eventOptions(l i18n.Lang, checked []string) []templates.Option {
	out := make([]templates.Option, len(webhooks.Events))
	for i, e := range webhooks.Events {
		out[i] = templates.Option{Value: e, Label: eventLabel(l, e), Checked: slices.Contains(checked, e)}
	}
	return out
}

func eventLabel(l i18n.Lang, event string) string {
	return i18n.T(l, "webhooks.event."+event)
}

// webhookPathOf is the endpoint's page.
func webhookPathOf(id int64) string {
	return "/admin/webhooks/" + strconv.FormatInt(id, 10)
}
