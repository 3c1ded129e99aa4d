// Package demo fills an empty database with a believable organisation: a
// Tehran shop chain with Persian and English customers, sales over the last
// weeks, some follow-ups due today and some already answered.
package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/reports"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
)

// Source is the shop system the demo sales come from.
const Source = "demo-shop"

type product struct{ sku, name, nameFa, category string }

var products = []product{
	{"GL-100", "Reading glasses", "عینک مطالعه", "glasses"},
	{"GL-220", "Sunglasses", "عینک آفتابی", "glasses"},
	{"PH-12", "Phone A12", "گوشی A12", "phones"},
	{"PH-40", "Phone Pro 40", "گوشی پرو ۴۰", "phones"},
	{"AP-7", "Washing machine", "ماشین لباسشویی", "appliances"},
	{"AP-9", "Refrigerator", "یخچال", "appliances"},
	{"BK-3", "Cookbook", "کتاب آشپزی", "books"},
}

// branches are the demo's shops: Persian customers' sales spell them in
// Persian, English customers' in English, and each is one branch either
// way (see branchesEnsure).
var branches = []struct{ code, en, fa string }{
	{"tajrish", "Tajrish", "تجریش"},
	{"vanak", "Vanak", "ونک"},
	{"shahrak-e-gharb", "Shahrak-e Gharb", "شهرک غرب"},
	{"isfahan-chaharbagh", "Isfahan Chaharbagh", "اصفهان - چهارباغ"},
}

var firstFa = []string{"مریم", "علی", "زهرا", "حسین", "فاطمه", "رضا", "نرگس", "امیر", "سارا", "مهدی", "لیلا", "کاوه"}
var lastFa = []string{"رضایی", "محمدی", "حسینی", "کریمی", "احمدی", "موسوی", "جعفری", "صادقی", "رحیمی", "تهرانی"}
var firstEn = []string{"Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas"}
var lastEn = []string{"Smith", "Brown", "Taylor", "Wilson", "Clark", "Walker"}

// Loaded reports whether the demo data is already there.
func Loaded(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	return store.New().SourceExists(ctx, pool, Source)
}

// Calendar is the demo organisation's: calls every day from 10:00 to 19:00
// in the customer's zone. A real Iranian chain would rest on Thursday and
// Friday (schedule.IranCalendar); the demo does not, so that, with its
// customers spread over Zones, someone is inside calling hours whatever
// day and hour it starts.
func Calendar() schedule.Calendar {
	cal := schedule.IranCalendar()
	for d := range cal.WorkingDays {
		cal.WorkingDays[d] = true
	}
	return cal
}

// Load writes the demo organisation through the paths the product uses,
// so what the demo shows is what production does: sales through intake,
// calls answered, neutral or never reached, issues raised by the answers
// and worked by the service desk to every stage, recovery calls. It is
// dated over the weeks before now.
// It returns how many follow-ups it marked answered.
func Load(ctx context.Context, pool *pgxpool.Pool, svc *intake.Service, client *river.Client[pgx.Tx], count int, now time.Time) (int, error) {
	q := store.New()
	if err := q.CalendarSet(ctx, pool, store.CalendarParams(Calendar())); err != nil {
		return 0, fmt.Errorf("setting the demo calendar: %w", err)
	}
	rules := []store.RuleUpsertParams{
		{Category: "glasses", DelayDays: 3, Channel: "agent", ScriptName: "default", Priority: 60, MaxAttempts: 3, RetrySpacingMinutes: 24 * 60},
		{Category: "phones", DelayDays: 7, Channel: "agent", ScriptName: "default", Priority: 50, MaxAttempts: 3, RetrySpacingMinutes: 24 * 60},
		{Category: "appliances", DelayDays: 10, Channel: "agent", ScriptName: "default", Priority: 80, MaxAttempts: 4, RetrySpacingMinutes: 12 * 60},
	}
	for _, r := range rules {
		if err := q.RuleUpsert(ctx, pool, r); err != nil {
			return 0, fmt.Errorf("writing demo rule %q: %w", r.Category, err)
		}
	}
	for _, b := range branches {
		if _, err := q.BranchEnsure(ctx, pool, store.BranchEnsureParams{Code: b.code, NameEn: b.en, NameFa: b.fa}); err != nil {
			return 0, fmt.Errorf("adding branch %s: %w", b.code, err)
		}
	}
	src, err := q.SourceEnsure(ctx, pool, Source)
	if err != nil {
		return 0, fmt.Errorf("creating demo source: %w", err)
	}
	inputs := Sales(count, now, 1)
	out, err := svc.Ingest(ctx, src.ID, inputs)
	if err != nil {
		return 0, fmt.Errorf("storing demo sales: %w", err)
	}
	for i, o := range out {
		if o.Status != intake.StatusCreated {
			return 0, fmt.Errorf("demo sale %d: %s %v", i, o.Status, o.Errors)
		}
	}
	// Follow-ups whose time has come are made due now rather than by the
	// first worker, so that some of them can be shown as answered.
	d := newDesk(pool, client, now)
	if err := d.makeDue(ctx); err != nil {
		return 0, err
	}
	answered := 0
	for i, o := range out {
		// Calls due in the last day are left for the agents.
		if o.FollowUp.DueAt.After(now.Add(-24 * time.Hour)) {
			continue
		}
		at := o.FollowUp.DueAt.Add(time.Duration(1+i%5) * time.Hour)
		switch i % 6 {
		case 0, 3:
			locale := inputs[i].Customer.Locale
			if err := d.answer(ctx, o.FollowUp.ID, "default", locale, saleAnswers(answered, locale), at); err != nil {
				return 0, err
			}
			answered++
		case 1:
			// Attempts used up long enough ago: a silent customer.
			if o.FollowUp.DueAt.Before(now.Add(-4 * 24 * time.Hour)) {
				if err := d.unreachable(ctx, o.FollowUp.ID, at); err != nil {
					return 0, err
				}
			}
		}
	}
	if err := d.work(ctx); err != nil {
		return 0, err
	}
	return answered, store.InTx(ctx, pool, func(tx pgx.Tx) error { return reports.RefreshDays(ctx, tx, now, true) })
}

// Zones are where the demo's customers live: with calling hours of 10:00
// to 19:00 every day (Calendar), one of them is always inside its hours.
var Zones = []string{"Asia/Tehran", "America/Los_Angeles", "America/Toronto", "Europe/London", "America/New_York", "Australia/Sydney"}

// Sales makes n believable sales over the 20 days before now; the same seed
// gives the same sales. Two in three customers are Persian-speaking, most
// in Tehran, some in Los Angeles and Toronto; Iranian phones are written
// the many ways Iranian shops write them. English speakers live in London,
// New York and Sydney.
// One sale in five is a repeat purchase by an earlier customer, so agents
// see customers with a history.
func Sales(n int, now time.Time, seed uint64) []sales.Input {
	rng := rand.New(rand.NewPCG(seed, seed^0x7a6d))
	out := make([]sales.Input, n)
	for i := range out {
		p := products[rng.IntN(len(products))]
		soldAt := now.Add(-time.Duration(rng.Int64N(int64(20 * 24 * time.Hour)))).Truncate(time.Second)
		in := sales.Input{
			ExternalID: fmt.Sprintf("DEMO-%06d", i+1),
			Product:    sales.ProductInput{SKU: p.sku, Category: p.category},
			SoldAt:     soldAt.Format(time.RFC3339),
		}
		who := i
		if i%5 == 4 {
			who = i / 2
		}
		// A customer's details depend only on who they are, so a repeat
		// customer comes back with the same name and phone.
		crng := rand.New(rand.NewPCG(seed, uint64(who)))
		if crng.IntN(3) < 2 {
			in.Customer = sales.CustomerInput{
				Name:     firstFa[crng.IntN(len(firstFa))] + " " + lastFa[crng.IntN(len(lastFa))],
				Phone:    iranianPhone(rng, who),
				Timezone: "Asia/Tehran", Locale: "fa",
			}
			// Some Persian-speaking customers buy from abroad, online.
			switch crng.IntN(10) {
			case 7, 8:
				in.Customer.Timezone, in.Customer.Phone = "America/Los_Angeles", fmt.Sprintf("+1 213 %d", 2000000+who%8000000)
			case 9:
				in.Customer.Timezone, in.Customer.Phone = "America/Toronto", fmt.Sprintf("+1 416 %d", 2000000+who%8000000)
			}
			in.Product.Name = p.nameFa
			in.Branch = branches[crng.IntN(len(branches))].fa
		} else {
			in.Customer = sales.CustomerInput{
				Name:     firstEn[crng.IntN(len(firstEn))] + " " + lastEn[crng.IntN(len(lastEn))],
				Phone:    fmt.Sprintf("+44 7911 %06d", who%1000000),
				Timezone: "Europe/London", Locale: "en",
			}
			switch crng.IntN(3) {
			case 1:
				in.Customer.Timezone, in.Customer.Phone = "America/New_York", fmt.Sprintf("+1 212 %d", 2000000+who%8000000)
			case 2:
				in.Customer.Timezone, in.Customer.Phone = "Australia/Sydney", fmt.Sprintf("+61 4%08d", who%100000000)
			}
			in.Product.Name = p.name
			in.Branch = branches[crng.IntN(len(branches))].en
		}
		out[i] = in
	}
	return out
}

func iranianPhone(rng *rand.Rand, i int) string {
	local := fmt.Sprintf("912%07d", i%10000000)
	switch rng.IntN(4) {
	case 0:
		return "0" + local
	case 1:
		return "+98 " + local[:3] + " " + local[3:6] + " " + local[6:]
	case 2:
		return "0098" + local
	default:
		return persianDigits("0" + local)
	}
}

func persianDigits(s string) string {
	r := []rune(s)
	for i, c := range r {
		if c >= '0' && c <= '9' {
			r[i] = '۰' + (c - '0')
		}
	}
	return string(r)
}
