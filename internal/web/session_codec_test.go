package web

import (
	"bytes"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
)

// gob writes maps in random order; the session codec must not, or an
// unchanged session looks changed and is rewritten on every page view.
func TestSessionCodecEncodesTheSameValuesTheSameWay(t *testing.T) {
	deadline := time.Date(2026, 12, 4, 20, 0, 0, 0, time.UTC)
	values := map[string]any{"user_id": int64(7), "password_mark": "abc", "flash": "saved", "lang": "fa"}
	first, err := sortedGobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	for range 50 {
		again, err := sortedGobCodec{}.Encode(deadline, values)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("the same session values encoded to different bytes")
		}
	}
	old, err := scs.GobCodec{}.Encode(deadline, values)
	if err != nil {
		t.Fatal(err)
	}
	if _, got, err := (sortedGobCodec{}).Decode(old); err != nil || got["user_id"] != int64(7) {
		t.Errorf("a session stored by scs's own codec decoded to %v, %v", got, err)
	}
	gotDeadline, got, err := sortedGobCodec{}.Decode(first)
	if err != nil {
		t.Fatal(err)
	}
	if !gotDeadline.Equal(deadline) || len(got) != len(values) || got["user_id"] != int64(7) || got["password_mark"] != "abc" {
		t.Errorf("decoded %v %v, want %v %v", gotDeadline, got, deadline, values)
	}
}
