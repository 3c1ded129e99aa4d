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

// openPairs is the queue's shape now: the (zone, language) pairs with due
// calls, split by whether the zone is inside its calling window. The
// window is the domain's to judge (internal/schedule); SQL only filters by
// the answer. It reads the calendar row and the counts, never the queue.
type openPairs struct {
	zones, locales []string
	dueOpen        int64
	dueClosed      int64
	// closed explains dueClosed (schedule.Calendar.Closed).
	closed []schedule.Waiting
}

func (s *Service) openPairs(ctx context.Context, db store.DBTX) (openPairs, error) {
	pairs, err := store.New().QueueDuePairs(ctx, db)
	if err != nil {
		return openPairs{}, fmt.Errorf("reading zones: %w", err)
	}
	var o openPairs
	if len(pairs) == 0 {
		return o, nil
	}
	c := pairs[0]
	cal := store.CalendarOf(store.CalendarGetRow{
		WorkingDays: c.WorkingDays, Holidays: c.Holidays, WindowStart: c.WindowStart, WindowEnd: c.WindowEnd,
	})
	now := s.now()
	var shut []schedule.ZoneDue
	for _, p := range pairs {
		loc, err := s.zones(p.Timezone)
		if err != nil || !cal.InWindow(now, loc) {
			o.dueClosed += p.Due
			shut = append(shut, schedule.ZoneDue{Zone: p.Timezone, Location: loc, Due: p.Due})
			continue
		}
		o.zones = append(o.zones, p.Timezone)
		o.locales = append(o.locales, p.Locale)
		o.dueOpen += p.Due
	}
	o.closed = cal.Closed(now, shut)
	return o, nil
}

// QueueView is what the agent's queue page shows.
type QueueView struct {
	DueNow, DueOutsideWindow, LaterToday, MyCallbacks, CompletedToday int64
	// LaterTodayAtLeast: there are more calls later today than LaterToday.
	LaterTodayAtLeast bool
	Next              []QueueItem
	HeldID            int64 // a call this agent already holds, 0 if none
	// Why explains an empty or short queue: the due calls that cannot be
	// made now, by reason and soonest opening first, or, when no call is
	// due at all, one schedule.NothingDue whose Opens is when the next one
	// falls due (zero if none is scheduled).
	Why []schedule.Waiting
}

type QueueItem struct {
	ID           int64
	CustomerName string
	Locale       string
	Timezone     string
	Product      string
	Branch       string
	DueAt        time.Time
	Attempts     int
	Priority     int
	Callback     bool
	// Recovery: a call back after service staff fixed a problem.
	Recovery bool
}

// laterCap bounds the count of calls later today (QueueCounts).
const laterCap = 10000

// Queue returns the counts and the first calls of the queue. The agent's
// day runs in their own zone.
func (s *Service) Queue(ctx context.Context, userID int64, agentZone *time.Location, limit int) (QueueView, error) {
	q := store.New()
	open, err := s.openPairs(ctx, s.pool)
	if err != nil {
		return QueueView{}, err
	}
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
		Zones: open.zones, Locales: open.locales, UserID: userID, MaxRows: int32(limit),
	})
	if err != nil {
		return QueueView{}, fmt.Errorf("listing the queue: %w", err)
	}
	v := QueueView{
		DueNow: open.dueOpen, DueOutsideWindow: open.dueClosed, LaterToday: min(counts.LaterToday, laterCap),
		LaterTodayAtLeast: counts.LaterToday > laterCap,
		MyCallbacks:       counts.MyCallbacks, CompletedToday: counts.CompletedToday,
	}
	for _, r := range rows {
		v.Next = append(v.Next, QueueItem{
			ID: r.ID, CustomerName: r.CustomerName, Locale: r.Locale, Timezone: r.Timezone,
			Product: or(r.ProductName, r.ProductSku), Branch: r.Branch, DueAt: r.DueAt,
			Attempts: int(r.AttemptCount), Priority: int(r.Priority),
			Callback: r.Promised,
			Recovery: r.Kind == "recovery",
		})
	}
	v.Why = open.closed
	if v.DueNow == 0 && v.DueOutsideWindow == 0 {
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
// one. Two agents never get the same follow-up, nor two follow-ups of the
// same customer, and two tabs of one agent get one call between them.
func (s *Service) ClaimNext(ctx context.Context, userID int64, actor string) (int64, error) {
	q := store.New()
	var id int64
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if err := q.UserLockForClaim(ctx, tx, userID); err != nil {
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
		open, err := s.openPairs(ctx, tx)
		if err != nil {
			return err
		}
		if len(open.zones) == 0 {
			return ErrNothingDue
		}
		id, err = q.FollowUpClaimNext(ctx, tx, store.FollowUpClaimNextParams{
			Zones: open.zones, Locales: open.locales, UserID: userID, TtlSeconds: int32(s.claimTTL / time.Second), Actor: actor,
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
