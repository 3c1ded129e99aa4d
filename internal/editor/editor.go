// Package editor is the supervisors' side of call scripts: drafts,
// publishing behind the non-sales guard, moving waiting follow-ups to a new
// version, import and export. The rules live in package scripts; this
// package stores what they allow.
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

// Service keeps the call scripts: drafts, published versions, imports and
// exports, each checked by the non-sales guard before it is stored.
type Service struct {
	pool  *pgxpool.Pool
	guard scripts.Guard
}

// Opts is what New builds the editor from.
type Opts struct {
	Pool *pgxpool.Pool
	// Guard judges wording (sales language, length); its zero value
	// checks structure only.
	Guard scripts.Guard
}

// New is the script editor.
func New(o Opts) *Service {
	return &Service{pool: o.Pool, guard: o.Guard}
}

// Guard is the guard the editor checks scripts with, for pages that show
// its limits.
func (s *Service) Guard() scripts.Guard { return s.guard }

// ErrNoDraft: there is nothing to publish.
var ErrNoDraft = errors.New("this script has no draft")

// Version is one stored version of a script.
type Version struct {
	ID        int64
	Number    int
	Body      scripts.Version
	Published *time.Time
	By        string
	At        time.Time
	Responses int64
	Waiting   int64
}

// Script is a script with its versions, newest first.
type Script struct {
	ID       int64
	Name     string
	Locale   string
	Versions []Version
}

// Draft is the version being edited, nil if none.
func (s Script) Draft() *Version {
	for i := range s.Versions {
		if s.Versions[i].Published == nil {
			return &s.Versions[i]
		}
	}
	return nil
}

// Current is the newest published version, nil if none.
func (s Script) Current() *Version {
	for i := range s.Versions {
		if s.Versions[i].Published != nil {
			return &s.Versions[i]
		}
	}
	return nil
}

// ByNumber finds a version.
func (s Script) ByNumber(n int) *Version {
	for i := range s.Versions {
		if s.Versions[i].Number == n {
			return &s.Versions[i]
		}
	}
	return nil
}

func (s *Service) List(ctx context.Context) ([]store.ScriptListRow, error) {
	rows, err := store.New().ScriptList(ctx, s.pool)
	if err != nil {
		return nil, fmt.Errorf("listing scripts: %w", err)
	}
	return rows, nil
}

func (s *Service) Script(ctx context.Context, id int64) (Script, error) {
	q := store.New()
	sc, err := q.ScriptGet(ctx, s.pool, id)
	if err != nil {
		return Script{}, fmt.Errorf("reading script: %w", err)
	}
	rows, err := q.ScriptVersionList(ctx, s.pool, id)
	if err != nil {
		return Script{}, fmt.Errorf("reading versions: %w", err)
	}
	out := Script{ID: sc.ID, Name: sc.Name, Locale: sc.Locale}
	for _, r := range rows {
		var body scripts.Version
		if err := json.Unmarshal(r.Body, &body); err != nil {
			return Script{}, fmt.Errorf("decoding version %d: %w", r.Number, err)
		}
		out.Versions = append(out.Versions, Version{
			ID: r.ID, Number: int(r.Number), Body: body, Published: r.PublishedAt,
			By: r.CreatedBy, At: r.CreatedAt, Responses: r.Responses, Waiting: r.Waiting,
		})
	}
	return out, nil
}

// Create starts a script with a draft copied from the default script in its
// language, which the supervisor then edits.
func (s *Service) Create(ctx context.Context, name, locale, actor string) (int64, error) {
	q := store.New()
	var id int64
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := q.ScriptGetByName(ctx, tx, store.ScriptGetByNameParams{Name: name, Locale: locale}); err == nil {
			return ErrExists
		}
		var err error
		if id, err = q.ScriptEnsure(ctx, tx, store.ScriptEnsureParams{Name: name, Locale: locale}); err != nil {
			return fmt.Errorf("creating script: %w", err)
		}
		v := scripts.Default(locale)
		v.Name, v.Locale = name, locale
		return s.saveDraft(ctx, tx, id, v, actor)
	})
	return id, err
}

// ErrExists: a script with that name and language exists already.
var ErrExists = errors.New("a script with this name and language exists already")

// SaveDraft stores v as the script's draft, whatever the guard thinks:
// drafts are always allowed, only publishing is checked.
func (s *Service) SaveDraft(ctx context.Context, scriptID int64, v scripts.Version, actor string) error {
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		sc, err := store.New().ScriptGet(ctx, tx, scriptID)
		if err != nil {
			return fmt.Errorf("reading script: %w", err)
		}
		v.Name, v.Locale = sc.Name, sc.Locale
		return s.saveDraft(ctx, tx, scriptID, v, actor)
	})
}

func (s *Service) saveDraft(ctx context.Context, tx pgx.Tx, scriptID int64, v scripts.Version, actor string) error {
	q := store.New()
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	draft, err := q.ScriptDraftGet(ctx, tx, scriptID)
	switch {
	case err == nil:
		n, err := q.ScriptDraftUpdate(ctx, tx, store.ScriptDraftUpdateParams{Body: body, CreatedBy: actor, ID: draft.ID})
		if err != nil {
			return fmt.Errorf("saving draft: %w", err)
		}
		if n == 0 {
			// Published by someone else since it was read: this edit
			// becomes the next draft rather than being dropped.
			if _, err := q.ScriptVersionInsert(ctx, tx, store.ScriptVersionInsertParams{ScriptID: scriptID, Body: body, CreatedBy: actor}); err != nil {
				return fmt.Errorf("creating draft: %w", err)
			}
		}
	case errors.Is(err, store.ErrNotFound):
		if _, err := q.ScriptVersionInsert(ctx, tx, store.ScriptVersionInsertParams{ScriptID: scriptID, Body: body, CreatedBy: actor}); err != nil {
			return fmt.Errorf("creating draft: %w", err)
		}
	default:
		return fmt.Errorf("reading draft: %w", err)
	}
	return nil
}

// Publish makes the draft an immutable version that new follow-ups use,
// unless the guard finds a reason not to; the findings come back then and
// the draft stays as it is.
func (s *Service) Publish(ctx context.Context, scriptID int64) (int, []scripts.Finding, error) {
	var number int
	var findings []scripts.Finding
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		number, findings, err = s.publish(ctx, tx, scriptID)
		return err
	})
	return number, findings, err
}

// SaveAndPublish saves v as the draft and publishes it in one transaction,
// so what is published is exactly what this supervisor sent, not another
// supervisor's save in between.
func (s *Service) SaveAndPublish(ctx context.Context, scriptID int64, v scripts.Version, actor string) (int, []scripts.Finding, error) {
	var number int
	var findings []scripts.Finding
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		sc, err := store.New().ScriptGet(ctx, tx, scriptID)
		if err != nil {
			return fmt.Errorf("reading script: %w", err)
		}
		v.Name, v.Locale = sc.Name, sc.Locale
		if err := s.saveDraft(ctx, tx, scriptID, v, actor); err != nil {
			return err
		}
		number, findings, err = s.publish(ctx, tx, scriptID)
		return err
	})
	return number, findings, err
}

func (s *Service) publish(ctx context.Context, tx pgx.Tx, scriptID int64) (number int, findings []scripts.Finding, err error) {
	q := store.New()
	err = func() error {
		draft, err := q.ScriptDraftGet(ctx, tx, scriptID)
		if errors.Is(err, store.ErrNotFound) {
			return ErrNoDraft
		}
		if err != nil {
			return fmt.Errorf("reading draft: %w", err)
		}
		var v scripts.Version
		if err := json.Unmarshal(draft.Body, &v); err != nil {
			return fmt.Errorf("decoding draft: %w", err)
		}
		if findings = s.guard.Publishable(v); len(findings) > 0 {
			return nil
		}
		if _, err := q.ScriptVersionPublish(ctx, tx, draft.ID); err != nil {
			return fmt.Errorf("publishing: %w", err)
		}
		number = int(draft.Number)
		return nil
	}()
	return number, findings, err
}

// Move gives every waiting follow-up of the script's older versions the
// published version number; answered ones keep the version they answered.
func (s *Service) Move(ctx context.Context, scriptID int64, number int) (int64, error) {
	q := store.New()
	v, err := q.ScriptVersionByNumber(ctx, s.pool, store.ScriptVersionByNumberParams{ScriptID: scriptID, Number: int32(number)})
	if err != nil {
		return 0, fmt.Errorf("reading version %d: %w", number, err)
	}
	if v.PublishedAt == nil {
		return 0, errors.New("only a published version can be given to follow-ups")
	}
	n, err := q.FollowUpMoveScriptVersion(ctx, s.pool, store.FollowUpMoveScriptVersionParams{ToVersion: &v.ID, ScriptID: scriptID})
	if err != nil {
		return 0, fmt.Errorf("moving follow-ups: %w", err)
	}
	return n, nil
}

// Import stores a version read from a file as the draft of its script
// (created if new) and, when publish is set, publishes it if it may be.
func (s *Service) Import(ctx context.Context, v scripts.Version, actor string, publish bool) (int64, int, []scripts.Finding, error) {
	if problems := v.Validate(); len(problems) > 0 {
		return 0, 0, s.guard.Publishable(v), nil
	}
	q := store.New()
	var id int64
	err := store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if id, err = q.ScriptEnsure(ctx, tx, store.ScriptEnsureParams{Name: v.Name, Locale: v.Locale}); err != nil {
			return fmt.Errorf("creating script: %w", err)
		}
		return s.saveDraft(ctx, tx, id, v, actor)
	})
	if err != nil || !publish {
		return id, 0, nil, err
	}
	n, findings, err := s.Publish(ctx, id)
	return id, n, findings, err
}

// Export returns a version: number 0 means the newest published one.
func (s *Service) Export(ctx context.Context, name, locale string, number int) (scripts.Version, int, error) {
	q := store.New()
	sc, err := q.ScriptGetByName(ctx, s.pool, store.ScriptGetByNameParams{Name: name, Locale: locale})
	if err != nil {
		return scripts.Version{}, 0, fmt.Errorf("script %q (%s): %w", name, locale, err)
	}
	full, err := s.Script(ctx, sc.ID)
	if err != nil {
		return scripts.Version{}, 0, err
	}
	v := full.Current()
	if number != 0 {
		v = full.ByNumber(number)
	}
	if v == nil {
		return scripts.Version{}, 0, fmt.Errorf("script %q (%s) has no such version: %w", name, locale, store.ErrNotFound)
	}
	return v.Body, v.Number, nil
}
