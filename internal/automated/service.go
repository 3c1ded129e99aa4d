// Package automated runs tamas's automated channels, SMS and voice
// surveys: it starts ladder steps, sends the stored messages and calls
// inside the rate limit and the calling window, reads what Twilio posts
// back, stores the responses, and moves an unanswered follow-up down its
// ladder or ends it unreachable. Conversation rules live in
// internal/survey, Twilio's API in internal/twilio, SQL in store.
package automated

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/branches"
	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/metrics"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/survey"
	"github.com/tamas-app/tamas/internal/surveylink"
	"github.com/tamas-app/tamas/internal/twilio"
	"github.com/tamas-app/tamas/internal/webhooks/outbox"
	"github.com/tamas-app/tamas/scripts"
)

// Service runs automated follow-ups: it starts ladder steps, sends the
// stored messages, and reads what Twilio posts back. Jobs and webhook
// handlers call it; each method is one or a few transactions.
type Service struct {
	pool     *pgxpool.Pool
	river    *river.Client[pgx.Tx]
	config   twilio.Config
	client   *twilio.Client
	now      func() time.Time
	location func(name string) (*time.Location, error)
	metrics  *metrics.Metrics
	links    func(ctx context.Context) (surveylink.Signer, error)
}

// Opts configures a Service.
type Opts struct {
	Pool *pgxpool.Pool
	// River inserts the jobs that act on what a transaction stores, in
	// that transaction; a client that only inserts will do.
	River  *river.Client[pgx.Tx]
	Config twilio.Config
	// Client talks to Twilio; nil when Twilio is not configured.
	Client *twilio.Client
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Location loads a time zone; nil means time.LoadLocation.
	Location func(name string) (*time.Location, error)
	// Metrics counts what Twilio answered to texts; nil counts nothing.
	Metrics *metrics.Metrics
	// Links signs the survey links of link steps (publicsurvey.Service.Signer).
	Links func(ctx context.Context) (surveylink.Signer, error)
}

// New is the automated channels' service.
func New(o Opts) *Service {
	s := &Service{
		pool: o.Pool, river: o.River, config: o.Config, client: o.Client,
		now: o.Now, location: o.Location, metrics: o.Metrics, links: o.Links,
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.location == nil {
		s.location = time.LoadLocation
	}
	return s
}

// Actor names the automated channels in events, attempts and responses.
const (
	ActorSMS   = "sms"
	ActorVoice = "voice"
	ActorLink  = "link"
)

// LinkTTL is how long a survey link can be opened. Answers are taken only
// while the follow-up is still on its link step, so it bounds how long a
// forwarded or leaked link is worth anything, not the survey itself.
const LinkTTL = 7 * 24 * time.Hour

// actorOf names channel's automated actor.
func actorOf(channel string) string {
	switch schedule.Channel(channel) {
	case schedule.ChannelVoice:
		return ActorVoice
	case schedule.ChannelLink:
		return ActorLink
	}
	return ActorSMS
}

func (s *Service) zone(name string) *time.Location {
	if loc, err := s.location(name); err == nil {
		return loc
	}
	return time.UTC
}

// followUp is a locked follow-up with its script, ready for a survey.
type followUp struct {
	store.TwilioFollowUpLockRow
	ladder    schedule.Ladder
	versionID int64
	version   scripts.Version
}

func (s *Service) lockFollowUp(ctx context.Context, tx pgx.Tx, id int64) (followUp, error) {
	q := store.New()
	r, err := q.TwilioFollowUpLock(ctx, tx, id)
	if err != nil {
		return followUp{}, fmt.Errorf("reading follow-up %d: %w", id, err)
	}
	f := followUp{TwilioFollowUpLockRow: r}
	if err := json.Unmarshal(r.Ladder, &f.ladder); err != nil || len(f.ladder) == 0 {
		f.ladder = schedule.SingleStep(schedule.Channel(r.Channel))
	}
	return f, nil
}

// loadScript reads the version fixed when the follow-up was scheduled, or
// the current one for a follow-up scheduled before any was published.
func (f *followUp) loadScript(ctx context.Context, db store.DBTX) error {
	q := store.New()
	var body []byte
	if f.ScriptVersionID != nil {
		sv, err := q.ScriptVersionGet(ctx, db, *f.ScriptVersionID)
		if err != nil {
			return fmt.Errorf("reading script version %d: %w", *f.ScriptVersionID, err)
		}
		f.versionID, body = sv.ID, sv.Body
	} else {
		sv, err := q.ScriptVersionCurrent(ctx, db, store.ScriptVersionCurrentParams{Name: f.ScriptName, Locale: f.Locale})
		if err != nil {
			return fmt.Errorf("reading script %q: %w", f.ScriptName, err)
		}
		f.versionID, body = sv.ID, sv.Body
	}
	if err := json.Unmarshal(body, &f.version); err != nil {
		return fmt.Errorf("decoding script version %d: %w", f.versionID, err)
	}
	return nil
}

// values fill the script's placeholders, in the script's language: the
// branch by its name in that language, not the spelling the sale came
// with; an automated survey speaks for the organisation, so {agent} is
// the application's name.
func (f *followUp) values() map[string]string {
	product := f.ProductName
	if product == "" {
		product = f.ProductSku
	}
	lang := i18n.Parse(f.version.Locale)
	return map[string]string{
		"customer": f.CustomerName, "product": product,
		"branch": branches.Name(lang, store.Branch{Code: f.Branch, NameEn: f.BranchNameEn, NameFa: f.BranchNameFa}),
		"agent":  i18n.T(lang, "app.name"),
	}
}

func (f *followUp) sms() survey.SMS { return survey.SMS{Version: f.version, Values: f.values()} }

// linkText is the text of f's link step, in its script's language, with a
// link that expires after LinkTTL.
func (s *Service) linkText(ctx context.Context, f followUp) (string, error) {
	if s.links == nil {
		return "", errors.New("a link step needs the survey link signer")
	}
	signer, err := s.links(ctx)
	if err != nil {
		return "", err
	}
	link := s.config.URL("/s/" + signer.Link(f.ID, s.now().Add(LinkTTL)))
	return survey.LinkText(i18n.Parse(f.version.Locale), survey.FirstName(f.CustomerName), link), nil
}

// StartStep starts step of a follow-up's ladder. It does nothing when the
// follow-up moved on (answered, cancelled, or already on another step) or
// when the step was started already: the job may run twice. An SMS survey
// waits (snoozes) while another survey of the customer's is open.
func (s *Service) StartStep(ctx context.Context, id int64, step int) error {
	if !s.config.Configured() {
		return s.followUpToAgents(ctx, id)
	}
	q := store.New()
	busy := false
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		f, err := s.lockFollowUp(ctx, tx, id)
		if err != nil {
			return err
		}
		if f.State != "due" || int(f.LadderStep) != step || f.SurveyState != nil {
			return nil
		}
		if f.CancelledAt != nil || f.OptedOutAt != nil {
			// The due job checks both; this covers a change since.
			return nil
		}
		switch schedule.Channel(f.Channel) {
		case schedule.ChannelSMS:
			// Replies go to the customer's open survey: a second one at the
			// same time would take the answers meant for the first.
			open, err := q.TwilioSMSConversation(ctx, tx, f.CustomerID)
			if err == nil && open != id {
				busy = true
				return nil
			}
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("finding the customer's open survey: %w", err)
			}
			if err := f.loadScript(ctx, tx); err != nil {
				return err
			}
			texts, err := q.RuleSMSTextsOfFollowUp(ctx, tx, id)
			if err != nil {
				return fmt.Errorf("reading the rule's SMS texts: %w", err)
			}
			c := f.sms()
			c.Opening = survey.DecodeOpenings(texts).OpeningFor(f.version.Locale)
			first := c.Start()
			st, err := json.Marshal(first.State)
			if err != nil {
				return err
			}
			if err := q.FollowUpSetSurveyState(ctx, tx, store.FollowUpSetSurveyStateParams{ID: id, SurveyState: st}); err != nil {
				return fmt.Errorf("storing survey state: %w", err)
			}
			if err := s.queueMessage(ctx, tx, &id, &f.LadderStep, f.CustomerID, f.Phone, "survey", first.Message); err != nil {
				return err
			}
		case schedule.ChannelLink:
			if err := f.loadScript(ctx, tx); err != nil {
				return err
			}
			body, err := s.linkText(ctx, f)
			if err != nil {
				return err
			}
			// Marks the step started, as a survey's state does, so a
			// second run of this job sends no second link.
			if err := q.FollowUpSetSurveyState(ctx, tx, store.FollowUpSetSurveyStateParams{ID: id, SurveyState: []byte(`{"next": 0}`)}); err != nil {
				return fmt.Errorf("storing survey state: %w", err)
			}
			if err := s.queueMessage(ctx, tx, &id, &f.LadderStep, f.CustomerID, f.Phone, "survey", body); err != nil {
				return err
			}
		case schedule.ChannelVoice:
			// The keypad answers gather in the same state as an SMS survey's.
			if err := q.FollowUpSetSurveyState(ctx, tx, store.FollowUpSetSurveyStateParams{ID: id, SurveyState: []byte(`{"next": 0}`)}); err != nil {
				return fmt.Errorf("storing survey state: %w", err)
			}
			if err := s.queueCall(ctx, tx, id, f.Phone, time.Time{}); err != nil {
				return err
			}
		default:
			return nil
		}
		// An SMS or link step's wait starts when its first text is sent
		// (Service.sent), not now: the text may wait for the calling window.
		if _, ok := f.ladder.Next(step); ok && schedule.Channel(f.Channel) == schedule.ChannelVoice {
			wait := f.ladder[step].Wait()
			if _, err := s.river.InsertTx(ctx, tx, LadderNextArgs{FollowUpID: id, Step: step},
				&river.InsertOpts{ScheduledAt: s.now().Add(wait)}); err != nil {
				return fmt.Errorf("scheduling the next channel: %w", err)
			}
		}
		return nil
	})
	if err == nil && busy {
		return river.JobSnooze(quiet)
	}
	return err
}

// queueMessage records the intent to send body and inserts the job that
// sends it, in tx: nothing is sent unless tx commits. step is the ladder
// step a survey text belongs to.
func (s *Service) queueMessage(ctx context.Context, tx pgx.Tx, followUpID *int64, step *int32, customerID int64, to, kind, body string) error {
	if body == "" {
		return nil
	}
	from := s.config.From
	if s.config.MessagingServiceSID != "" {
		from = s.config.MessagingServiceSID
	}
	cid := customerID
	id, err := store.New().TwilioMessageInsertOutbound(ctx, tx, store.TwilioMessageInsertOutboundParams{
		FollowUpID: followUpID, CustomerID: &cid, Kind: kind, LadderStep: step, ToNumber: to, FromNumber: from, Body: body,
	})
	if err != nil {
		return fmt.Errorf("recording message: %w", err)
	}
	if _, err := s.river.InsertTx(ctx, tx, SMSSendArgs{MessageID: id}, nil); err != nil {
		return fmt.Errorf("queueing message %d: %w", id, err)
	}
	return nil
}

// Advance runs when step's wait is over. A customer still answering (see
// quiet) snoozes it. A follow-up still on that step went unanswered: the attempt is recorded and the next step starts (the
// agent queue takes an agent step at once), or, after the last step, the
// customer is unreachable.
func (s *Service) Advance(ctx context.Context, id int64, step int) error {
	if !s.config.Configured() {
		return s.followUpToAgents(ctx, id)
	}
	q := store.New()
	busy := false
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		f, err := s.lockFollowUp(ctx, tx, id)
		if err != nil {
			return err
		}
		if f.State != "due" || int(f.LadderStep) != step {
			return nil
		}
		busy, err = q.TwilioFollowUpInConversation(ctx, tx, store.TwilioFollowUpInConversationParams{
			ID: id, QuietMinutes: int32(quiet / time.Minute),
		})
		if err != nil || busy {
			return err
		}
		actor := actorOf(f.Channel)
		if err := q.AttemptInsert(ctx, tx, store.AttemptInsertParams{
			FollowUpID: id, Channel: f.Channel, Actor: actor, Disposition: f.Channel + "_no_answer",
		}); err != nil {
			return fmt.Errorf("recording attempt: %w", err)
		}
		return s.moveOn(ctx, tx, f, step, actor, f.Channel+"_no_answer")
	})
	if err == nil && busy {
		return river.JobSnooze(quiet)
	}
	return err
}

// quiet is how long a customer's silence ends a conversation: a step does
// not move on while they are answering, whether by text or on a call.
const quiet = 30 * time.Minute

// giveUp moves follow-up id on at once when its request on channel failed
// for good (a number Twilio refuses): waiting out the step would change
// nothing. A ladder has each channel once, so channel names the step.
func (s *Service) giveUp(ctx context.Context, tx pgx.Tx, id int64, channel, actor string) error {
	f, err := s.lockFollowUp(ctx, tx, id)
	if err != nil {
		return err
	}
	if f.State != "due" || f.Channel != channel {
		return nil
	}
	disposition := channel + "_failed"
	if err := store.New().AttemptInsert(ctx, tx, store.AttemptInsertParams{
		FollowUpID: id, Channel: channel, Actor: actor, Disposition: disposition,
	}); err != nil {
		return fmt.Errorf("recording attempt: %w", err)
	}
	return s.moveOn(ctx, tx, f, int(f.LadderStep), actor, disposition)
}

// moveOn moves follow-up f, unanswered on step, to the next step of its
// ladder, or ends it unreachable after the last.
func (s *Service) moveOn(ctx context.Context, tx pgx.Tx, f followUp, step int, actor, disposition string) error {
	q := store.New()
	id := f.ID
	if err := s.keepPartial(ctx, tx, f, step); err != nil {
		return err
	}
	next, ok := f.ladder.Next(step)
	if !ok {
		n, err := q.FollowUpEndAutomated(ctx, tx, store.FollowUpEndAutomatedParams{
			ToState: "unreachable", ID: id, Step: int32(step), Actor: actor,
		})
		if err != nil || n == 0 {
			return err
		}
		_, err = outbox.FollowUpUnreachable(ctx, tx, s.river, id, disposition, s.now())
		return err
	}
	n, err := q.FollowUpNextStep(ctx, tx, store.FollowUpNextStepParams{
		ToStep: int32(step + 1), Channel: string(next.Channel), DueAt: s.now(), ID: id, FromStep: int32(step), Actor: actor,
	})
	if err != nil || n == 0 {
		return err
	}
	if next.Channel == schedule.ChannelAgent {
		return nil
	}
	_, err = s.river.InsertTx(ctx, tx, due.StepArgs{FollowUpID: id, Step: step + 1}, nil)
	return err
}

// keepPartial stores the answers of f's survey, begun on step and left
// unfinished, as a partial response: moving on clears the survey state,
// and what the customer said must not go with it.
func (s *Service) keepPartial(ctx context.Context, tx pgx.Tx, f followUp, step int) error {
	if f.SurveyState == nil {
		return nil
	}
	var st survey.State
	if err := json.Unmarshal(f.SurveyState, &st); err != nil || len(st.Answers) == 0 {
		return nil
	}
	if err := f.loadScript(ctx, tx); err != nil {
		return err
	}
	answers, err := json.Marshal(st.Answers)
	if err != nil {
		return err
	}
	if err := store.New().PartialResponseInsert(ctx, tx, store.PartialResponseInsertParams{
		FollowUpID: f.ID, LadderStep: int32(step), Channel: f.Channel, ScriptVersionID: f.versionID, Answers: answers,
	}); err != nil {
		return fmt.Errorf("keeping the partial response of follow-up %d: %w", f.ID, err)
	}
	return nil
}

// untilCallable is a job's answer outside the calling window: a snooze
// until the window opens, or a cancel when the calendar never opens.
func untilCallable(cal schedule.Calendar, now time.Time, loc *time.Location) error {
	if next := cal.NextCallable(now, loc); !next.IsZero() {
		return river.JobSnooze(next.Sub(now))
	}
	return river.JobCancel(errors.New("the calendar has no callable time"))
}

// resumeSending is what to do with a request an earlier attempt left
// "sending" ageSeconds ago: wait until lookupDelay has passed, then look it
// up at Twilio rather than send it a second time.
func resumeSending(ageSeconds float64) (snooze error, lookUp bool) {
	if age := time.Duration(ageSeconds * float64(time.Second)); age < lookupDelay {
		return river.JobSnooze(lookupDelay - age), false
	}
	return nil, true
}
