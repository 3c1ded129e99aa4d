// Package demo fills an empty database with a believable organisation: a
// Tehran shop chain with Persian and English customers, sales over the last
// weeks, some follow-ups due today and some already answered.
package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"

	"github.com/tamas-app/tamas/internal/due"
	"github.com/tamas-app/tamas/internal/intake"
	"github.com/tamas-app/tamas/internal/issues"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/schedule"
	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
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

var branchesFa = []string{"تجریش", "ونک", "شهرک غرب", "اصفهان - چهارباغ"}
var branchesEn = []string{"Tajrish", "Vanak", "Shahrak-e Gharb", "Isfahan Chaharbagh"}

var firstFa = []string{"مریم", "علی", "زهرا", "حسین", "فاطمه", "رضا", "نرگس", "امیر", "سارا", "مهدی", "لیلا", "کاوه"}
var lastFa = []string{"رضایی", "محمدی", "حسینی", "کریمی", "احمدی", "موسوی", "جعفری", "صادقی", "رحیمی", "تهرانی"}
var firstEn = []string{"Emma", "Liam", "Olivia", "Noah", "Ava", "James", "Sophia", "Lucas"}
var lastEn = []string{"Smith", "Brown", "Taylor", "Wilson", "Clark", "Walker"}

// Loaded reports whether the demo data is already there.
func Loaded(ctx context.Context, pool *pgxpool.Pool) (bool, error) {
	return store.New().SourceExists(ctx, pool, Source)
}

// Load writes the demo organisation through the same intake path the API
// uses, so what the demo shows is what production does.
// It returns how many follow-ups it marked answered.
func Load(ctx context.Context, pool *pgxpool.Pool, svc *intake.Service, client *river.Client[pgx.Tx], count int, now time.Time) (int, error) {
	q := store.New()
	if err := q.CalendarSet(ctx, pool, store.CalendarParams(schedule.IranCalendar())); err != nil {
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
	if _, err := due.New(due.Opts{Pool: pool, River: client}).MakeDue(ctx, now, "demo"); err != nil {
		return 0, err
	}
	answered := 0
	versions := map[string]store.ScriptVersionCurrentRow{}
	for i, o := range out {
		if i%3 != 0 || o.FollowUp.DueAt.After(now.Add(-24*time.Hour)) {
			continue
		}
		locale := inputs[i].Customer.Locale
		v, ok := versions[locale]
		if !ok {
			if v, err = q.ScriptVersionCurrent(ctx, pool, store.ScriptVersionCurrentParams{Name: "default", Locale: locale}); err != nil {
				return 0, fmt.Errorf("reading the default script: %w", err)
			}
			versions[locale] = v
		}
		done, err := answer(ctx, pool, client, o.FollowUp.ID, v, i, locale, now)
		if err != nil {
			return 0, err
		}
		if done {
			answered++
		}
	}
	return answered, nil
}

// answer completes follow-up id with the demo answers of sale i, and
// raises the issues they call for, as a call would: the service desk of a
// fresh demo has work on it.
func answer(ctx context.Context, pool *pgxpool.Pool, client *river.Client[pgx.Tx], id int64, v store.ScriptVersionCurrentRow, i int, locale string, now time.Time) (bool, error) {
	q := store.New()
	var version scripts.Version
	if err := json.Unmarshal(v.Body, &version); err != nil {
		return false, fmt.Errorf("decoding the default script: %w", err)
	}
	done := false
	err := store.InTx(ctx, pool, func(tx pgx.Tx) error {
		n, err := q.FollowUpCompleteWithAttempt(ctx, tx, store.FollowUpCompleteWithAttemptParams{FollowUpID: id, Actor: "demo", Notes: ""})
		if err != nil || n == 0 {
			return err
		}
		resp, err := q.ResponseInsert(ctx, tx, store.ResponseInsertParams{
			FollowUpID: id, ScriptVersionID: v.ID, Channel: "agent", CapturedBy: "demo",
		})
		if err != nil {
			return fmt.Errorf("storing demo response: %w", err)
		}
		keys, values := demoAnswers(i, locale)
		if err := q.AnswerInsertMany(ctx, tx, store.AnswerInsertManyParams{ResponseID: resp, QuestionKey: keys, Value: values}); err != nil {
			return fmt.Errorf("storing demo answers: %w", err)
		}
		fu, err := q.FollowUpParties(ctx, tx, id)
		if err != nil {
			return fmt.Errorf("reading demo follow-up %d: %w", id, err)
		}
		answers := make([]scripts.Answer, len(keys))
		for k := range keys {
			answers[k] = scripts.Answer{Key: keys[k], Value: values[k]}
		}
		if _, err := issues.Raise(ctx, tx, client, issues.Response{
			ID: resp, FollowUpID: id, SaleID: fu.SaleID, CustomerID: fu.CustomerID, Version: version, Answers: answers,
		}, "demo", now); err != nil {
			return err
		}
		done = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("answering demo follow-up %d: %w", id, err)
	}
	return done, nil
}

// demoAnswers are mostly content customers with a few unhappy ones, so
// history and (later) issues have something to show.
func demoAnswers(i int, locale string) ([]string, []string) {
	switch i % 7 {
	case 0:
		comment := "The left arm is loose."
		if locale == "fa" {
			comment = "دستهٔ چپ شل است."
		}
		return []string{"overall", "working", "staff", "comments"}, []string{"2", "no", "4", comment}
	case 3:
		return []string{"overall", "working"}, []string{"4", "yes"}
	default:
		return []string{"overall", "working", "staff"}, []string{"5", "yes", "5"}
	}
}

// Sales makes n believable sales over the 20 days before now; the same seed
// gives the same sales. Two in three customers are Persian-speaking and in
// Tehran; their phones are written the many ways Iranian shops write them.
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
			in.Product.Name = p.nameFa
			in.Branch = branchesFa[crng.IntN(len(branchesFa))]
		} else {
			in.Customer = sales.CustomerInput{
				Name:     firstEn[crng.IntN(len(firstEn))] + " " + lastEn[crng.IntN(len(lastEn))],
				Phone:    fmt.Sprintf("+44 7911 %06d", who%1000000),
				Timezone: "Europe/London", Locale: "en",
			}
			in.Product.Name = p.name
			in.Branch = branchesEn[crng.IntN(len(branchesEn))]
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
