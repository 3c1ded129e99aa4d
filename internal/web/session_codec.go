package web

import (
	"bytes"
	"encoding/gob"
	"slices"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sortedGobCodec is scs's gob encoding with the values in key order. gob
// writes a map in Go's random iteration order, so an unchanged session of
// two or more values would encode differently from one request to the next
// and SessionStore.CommitCtx, which compares bytes, would rewrite it.
type sortedGobCodec struct{}

type sessionValue struct {
	Key   string
	Value any
}

type sessionRecord struct {
	Deadline time.Time
	Values   []sessionValue
}

func (sortedGobCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	rec := sessionRecord{Deadline: deadline, Values: make([]sessionValue, 0, len(values))}
	for k, v := range values {
		rec.Values = append(rec.Values, sessionValue{Key: k, Value: v})
	}
	slices.SortFunc(rec.Values, func(a, b sessionValue) int { return strings.Compare(a.Key, b.Key) })
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(&rec); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (sortedGobCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	var rec sessionRecord
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&rec); err != nil {
		// Sessions stored before this codec keep working until they end.
		return scs.GobCodec{}.Decode(b)
	}
	values := make(map[string]any, len(rec.Values))
	for _, v := range rec.Values {
		values[v.Key] = v.Value
	}
	return rec.Deadline, values, nil
}
