package apifuzz_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// stats counts what was sent and what came back, for the run's summary.
// Requests rapid replays while shrinking a failure count too.
type stats struct {
	mu       sync.Mutex
	total    int
	byKind   map[string]map[int]int
	statuses map[int]int
	auths    map[string]int
	ops      map[string]int
}

func newStats() stats {
	return stats{byKind: map[string]map[int]int{}, statuses: map[int]int{}, auths: map[string]int{}, ops: map[string]int{}}
}

func (s *stats) add(p plan, status int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.total++
	if s.byKind[p.kind] == nil {
		s.byKind[p.kind] = map[int]int{}
	}
	s.byKind[p.kind][status]++
	s.statuses[status]++
	s.auths[p.auth]++
	op := p.method + " (no such route)"
	if p.route != nil {
		op = p.method + " " + p.route.path
	} else if p.item != nil {
		op = p.method + " (wrong method)"
	}
	s.ops[op]++
}

func (s *stats) log(t *testing.T) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	fmt.Fprintf(&b, "API fuzzer: %d requests\nby kind (statuses):\n", s.total)
	for _, k := range sortedKeys(s.byKind) {
		n := 0
		for _, c := range s.byKind[k] {
			n += c
		}
		fmt.Fprintf(&b, "  %-40s %6d  %s\n", k, n, histogram(s.byKind[k]))
	}
	fmt.Fprintf(&b, "statuses: %s\nsigned with: ", histogram(s.statuses))
	for _, a := range sortedKeys(s.auths) {
		fmt.Fprintf(&b, "%s %d; ", a, s.auths[a])
	}
	b.WriteString("\nby operation: ")
	for _, o := range sortedKeys(s.ops) {
		fmt.Fprintf(&b, "%s %d; ", o, s.ops[o])
	}
	t.Log(b.String())
}

func histogram(m map[int]int) string {
	var codes []int
	for c := range m {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = fmt.Sprintf("%d×%d", c, m[c])
	}
	return strings.Join(parts, " ")
}
