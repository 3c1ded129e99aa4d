package web

import (
	"errors"
	"io"
	"net/http"

	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/webshop"
)

// maxShopBody bounds a shop's webhook body. An order with hundreds of line
// items stays well under it.
const maxShopBody = 2 << 20

type shopReceived struct {
	Status     webshop.Status   `json:"status"`
	ExternalID string           `json:"external_id,omitempty"`
	FollowUp   *intake.FollowUp `json:"followup,omitempty"`
}

// shopWebhook takes a web shop's order webhook for the source in the path.
// It needs no session and no CSRF token: the signature, made with the
// source's own secret, stands for both. Anything the platform should not
// send again (ignored topics, repeats, orders tamas will never take) is
// answered 2xx or 4xx, never 5xx, so that only a fault here is retried.
func (s *Server) shopWebhook(platform string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		source := r.PathValue("source")
		// A name with text the database cannot hold names no source.
		if textProblem(source) != "" {
			shopUnauthorized(w)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxShopBody))
		if err != nil {
			if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
				writeAPIError(w, http.StatusRequestEntityTooLarge, "the body is larger than 2 MiB")
				return
			}
			writeAPIError(w, http.StatusBadRequest, "could not read the request body")
			return
		}
		d := webshop.Delivery{Platform: platform, Source: source, Body: body}
		switch platform {
		case webshop.Shopify:
			d.Topic, d.Signature, d.Shop = r.Header.Get("X-Shopify-Topic"), r.Header.Get("X-Shopify-Hmac-Sha256"), r.Header.Get("X-Shopify-Shop-Domain")
		case webshop.WooCommerce:
			d.Topic, d.Signature, d.Shop = r.Header.Get("X-WC-Webhook-Topic"), r.Header.Get("X-WC-Webhook-Signature"), r.Header.Get("X-WC-Webhook-Source")
		}
		res, err := s.webshops.Receive(r.Context(), d)
		var malformed webshop.Malformed
		switch {
		case errors.Is(err, webshop.ErrUnknownSource) || errors.Is(err, webshop.ErrUnsigned):
			s.log.Warn("web shop webhook refused", "platform", platform, "source", source, "err", err)
			shopUnauthorized(w)
		case errors.As(err, &malformed):
			writeAPIError(w, http.StatusBadRequest, malformed.Error())
		case err != nil:
			s.internalError(w, r, err)
		case res.Status == webshop.StatusInvalid:
			writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: "the order cannot become a sale", Errors: fieldErrors(res.Problems)})
		default:
			writeJSON(w, http.StatusOK, shopReceived{Status: res.Status, ExternalID: res.ExternalID, FollowUp: res.FollowUp})
		}
	}
}

// shopUnauthorized says the same for an unknown source and a bad
// signature, so that the answer does not tell which sources exist.
func shopUnauthorized(w http.ResponseWriter) {
	writeAPIError(w, http.StatusUnauthorized, "unknown web shop or bad signature")
}
