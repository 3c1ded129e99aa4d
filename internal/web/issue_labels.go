package web

import (
	"context"

	"github.com/tamas-app/tamas/internal/i18n"
	"github.com/tamas-app/tamas/internal/store"
)

// labels names categories and root causes in the reader's language: the
// supervisors' list first, then the built-in names (such as not_fixed),
// else the key as a script wrote it.
type labels map[string]store.RootCause

func (s *Server) labels(ctx context.Context) (labels, []store.RootCause, error) {
	list, err := s.issues.RootCauses(ctx)
	if err != nil {
		return nil, nil, err
	}
	m := make(labels, len(list))
	for _, c := range list {
		m[c.Key] = c
	}
	return m, list, nil
}

func (m labels) of(l i18n.Lang, key string) string {
	if c, ok := m[key]; ok {
		if l == i18n.FA {
			return c.LabelFa
		}
		return c.LabelEn
	}
	if t := i18n.T(l, "rootcause."+key); t != "rootcause."+key {
		return t
	}
	return key
}
