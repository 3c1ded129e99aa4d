// Package console is the agent console's work: the queue, claiming the next
// call, the call itself and its outcome. Handlers in internal/web call it;
// it calls the store and River and decides nothing that internal/calls,
// internal/schedule and scripts decide.
package console

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
)

// Service is the console's work for agents.
type Service struct {
	pool     *pgxpool.Pool
	river    *river.Client[pgx.Tx]
	claimTTL time.Duration
	now      func() time.Time
	zones    func(name string) (*time.Location, error)
}

// Opts configures New.
type Opts struct {
	Pool *pgxpool.Pool
	// River inserts the due-minute job of a follow-up put back on the
	// schedule; an insert-only client will do.
	River *river.Client[pgx.Tx]
	// ClaimTTL is how long a claimed call stays the agent's.
	ClaimTTL time.Duration
	Now      func() time.Time
	// Location loads a zone; intake's normaliser caches them.
	Location func(name string) (*time.Location, error)
}

// New returns the console service; a nil Now means time.Now and a nil
// Location time.LoadLocation.
func New(o Opts) *Service {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	loc := o.Location
	if loc == nil {
		loc = time.LoadLocation
	}
	return &Service{pool: o.Pool, river: o.River, claimTTL: o.ClaimTTL, now: now, zones: loc}
}

var (
	// ErrNotHeld: the call is not (or no longer) claimed by this agent.
	ErrNotHeld = errors.New("this call is not held by you")
	// ErrNothingDue: nobody is waiting for a call inside their window.
	ErrNothingDue = errors.New("nothing is due")
)

// duePairs is the queue's shape now: the (zone, language) pairs with due
// calls, each marked inside or outside its zone's calling window, and the
// calendar that judged them. The window is the domain's to judge
// (internal/schedule); SQL only filters by the answer. It reads the
// calendar row and the counts, never the queue.
type duePairs struct {
	pairs []duePair
	cal   schedule.Calendar
	now   time.Time
}

type duePair struct {
	zone, locale string
	loc          *time.Location
	due          int64
	open         bool
}

func (s *Service) duePairs(ctx context.Context, db store.DBTX) (duePairs, error) {
	pairs, err := store.New().QueueDuePairs(ctx, db)
	if err != nil {
		return duePairs{}, fmt.Errorf("reading zones: %w", err)
	}
	d := duePairs{now: s.now()}
	if len(pairs) == 0 {
		return d, nil
	}
	c := pairs[0]
	d.cal = store.CalendarOf(store.CalendarGetRow{
		WorkingDays: c.WorkingDays, Holidays: c.Holidays, WindowStart: c.WindowStart, WindowEnd: c.WindowEnd,
	})
	d.pairs = make([]duePair, len(pairs))
	for i, p := range pairs {
		loc, err := s.zones(p.Timezone)
		d.pairs[i] = duePair{zone: p.Timezone, locale: p.Locale, loc: loc, due: p.Due, open: err == nil && d.cal.InWindow(d.now, loc)}
	}
	return d, nil
}

// spokenBy keeps the pairs whose language the agent speaks, and counts the
// calls due now in the others.
func (d duePairs) spokenBy(langs languages) (spoken duePairs, elsewhere int64) {
	spoken = duePairs{cal: d.cal, now: d.now}
	for _, p := range d.pairs {
		switch {
		case langs.speak(p.locale):
			spoken.pairs = append(spoken.pairs, p)
		case p.open:
			elsewhere += p.due
		}
	}
	return spoken, elsewhere
}

// open is what the claim reads: the pairs inside their window, as two
// parallel lists, and how many calls they hold; and the count of calls
// waiting outside their window.
func (d duePairs) open() (zones, locales []string, dueOpen, dueClosed int64) {
	for _, p := range d.pairs {
		if !p.open {
			dueClosed += p.due
			continue
		}
		zones = append(zones, p.zone)
		locales = append(locales, p.locale)
		dueOpen += p.due
	}
	return zones, locales, dueOpen, dueClosed
}

// closed explains the calls waiting outside their window
// (schedule.Calendar.Closed).
func (d duePairs) closed() []schedule.Waiting {
	var shut []schedule.ZoneDue
	for _, p := range d.pairs {
		if !p.open {
			shut = append(shut, schedule.ZoneDue{Zone: p.zone, Location: p.loc, Due: p.due})
		}
	}
	return d.cal.Closed(d.now, shut)
}

// QueueView is what the agent's queue page shows.
type QueueView struct {
	DueNow, DueOutsideWindow, LaterToday, MyCallbacks, CompletedToday int64
	// DueInOtherLanguages: calls due now in languages this agent does not
	// speak, which "Next call" will not offer them.
	DueInOtherLanguages int64
	// LaterTodayAtLeast: there are more calls later today than LaterToday.
	LaterTodayAtLeast bool
	Next              []QueueItem
	// Callbacks are the ones MyCallbacks counts, soonest first.
	Callbacks []Callback
	HeldID    int64 // a call this agent already holds, 0 if none
	// Why explains an empty or short queue: the due calls that cannot be
	// made now, by reason and soonest opening first, or, when no call is
	// due at all, one schedule.NothingDue whose Opens is when the next one
	// falls due (zero if none is scheduled).
	Why []schedule.Waiting
}

// Callback is a call back the agent promised a customer.
type Callback struct {
	ID           int64
	CustomerName string
	Locale       string
	Timezone     string
	DueAt        time.Time
	// Due: its time has come; "Next call" offers it before other calls.
	Due bool
}

type QueueItem struct {
	ID           int64
	CustomerName string
	Locale       string
	Timezone     string
	Product      string
	// Branch is the branch's names; its Code is the spelling the sale came
	// with, shown when the branch has no name.
	Branch   store.Branch
	DueAt    time.Time
	Attempts int
	Priority int
	Callback bool
	// Recovery: a call back after service staff fixed a problem.
	Recovery bool
}

// laterCap bounds the count of calls later today (QueueCounts).
const laterCap = 10000

// Queue returns the counts and the first calls of the queue, in the
// languages the agent speaks. The agent's day runs in their own zone.
func (s *Service) Queue(ctx context.Context, userID int64, agentZone *time.Location, limit int) (QueueView, error) {
	q := store.New()
	langs, err := q.UserLanguages(ctx, s.pool, userID)
	if err != nil {
		return QueueView{}, fmt.Errorf("reading the agent's languages: %w", err)
	}
	all, err := s.duePairs(ctx, s.pool)
	if err != nil {
		return QueueView{}, err
	}
	spoken, elsewhere := all.spokenBy(languagesOf(langs))
	zones, locales, dueOpen, dueClosed := spoken.open()
	now := s.now().In(agentZone)
	dayStart := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, agentZone)
	dayEnd := dayStart.AddDate(0, 0, 1)
	counts, err := q.QueueCounts(ctx, s.pool, store.QueueCountsParams{
		DayEnd: dayEnd, LaterCap: laterCap + 1, UserID: userID, DayStart: dayStart,
	})
	if err != nil {
		return QueueView{}, fmt.Errorf("counting the queue: %w", err)
	}
	rows, err := q.QueueList(ctx, s.pool, store.QueueListParams{
		Zones: zones, Locales: locales, UserID: userID, MaxRows: int32(limit),
	})
	if err != nil {
		return QueueView{}, fmt.Errorf("listing the queue: %w", err)
	}
	v := QueueView{
		DueNow: dueOpen, DueOutsideWindow: dueClosed, DueInOtherLanguages: elsewhere,
		LaterToday:        min(counts.LaterToday, laterCap),
		LaterTodayAtLeast: counts.LaterToday > laterCap,
		MyCallbacks:       counts.MyCallbacks, CompletedToday: counts.CompletedToday,
	}
	for _, r := range rows {
		v.Next = append(v.Next, QueueItem{
			ID: r.ID, CustomerName: r.CustomerName, Locale: r.Locale, Timezone: r.Timezone,
			Product: or(r.ProductName, r.ProductSku), DueAt: r.DueAt,
			Branch:   store.Branch{Code: r.Branch, NameEn: r.BranchNameEn, NameFa: r.BranchNameFa},
			Attempts: int(r.AttemptCount), Priority: int(r.Priority),
			Callback: r.Promised,
			Recovery: r.Kind == "recovery",
		})
	}
	callbacks, err := q.QueueMyCallbacks(ctx, s.pool, store.QueueMyCallbacksParams{UserID: userID, MaxRows: int32(limit)})
	if err != nil {
		return QueueView{}, fmt.Errorf("listing the agent's callbacks: %w", err)
	}
	for _, c := range callbacks {
		v.Callbacks = append(v.Callbacks, Callback{
			ID: c.ID, CustomerName: c.CustomerName, Locale: c.Locale, Timezone: c.Timezone, DueAt: c.DueAt, Due: c.State == "due",
		})
	}
	v.Why = spoken.closed()
	if v.DueNow == 0 && v.DueOutsideWindow == 0 && elsewhere == 0 {
		next, err := q.QueueNextDue(ctx, s.pool)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			return QueueView{}, fmt.Errorf("reading the next due call: %w", err)
		}
		// A call whose time has passed is made due within the minute.
		if !next.IsZero() && next.Before(s.now()) {
			next = s.now()
		}
		v.Why = []schedule.Waiting{{Reason: schedule.NothingDue, Opens: next}}
	}
	held, err := q.FollowUpHeldBy(ctx, s.pool, &userID)
	if err == nil {
		v.HeldID = held
	} else if !errors.Is(err, store.ErrNotFound) {
		return QueueView{}, fmt.Errorf("reading held call: %w", err)
	}
	return v, nil
}

// ClaimNext gives the agent the call they already hold, or claims the next
// one in a language they speak, leaving out calls they released lately.
// Two agents never get the same follow-up, nor two follow-ups of the same
// customer, and two tabs of one agent get one call between them.
func (s *Service) ClaimNext(ctx context.Context, userID int64, actor string) (int64, error) {
	q := store.New()
	var id int64
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		langs, err := q.UserLockForClaim(ctx, tx, userID)
		if err != nil {
			return fmt.Errorf("locking agent: %w", err)
		}
		held, err := q.FollowUpHeldBy(ctx, tx, &userID)
		if err == nil {
			id = held
			return nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return fmt.Errorf("reading held call: %w", err)
		}
		all, err := s.duePairs(ctx, tx)
		if err != nil {
			return err
		}
		spoken, _ := all.spokenBy(languagesOf(langs))
		zones, locales, _, _ := spoken.open()
		if len(zones) == 0 {
			return ErrNothingDue
		}
		id, err = q.FollowUpClaimNext(ctx, tx, store.FollowUpClaimNextParams{
			Zones: zones, Locales: locales, UserID: userID, TtlSeconds: int32(s.claimTTL / time.Second), Actor: actor,
		})
		if errors.Is(err, store.ErrNotFound) {
			return ErrNothingDue
		}
		if err != nil {
			return fmt.Errorf("claiming the next call: %w", err)
		}
		return nil
	})
	if errors.Is(err, ErrNothingDue) {
		return 0, ErrNothingDue
	}
	return id, err
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// versionBody decodes a stored script version.
func versionBody(raw []byte) (scripts.Version, error) {
	var v scripts.Version
	if err := json.Unmarshal(raw, &v); err != nil {
		return scripts.Version{}, fmt.Errorf("decoding script version: %w", err)
	}
	return v, nil
}

// insertDue makes sure a due-minute job exists for a follow-up waiting
// again, in the transaction that set its time.
func (s *Service) insertDue(ctx context.Context, tx pgx.Tx, dueAt time.Time) error {
	return due.Insert(ctx, s.river, tx, s.now(), dueAt)
}
