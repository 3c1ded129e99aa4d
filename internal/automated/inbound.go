package automated

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/responses"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/survey"
)

// InboundSMS handles a text a customer sent, as Twilio posted it (signature
// already checked). Everything happens in one transaction: the text is
// stored, unique on its MessageSid (a retried webhook changes nothing),
// the customer's SMS survey moves on, the answer or the response is
// stored, and the reply is queued for the sending job, which keeps the
// rate limit and never sends twice.
func (s *Service) InboundSMS(ctx context.Context, form url.Values) error {
	q := store.New()
	sid, from, body := form.Get("MessageSid"), form.Get("From"), form.Get("Body")
	if sid == "" || from == "" {
		return fmt.Errorf("inbound SMS without MessageSid or From")
	}
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		var customerID *int64
		c, err := q.CustomerGetByPhone(ctx, tx, from)
		switch {
		case err == nil:
			customerID = &c.ID
		case !errors.Is(err, store.ErrNotFound):
			return fmt.Errorf("finding the customer: %w", err)
		}
		inID, err := q.TwilioMessageInsertInbound(ctx, tx, store.TwilioMessageInsertInboundParams{
			CustomerID: customerID, ToNumber: form.Get("To"), FromNumber: from, Body: body, Sid: &sid,
		})
		if errors.Is(err, store.ErrNotFound) {
			return nil // a retried webhook: handled the first time
		}
		if err != nil {
			return fmt.Errorf("storing inbound text: %w", err)
		}
		if customerID == nil {
			return nil
		}
		fid, err := q.TwilioSMSConversation(ctx, tx, c.ID)
		if errors.Is(err, store.ErrNotFound) {
			return s.keywordOnly(ctx, tx, c, body)
		}
		if err != nil {
			return fmt.Errorf("finding the customer's SMS survey: %w", err)
		}
		if err := q.TwilioMessageSetFollowUp(ctx, tx, store.TwilioMessageSetFollowUpParams{ID: inID, FollowUpID: &fid}); err != nil {
			return err
		}
		return s.reply(ctx, tx, fid, body)
	})
}

// keywordOnly answers a text from a customer with no survey running: only
// STOP and START mean anything then.
func (s *Service) keywordOnly(ctx context.Context, tx pgx.Tx, c store.CustomerGetByPhoneRow, body string) error {
	q := store.New()
	l := i18n.Parse(c.Locale)
	switch {
	case survey.IsOptOut(body):
		if err := responses.OptOut(ctx, tx, s.river, c.ID, nil, ActorSMS, s.now()); err != nil {
			return err
		}
		return s.queueMessage(ctx, tx, nil, nil, c.ID, s.phoneOf(ctx, tx, c.ID), "notice", i18n.T(l, "survey.sms.opted_out"))
	case c.OptedOutAt != nil && survey.IsOptIn(body, true):
		if err := q.CustomerOptIn(ctx, tx, c.ID); err != nil {
			return fmt.Errorf("opting in: %w", err)
		}
		return s.queueMessage(ctx, tx, nil, nil, c.ID, s.phoneOf(ctx, tx, c.ID), "notice", i18n.T(l, "survey.sms.opted_in"))
	}
	return nil
}

func (s *Service) phoneOf(ctx context.Context, tx pgx.Tx, customerID int64) string {
	c, err := store.New().WebhookCustomer(ctx, tx, customerID)
	if err != nil {
		return ""
	}
	return c.Phone
}

// reply runs one text through follow-up fid's SMS survey.
func (s *Service) reply(ctx context.Context, tx pgx.Tx, fid int64, body string) error {
	q := store.New()
	f, err := s.lockFollowUp(ctx, tx, fid)
	if err != nil {
		return err
	}
	if f.State != "due" || f.Channel != "sms" || f.SurveyState == nil {
		return nil
	}
	var st survey.State
	if err := json.Unmarshal(f.SurveyState, &st); err != nil {
		return fmt.Errorf("decoding survey state of follow-up %d: %w", fid, err)
	}
	if err := f.loadScript(ctx, tx); err != nil {
		return err
	}
	step := f.sms().Reply(st, body)
	kind := "survey"
	switch step.Kind {
	case survey.Ignored:
		return nil
	case survey.Completed:
		kind = "closing"
		n, err := q.FollowUpEndAutomated(ctx, tx, store.FollowUpEndAutomatedParams{
			ToState: "completed", ID: fid, Step: f.LadderStep, Actor: ActorSMS,
		})
		if err != nil {
			return fmt.Errorf("completing follow-up %d: %w", fid, err)
		}
		if n == 0 {
			return nil
		}
		if err := q.AttemptInsert(ctx, tx, store.AttemptInsertParams{
			FollowUpID: fid, Channel: "sms", Actor: ActorSMS, Disposition: "sms_completed",
		}); err != nil {
			return fmt.Errorf("recording attempt: %w", err)
		}
		if _, err := responses.Store(ctx, tx, s.river, responses.Response{
			FollowUpID: fid, SaleID: f.SaleID, CustomerID: f.CustomerID, ScriptVersionID: f.versionID,
			Version: f.version, Answers: step.State.Answers, Channel: "sms", CapturedBy: ActorSMS,
		}, s.now()); err != nil {
			return err
		}
	case survey.OptedOut:
		if err := q.AttemptInsert(ctx, tx, store.AttemptInsertParams{
			FollowUpID: fid, Channel: "sms", Actor: ActorSMS, Disposition: "do_not_contact",
		}); err != nil {
			return fmt.Errorf("recording attempt: %w", err)
		}
		if err := responses.OptOut(ctx, tx, s.river, f.CustomerID, &fid, ActorSMS, s.now()); err != nil {
			return err
		}
		kind = "notice"
	default:
		st, err := json.Marshal(step.State)
		if err != nil {
			return err
		}
		if err := q.FollowUpSetSurveyState(ctx, tx, store.FollowUpSetSurveyStateParams{ID: fid, SurveyState: st}); err != nil {
			return fmt.Errorf("storing survey state: %w", err)
		}
	}
	return s.queueMessage(ctx, tx, &fid, &f.LadderStep, f.CustomerID, f.Phone, kind, step.Message)
}

// MessageStatus records a status callback for message id (the callback
// URL names it). Statuses move forward only, so a retried or late callback
// changes nothing.
func (s *Service) MessageStatus(ctx context.Context, id string, form url.Values) error {
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		return nil // not a URL tamas gave Twilio; nothing to update
	}
	status := form.Get("MessageStatus")
	if status == "" {
		status = form.Get("SmsStatus")
	}
	_, err = store.New().TwilioMessageStatus(ctx, s.pool, store.TwilioMessageStatusParams{
		ID: n, Status: status, Sid: form.Get("MessageSid"),
	})
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	return err
}
