package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
)

// errDisabled: the test button was pressed on a disabled endpoint, whose
// deliveries would only be dropped.
var errDisabled = errors.New("endpoint disabled")

// webhookTest queues a webhook.test delivery to one endpoint, so an admin
// can check the receiver before real events reach it.
func (s *Server) webhookTest(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	id, ok := pathID(r)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	q := store.New()
	err := store.InTx(r.Context(), s.pool, func(tx pgx.Tx) error {
		e, err := q.WebhookEndpointGetForUpdate(r.Context(), tx, id)
		if err != nil {
			return err
		}
		if !e.Active {
			return errDisabled
		}
		if err := outbox.SendTest(r.Context(), tx, s.river, id, u.Username, time.Now()); err != nil {
			return err
		}
		return writeAudit[map[string]string](r.Context(), tx, u.Username, auditWebhook, strconv.FormatInt(id, 10), nil,
			&map[string]string{"sent": "webhook.test"})
	})
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	case errors.Is(err, errDisabled):
		s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.test_disabled"))
	case err != nil:
		s.internalError(w, r, err)
		return
	default:
		s.log.Info("webhook test queued", "by", u.Username, "id", id)
		s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.test_sent"))
	}
	http.Redirect(w, r, webhookPathOf(id), http.StatusSeeOther)
}
