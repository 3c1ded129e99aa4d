package web

import (
	"errors"
	"net/http"

	"github.com/tamas-app/tamas/internal/store"
)

func (s *Server) saleCancel(w http.ResponseWriter, r *http.Request) {
	externalID := r.PathValue("external_id")
	f, err := s.intake.Cancel(r.Context(), sourceOf(r.Context()).ID, externalID)
	if errors.Is(err, store.ErrNotFound) {
		writeAPIError(w, http.StatusNotFound, "no sale with this external_id")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"external_id": externalID, "followup": f})
}
