package market

import (
	"math"
	"strings"
	"time"
)

// Scenario is a named set of input values over a market: base, bull, bear,
// "Wasu deal". It holds only the inputs that differ from the market's
// defaults, so a scenario stays small and still means something when a
// default it did not touch is corrected later.
type Scenario struct {
	Name     string // "Wasu deal"; a name, never a path
	Market   string // the name of the market it belongs to (Market.Name)
	Note     string // what the scenario is about, in a sentence or two
	Saved    time.Time
	Settings []Setting // in the market's display order
}

// Setting is one input a scenario moves away from the market's default.
type Setting struct {
	ID    ID
	Value float64 // in model units: people, USD, fractions, years
	Why   string  // optional: one line on why this value
}

// Apply returns base with the scenario's settings written over it. A value
// outside the input's hard limits (which a parsed scenario never holds) is
// clamped, and a setting for an unknown input is skipped, so Apply never
// hands the model something it cannot evaluate.
func (sc *Scenario) Apply(m *Market, base Values) Values {
	v := base
	for _, s := range sc.Settings {
		if s.ID < 0 || int(s.ID) >= len(m.Inputs) {
			continue
		}
		in := &m.Inputs[s.ID]
		x := s.Value
		if x != x || x < in.Min || x > in.Max {
			x = in.Clamp(x)
		}
		v[s.ID] = x
	}
	return v
}

// Values is the scenario applied to the market's defaults.
func (sc *Scenario) Values(m *Market) Values { return sc.Apply(m, m.Defaults()) }

// Setting returns the scenario's setting for an input, if it has one.
func (sc *Scenario) Setting(id ID) (Setting, bool) {
	for _, s := range sc.Settings {
		if s.ID == id {
			return s, true
		}
	}
	return Setting{}, false
}

// Diff lists the inputs whose value in v differs from the market's default,
// in the market's display order. Differs means any bit differs (even the
// sign of a zero), so applying the result to the defaults gives v back
// exactly.
func Diff(m *Market, v Values) []Setting {
	var out []Setting
	for _, id := range m.Order {
		if id < 0 || int(id) >= len(m.Inputs) {
			continue
		}
		if math.Float64bits(v[id]) != math.Float64bits(m.Inputs[id].Default) {
			out = append(out, Setting{ID: id, Value: v[id]})
		}
	}
	return out
}

// WithValues returns a copy of the scenario whose settings are the inputs
// of v that differ from the defaults. A setting whose value did not change
// keeps its why, so saving a preset after moving one slider does not lose
// the reasons for the others.
func (sc *Scenario) WithValues(m *Market, v Values) Scenario {
	settings := Diff(m, v)
	for i := range settings {
		if old, ok := sc.Setting(settings[i].ID); ok && math.Float64bits(old.Value) == math.Float64bits(settings[i].Value) {
			settings[i].Why = old.Why
		}
	}
	out := *sc
	out.Settings = settings
	return out
}

// Preset returns the market's preset with the given name, ignoring case
// ("bear" finds "Bear").
func (m *Market) Preset(name string) (*Scenario, bool) {
	name = strings.TrimSpace(name)
	for i := range m.Presets {
		if strings.EqualFold(m.Presets[i].Name, name) {
			return &m.Presets[i], true
		}
	}
	return nil, false
}
