package editor

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/tamas-app/tamas/internal/store"
	"github.com/tamas-app/tamas/scripts"
)

// EnsureDefaultScripts publishes the seeded scripts (the default call and
// the recovery call, in English and Persian) that the database does not
// have yet, so the console works from the first start and an older
// database gains the recovery script. A script that exists is left alone:
// its versions are the supervisors' now.
func EnsureDefaultScripts(ctx context.Context, pool *pgxpool.Pool) error {
	q := store.New()
	return store.InTx(ctx, pool, func(tx pgx.Tx) error {
		for _, v := range scripts.Seed() {
			_, err := q.ScriptGetByName(ctx, tx, store.ScriptGetByNameParams{Name: v.Name, Locale: v.Locale})
			if err == nil {
				continue
			}
			if !errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("reading script %s/%s: %w", v.Name, v.Locale, err)
			}
			body, err := json.Marshal(v)
			if err != nil {
				return err
			}
			id, err := q.ScriptEnsure(ctx, tx, store.ScriptEnsureParams{Name: v.Name, Locale: v.Locale})
			if err != nil {
				return fmt.Errorf("creating script %s/%s: %w", v.Name, v.Locale, err)
			}
			now := time.Now()
			if _, err := q.ScriptVersionInsert(ctx, tx, store.ScriptVersionInsertParams{
				ScriptID: id, Body: body, PublishedAt: &now, CreatedBy: "system",
			}); err != nil {
				return fmt.Errorf("publishing script %s/%s: %w", v.Name, v.Locale, err)
			}
		}
		return nil
	})
}
