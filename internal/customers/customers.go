// Package customers finds customers and gathers what the company knows
// about one for the customer page: sales, follow-ups, answers, issues and
// staff notes.
package customers

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/sales"
	"github.com/tamas-app/tamas/internal/store"
)

// PageSize is how many customers a page of search results holds.
const PageSize = 20

// shown bounds each list of the customer page: a customer with more has
// been with the company long enough that the newest tell the story.
const shown = 50

// MaxNote bounds a staff note on a customer, like a note on an issue.
const MaxNote = 4000

// CodeNote: a customer note must have 1 to MaxNote characters; the
// argument is MaxNote.
const CodeNote = "customer.note"

// Service finds customers and keeps their notes.
type Service struct {
	pool  *pgxpool.Pool
	phone func(raw string) (string, bool)
}

// Opts configures New.
type Opts struct {
	Pool *pgxpool.Pool
	// Normalizer reads a searched phone as intake reads a sale's, with the
	// default country.
	Normalizer *sales.Normalizer
}

// New returns the customer service.
func New(o Opts) *Service {
	return &Service{pool: o.Pool, phone: o.Normalizer.Phone}
}

// Match is one customer a search found.
type Match struct {
	ID          int64
	Name, Phone string
}

// Results is one page of a search; More says a next page exists.
type Results struct {
	Matches []Match
	More    bool
}

// Search finds customers by phone, in any spelling intake would accept, or
// else by the start of their name in any case; page counts from 0. A
// query that reads as a phone number is looked up as one only: a name
// does not start with digits.
func (s *Service) Search(ctx context.Context, query string, page int) (Results, error) {
	query = strings.TrimSpace(query)
	if query == "" || page < 0 {
		return Results{}, nil
	}
	q := store.New()
	if e164, ok := s.phone(query); ok {
		rows, err := q.CustomerListByPhones(ctx, s.pool, []string{e164})
		if err != nil {
			return Results{}, fmt.Errorf("searching customers by phone: %w", err)
		}
		var out Results
		if page == 0 {
			for _, r := range rows {
				out.Matches = append(out.Matches, Match{ID: r.ID, Name: r.Name, Phone: r.Phone})
			}
		}
		return out, nil
	}
	rows, err := q.CustomerSearchByName(ctx, s.pool, store.CustomerSearchByNameParams{
		Prefix: likePrefix(sales.Fold(query)), MaxRows: PageSize + 1, Skip: int32(page * PageSize),
	})
	if err != nil {
		return Results{}, fmt.Errorf("searching customers by name: %w", err)
	}
	out := Results{More: len(rows) > PageSize}
	for i, r := range rows {
		if i == PageSize {
			break
		}
		out.Matches = append(out.Matches, Match{ID: r.ID, Name: r.Name, Phone: r.Phone})
	}
	return out, nil
}

// likePrefix escapes LIKE's wildcards in s, so a "_" typed is a "_" found.
func likePrefix(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// Card is everything the customer page shows, the newest of each first.
type Card struct {
	Customer  store.CustomerGetRow
	Sales     []store.CustomerSalesRow
	FollowUps []store.CustomerFollowUpsRow
	Answers   []store.CustomerAnswersRow
	Issues    []store.CustomerIssuesRow
	Notes     []store.CustomerNotesRow
}

// Card gathers customer id's page; an unknown id is store.ErrNotFound.
func (s *Service) Card(ctx context.Context, id int64) (Card, error) {
	q := store.New()
	var c Card
	var err error
	if c.Customer, err = q.CustomerGet(ctx, s.pool, id); err != nil {
		return Card{}, fmt.Errorf("reading customer %d: %w", id, err)
	}
	if c.Sales, err = q.CustomerSales(ctx, s.pool, store.CustomerSalesParams{CustomerID: id, MaxRows: shown}); err != nil {
		return Card{}, fmt.Errorf("reading customer %d's sales: %w", id, err)
	}
	if c.FollowUps, err = q.CustomerFollowUps(ctx, s.pool, store.CustomerFollowUpsParams{CustomerID: id, MaxRows: shown}); err != nil {
		return Card{}, fmt.Errorf("reading customer %d's follow-ups: %w", id, err)
	}
	if c.Answers, err = q.CustomerAnswers(ctx, s.pool, store.CustomerAnswersParams{CustomerID: id, MaxResponses: 10}); err != nil {
		return Card{}, fmt.Errorf("reading customer %d's answers: %w", id, err)
	}
	if c.Issues, err = q.CustomerIssues(ctx, s.pool, store.CustomerIssuesParams{CustomerID: id, MaxRows: shown}); err != nil {
		return Card{}, fmt.Errorf("reading customer %d's issues: %w", id, err)
	}
	if c.Notes, err = q.CustomerNotes(ctx, s.pool, store.CustomerNotesParams{CustomerID: id, MaxRows: shown}); err != nil {
		return Card{}, fmt.Errorf("reading customer %d's notes: %w", id, err)
	}
	return c, nil
}

// AddNote keeps a staff member's note on customer id, trimmed; an empty or
// overlong one is refused as invalid.Problems, an unknown customer is
// store.ErrNotFound.
func (s *Service) AddNote(ctx context.Context, id, authorID int64, body string) error {
	body = strings.TrimSpace(body)
	if body == "" || utf8.RuneCountInString(body) > MaxNote {
		return invalid.New("body", CodeNote, MaxNote)
	}
	q := store.New()
	if _, err := q.CustomerGet(ctx, s.pool, id); err != nil {
		return fmt.Errorf("reading customer %d: %w", id, err)
	}
	if err := q.CustomerNoteInsert(ctx, s.pool, store.CustomerNoteInsertParams{CustomerID: id, AuthorID: authorID, Body: body}); err != nil {
		return fmt.Errorf("adding a note to customer %d: %w", id, err)
	}
	return nil
}
