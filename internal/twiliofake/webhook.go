package twiliofake

import (
	"net/url"
	"strconv"
)

// The parameters Twilio posts to an application's webhooks, with the
// fields tamas reads and the ones that make a request look like Twilio's.
// Sign them with SignedRequest.

// InboundSMS is what Twilio posts when a customer texts the sender. Each
// call makes a new MessageSid, as each text has; resend the same values to
// imitate Twilio retrying a webhook.
func (s *Server) InboundSMS(from, to, body string) url.Values {
	s.mu.Lock()
	sid := s.sid("SM")
	s.mu.Unlock()
	return url.Values{
		"AccountSid":    {s.AccountSid},
		"ApiVersion":    {"2010-04-01"},
		"Body":          {body},
		"From":          {from},
		"MessageSid":    {sid},
		"NumMedia":      {"0"},
		"NumSegments":   {"1"},
		"SmsMessageSid": {sid},
		"SmsSid":        {sid},
		"SmsStatus":     {"received"},
		"To":            {to},
	}
}

// MessageStatus is a message status callback (queued, sent, delivered,
// undelivered, failed).
func (s *Server) MessageStatus(m Message, status string) url.Values {
	return url.Values{
		"AccountSid":    {s.AccountSid},
		"ApiVersion":    {"2010-04-01"},
		"From":          {m.From},
		"MessageSid":    {m.Sid},
		"MessageStatus": {status},
		"SmsSid":        {m.Sid},
		"SmsStatus":     {status},
		"To":            {m.To},
	}
}

// Gather is what Twilio posts to a Gather's action URL; digits is empty
// when the caller pressed nothing and actionOnEmptyResult is set.
func (s *Server) Gather(c Call, digits string) url.Values {
	v := s.callParams(c, "in-progress")
	v.Set("Digits", digits)
	v.Set("FinishedOnKey", "")
	return v
}

// CallStatus is a call status callback (initiated, ringing, answered,
// completed, busy, no-answer, failed, canceled); duration is in seconds.
func (s *Server) CallStatus(c Call, status string, duration int) url.Values {
	v := s.callParams(c, status)
	if status == "completed" {
		v.Set("CallDuration", strconv.Itoa(duration))
	}
	return v
}

func (s *Server) callParams(c Call, status string) url.Values {
	return url.Values{
		"AccountSid": {s.AccountSid},
		"ApiVersion": {"2010-04-01"},
		"CallSid":    {c.Sid},
		"CallStatus": {status},
		"Called":     {c.To},
		"Caller":     {c.From},
		"Direction":  {"outbound-api"},
		"From":       {c.From},
		"To":         {c.To},
	}
}
