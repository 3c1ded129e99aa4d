package scripts_test

import (
	"slices"
	"testing"

	"github.com/tamas-app/tamas/scripts"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	a := scripts.Default("en")
	b := scripts.Default("en")
	b.Intro += " Thanks."
	b.Questions = slices.Clone(b.Questions)
	b.Questions[1].Prompt = "Does everything work?"
	b.Questions[1].Required = false
	b.Questions = append(b.Questions[:2], b.Questions[3:]...) // drop "staff"
	b.Questions = append(b.Questions, scripts.Question{Key: "delivery", Prompt: "Did it arrive on time?", Type: scripts.YesNo})

	got := map[string]scripts.Change{}
	for _, c := range scripts.Diff(a, b) {
		got[c.Where] = c
	}
	want := map[string]string{"intro": "changed", "overall": "same", "working": "changed", "staff": "removed", "comments": "changed", "delivery": "added", "closing": "same"}
	for where, kind := range want {
		if got[where].Kind != kind {
			t.Errorf("%s: %q, want %q", where, got[where].Kind, kind)
		}
	}
	if f := got["working"].Fields; !slices.Equal(f, []string{"prompt", "required"}) {
		t.Errorf("working changed %v, want [prompt required]", f)
	}
	if f := got["comments"].Fields; !slices.Equal(f, []string{"position"}) {
		t.Errorf("comments changed %v, want [position] (it moved up)", f)
	}
	if len(scripts.Diff(a, a)) != len(a.Questions)+2 {
		t.Error("a version compared with itself should list every part once")
	}
	for _, c := range scripts.Diff(a, a) {
		if c.Kind != "same" {
			t.Errorf("%s differs from itself: %+v", c.Where, c)
		}
	}
}
