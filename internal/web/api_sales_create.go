package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
)

const (
	maxSalesPerRequest = 10000
	// Holds maxSalesPerRequest sales with every field at its longest
	// (sales.MaxLengths, four bytes a character), about 5.7 KB each; the
	// document states it.
	maxSalesBody = 64 << 20
)

type saleCreated struct {
	Status     intake.Status    `json:"status"`
	ExternalID string           `json:"external_id"`
	Customer   customerView     `json:"customer"`
	FollowUp   *intake.FollowUp `json:"followup"`
}

type batchResult struct {
	Index           int                    `json:"index"`
	Status          string                 `json:"status"`
	FollowUpID      *int64                 `json:"followup_id,omitempty"`
	FollowUpOutcome intake.FollowUpOutcome `json:"followup_outcome,omitempty"`
	Errors          []fieldError           `json:"errors,omitempty"`
}

func (s *Server) salesCreate(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" {
			writeAPIError(w, http.StatusUnsupportedMediaType, "send Content-Type: application/json")
			return
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxSalesBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeAPIError(w, http.StatusRequestEntityTooLarge, "the body is larger than 64 MiB; send at most 10000 sales per request")
			return
		}
		writeAPIError(w, http.StatusBadRequest, "could not read the request body")
		return
	}
	items, single, err := splitBody(body, maxSalesPerRequest)
	var malformed malformedBody
	if errors.As(err, &malformed) {
		writeAPIError(w, http.StatusBadRequest, err.Error())
		return
	}
	if err != nil {
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: err.Error(), Errors: []fieldError{{Field: "", Message: err.Error()}}})
		return
	}

	inputs := make([]sales.Input, len(items))
	decodeErrs := make([]invalid.Problems, len(items))
	var valid []sales.Input
	var where []int
	for i, raw := range items {
		inputs[i], decodeErrs[i] = decodeSale(raw)
		if decodeErrs[i] == nil {
			valid = append(valid, inputs[i])
			where = append(where, i)
		}
	}
	outcomes, err := s.intake.Ingest(r.Context(), sourceOf(r.Context()).ID, valid)
	if err != nil {
		s.internalError(w, r, err)
		return
	}
	all := make([]intake.Outcome, len(items))
	for i, errs := range decodeErrs {
		if errs != nil {
			all[i] = intake.Outcome{Status: intake.StatusInvalid, Errors: errs}
		}
	}
	for j, o := range outcomes {
		all[where[j]] = o
	}

	if single {
		s.writeSingle(w, strings.TrimSpace(inputs[0].ExternalID), all[0])
		return
	}
	results := make([]batchResult, len(all))
	for i, o := range all {
		results[i] = batchResult{Index: i, Status: string(o.Status), Errors: fieldErrors(o.Errors)}
		if o.FollowUp != nil {
			results[i].FollowUpID = &o.FollowUp.ID
			results[i].FollowUpOutcome = o.FollowUp.Outcome
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": results})
}

func (s *Server) writeSingle(w http.ResponseWriter, externalID string, o intake.Outcome) {
	switch o.Status {
	case intake.StatusCreated:
		writeJSON(w, http.StatusCreated, saleCreated{Status: o.Status, ExternalID: externalID, Customer: customerView(*o.Customer), FollowUp: o.FollowUp})
	case intake.StatusExisting:
		writeJSON(w, http.StatusOK, saleCreated{Status: o.Status, ExternalID: externalID, Customer: customerView(*o.Customer), FollowUp: o.FollowUp})
	case intake.StatusConflict:
		writeAPIError(w, http.StatusConflict, "a sale with this external_id is already stored with different content")
	default:
		writeJSON(w, http.StatusUnprocessableEntity, apiError{Error: "the sale is invalid", Errors: fieldErrors(o.Errors)})
	}
}

// fieldErrors words problems for an API client, in English: the API's
// messages are part of its documented contract, not a person's page.
func fieldErrors(ps invalid.Problems) []fieldError {
	if len(ps) == 0 {
		return nil
	}
	out := make([]fieldError, len(ps))
	for i, p := range ps {
		out[i] = fieldError{Field: p.Field, Message: i18n.Problem(i18n.EN, p)}
	}
	return out
}
