package users

import (
	"context"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"golang.org/x/text/language"

	"github.com/tamas-app/tamas/internal/audit"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
)

// MaxLanguages bounds the languages one agent is listed as speaking (the
// column's check says the same).
const MaxLanguages = 20

// Languages are the languages account u speaks, as base subtags: the ones
// an admin set, else the account's UI language.
func Languages(u store.User) []string {
	if len(u.Languages) > 0 {
		return u.Languages
	}
	return []string{u.Locale}
}

// ParseLanguages reads the languages an admin typed, separated by spaces
// or commas ("fa, en-GB ar"), as base subtags in the order typed without
// repeats: agents are matched to customers by language, not region.
func ParseLanguages(typed string) ([]string, invalid.Problems) {
	var out []string
	for _, t := range strings.FieldsFunc(typed, func(r rune) bool { return r == ',' || r == '،' || r == ' ' }) {
		base, conf := language.Make(t).Base()
		if _, err := language.Parse(t); err != nil || conf == language.No || base.String() == "und" {
			return nil, invalid.New("languages", "users.language", t, "fa", "en")
		}
		if !slices.Contains(out, base.String()) {
			out = append(out, base.String())
		}
	}
	switch {
	case len(out) == 0:
		return nil, invalid.New("languages", "users.languages_none")
	case len(out) > MaxLanguages:
		return nil, invalid.New("languages", "users.languages_many", MaxLanguages)
	}
	return out, nil
}

// SetLanguages sets the languages account id speaks, as typed by admin
// actor, and returns its username; typing that names no language is
// invalid.Problems.
func (s *Service) SetLanguages(ctx context.Context, actor string, id int64, typed string) (username string, err error) {
	langs, probs := ParseLanguages(typed)
	if probs != nil {
		return "", probs
	}
	return s.change(ctx, Actor{Username: actor}, id, func(tx pgx.Tx, target store.User) error {
		if _, err := store.New().UserSetLanguages(ctx, tx, store.UserSetLanguagesParams{Languages: langs, ID: id}); err != nil {
			return err
		}
		type record struct {
			Languages []string `json:"languages"`
		}
		return audit.Write(ctx, tx, audit.Entry{
			Actor: actor, Entity: "user", Key: target.Username,
			Before: record{Languages(target)}, After: record{langs},
		})
	})
}
