package cli

import (
	"fmt"
	"sync/atomic"

	"sizeup/data/scenarios"
	"sizeup/market"
	"sizeup/ui"
)

// scenarioStore hands the UI the user's saved scenarios for one market,
// backed by package data (the UI never imports it).
type scenarioStore struct {
	store  scenarios.Store
	market *atomic.Pointer[market.Market] // the market as last loaded: a reload moves it
}

func (s scenarioStore) m() *market.Market { return s.market.Load() }

func (s scenarioStore) List() ([]ui.ScenarioEntry, error) {
	entries, err := s.store.List(s.m())
	out := make([]ui.ScenarioEntry, 0, len(entries))
	for _, e := range entries {
		if e.OtherMarket() {
			continue // a scenario of another market is not broken, just not this market's
		}
		out = append(out, ui.ScenarioEntry{Name: e.Name, Path: e.Path, Scenario: e.Scenario, Err: e.Err})
	}
	return out, err
}

func (s scenarioStore) Save(sc market.Scenario) (string, error) { return s.store.Save(s.m(), sc) }
func (s scenarioStore) Rename(from, to string) error            { return s.store.Rename(s.m(), from, to) }
func (s scenarioStore) Delete(name string) error                { return s.store.Delete(name) }
func (s scenarioStore) Dir() string                             { return s.store.Dir }

// CheckName refuses, before anything is written, a name the store would
// refuse: not a valid scenario name, or a preset's.
func (s scenarioStore) CheckName(name string) error {
	if err := scenarios.ValidName(scenarios.NormalizeName(name)); err != nil {
		return err
	}
	if p, ok := s.m().Preset(name); ok {
		return fmt.Errorf("%s is a preset of %s; choose another name, such as %q", p.Name, s.m().Name, p.Name+" (mine)")
	}
	return nil
}
