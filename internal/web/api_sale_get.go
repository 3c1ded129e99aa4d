package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/store"
)

type saleView struct {
	ExternalID  string          `json:"external_id"`
	Customer    customerView    `json:"customer"`
	Product     productView     `json:"product"`
	Branch      string          `json:"branch"`
	SoldAt      time.Time       `json:"sold_at"`
	CancelledAt *time.Time      `json:"cancelled_at"`
	FollowUp    intake.FollowUp `json:"followup"`
}

type customerView struct {
	Name     string `json:"name"`
	Phone    string `json:"phone"`
	Timezone string `json:"timezone"`
	Locale   string `json:"locale"`
}

type productView struct {
	SKU      string `json:"sku"`
	Name     string `json:"name"`
	Category string `json:"category"`
}

func (s *Server) saleGet(w http.ResponseWriter, r *http.Request) {
	v, err := s.intake.Sale(r.Context(), sourceOf(r.Context()).ID, r.PathValue("external_id"))
	if errors.Is(err, store.ErrNotFound) {
		writeAPIError(w, http.StatusNotFound, "no sale with this external_id")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, saleView{
		ExternalID:  v.ExternalID,
		Customer:    customerView(v.Customer),
		Product:     productView{SKU: v.SKU, Name: v.Product, Category: v.Category},
		Branch:      v.Branch,
		SoldAt:      v.SoldAt,
		CancelledAt: v.Cancelled,
		FollowUp:    v.FollowUp,
	})
}
