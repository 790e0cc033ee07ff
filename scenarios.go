package main

import (
	"sizeup/data"
	"sizeup/market"
	"sizeup/ui"
)

// scenarioStore hands the UI the user's saved scenarios for one market,
// backed by package data (the UI never imports it).
type scenarioStore struct {
	store data.Store
	m     *market.Market
}

func (s scenarioStore) List() ([]ui.ScenarioEntry, error) {
	entries, err := s.store.List(s.m)
	out := make([]ui.ScenarioEntry, 0, len(entries))
	for _, e := range entries {
		if e.OtherMarket() {
			continue // a scenario of another market is not broken, just not this market's
		}
		out = append(out, ui.ScenarioEntry{Name: e.Name, Path: e.Path, Scenario: e.Scenario, Err: e.Err})
	}
	return out, err
}

func (s scenarioStore) Save(sc market.Scenario) (string, error) { return s.store.Save(s.m, sc) }
func (s scenarioStore) Rename(from, to string) error            { return s.store.Rename(s.m, from, to) }
func (s scenarioStore) Delete(name string) error                { return s.store.Delete(name) }
func (s scenarioStore) Dir() string                             { return s.store.Dir }
