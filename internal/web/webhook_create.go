package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/webhooks"
)

// sessionNewSecret carries a new endpoint's secret to the one page that
// shows it; reading it removes it.
const sessionNewSecret = "webhook_new_secret"

func (s *Server) webhookCreate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r.Context())
	typedURL := strings.TrimSpace(r.PostFormValue("url"))
	typedEvents := r.PostForm["events"]
	errs := map[string]string{}
	url, err := webhooks.ParseURL(typedURL)
	if err != nil {
		errs["url"] = i18n.T(u.Lang, "webhooks.bad_url")
	}
	events, err := webhooks.ParseEvents(typedEvents)
	if err != nil {
		errs["events"] = i18n.T(u.Lang, "webhooks.no_events")
	}
	secret := webhooks.NewSecret()
	if typed := r.PostFormValue("secret"); strings.TrimSpace(typed) != "" {
		if secret, err = webhooks.ParseSecret(typed); err != nil {
			errs["secret"] = i18n.T(u.Lang, "webhooks.short_secret")
		}
	}
	if len(errs) > 0 {
		s.showWebhooks(w, r, http.StatusUnprocessableEntity, typedURL, typedEvents, errs)
		return
	}
	var id int64
	err = store.InTx(r.Context(), s.pool, func(tx pgx.Tx) error {
		q := store.New()
		if id, err = q.WebhookEndpointInsert(r.Context(), tx, store.WebhookEndpointInsertParams{
			Url: url, Secret: secret, Events: events, Actor: u.Username,
		}); err != nil {
			return err
		}
		return writeAudit(r.Context(), tx, u.Username, auditWebhook, strconv.FormatInt(id, 10), nil,
			&webhookRecord{URL: url, Events: events, Active: true})
	})
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	s.log.Info("webhook endpoint added", "by", u.Username, "id", id, "url", url)
	s.sessions.Put(r.Context(), sessionNewSecret, secret)
	s.sessions.Put(r.Context(), "flash", i18n.T(u.Lang, "webhooks.added"))
	http.Redirect(w, r, webhookPathOf(id), http.StatusSeeOther)
}
