package webhooks

import "time"

// The data of each event. Field names are part of the interface; add
// fields, never rename or remove one. Nothing here is a secret: these go
// to other systems.

// Customer is who the event is about.
type Customer struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Phone  string `json:"phone"` // E.164
	Locale string `json:"locale"`
}

// Sale is the purchase behind a follow-up or an issue.
type Sale struct {
	ID         int64     `json:"id"`
	ExternalID string    `json:"external_id"`
	Source     string    `json:"source"`
	Branch     string    `json:"branch"`
	Product    Product   `json:"product"`
	SoldAt     time.Time `json:"sold_at"`
}

type Product struct {
	SKU      string `json:"sku"`
	Name     string `json:"name"`
	Category string `json:"category"`
}

// Answer is one answer of a response.
type Answer struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// ResponseData is response.created: a follow-up was completed.
type ResponseData struct {
	ResponseID      int64     `json:"response_id"`
	FollowUpID      int64     `json:"follow_up_id"`
	FollowUpKind    string    `json:"follow_up_kind"` // sale or recovery
	ScriptVersionID int64     `json:"script_version_id"`
	Channel         string    `json:"channel"`
	CapturedBy      string    `json:"captured_by"`
	CreatedAt       time.Time `json:"created_at"`
	Answers         []Answer  `json:"answers"`
	Customer        Customer  `json:"customer"`
	Sale            Sale      `json:"sale"`
}

// IssueData is issue.created, issue.breached and issue.resolved.
type IssueData struct {
	IssueID            int64      `json:"issue_id"`
	State              string     `json:"state"`
	Category           string     `json:"category"`
	Severity           string     `json:"severity"`
	FollowUpID         int64      `json:"follow_up_id"`
	CreatedAt          time.Time  `json:"created_at"`
	DeadlineAt         time.Time  `json:"deadline_at"`
	BreachedAt         *time.Time `json:"breached_at"`
	ResolvedAt         *time.Time `json:"resolved_at"`
	RootCause          *string    `json:"root_cause"`
	RecoveryFollowUpID *int64     `json:"recovery_follow_up_id"`
	Customer           Customer   `json:"customer"`
	Sale               Sale       `json:"sale"`
}

// FollowUpData is followup.unreachable: the customer could not be reached
// (attempts used up, or a wrong number) and is now a silent customer.
type FollowUpData struct {
	FollowUpID  int64    `json:"follow_up_id"`
	Kind        string   `json:"kind"`
	State       string   `json:"state"`
	Attempts    int      `json:"attempts"`
	MaxAttempts int      `json:"max_attempts"`
	Disposition string   `json:"disposition"` // the last attempt's outcome
	Customer    Customer `json:"customer"`
	Sale        Sale     `json:"sale"`
}

// OptOutData is customer.opted_out: the customer asked never to be called
// again.
type OptOutData struct {
	Customer   Customer  `json:"customer"`
	OptedOutAt time.Time `json:"opted_out_at"`
	// FollowUpID is the call on which they asked, if any.
	FollowUpID *int64 `json:"follow_up_id"`
}

// TestData is webhook.test.
type TestData struct {
	EndpointID  int64  `json:"endpoint_id"`
	RequestedBy string `json:"requested_by"`
}
