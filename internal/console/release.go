package console

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/tamas-app/tamas/internal/audit"
	"github.com/tamas-app/tamas/internal/invalid"
	"github.com/tamas-app/tamas/internal/store"
)

// ReleaseAway is how long a call an agent released is not offered to that
// agent again: long enough that "not now" is not answered by the same
// call on the next "Next call", short enough that it comes back within
// the shift if nobody else takes it.
const ReleaseAway = 2 * time.Hour

// ReleaseReasons are why an agent may hand back a call, in the order the
// call page lists them; "other" needs a note.
var ReleaseReasons = []string{"language", "busy", "conflict", "other"}

const maxReleaseNote = 500

// Release is what the agent says when handing back a call.
type Release struct {
	Reason string
	Note   string
}

// Check lists what is wrong with r, every problem at once.
func (r Release) Check() invalid.Problems {
	var probs invalid.Problems
	if !slices.Contains(ReleaseReasons, r.Reason) {
		probs = append(probs, invalid.New("reason", "release.reason")...)
	}
	note := strings.TrimSpace(r.Note)
	switch {
	case utf8.RuneCountInString(note) > maxReleaseNote:
		probs = append(probs, invalid.New("release_note", "too_long", maxReleaseNote)...)
	case note == "" && r.Reason == "other":
		probs = append(probs, invalid.New("release_note", "release.note_needed")...)
	}
	return probs
}

// Release hands a call the agent holds back to the queue: due again at its
// old place, no attempt counted, the customer free for other agents, and
// not offered to this agent for ReleaseAway. A refused reason or note is
// invalid.Problems; a call the agent does not hold is ErrNotHeld.
func (s *Service) Release(ctx context.Context, id int64, user User, r Release) error {
	if probs := r.Check(); len(probs) > 0 {
		return probs
	}
	note := strings.TrimSpace(r.Note)
	return store.InTx(ctx, s.pool, func(tx pgx.Tx) error {
		event := "released: " + r.Reason
		if note != "" {
			event += ": " + note
		}
		n, err := store.New().FollowUpRelease(ctx, tx, store.FollowUpReleaseParams{
			ID: id, UserID: user.ID, Actor: user.Name, Note: event, AwaySeconds: int32(ReleaseAway / time.Second),
		})
		if err != nil {
			return fmt.Errorf("releasing the call: %w", err)
		}
		if n == 0 {
			return ErrNotHeld
		}
		type state struct {
			State  string `json:"state"`
			Agent  string `json:"agent,omitempty"`
			Reason string `json:"reason,omitempty"`
			Note   string `json:"note,omitempty"`
		}
		return audit.Write(ctx, tx, audit.Entry{
			Actor: user.Name, Entity: "follow_up", Key: strconv.FormatInt(id, 10),
			Before: state{State: "claimed", Agent: user.Name},
			After:  state{State: "due", Reason: r.Reason, Note: note},
		})
	})
}
