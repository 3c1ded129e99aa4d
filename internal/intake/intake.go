// Package intake stores sales and schedules their follow-ups: the one
// transaction behind both the API and the CSV import.
package intake

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
)

type Status string

const (
	StatusCreated  Status = "created"
	StatusExisting Status = "existing"
	StatusConflict Status = "conflict"
	StatusInvalid  Status = "invalid"
)

type FollowUp struct {
	ID    int64     `json:"id"`
	State string    `json:"state"`
	DueAt time.Time `json:"due_at"`
	// Outcome says whether the sale got this follow-up of its own or was
	// linked to one that asks its customer anyway (contact frequency).
	Outcome FollowUpOutcome `json:"outcome"`
}

type FollowUpOutcome string

const (
	// FollowUpCreated: the sale has a follow-up of its own.
	FollowUpCreated FollowUpOutcome = "created"
	// FollowUpLinkedRecent: the customer has a pending follow-up, or was
	// asked within the rule's ask_once_days; the sale rides along with it.
	FollowUpLinkedRecent FollowUpOutcome = "linked_recent"
)

func outcomeOf(covered bool) FollowUpOutcome {
	if covered {
		return FollowUpLinkedRecent
	}
	return FollowUpCreated
}

// Outcome is what happened to one sale of a batch.
type Outcome struct {
	Status   Status
	FollowUp *FollowUp // created and existing only
	// Customer is the sale's customer as its source sees it (see
	// Service.Sale); created and existing only.
	Customer *CustomerView
	Errors   invalid.Problems
}

// Service stores batches of sales; every writer of sales goes through it.
type Service struct {
	pool            *pgxpool.Pool
	river           *river.Client[pgx.Tx]
	normalizer      *sales.Normalizer
	defaultTimezone string
	defaultLocale   string
	now             func() time.Time

	// failAfterSales lets a test break the transaction after the sales are
	// written, to show that nothing of it remains.
	failAfterSales func() error
}

// Opts configures New.
type Opts struct {
	Pool *pgxpool.Pool
	// River inserts the due-minute jobs in the transaction that writes the
	// follow-ups; an insert-only client will do.
	River           *river.Client[pgx.Tx]
	Normalizer      *sales.Normalizer
	DefaultTimezone string
	DefaultLocale   string
	Now             func() time.Time
}

// New returns the intake service; a nil Now means time.Now.
func New(o Opts) *Service {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	return &Service{
		pool: o.Pool, river: o.River, normalizer: o.Normalizer,
		defaultTimezone: o.DefaultTimezone, defaultLocale: o.DefaultLocale, now: now,
	}
}

// Normalizer is the normaliser the service checks sales with; its
// Location caches time zones for the other services.
func (s *Service) Normalizer() *sales.Normalizer { return s.normalizer }

// Ingest validates inputs and stores the valid ones in one transaction.
// Invalid items are reported, not fatal: a bad row never costs the good ones.
func (s *Service) Ingest(ctx context.Context, sourceID int64, inputs []sales.Input) ([]Outcome, error) {
	out := make([]Outcome, len(inputs))
	normalized, errs := s.normalizer.NormalizeAll(inputs)
	valid := make([]sales.Sale, 0, len(inputs))
	where := make([]int, 0, len(inputs))
	for i := range inputs {
		if errs[i] != nil {
			out[i] = Outcome{Status: StatusInvalid, Errors: errs[i]}
			continue
		}
		valid = append(valid, normalized[i])
		where = append(where, i)
	}
	stored, err := s.Store(ctx, sourceID, valid)
	if err != nil {
		return nil, err
	}
	for j, o := range stored {
		out[where[j]] = o
	}
	return out, nil
}

// Store writes normalised sales, their customers, their follow-ups and the
// River jobs that will make the follow-ups due, all in one transaction.
func (s *Service) Store(ctx context.Context, sourceID int64, batch []sales.Sale) ([]Outcome, error) {
	out := make([]Outcome, len(batch))
	if len(batch) == 0 {
		return out, nil
	}
	err := store.InTxRetry(ctx, s.pool, func(tx pgx.Tx) error {
		clear(out)
		w := &writer{svc: s, tx: tx, q: store.New(), sourceID: sourceID, batch: batch, out: out}
		return w.run(ctx)
	})
	if err != nil {
		return nil, fmt.Errorf("storing %d sales: %w", len(batch), err)
	}
	return out, nil
}

// writer holds the state of one batch inside its transaction.
type writer struct {
	svc      *Service
	tx       pgx.Tx
	q        *store.Queries
	sourceID int64
	batch    []sales.Sale
	out      []Outcome

	first    map[string]int // external id → index of its first occurrence
	toCreate []int          // indexes of sales not yet stored
}

func (w *writer) run(ctx context.Context) error {
	w.first = make(map[string]int, len(w.batch))
	ids := make([]string, 0, len(w.batch))
	for i, sale := range w.batch {
		if _, seen := w.first[sale.ExternalID]; !seen {
			w.first[sale.ExternalID] = i
			ids = append(ids, sale.ExternalID)
		}
	}
	if err := w.classifyStored(ctx, ids); err != nil {
		return err
	}
	for i, sale := range w.batch {
		if w.first[sale.ExternalID] == i && w.out[i].Status == "" {
			w.toCreate = append(w.toCreate, i)
		}
	}
	// Inserted in external-id order, for the same reason customers are
	// written in phone order: two batches must take locks in one order.
	slices.SortFunc(w.toCreate, func(a, b int) int { return cmp.Compare(w.batch[a].ExternalID, w.batch[b].ExternalID) })
	if len(w.toCreate) > 0 {
		if err := w.create(ctx); err != nil {
			return err
		}
	}
	// Repeats inside the batch are judged against the first occurrence.
	for i, sale := range w.batch {
		f := w.first[sale.ExternalID]
		if f == i {
			continue
		}
		w.out[i] = repeatOf(w.out[f], w.batch[f].Hash == sale.Hash)
	}
	return nil
}

func repeatOf(first Outcome, same bool) Outcome {
	if !same || first.FollowUp == nil {
		return Outcome{Status: StatusConflict}
	}
	return Outcome{Status: StatusExisting, FollowUp: first.FollowUp, Customer: first.Customer}
}

// classifyStored marks the sales that are already stored as existing or
// conflicting.
func (w *writer) classifyStored(ctx context.Context, ids []string) error {
	rows, err := w.q.SaleListByExternalIDs(ctx, w.tx, store.SaleListByExternalIDsParams{
		SourceID: w.sourceID, ExternalIds: ids,
	})
	if err != nil {
		return fmt.Errorf("looking up stored sales: %w", err)
	}
	for _, r := range rows {
		i := w.first[r.ExternalID]
		if !bytes.Equal(r.ContentHash, w.batch[i].Hash[:]) {
			w.out[i] = Outcome{Status: StatusConflict}
			continue
		}
		w.out[i] = Outcome{Status: StatusExisting, FollowUp: &FollowUp{ID: r.FollowUpID, State: r.State, DueAt: r.DueAt, Outcome: outcomeOf(r.Covered)},
			Customer: &CustomerView{Name: r.CustomerName, Phone: r.CustomerPhone, Timezone: r.CustomerTimezone, Locale: r.CustomerLocale}}
	}
	return nil
}

func (w *writer) create(ctx context.Context) error {
	customers, err := w.upsertCustomers(ctx)
	if err != nil {
		return err
	}
	saleIDs, err := w.insertSales(ctx, customers)
	if err != nil {
		return err
	}
	if w.svc.failAfterSales != nil {
		if err := w.svc.failAfterSales(); err != nil {
			return err
		}
	}
	return w.insertFollowUps(ctx, customers, saleIDs)
}

type customer struct {
	id                     int64
	name, timezone, locale string
	// mine says the batch's source owns the customer. A sale to a customer
	// another source owns leaves the customer alone and keeps the customer
	// as its source sent it on the sale (sales.customer_*).
	mine bool
}

func storedCustomer(id int64, name, timezone, locale string, owner *int64, source int64) customer {
	return customer{id: id, name: name, timezone: timezone, locale: locale, mine: owner != nil && *owner == source}
}

// seenBy is the customer of sale s as the sale's source sees it: the
// customer row when the source owns it, else what the source sent, with
// the defaults a new customer would get.
func (w *writer) seenBy(c customer, s sales.Sale) *CustomerView {
	if c.mine {
		return &CustomerView{Name: c.name, Phone: s.Phone, Timezone: c.timezone, Locale: c.locale}
	}
	return &CustomerView{Name: s.CustomerName, Phone: s.Phone,
		Timezone: or(s.Timezone, w.svc.defaultTimezone), Locale: or(s.Locale, w.svc.defaultLocale)}
}

// upsertCustomers returns every customer of the sales to create, by phone.
// A source changes only the customers it owns (or claims one nobody
// owns); there the last sale in the batch wins for the customer's name,
// zone and language. A phone new to every source becomes this source's
// customer.
func (w *writer) upsertCustomers(ctx context.Context) (map[string]customer, error) {
	latest := make(map[string]sales.Sale, len(w.toCreate))
	for _, i := range w.toCreate {
		latest[w.batch[i].Phone] = w.batch[i]
	}
	// Customers are written in phone order (and updated in id order) so
	// that two batches sharing customers lock them in the same order and
	// cannot deadlock.
	phones := make([]string, 0, len(latest))
	for p := range latest {
		phones = append(phones, p)
	}
	slices.Sort(phones)
	rows, err := w.q.CustomerListByPhones(ctx, w.tx, phones)
	if err != nil {
		return nil, fmt.Errorf("looking up customers: %w", err)
	}
	found := make(map[string]customer, len(phones))
	upd := store.CustomerUpdateManyParams{SourceID: w.sourceID}
	slices.SortFunc(rows, func(a, b store.CustomerListByPhonesRow) int { return cmp.Compare(a.ID, b.ID) })
	if err := w.lockCustomers(ctx, rows); err != nil {
		return nil, err
	}
	for _, r := range rows {
		c := storedCustomer(r.ID, r.Name, r.Timezone, r.Locale, r.SourceID, w.sourceID)
		unowned := r.SourceID == nil
		if c.mine || unowned {
			sale := latest[r.Phone]
			c = customer{id: r.ID, name: sale.CustomerName, timezone: or(sale.Timezone, r.Timezone), locale: or(sale.Locale, r.Locale), mine: true}
			if unowned || c.name != r.Name || c.timezone != r.Timezone || c.locale != r.Locale {
				upd.ID = append(upd.ID, r.ID)
				upd.Name = append(upd.Name, c.name)
				upd.Timezone = append(upd.Timezone, c.timezone)
				upd.Locale = append(upd.Locale, c.locale)
			}
		}
		found[r.Phone] = c
	}
	if len(upd.ID) > 0 {
		changed, err := w.q.CustomerUpdateMany(ctx, w.tx, upd)
		if err != nil {
			return nil, fmt.Errorf("updating customers: %w", err)
		}
		if len(changed) < len(upd.ID) {
			// Another source claimed a customer nobody owned since it was
			// read; it is read again below, as another source's.
			lost := make(map[int64]bool, len(upd.ID))
			for _, id := range upd.ID {
				lost[id] = true
			}
			for _, id := range changed {
				delete(lost, id)
			}
			for p, c := range found {
				if lost[c.id] {
					delete(found, p)
				}
			}
		}
	}
	var ins store.CustomerInsertManyParams
	ins.SourceID = w.sourceID
	for _, p := range phones {
		sale := latest[p]
		if _, ok := found[p]; ok {
			continue
		}
		ins.Phone = append(ins.Phone, p)
		ins.Name = append(ins.Name, sale.CustomerName)
		ins.Timezone = append(ins.Timezone, or(sale.Timezone, w.svc.defaultTimezone))
		ins.Locale = append(ins.Locale, or(sale.Locale, w.svc.defaultLocale))
	}
	if len(ins.Phone) == 0 {
		return found, nil
	}
	inserted, err := w.q.CustomerInsertMany(ctx, w.tx, ins)
	if err != nil {
		return nil, fmt.Errorf("inserting customers: %w", err)
	}
	for _, r := range inserted {
		found[r.Phone] = storedCustomer(r.ID, r.Name, r.Timezone, r.Locale, r.SourceID, w.sourceID)
	}
	if len(found) == len(latest) {
		return found, nil
	}
	// Another transaction inserted some of these phones first.
	var missing []string
	for p := range latest {
		if _, ok := found[p]; !ok {
			missing = append(missing, p)
		}
	}
	again, err := w.q.CustomerListByPhones(ctx, w.tx, missing)
	if err != nil {
		return nil, fmt.Errorf("looking up customers inserted concurrently: %w", err)
	}
	// Out of id order with the locks above; a deadlock this may cause is
	// retried by Store.
	slices.SortFunc(again, func(a, b store.CustomerListByPhonesRow) int { return cmp.Compare(a.ID, b.ID) })
	if err := w.lockCustomers(ctx, again); err != nil {
		return nil, err
	}
	for _, r := range again {
		found[r.Phone] = storedCustomer(r.ID, r.Name, r.Timezone, r.Locale, r.SourceID, w.sourceID)
	}
	if len(found) != len(latest) {
		return nil, fmt.Errorf("customers: %d of %d could not be stored", len(latest)-len(found), len(latest))
	}
	return found, nil
}

// insertSales stores the new sales and returns their ids by external id.
// Sales that a concurrent transaction stored first are classified instead.
func (w *writer) insertSales(ctx context.Context, customers map[string]customer) (map[string]int64, error) {
	var p store.SaleInsertManyParams
	p.SourceID = w.sourceID
	for _, i := range w.toCreate {
		s := w.batch[i]
		p.ExternalID = append(p.ExternalID, s.ExternalID)
		p.CustomerID = append(p.CustomerID, customers[s.Phone].id)
		p.ProductSku = append(p.ProductSku, s.SKU)
		p.ProductName = append(p.ProductName, s.ProductName)
		p.ProductCategory = append(p.ProductCategory, s.Category)
		p.Branch = append(p.Branch, s.Branch)
		p.SoldAt = append(p.SoldAt, s.SoldAt)
		p.ContentHash = append(p.ContentHash, s.Hash[:])
		var sent CustomerView
		if c := customers[s.Phone]; !c.mine {
			sent = *w.seenBy(c, s)
		}
		p.CustomerName = append(p.CustomerName, sent.Name)
		p.CustomerTimezone = append(p.CustomerTimezone, sent.Timezone)
		p.CustomerLocale = append(p.CustomerLocale, sent.Locale)
	}
	rows, err := w.q.SaleInsertMany(ctx, w.tx, p)
	if err != nil {
		return nil, fmt.Errorf("inserting sales: %w", err)
	}
	ids := make(map[string]int64, len(rows))
	for _, r := range rows {
		ids[r.ExternalID] = r.ID
	}
	if len(ids) == len(w.toCreate) {
		return ids, nil
	}
	var lost []string
	created := w.toCreate[:0]
	for _, i := range w.toCreate {
		if _, ok := ids[w.batch[i].ExternalID]; ok {
			created = append(created, i)
		} else {
			lost = append(lost, w.batch[i].ExternalID)
		}
	}
	w.toCreate = created
	return ids, w.classifyStored(ctx, lost)
}

// candidate is a follow-up that may cover a new sale of its customer under
// the contact-frequency rule: a stored one, or one this batch creates.
type candidate struct {
	stored *FollowUp // nil for one of this batch
	sale   int       // the batch index of the sale whose follow-up it is, when not stored
	asked  schedule.Asked
}

func (w *writer) insertFollowUps(ctx context.Context, customers map[string]customer, saleIDs map[string]int64) error {
	plan, err := loadPlan(ctx, w.q, w.tx)
	if err != nil {
		return err
	}
	asked, err := w.askedBefore(ctx, plan, customers)
	if err != nil {
		return err
	}
	// Each customer's sales are judged oldest first: the first sale of a
	// run gets the follow-up and the later ones ride along with it.
	order := slices.Clone(w.toCreate)
	slices.SortStableFunc(order, func(a, b int) int {
		sa, sb := w.batch[a], w.batch[b]
		return cmp.Or(cmp.Compare(customers[sa.Phone].id, customers[sb.Phone].id),
			sa.SoldAt.Compare(sb.SoldAt), cmp.Compare(sa.ExternalID, sb.ExternalID))
	})
	coveredBy := make(map[int]*candidate)
	dueAt := make(map[int]time.Time, len(w.toCreate))
	for _, i := range order {
		s := w.batch[i]
		c := customers[s.Phone]
		loc, err := w.svc.normalizer.Location(c.timezone)
		if err != nil {
			return fmt.Errorf("customer time zone %q: %w", c.timezone, err)
		}
		rule := plan.rule(s.Category)
		cands := asked[c.id]
		if k := schedule.AskedRecently(askedOf(cands), s.SoldAt, int(rule.AskOnceDays), loc); k >= 0 {
			coveredBy[i] = cands[k]
			continue
		}
		at := schedule.DueAt(s.SoldAt, int(rule.DelayDays), plan.calendar, loc)
		if at.IsZero() {
			return fmt.Errorf("the calendar has no callable time within two years")
		}
		dueAt[i] = at
		asked[c.id] = append(cands, &candidate{sale: i, asked: schedule.Asked{Pending: true}})
	}

	rows := make([]store.FollowUpInsertManyParams, 0, len(dueAt))
	dueAts := make([]time.Time, 0, len(dueAt))
	bySale := make(map[int64]int, len(dueAt))
	for _, i := range w.toCreate {
		at, ok := dueAt[i]
		if !ok {
			continue
		}
		s := w.batch[i]
		c := customers[s.Phone]
		rule := plan.rule(s.Category)
		saleID := saleIDs[s.ExternalID]
		bySale[saleID] = i
		rows = append(rows, store.FollowUpInsertManyParams{
			SaleID: saleID, CustomerID: c.id, DueAt: at,
			Channel: rule.Channel, Ladder: rule.Ladder, ScriptName: rule.ScriptName, ScriptVersionID: plan.version(rule.ScriptName, c.locale),
			Priority:    rule.Priority,
			MaxAttempts: rule.MaxAttempts, RetrySpacingMinutes: rule.RetrySpacingMinutes,
		})
		dueAts = append(dueAts, at)
	}
	created := make(map[int]*FollowUp, len(rows))
	if len(rows) > 0 {
		if _, err := w.q.FollowUpInsertMany(ctx, w.tx, rows); err != nil {
			return fmt.Errorf("inserting follow-ups: %w", err)
		}
		ids := make([]int64, 0, len(bySale))
		for id := range bySale {
			ids = append(ids, id)
		}
		stored, err := w.q.FollowUpListBySaleIDs(ctx, w.tx, ids)
		if err != nil {
			return fmt.Errorf("reading follow-up ids: %w", err)
		}
		for _, f := range stored {
			created[bySale[f.SaleID]] = &FollowUp{ID: f.ID, State: f.State, DueAt: f.DueAt, Outcome: FollowUpCreated}
		}
	}
	for i, f := range created {
		w.out[i] = Outcome{Status: StatusCreated, FollowUp: f, Customer: w.seenBy(customers[w.batch[i].Phone], w.batch[i])}
	}
	if len(coveredBy) > 0 {
		var cover store.SaleCoverManyParams
		for _, i := range w.toCreate {
			cand, ok := coveredBy[i]
			if !ok {
				continue
			}
			f := cand.stored
			if f == nil {
				f = created[cand.sale]
			}
			cover.SaleIds = append(cover.SaleIds, saleIDs[w.batch[i].ExternalID])
			cover.FollowUpIds = append(cover.FollowUpIds, f.ID)
			w.out[i] = Outcome{Status: StatusCreated, FollowUp: &FollowUp{ID: f.ID, State: f.State, DueAt: f.DueAt, Outcome: FollowUpLinkedRecent},
				Customer: w.seenBy(customers[w.batch[i].Phone], w.batch[i])}
		}
		if err := w.q.SaleCoverMany(ctx, w.tx, cover); err != nil {
			return fmt.Errorf("linking sales to recent follow-ups: %w", err)
		}
	}
	return due.Insert(ctx, w.svc.river, w.tx, w.svc.now(), dueAts...)
}

// askedBefore returns, by customer id, the stored follow-ups that may cover
// the batch's new sales: every pending one and those that ended within the
// longest ask_once_days of any rule before the earliest sale. The
// customers are locked (lockCustomers), so no concurrent sale adds one.
func (w *writer) askedBefore(ctx context.Context, plan plan, customers map[string]customer) (map[int64][]*candidate, error) {
	days := plan.maxAskOnceDays()
	out := make(map[int64][]*candidate)
	if days == 0 {
		return out, nil
	}
	ids := make([]int64, 0, len(customers))
	earliest := w.batch[w.toCreate[0]].SoldAt
	for _, i := range w.toCreate {
		if w.batch[i].SoldAt.Before(earliest) {
			earliest = w.batch[i].SoldAt
		}
	}
	for _, c := range customers {
		ids = append(ids, c.id)
	}
	// A day more than the window: it is counted in local days, and no
	// zone is more than a day from UTC.
	rows, err := w.q.FollowUpListAsked(ctx, w.tx, store.FollowUpListAskedParams{
		CustomerIds: ids, EndedSince: earliest.AddDate(0, 0, -(days + 1)),
	})
	if err != nil {
		return nil, fmt.Errorf("reading the customers' recent follow-ups: %w", err)
	}
	for _, r := range rows {
		a := schedule.Asked{Pending: pending(r.State)}
		if !a.Pending {
			a.Ended = r.UpdatedAt
		}
		out[r.CustomerID] = append(out[r.CustomerID], &candidate{
			stored: &FollowUp{ID: r.ID, State: r.State, DueAt: r.DueAt, Outcome: FollowUpLinkedRecent}, asked: a,
		})
	}
	return out, nil
}

func askedOf(cands []*candidate) []schedule.Asked {
	out := make([]schedule.Asked, len(cands))
	for i, c := range cands {
		out[i] = c.asked
	}
	return out
}

// pending is whether a follow-up in this state may still call.
func pending(state string) bool {
	switch state {
	case "scheduled", "due", "claimed", "no_answer", "callback":
		return true
	}
	return false
}

// lockCustomers locks the customers in id order (rows must be sorted by
// id); see store.CustomerLockMany.
func (w *writer) lockCustomers(ctx context.Context, rows []store.CustomerListByPhonesRow) error {
	if len(rows) == 0 {
		return nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	if err := w.q.CustomerLockMany(ctx, w.tx, ids); err != nil {
		return fmt.Errorf("locking customers: %w", err)
	}
	return nil
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
