package main

import (
	"fmt"
	"maps"
	"os"

	"github.com/tamas-app/tamas/scripts"
)

// guard is the non-sales guard with TAMAS_SALES_PHRASES applied: the file's
// lists replace the shipped ones for the languages it names.
func (e *env) guard() (scripts.Guard, error) {
	if e.cfg.SalesPhrasesFile == "" {
		return scripts.Guard{}, nil
	}
	f, err := os.Open(e.cfg.SalesPhrasesFile)
	if err != nil {
		return scripts.Guard{}, fmt.Errorf("TAMAS_SALES_PHRASES: %w", err)
	}
	defer f.Close()
	own, err := scripts.ParsePhrases(f)
	if err != nil {
		return scripts.Guard{}, fmt.Errorf("TAMAS_SALES_PHRASES %s: %w", e.cfg.SalesPhrasesFile, err)
	}
	phrases := scripts.DefaultPhrases()
	maps.Copy(phrases, own)
	return scripts.Guard{Phrases: phrases}, nil
}
