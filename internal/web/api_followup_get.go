package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/store"
)

type followUpView struct {
	ID           int64            `json:"id"`
	ExternalID   string           `json:"external_id"`
	Kind         string           `json:"kind"`
	State        string           `json:"state"`
	DueAt        time.Time        `json:"due_at"`
	Channel      string           `json:"channel"`
	MaxAttempts  int              `json:"max_attempts"`
	AttemptCount int              `json:"attempt_count"`
	Attempts     []intake.Attempt `json:"attempts"`
}

func (s *Server) followUpGet(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeAPIError(w, http.StatusNotFound, "no follow-up with this id")
		return
	}
	v, err := s.intake.FollowUp(r.Context(), sourceOf(r.Context()).ID, id)
	if errors.Is(err, store.ErrNotFound) {
		writeAPIError(w, http.StatusNotFound, "no follow-up with this id")
		return
	}
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, followUpView(v))
}
