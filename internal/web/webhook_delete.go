package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
)

// webhookDelete removes an endpoint and its delivery log; its pending
// delivery jobs find nothing to send and are cancelled.
func (s *Server) webhookDelete(w http.ResponseWriter, r *http.Request) {
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
		if err := q.WebhookEndpointDelete(r.Context(), tx, id); err != nil {
			return err
		}
		return writeAudit[webhookRecord](r.Context(), tx, u.Username, auditWebhook, strconv.FormatInt(id, 10), webhookRecordOf(e), nil)
	})
	if errors.Is(err, store.ErrNotFound) {
		s.errorPage(w, r, http.StatusNotFound, "error.not_found")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("webhook endpoint deleted", "by", u.Username, "id", id)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.deleted"))
	http.Redirect(w, r, "/admin/webhooks", http.StatusSeeOther)
}
