// Package audit writes the audit log: who changed which entity, and what it
// was before and after. Every change that is audited writes its row here, in
// the transaction that makes the change, so a change and its record commit
// or roll back together.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"

	"github.com/tamas-app/tamas/internal/store"
)

// Entry is one audited change.
type Entry struct {
	// Actor is who made the change: a username, or "job:<kind>" for a job.
	Actor string
	// Entity is the kind of thing changed ("rule", "issue", "webhook"…);
	// pages list changes by it.
	Entity string
	// Key names the changed thing among its kind; "" for a singleton such
	// as the calendar.
	Key string
	// Before and After are the entity as JSON values. A nil Before is an
	// addition, a nil After a deletion; a nil pointer counts as nil. A
	// json.RawMessage is written as it is.
	Before, After any
}

// Write records e in tx, the transaction that makes the change.
func Write(ctx context.Context, tx store.DBTX, e Entry) error {
	p := store.AuditInsertParams{Actor: e.Actor, Entity: e.Entity, EntityKey: e.Key}
	var err error
	if p.Before, err = encode(e.Before); err != nil {
		return fmt.Errorf("recording the change to %s %q: %w", e.Entity, e.Key, err)
	}
	if p.After, err = encode(e.After); err != nil {
		return fmt.Errorf("recording the change to %s %q: %w", e.Entity, e.Key, err)
	}
	if err := store.New().AuditInsert(ctx, tx, p); err != nil {
		return fmt.Errorf("recording the change to %s %q: %w", e.Entity, e.Key, err)
	}
	return nil
}

// encode is v as the JSON the column keeps, or nil for SQL NULL.
func encode(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	if raw, ok := v.(json.RawMessage); ok {
		if raw == nil {
			return nil, nil
		}
		return raw, nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil, nil
	}
	return json.Marshal(v)
}
