package web_test

import (
	"net/http"
	"strconv"
	"testing"
)

// A sale to a customer with a pending follow-up is linked to it, whichever
// shop sent either; every shop reads the follow-up that covers its sale,
// and the document describes every answer (docTransport).
func TestAPISaysWhenASaleIsLinkedToARecentFollowUp(t *testing.T) {
	t.Parallel()
	f := setupAsking(t)
	first := f.createSale(t, f.key, sale("L-1"))
	if first.FollowUp.Outcome != "created" {
		t.Fatalf("first sale: follow-up %+v, want outcome created", *first.FollowUp)
	}
	id := first.FollowUp.ID
	linked := f.createSale(t, f.otherKey, sale("L-2"))
	if linked.FollowUp.ID != id || linked.FollowUp.Outcome != "linked_recent" {
		t.Errorf("the other shop's sale to the same customer: %+v, want follow-up %d linked_recent", *linked.FollowUp, id)
	}
	got := decode[saleJSON](t, f.do(t, call{method: "GET", path: salePath("L-2"), key: f.otherKey}).want(t, http.StatusOK))
	if got.FollowUp.ID != id || got.FollowUp.Outcome != "linked_recent" {
		t.Errorf("GET L-2: follow-up %+v, want %d linked_recent", got.FollowUp, id)
	}
	type detail struct {
		ID         int64  `json:"id"`
		ExternalID string `json:"external_id"`
	}
	path := "/api/v1/followups/" + strconv.FormatInt(id, 10)
	// The other shop learns its own sale's id, not the first shop's.
	if d := decode[detail](t, f.do(t, call{method: "GET", path: path, key: f.otherKey}).want(t, http.StatusOK)); d != (detail{id, "L-2"}) {
		t.Errorf("the other shop reads %+v, want %d for L-2", d, id)
	}

	batch := []any{sale("L-3"), with(sale("L-4"), "customer.phone", "09350000000")}
	res := decode[batchJSON](t, f.do(t, call{method: "POST", path: "/api/v1/sales", key: f.key, body: batch}).want(t, http.StatusOK)).Results
	if res[0].FollowUpID == nil || *res[0].FollowUpID != id || res[0].FollowUpOutcome != "linked_recent" {
		t.Errorf("batch item 0: %+v, want follow-up %d linked_recent", res[0], id)
	}
	if res[1].FollowUpID == nil || *res[1].FollowUpID == id || res[1].FollowUpOutcome != "created" {
		t.Fatalf("batch item 1, another customer: %+v, want a follow-up of its own", res[1])
	}
	// A follow-up that covers none of its sales stays hidden from a shop.
	f.do(t, call{method: "GET", path: "/api/v1/followups/" + strconv.FormatInt(*res[1].FollowUpID, 10), key: f.otherKey}).want(t, http.StatusNotFound)

	// Cancelling L-1 hands its follow-up to the earliest sale still
	// standing that it covers; L-1 is then linked to it.
	c := decode[saleCancelledJSON](t, f.do(t, call{method: "POST", path: salePath("L-1") + "/cancel", key: f.key}).want(t, http.StatusOK))
	if c.FollowUp.ID != id || c.FollowUp.State != "scheduled" || c.FollowUp.Outcome != "linked_recent" {
		t.Errorf("cancelling L-1: %+v, want follow-up %d still scheduled, linked_recent", c.FollowUp, id)
	}
	if d := decode[detail](t, f.do(t, call{method: "GET", path: path, key: f.key}).want(t, http.StatusOK)); d != (detail{id, "L-1"}) {
		t.Errorf("after the move the first shop reads %+v, want %d with its earliest linked sale L-1", d, id)
	}
}
