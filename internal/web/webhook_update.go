package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
)

// webhookUpdate enables or disables an endpoint or changes its events.
// Disabling drops its pending deliveries: the worker cancels them.
func (s *Server) webhookUpdate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	action := r.PostFormValue("action")
	var events []string
	if action == "save" {
		var err error
		if events, err = webhooks.ParseEvents(r.PostForm["events"]); err != nil {
			typed := r.PostForm["events"]
			if typed == nil {
				typed = []string{}
			}
			s.showWebhook(w, r, http.StatusUnprocessableEntity, typed, map[string]string{"events": i18n.T(u.Lang, "webhooks.no_events")})
			return
		}
	} else if action != "enable" && action != "disable" {
		s.errorPage(w, r, http.StatusUnprocessableEntity, "webhooks.bad_action")
		return
	}
	q := store.New()
	err := store.InTx(r.Context(), s.pool, func(tx pgx.Tx) error {
		e, err := q.WebhookEndpointGetForUpdate(r.Context(), tx, id)
		if err != nil {
			return err
		}
		p := store.WebhookEndpointUpdateParams{ID: id, Active: e.Active, Events: e.Events, Actor: u.Username}
		switch action {
		case "save":
			p.Events = events
		case "enable", "disable":
			p.Active = action == "enable"
		}
		if err := q.WebhookEndpointUpdate(r.Context(), tx, p); err != nil {
			return err
		}
		after := webhookRecordOf(e)
		after.Events, after.Active = p.Events, p.Active
		return writeAudit(r.Context(), tx, u.Username, auditWebhook, strconv.FormatInt(id, 10), webhookRecordOf(e), after)
	})
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("webhook endpoint changed", "by", u.Username, "id", id, "action", action)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.saved"))
	http.Redirect(w, r, webhookPathOf(id), http.StatusSeeOther)
}
