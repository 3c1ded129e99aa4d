package console

import (
	"context"
	"fmt"
	"sort"

	"golang.org/x/text/language"

	"github.com/tamas-app/tamas/internal/store"
)

// languages is the set of languages an agent speaks, by base subtag: an
// agent who speaks "en" is offered customers in "en-GB" and "en-US".
type languages map[string]bool

func languagesOf(tags []string) languages {
	l := languages{}
	for _, t := range tags {
		l[BaseLanguage(t)] = true
	}
	return l
}

func (l languages) speak(locale string) bool { return l[BaseLanguage(locale)] }

// BaseLanguage is the language of a BCP 47 tag without its region or
// script ("en-GB" → "en"), the unit agents are matched on; "und" when the
// tag names no language.
func BaseLanguage(tag string) string {
	b, _ := language.Make(tag).Base()
	return b.String()
}

// LanguageCount is how many calls wait in one language.
type LanguageCount struct {
	Language string
	Due      int64
}

// Unspoken counts the due calls, inside their window or not, in each
// language that no enabled agent speaks: customers "Next call" offers to
// nobody until an admin gives some agent their language. Every enabled
// agent account counts as on shift, whether signed in or not (tamas keeps
// no record of who is at work), so a language listed here is one nobody
// could take today.
func (s *Service) Unspoken(ctx context.Context) ([]LanguageCount, error) {
	spoken, err := store.New().AgentLanguages(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("reading the agents' languages: %w", err)
	}
	all, err := s.duePairs(ctx, s.pool)
	if err != nil {
		return nil, err
	}
	langs := languagesOf(spoken)
	by := map[string]int64{}
	for _, p := range all.pairs {
		if !langs.speak(p.locale) {
			by[BaseLanguage(p.locale)] += p.due
		}
	}
	out := make([]LanguageCount, 0, len(by))
	for l, n := range by {
		out = append(out, LanguageCount{Language: l, Due: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Due != out[j].Due {
			return out[i].Due > out[j].Due
		}
		return out[i].Language < out[j].Language
	})
	return out, nil
}
