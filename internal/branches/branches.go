// Package branches keeps the shops' identities: one branch however a sale
// spells it, named in English and Persian. Sales map their spelling to a
// branch in the database (migration 00018); supervisors edit the names
// and merge two branches that turn out to be one.
package branches

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/audit"
	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
)

// Entity names branch changes in the audit log.
const Entity = "branch"

// maxName is the longest name, as long as a sale's branch may be.
const maxName = 200

// Opts configures a Service.
type Opts struct {
	Pool *pgxpool.Pool
}

// Service changes branches.
type Service struct {
	pool *pgxpool.Pool
}

// New returns a Service.
func New(o Opts) *Service { return &Service{pool: o.Pool} }

// Name is b's name in l, or in the other language when l's is empty, or
// its code when both are.
func Name(l i18n.Lang, b store.Branch) string {
	first, second := b.NameEn, b.NameFa
	if l == i18n.FA {
		first, second = second, first
	}
	switch {
	case first != "":
		return first
	case second != "":
		return second
	}
	return b.Code
}

// List is every branch, by code.
func (s *Service) List(ctx context.Context) ([]store.Branch, error) {
	return store.New().BranchList(ctx, s.pool)
}

// record is a branch as the audit log keeps it.
type record struct {
	Code   string `json:"code"`
	NameEn string `json:"name_en"`
	NameFa string `json:"name_fa"`
	// MergedInto is the branch a merged branch joined.
	MergedInto string `json:"merged_into,omitempty"`
}

func recordOf(b store.Branch) *record {
	return &record{Code: b.Code, NameEn: b.NameEn, NameFa: b.NameFa}
}

// SetNames changes branch id's two names, at least one given; each name
// becomes a spelling of the branch unless another branch has it.
func (s *Service) SetNames(ctx context.Context, actor string, id int64, nameEn, nameFa string) error {
	nameEn, nameFa = strings.TrimSpace(nameEn), strings.TrimSpace(nameFa)
	var probs invalid.Problems
	for _, f := range [][2]string{{"name_en", nameEn}, {"name_fa", nameFa}} {
		if len([]rune(f[1])) > maxName {
			probs = append(probs, invalid.Problem{Field: f[0], Code: "branch.too_long", Args: []any{maxName}})
		}
	}
	if nameEn == "" && nameFa == "" {
		probs = append(probs, invalid.Problem{Field: "name_en", Code: "branch.no_name"})
	}
	if len(probs) > 0 {
		return probs
	}
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		b, err := q.BranchGetForUpdate(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := q.BranchSetNames(ctx, tx, store.BranchSetNamesParams{ID: id, NameEn: nameEn, NameFa: nameFa}); err != nil {
			return err
		}
		if err := q.BranchAddSpellings(ctx, tx, store.BranchAddSpellingsParams{ID: id, Spellings: []string{nameEn, nameFa}}); err != nil {
			return err
		}
		after := recordOf(b)
		after.NameEn, after.NameFa = nameEn, nameFa
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: Entity, Key: b.Code, Before: recordOf(b), After: after})
	})
}

// Merge makes branch from part of branch into: its sales, follow-ups,
// issues and rolled-up figures move over, its spellings map to into from
// now on, and it is gone.
func (s *Service) Merge(ctx context.Context, actor string, into, from int64) error {
	if into == from {
		return invalid.New("from", "branch.merge_self")
	}
	q := store.New()
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		// Locked in id order, so two merges of the same pair cannot
		// deadlock.
		rows := map[int64]store.Branch{}
		for _, id := range []int64{min(into, from), max(into, from)} {
			b, err := q.BranchGetForUpdate(ctx, tx, id)
			if errors.Is(err, store.ErrNotFound) {
				field := "into"
				if id == from {
					field = "from"
				}
				return invalid.New(field, "branch.unknown")
			}
			if err != nil {
				return err
			}
			rows[id] = b
		}
		p := store.BranchMergeSalesParams{IntoID: &into, FromID: &from}
		if _, err := q.BranchMergeSales(ctx, tx, p); err != nil {
			return fmt.Errorf("moving sales: %w", err)
		}
		if _, err := q.BranchMergeFollowUps(ctx, tx, store.BranchMergeFollowUpsParams(p)); err != nil {
			return fmt.Errorf("moving follow-ups: %w", err)
		}
		if err := q.BranchMergeIssues(ctx, tx, store.BranchMergeIssuesParams(p)); err != nil {
			return fmt.Errorf("moving issues: %w", err)
		}
		if err := q.BranchMergeReportDays(ctx, tx, store.BranchMergeReportDaysParams{IntoID: into, FromID: from}); err != nil {
			return fmt.Errorf("moving rolled-up figures: %w", err)
		}
		if err := q.BranchDropReportDays(ctx, tx, from); err != nil {
			return fmt.Errorf("moving rolled-up figures: %w", err)
		}
		if err := q.BranchMergeRecoveryDays(ctx, tx, store.BranchMergeRecoveryDaysParams{IntoID: into, FromID: from}); err != nil {
			return fmt.Errorf("moving rolled-up repeat purchases: %w", err)
		}
		if err := q.BranchDropRecoveryDays(ctx, tx, from); err != nil {
			return fmt.Errorf("moving rolled-up repeat purchases: %w", err)
		}
		if err := q.BranchMergeAliases(ctx, tx, store.BranchMergeAliasesParams{IntoID: into, FromID: from}); err != nil {
			return fmt.Errorf("moving spellings: %w", err)
		}
		if err := q.BranchDelete(ctx, tx, from); err != nil {
			return fmt.Errorf("removing the merged branch: %w", err)
		}
		before := recordOf(rows[from])
		after := recordOf(rows[from])
		after.MergedInto = rows[into].Code
		return audit.Write(ctx, tx, audit.Entry{Actor: actor, Entity: Entity, Key: before.Code, Before: before, After: after})
	})
}
