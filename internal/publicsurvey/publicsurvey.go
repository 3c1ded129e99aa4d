// Package publicsurvey is the service behind the public survey pages
// (docs/survey-links.md): the page a link step's text leads to, and the
// page a branch's satisfaction card leads to. Both answer through
// internal/responses, under channels link and card, so issues, webhooks
// and reports treat them as every other answer. Nobody signs in: a signed
// token names the follow-up or the branch.
package publicsurvey

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/responses"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/internal/survey"
	"github.com/tamas-app/tamas/internal/surveylink"
	"github.com/tamas-app/tamas/scripts"
)

// Actors of the answers stored here, in attempts, events and responses.
const (
	ActorLink = "link"
	ActorCard = "card"
)

// Service reads and answers the public survey pages.
type Service struct {
	pool   *pgxpool.Pool
	river  *river.Client[pgx.Tx]
	now    func() time.Time
	secret []byte
	// cardLimit is Opts.CardAnswersPerWindow.
	cardLimit int

	mu     sync.Mutex
	signer *surveylink.Signer
}

// Opts configures a Service.
type Opts struct {
	Pool  *pgxpool.Pool
	River *river.Client[pgx.Tx]
	// Secret signs the tokens (TAMAS_LINK_SECRET); empty uses the key
	// stored in the database.
	Secret []byte
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// CardAnswersPerWindow is how many answer sets one client may send on
	// branch cards in a CardWindow (TAMAS_CARD_ANSWERS_PER_HOUR): a card
	// is answered without signing in.
	CardAnswersPerWindow int
}

// New is the public survey pages' service.
func New(o Opts) *Service {
	s := &Service{pool: o.Pool, river: o.River, now: o.Now, secret: o.Secret, cardLimit: o.CardAnswersPerWindow}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// Signer is the signer of survey and card tokens: the configured secret,
// else the database's key, read once.
func (s *Service) Signer(ctx context.Context) (surveylink.Signer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.signer != nil {
		return *s.signer, nil
	}
	key := s.secret
	if len(key) == 0 {
		var err error
		if key, err = store.New().SurveyLinkKey(ctx, s.pool); err != nil {
			return surveylink.Signer{}, fmt.Errorf("reading the survey link key: %w", err)
		}
	}
	signer, err := surveylink.New(key)
	if err != nil {
		return surveylink.Signer{}, err
	}
	s.signer = &signer
	return signer, nil
}

// Status is what a survey page can do.
type Status string

const (
	Open     Status = "open"     // asks its questions
	Answered Status = "answered" // answered already: nothing more is taken
	Expired  Status = "expired"  // a link past its expiry
	Closed   Status = "closed"   // the follow-up moved on to another channel or ended
	Thanked  Status = "thanked"  // the answers just sent were stored
)

// ErrUnknown is a token that names nothing: forged, mistyped, or of a
// branch that no longer exists.
var ErrUnknown = errors.New("survey page not found")

// Survey is what a survey page shows. It holds no customer data beyond a
// first name.
type Survey struct {
	Status    Status
	Lang      i18n.Lang
	FirstName string
	Version   scripts.Version
	// Branch names the card's branch in both languages.
	BranchEn, BranchFa string
}

// Link is the survey of a link token.
func (s *Service) Link(ctx context.Context, token string) (Survey, error) {
	id, expired, err := s.readLink(ctx, token)
	if err != nil {
		return Survey{}, err
	}
	q := store.New()
	f, err := q.SurveyLinkFollowUp(ctx, s.pool, id)
	if errors.Is(err, store.ErrNotFound) {
		return Survey{}, ErrUnknown
	}
	if err != nil {
		return Survey{}, fmt.Errorf("reading follow-up %d: %w", id, err)
	}
	_, v, err := version(ctx, s.pool, f.ScriptVersionID, f.ScriptName, f.Locale)
	if err != nil {
		return Survey{}, err
	}
	out := Survey{Status: linkStatus(f.Answered, f.State, f.Channel, expired), Lang: i18n.Parse(v.Locale), FirstName: survey.FirstName(f.CustomerName), Version: v}
	return out, nil
}

// AnswerLink stores the answers (question key → value as typed) of a link
// token's survey, once. Bad answers return the survey with the problems
// (invalid.Problems) and store nothing; a link answered, closed or expired
// returns its status and stores nothing.
func (s *Service) AnswerLink(ctx context.Context, token string, raw map[string]string) (Survey, error) {
	id, expired, err := s.readLink(ctx, token)
	if err != nil {
		return Survey{}, err
	}
	q := store.New()
	var out Survey
	err = store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		// Locked, so a double submit waits and then finds it answered.
		f, err := q.TwilioFollowUpLock(ctx, tx, id)
		if errors.Is(err, store.ErrNotFound) {
			return ErrUnknown
		}
		if err != nil {
			return fmt.Errorf("reading follow-up %d: %w", id, err)
		}
		vid, v, err := version(ctx, tx, f.ScriptVersionID, f.ScriptName, f.Locale)
		if err != nil {
			return err
		}
		answered, err := q.SurveyLinkFollowUp(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("reading follow-up %d: %w", id, err)
		}
		out = Survey{Status: linkStatus(answered.Answered, f.State, f.Channel, expired), Lang: i18n.Parse(v.Locale),
			FirstName: survey.FirstName(f.CustomerName), Version: v}
		if out.Status != Open {
			return nil
		}
		answers, probs := v.ParseAnswers(raw)
		if len(probs) > 0 {
			return probs
		}
		n, err := q.FollowUpEndAutomated(ctx, tx, store.FollowUpEndAutomatedParams{
			ToState: "completed", ID: id, Step: f.LadderStep, Actor: ActorLink,
		})
		if err != nil {
			return fmt.Errorf("completing follow-up %d: %w", id, err)
		}
		if n == 0 {
			out.Status = Closed
			return nil
		}
		if err := q.AttemptInsert(ctx, tx, store.AttemptInsertParams{
			FollowUpID: id, Channel: string(schedule.ChannelLink), Actor: ActorLink, Disposition: "link_completed",
		}); err != nil {
			return fmt.Errorf("recording attempt: %w", err)
		}
		if _, err := responses.Store(ctx, tx, s.river, responses.Response{
			FollowUpID: id, SaleID: f.SaleID, CustomerID: f.CustomerID, ScriptVersionID: vid,
			Version: v, Answers: answers, Channel: string(schedule.ChannelLink), CapturedBy: ActorLink,
		}, s.now()); err != nil {
			return err
		}
		out.Status = Thanked
		return nil
	})
	return out, err
}

// readLink reads token: its follow-up, and whether it expired.
func (s *Service) readLink(ctx context.Context, token string) (int64, bool, error) {
	signer, err := s.Signer(ctx)
	if err != nil {
		return 0, false, err
	}
	id, err := signer.ReadLink(token, s.now())
	switch {
	case errors.Is(err, surveylink.ErrExpired):
		return id, true, nil
	case err != nil:
		return 0, false, ErrUnknown
	}
	return id, false, nil
}

// linkStatus is what a link page can do: answers are taken once, and only
// while the follow-up waits on its link step, so a customer an agent is
// about to call is not asked twice.
func linkStatus(answered bool, state, channel string, expired bool) Status {
	switch {
	case answered:
		return Answered
	case expired:
		return Expired
	case state != "due" || channel != string(schedule.ChannelLink):
		return Closed
	}
	return Open
}

// version is the script version fixed for a follow-up, or the current one
// of its script in locale when none was.
func version(ctx context.Context, db store.DBTX, fixed *int64, name, locale string) (int64, scripts.Version, error) {
	q := store.New()
	var (
		id   int64
		body []byte
	)
	if fixed != nil {
		sv, err := q.ScriptVersionGet(ctx, db, *fixed)
		if err != nil {
			return 0, scripts.Version{}, fmt.Errorf("reading script version %d: %w", *fixed, err)
		}
		id, body = sv.ID, sv.Body
	} else {
		sv, err := q.ScriptVersionCurrent(ctx, db, store.ScriptVersionCurrentParams{Name: name, Locale: locale})
		if err != nil {
			return 0, scripts.Version{}, fmt.Errorf("reading script %q: %w", name, err)
		}
		id, body = sv.ID, sv.Body
	}
	var v scripts.Version
	if err := json.Unmarshal(body, &v); err != nil {
		return 0, scripts.Version{}, fmt.Errorf("decoding script version %d: %w", id, err)
	}
	return id, v, nil
}

// Card is the survey of a card token, in lang: the default rule's script,
// which is what the branch's customers are asked after a sale.
func (s *Service) Card(ctx context.Context, token string, lang i18n.Lang) (Survey, error) {
	out, _, _, _, err := s.card(ctx, s.pool, token, lang)
	return out, err
}

func (s *Service) card(ctx context.Context, db store.DBTX, token string, lang i18n.Lang) (Survey, store.Branch, string, int64, error) {
	signer, err := s.Signer(ctx)
	if err != nil {
		return Survey{}, store.Branch{}, "", 0, err
	}
	id, err := signer.ReadCard(token)
	if err != nil {
		return Survey{}, store.Branch{}, "", 0, ErrUnknown
	}
	q := store.New()
	b, err := q.BranchGet(ctx, db, id)
	if errors.Is(err, store.ErrNotFound) {
		return Survey{}, store.Branch{}, "", 0, ErrUnknown
	}
	if err != nil {
		return Survey{}, store.Branch{}, "", 0, fmt.Errorf("reading branch %d: %w", id, err)
	}
	name, err := q.RuleDefaultScript(ctx, db)
	if err != nil {
		return Survey{}, store.Branch{}, "", 0, fmt.Errorf("reading the default rule: %w", err)
	}
	vid, v, err := version(ctx, db, nil, name, lang.String())
	if err != nil {
		return Survey{}, store.Branch{}, "", 0, err
	}
	return Survey{Status: Open, Lang: lang, Version: v, BranchEn: b.NameEn, BranchFa: b.NameFa}, b, name, vid, nil
}

// maxReceipt bounds a receipt number: external ids are short.
const maxReceipt = 100

// CardWindow is how long a card answer counts against its client
// (Opts.CardAnswersPerWindow). Rows of card_answers older than it are
// kept, as the answers' record of where they came from.
const CardWindow = time.Hour

// TooManyError is AnswerCard's answer to a client that sent
// Opts.CardAnswersPerWindow answer sets in the last CardWindow.
type TooManyError struct {
	// RetryAfter is how long until the client's earliest counted answer
	// leaves the window.
	RetryAfter time.Duration
}

func (e *TooManyError) Error() string {
	return fmt.Sprintf("too many card answers from one client; retry in %s", e.RetryAfter)
}

// AnswerCard stores a walk-in customer's answers on a branch's card. A
// receipt number ties them to that sale of the branch, once; without one
// they belong to the branch's walk-in customer (migration 00029). Bad
// answers or a receipt that is unknown or already answered return the
// problems and store nothing. client names who sent them (auth.ClientKey):
// past the limit, AnswerCard returns a *TooManyError and stores nothing.
func (s *Service) AnswerCard(ctx context.Context, token string, lang i18n.Lang, client, receipt string, raw map[string]string) (Survey, error) {
	q := store.New()
	var out Survey
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		sv, b, scriptName, vid, err := s.card(ctx, tx, token, lang)
		if err != nil {
			return err
		}
		out = sv
		answers, probs := sv.Version.ParseAnswers(raw)
		receipt = strings.TrimSpace(i18n.ASCIIDigits(receipt))
		if receipt != "" && !validReceipt(receipt) {
			probs = append(probs, invalid.Problem{Field: "receipt", Code: "card.receipt_text"})
		}
		var sale store.CardSaleByReceiptRow
		if receipt != "" && len(probs) == 0 {
			sale, err = q.CardSaleByReceipt(ctx, tx, store.CardSaleByReceiptParams{BranchID: &b.ID, Receipt: receipt})
			if errors.Is(err, store.ErrNotFound) {
				probs = append(probs, invalid.Problem{Field: "receipt", Code: "card.receipt_unknown"})
			} else if err != nil {
				return fmt.Errorf("finding receipt %q: %w", receipt, err)
			} else if answered, err := q.CardReceiptAnswered(ctx, tx, sale.ID); err != nil {
				return fmt.Errorf("reading receipt %q's card answers: %w", receipt, err)
			} else if answered {
				probs = append(probs, invalid.Problem{Field: "receipt", Code: "card.receipt_answered"})
			}
		}
		if len(probs) > 0 {
			return probs
		}
		signer, err := s.Signer(ctx)
		if err != nil {
			return err
		}
		who, now := signer.Client(client), s.now()
		if err := s.admitCardAnswer(ctx, tx, who, now); err != nil {
			return err
		}
		if receipt == "" {
			w, err := q.CardWalkInSale(ctx, tx, store.CardWalkInSaleParams{
				BranchID: b.ID, BranchCode: b.Code, Name: walkInName, Locale: lang.String(),
			})
			if err != nil {
				return fmt.Errorf("making branch %d's walk-in sale: %w", b.ID, err)
			}
			sale = store.CardSaleByReceiptRow(w)
		}
		fid, err := q.CardFollowUpInsert(ctx, tx, store.CardFollowUpInsertParams{
			SaleID: sale.ID, CustomerID: sale.CustomerID, ScriptName: scriptName, ScriptVersionID: &vid,
		})
		if err != nil {
			return fmt.Errorf("storing the card's follow-up: %w", err)
		}
		if _, err := responses.Store(ctx, tx, s.river, responses.Response{
			FollowUpID: fid, SaleID: sale.ID, CustomerID: sale.CustomerID, ScriptVersionID: vid,
			Version: sv.Version, Answers: answers, Channel: string(schedule.ChannelCard), CapturedBy: ActorCard,
		}, now); err != nil {
			return err
		}
		if err := q.CardAnswerInsert(ctx, tx, store.CardAnswerInsertParams{FollowUpID: fid, Client: who, AnsweredAt: now}); err != nil {
			return fmt.Errorf("recording who sent card answer %d: %w", fid, err)
		}
		out.Status = Thanked
		return nil
	})
	return out, err
}

// admitCardAnswer counts the card answers client sent in the last
// CardWindow, one request of that client at a time.
func (s *Service) admitCardAnswer(ctx context.Context, tx pgx.Tx, client []byte, now time.Time) error {
	q := store.New()
	if err := q.CardClientLock(ctx, tx, client); err != nil {
		return fmt.Errorf("locking a client's card answers: %w", err)
	}
	sent, err := q.CardClientAnswers(ctx, tx, store.CardClientAnswersParams{Client: client, Since: now.Add(-CardWindow)})
	if err != nil {
		return fmt.Errorf("counting a client's card answers: %w", err)
	}
	if int(sent.Answers) < s.cardLimit {
		return nil
	}
	return &TooManyError{RetryAfter: max(sent.FirstAnswer.Add(CardWindow).Sub(now), time.Second)}
}

// walkInName names every branch's walk-in customer, in both languages:
// staff of either read it on the service desk.
var walkInName = i18n.T(i18n.EN, "walk_in.name") + " / " + i18n.T(i18n.FA, "walk_in.name")

// validReceipt accepts what receipt numbers are made of.
func validReceipt(s string) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > maxReceipt {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !strings.ContainsRune("-_/.#", r) {
			return false
		}
	}
	return true
}

// CardToken is the token printed on branch id's card, with the branch.
func (s *Service) CardToken(ctx context.Context, id int64) (string, store.Branch, error) {
	b, err := store.New().BranchGet(ctx, s.pool, id)
	if err != nil {
		return "", store.Branch{}, fmt.Errorf("reading branch %d: %w", id, err)
	}
	signer, err := s.Signer(ctx)
	if err != nil {
		return "", store.Branch{}, err
	}
	return signer.Card(id), b, nil
}
