package invalid_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/tamas-app/tamas/internal/invalid"
)

func TestFromFindsWrappedProblems(t *testing.T) {
	t.Parallel()
	err := fmt.Errorf("saving the rule: %w", invalid.New("days", "days.range", 1, 365))
	ps, ok := invalid.From(err)
	if !ok || len(ps) != 1 || ps[0].Field != "days" || ps[0].Code != "days.range" {
		t.Fatalf("From(%v) = %v, %v", err, ps, ok)
	}
	if _, ok := invalid.From(errors.New("disk full")); ok {
		t.Fatal("From found problems in an unrelated error")
	}
	if _, ok := invalid.From(invalid.Problems{}); ok {
		t.Fatal("From reported an empty Problems as problems")
	}
}

func TestErrIsNilWithoutProblems(t *testing.T) {
	t.Parallel()
	var ps invalid.Problems
	if err := ps.Err(); err != nil {
		t.Fatalf("Err of no problems = %v, want nil", err)
	}
	ps = append(ps, invalid.Problem{Field: "name", Code: "required"})
	if err := ps.Err(); err == nil || err.Error() != "invalid input: name: required" {
		t.Fatalf("Err = %v", err)
	}
}

func TestOn(t *testing.T) {
	t.Parallel()
	ps := invalid.Problems{{Field: "a", Code: "x"}, {Field: "b", Code: "y"}, {Field: "a", Code: "z"}}
	if got := ps.On("a"); len(got) != 2 || got[1].Code != "z" {
		t.Fatalf("On(a) = %v", got)
	}
}
