// Package twiliofake is a fake Twilio REST API for tests: an httptest
// server that speaks the endpoints tamas uses (create, fetch and list
// messages and calls), records every request, answers with
// the JSON Twilio answers with, and can be told to fail. The real twilio-go
// client talks to it through a Transport that rewrites *.twilio.com, so
// tests exercise the client library as production does (DESIGN.md: Twilio
// is faked at the HTTP level, never by an interface stub).
package twiliofake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tamas-app/tamas/internal/survey"
)

// Op names an endpoint, for recorded requests and scripted failures.
type Op string

const (
	CreateMessage Op = "create_message"
	FetchMessage  Op = "fetch_message"
	ListMessages  Op = "list_messages"
	CreateCall    Op = "create_call"
	FetchCall     Op = "fetch_call"
	ListCalls     Op = "list_calls"
)

// Request is one request the fake received.
type Request struct {
	Op     Op
	Method string
	Path   string
	Form   url.Values // the form body of a POST, the query of a GET
	At     time.Time  // when it arrived, by the server's clock
	Status int        // what the fake answered; 0 while hanging or when the client gave up
}

// Message is a message as the fake stores it. StatusCallback is kept,
// though Twilio never returns it, so tests can find the message an
// application meant by the marker it put there.
type Message struct {
	Sid                 string
	To                  string
	From                string
	MessagingServiceSid string
	Body                string
	Status              string
	StatusCallback      string
	Created             time.Time
	// Sent is when the status first became sent (or later); zero while
	// queued or accepted, as Twilio's date_sent is null until then.
	Sent time.Time
}

// Call is a call as the fake stores it.
type Call struct {
	Sid            string
	To             string
	From           string
	URL            string // where Twilio would fetch the TwiML
	Twiml          string // TwiML given inline instead
	StatusCallback string
	Status         string
	Created        time.Time
	// Started is when the call was answered; zero before, as Twilio's
	// start_time is null for a queued, ringing or unanswered call.
	Started time.Time
}

// Options configure a Server; the zero value is fine.
type Options struct {
	AccountSid string           // default ACfa4e… (34 characters, as Twilio's)
	AuthToken  string           // default a fixed 32-character token
	Now        func() time.Time // default time.Now
}

// Server is the fake. Its methods are safe to call while requests run.
type Server struct {
	AccountSid string
	AuthToken  string

	srv     *httptest.Server
	now     func() time.Time
	stopped chan struct{}

	mu       sync.Mutex
	requests []Request
	messages []Message
	calls    []Call
	faults   map[Op][]fault
	optedOut map[string]bool
	sequence int
}

// fault is one scripted misbehaviour: answer status without doing
// anything, or (hang) do the work and never answer.
type fault struct {
	status int
	hang   bool
}

// New starts a fake that stops when the test ends.
func New(tb testing.TB, opts Options) *Server {
	tb.Helper()
	s := &Server{
		AccountSid: opts.AccountSid,
		AuthToken:  opts.AuthToken,
		now:        opts.Now,
		stopped:    make(chan struct{}),
		faults:     map[Op][]fault{},
		optedOut:   map[string]bool{},
	}
	if s.AccountSid == "" {
		s.AccountSid = "ACfa4e0000000000000000000000000001"
	}
	if s.AuthToken == "" {
		s.AuthToken = "f4ketok3n0000000000000000000000a"
	}
	if s.now == nil {
		s.now = time.Now
	}
	mux := http.NewServeMux()
	base := "/2010-04-01/Accounts/{account}/"
	mux.HandleFunc("POST "+base+"Messages.json", s.handle(CreateMessage, s.createMessage))
	mux.HandleFunc("GET "+base+"Messages.json", s.handle(ListMessages, s.listMessages))
	mux.HandleFunc("GET "+base+"Messages/{sid}", s.handle(FetchMessage, s.fetchMessage))
	mux.HandleFunc("POST "+base+"Calls.json", s.handle(CreateCall, s.createCall))
	mux.HandleFunc("GET "+base+"Calls.json", s.handle(ListCalls, s.listCalls))
	mux.HandleFunc("GET "+base+"Calls/{sid}", s.handle(FetchCall, s.fetchCall))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.record(Request{Method: r.Method, Path: r.URL.Path, At: s.now(), Status: http.StatusNotFound})
		writeError(w, http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
	})
	s.srv = httptest.NewServer(mux)
	tb.Cleanup(func() {
		// Hanging handlers return first, or Close would wait for them.
		close(s.stopped)
		s.srv.Close()
	})
	return s
}

// URL is the fake's base URL, e.g. http://127.0.0.1:41234.
func (s *Server) URL() string { return s.srv.URL }

// Fail makes the next n requests to op answer status (429, 500, 503…)
// with Twilio's error body, doing nothing.
func (s *Server) Fail(op Op, n, status int) {
	s.script(op, n, fault{status: status})
}

// Hang makes the next n requests to op do their work (a message is stored
// and would be sent) and then never answer, until the client gives up: the
// ambiguous failure where the application cannot tell whether Twilio
// accepted the request.
func (s *Server) Hang(op Op, n int) {
	s.script(op, n, fault{hang: true})
}

func (s *Server) script(op Op, n int, f fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[op] = append(s.faults[op], f)
	}
}

// OptOut makes the fake refuse messages to a number, as Twilio does after
// the number texted STOP (error 21610); OptIn undoes it.
func (s *Server) OptOut(number string) { s.setOptedOut(number, true) }

// OptIn undoes OptOut.
func (s *Server) OptIn(number string) { s.setOptedOut(number, false) }

func (s *Server) setOptedOut(number string, out bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.optedOut[number] = out
}

// Requests returns every request received so far, in order.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.requests)
}

// RequestsTo returns the requests received for op.
func (s *Server) RequestsTo(op Op) []Request {
	var rs []Request
	for _, r := range s.Requests() {
		if r.Op == op {
			rs = append(rs, r)
		}
	}
	return rs
}

// Messages returns the messages Twilio would have sent, oldest first.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.messages)
}

// Calls returns the calls Twilio would have placed, oldest first.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// SetMessageStatus moves a message on (sent, delivered, undelivered,
// failed), as Twilio does after accepting it.
func (s *Server) SetMessageStatus(sid, status string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.messages {
		if s.messages[i].Sid == sid {
			s.messages[i].Status = status
			if s.messages[i].Sent.IsZero() && slices.Contains([]string{"sent", "delivered", "undelivered", "read"}, status) {
				s.messages[i].Sent = s.now().UTC().Truncate(time.Second)
			}
			return true
		}
	}
	return false
}

// SetCallStatus moves a call on (ringing, in-progress, completed, busy,
// no-answer, failed).
func (s *Server) SetCallStatus(sid, status string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.calls {
		if s.calls[i].Sid == sid {
			s.calls[i].Status = status
			if s.calls[i].Started.IsZero() && (status == "in-progress" || status == "completed") {
				s.calls[i].Started = s.now().UTC().Truncate(time.Second)
			}
			return true
		}
	}
	return false
}

// handler does one endpoint's work under the lock and returns the status
// and JSON to answer with.
type handler func(r *http.Request, form url.Values) (int, any)

func (s *Server) handle(op Op, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var form url.Values
		if r.Method == http.MethodPost {
			if err := r.ParseForm(); err != nil {
				writeError(w, http.StatusBadRequest, 20001, "unreadable form: "+err.Error())
				return
			}
			form = r.PostForm
		} else {
			form = r.URL.Query()
		}
		req := Request{Op: op, Method: r.Method, Path: r.URL.Path, Form: form, At: s.now()}

		s.mu.Lock()
		index := len(s.requests)
		s.requests = append(s.requests, req)
		var f fault
		if fs := s.faults[op]; len(fs) > 0 {
			f, s.faults[op] = fs[0], fs[1:]
		}
		status, body := s.authorise(r)
		if status == 0 && f.status != 0 {
			status, body = f.status, twilioError(f.status, 20000+f.status, http.StatusText(f.status))
		}
		if status == 0 {
			status, body = h(r, form)
		}
		if !f.hang {
			s.requests[index].Status = status
		}
		s.mu.Unlock()

		if f.hang {
			select {
			case <-r.Context().Done():
			case <-s.stopped:
			}
			return
		}
		writeJSON(w, status, body)
	}
}

// authorise checks what Twilio checks first: Basic auth with the account
// SID and auth token, and the account in the path. Called with s.mu held.
func (s *Server) authorise(r *http.Request) (int, any) {
	user, pass, ok := r.BasicAuth()
	if !ok || user != s.AccountSid || pass != s.AuthToken {
		return http.StatusUnauthorized, twilioError(http.StatusUnauthorized, 20003, "Authenticate")
	}
	if r.PathValue("account") != s.AccountSid {
		return http.StatusNotFound, twilioError(http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
	}
	return 0, nil
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
}

// sid makes a resource SID: two letters and 32 hex digits, as Twilio's.
// Called with s.mu held.
func (s *Server) sid(prefix string) string {
	s.sequence++
	return fmt.Sprintf("%s%032x", prefix, s.sequence)
}

func (s *Server) createMessage(_ *http.Request, form url.Values) (int, any) {
	m := Message{
		To:                  form.Get("To"),
		From:                form.Get("From"),
		MessagingServiceSid: form.Get("MessagingServiceSid"),
		Body:                form.Get("Body"),
		StatusCallback:      form.Get("StatusCallback"),
		Status:              "queued",
		Created:             s.now().UTC().Truncate(time.Second),
	}
	switch {
	case m.To == "":
		return http.StatusBadRequest, twilioError(http.StatusBadRequest, 21604, "A 'To' phone number is required.")
	case m.From == "" && m.MessagingServiceSid == "":
		return http.StatusBadRequest, twilioError(http.StatusBadRequest, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message.")
	case m.Body == "" && form.Get("MediaUrl") == "":
		return http.StatusBadRequest, twilioError(http.StatusBadRequest, 21602, "Message body is required.")
	case s.optedOut[m.To]:
		return http.StatusBadRequest, twilioError(http.StatusBadRequest, 21610, "Attempt to send to unsubscribed recipient")
	}
	if m.From == "" {
		// A messaging service picks the sender later.
		m.Status = "accepted"
	}
	m.Sid = s.sid("SM")
	s.messages = append(s.messages, m)
	return http.StatusCreated, s.messageJSON(m)
}

func (s *Server) fetchMessage(r *http.Request, _ url.Values) (int, any) {
	sid := strings.TrimSuffix(r.PathValue("sid"), ".json")
	for _, m := range s.messages {
		if m.Sid == sid {
			return http.StatusOK, s.messageJSON(m)
		}
	}
	return http.StatusNotFound, twilioError(http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
}

// listMessages filters by To, From and the DateSent bounds, newest first.
// As at Twilio, a date filter leaves out messages not sent yet.
func (s *Server) listMessages(r *http.Request, q url.Values) (int, any) {
	var match []map[string]any
	for _, m := range slices.Backward(s.messages) {
		ok, err := listed(q, m.To, m.From, "", m.Sent, "DateSent")
		if err != nil {
			return http.StatusBadRequest, twilioError(http.StatusBadRequest, 20001, err.Error())
		}
		if ok {
			match = append(match, s.messageJSON(m))
		}
	}
	return http.StatusOK, page(r, q, "messages", match, "DateSent")
}

// listCalls filters by To, From, Status and the StartTime bounds, newest
// first. As at Twilio, a date filter leaves out calls never answered.
func (s *Server) listCalls(r *http.Request, q url.Values) (int, any) {
	var match []map[string]any
	for _, c := range slices.Backward(s.calls) {
		ok, err := listed(q, c.To, c.From, c.Status, c.Started, "StartTime")
		if err != nil {
			return http.StatusBadRequest, twilioError(http.StatusBadRequest, 20001, err.Error())
		}
		if ok {
			match = append(match, s.callJSON(c))
		}
	}
	return http.StatusOK, page(r, q, "calls", match, "StartTime")
}

// page is one page of a list answer, PageSize items (default 50) from
// page Page, with next_page_uri when more follow, which twilio-go fetches
// on its own.
func page(r *http.Request, q url.Values, key string, match []map[string]any, date string) map[string]any {
	size, n := 50, 0
	if v, err := strconv.Atoi(q.Get("PageSize")); err == nil && v > 0 {
		size = min(v, 1000)
	}
	if v, err := strconv.Atoi(q.Get("Page")); err == nil && v > 0 {
		n = v
	}
	start := min(n*size, len(match))
	end := min(start+size, len(match))
	uri := func(p int) string {
		v := url.Values{}
		for _, k := range []string{"To", "From", "Status", date, date + "<", date + ">"} {
			if q.Has(k) {
				v.Set(k, q.Get(k))
			}
		}
		v.Set("PageSize", strconv.Itoa(size))
		v.Set("Page", strconv.Itoa(p))
		if p > 0 {
			v.Set("PageToken", "PA"+strconv.Itoa(p))
		}
		return r.URL.Path + "?" + v.Encode()
	}
	var next any
	if end < len(match) {
		next = uri(n + 1)
	}
	return map[string]any{
		key:                 append([]map[string]any{}, match[start:end]...),
		"first_page_uri":    uri(0),
		"next_page_uri":     next,
		"previous_page_uri": nil,
		"page":              n,
		"page_size":         size,
		"start":             start,
		"end":               max(end-1, start),
		"uri":               uri(n),
	}
}

// listed reports whether a resource passes the list filters in q; date is
// the name of the date filter, DateSent or StartTime, and at its value
// (zero: none yet, which no date filter lets through).
func listed(q url.Values, to, from, status string, at time.Time, date string) (bool, error) {
	for k, have := range map[string]string{"To": to, "From": from, "Status": status} {
		if want := q.Get(k); want != "" && want != have {
			return false, nil
		}
	}
	for _, k := range []string{date, date + "<", date + ">"} {
		if !q.Has(k) {
			continue
		}
		t, err := parseDate(q.Get(k))
		if err != nil {
			return false, fmt.Errorf("%s: %w", k, err)
		}
		switch {
		case at.IsZero():
			return false, nil
		case k == date && at.Format(time.DateOnly) != t.UTC().Format(time.DateOnly),
			k == date+"<" && at.After(t),
			k == date+">" && at.Before(t):
			return false, nil
		}
	}
	return true, nil
}

// parseDate reads the date forms Twilio accepts: a day or, as twilio-go
// sends, an RFC 3339 time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Parse(time.DateOnly, s)
}

func (s *Server) createCall(_ *http.Request, form url.Values) (int, any) {
	c := Call{
		To:             form.Get("To"),
		From:           form.Get("From"),
		URL:            form.Get("Url"),
		Twiml:          form.Get("Twiml"),
		StatusCallback: form.Get("StatusCallback"),
		Status:         "queued",
		Created:        s.now().UTC().Truncate(time.Second),
	}
	switch {
	case c.To == "":
		return http.StatusBadRequest, twilioError(http.StatusBadRequest, 21201, "No 'To' number is specified")
	case c.From == "":
		return http.StatusBadRequest, twilioError(http.StatusBadRequest, 21213, "No 'From' number is specified")
	case c.URL == "" && c.Twiml == "" && form.Get("ApplicationSid") == "":
		return http.StatusBadRequest, twilioError(http.StatusBadRequest, 21205, "Url parameter is required.")
	}
	c.Sid = s.sid("CA")
	s.calls = append(s.calls, c)
	return http.StatusCreated, s.callJSON(c)
}

func (s *Server) fetchCall(r *http.Request, _ url.Values) (int, any) {
	sid := strings.TrimSuffix(r.PathValue("sid"), ".json")
	for _, c := range s.calls {
		if c.Sid == sid {
			return http.StatusOK, s.callJSON(c)
		}
	}
	return http.StatusNotFound, twilioError(http.StatusNotFound, 20404, "The requested resource "+r.URL.Path+" was not found")
}

// rfc2822 is how Twilio writes times in JSON.
const rfc2822 = time.RFC1123Z

func (s *Server) messageJSON(m Message) map[string]any {
	uri := fmt.Sprintf("/2010-04-01/Accounts/%s/Messages/%s", s.AccountSid, m.Sid)
	segments, _ := survey.Segments(m.Body)
	var from, service, sent any
	if m.From != "" {
		from = m.From
	}
	if m.MessagingServiceSid != "" {
		service = m.MessagingServiceSid
	}
	if !m.Sent.IsZero() {
		sent = m.Sent.Format(rfc2822)
	}
	return map[string]any{
		"account_sid":           s.AccountSid,
		"api_version":           "2010-04-01",
		"body":                  m.Body,
		"date_created":          m.Created.Format(rfc2822),
		"date_sent":             sent,
		"date_updated":          m.Created.Format(rfc2822),
		"direction":             "outbound-api",
		"error_code":            nil,
		"error_message":         nil,
		"from":                  from,
		"messaging_service_sid": service,
		"num_media":             "0",
		"num_segments":          strconv.Itoa(segments),
		"price":                 nil,
		"price_unit":            "USD",
		"sid":                   m.Sid,
		"status":                m.Status,
		"subresource_uris":      map[string]any{"media": uri + "/Media.json", "feedback": uri + "/Feedback.json"},
		"to":                    m.To,
		"uri":                   uri + ".json",
	}
}

func (s *Server) callJSON(c Call) map[string]any {
	uri := fmt.Sprintf("/2010-04-01/Accounts/%s/Calls/%s", s.AccountSid, c.Sid)
	var started any
	if !c.Started.IsZero() {
		started = c.Started.Format(rfc2822)
	}
	return map[string]any{
		"account_sid":      s.AccountSid,
		"annotation":       nil,
		"answered_by":      nil,
		"api_version":      "2010-04-01",
		"caller_name":      nil,
		"date_created":     c.Created.Format(rfc2822),
		"date_updated":     c.Created.Format(rfc2822),
		"direction":        "outbound-api",
		"duration":         nil,
		"end_time":         nil,
		"forwarded_from":   nil,
		"from":             c.From,
		"from_formatted":   c.From,
		"group_sid":        nil,
		"parent_call_sid":  nil,
		"phone_number_sid": "PN" + strings.Repeat("0", 32),
		"price":            nil,
		"price_unit":       "USD",
		"queue_time":       "0",
		"sid":              c.Sid,
		"start_time":       started,
		"status":           c.Status,
		"subresource_uris": map[string]any{"notifications": uri + "/Notifications.json", "recordings": uri + "/Recordings.json"},
		"to":               c.To,
		"to_formatted":     c.To,
		"trunk_sid":        nil,
		"uri":              uri + ".json",
	}
}

// twilioError is the body of a Twilio API error, which twilio-go decodes
// into a *client.TwilioRestError.
func twilioError(status, code int, message string) map[string]any {
	return map[string]any{
		"code":      code,
		"message":   message,
		"more_info": fmt.Sprintf("https://www.twilio.com/docs/errors/%d", code),
		"status":    status,
	}
}

func writeError(w http.ResponseWriter, status, code int, message string) {
	writeJSON(w, status, twilioError(status, code, message))
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The client may have gone; nothing to do about it here.
	_ = json.NewEncoder(w).Encode(body)
}
