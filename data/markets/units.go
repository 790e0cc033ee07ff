package markets

import (
	"slices"
	"strings"

	"sizeup/market"
	"sizeup/market/formula"
)

// unitsFile is [units]: the market's own counts by id.
type unitsFile = map[string]unitFile

// unitFile is one count of [units]: homes = { label = "homes", one = "home" }.
type unitFile struct {
	Label string `toml:"label"`
	One   string `toml:"one"`
}

// maxCountUnits bounds [units]: a market counts a few things, not hundreds.
const maxCountUnits = 20

// parseUnits reads [units] and makes the market's system of units: its
// own counts, and its currency's code as money (DESIGN.md §10).
func parseUnits(f *marketFile, errAt keyError) (*formula.Units, error) {
	ids := make([]string, 0, len(f.Units))
	for id := range f.Units {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	if len(ids) > maxCountUnits {
		return nil, errAt("units", "units", "%d units; a market declares at most %d", len(ids), maxCountUnits)
	}
	var counts []formula.CountUnit
	for _, id := range ids {
		u := f.Units[id]
		key := "units." + id
		u.Label, u.One = cleanText(strings.TrimSpace(u.Label), false), strings.TrimSpace(u.One)
		switch {
		case !market.ValidName(id):
			return nil, errAt(key, key, "%s is not a unit's name; use lower-case letters, digits and _, starting with a letter", market.QuoteShort(id))
		case u.Label == "":
			return nil, errAt(key, key+".label", "missing; give the label a number of them is shown with, e.g. homes = { label = \"homes\", one = \"home\" }")
		case u.One != "" && !market.ValidName(u.One):
			return nil, errAt(key+".one", key+".one", "%s is not a unit's name; use lower-case letters, digits and _, starting with a letter", market.QuoteShort(u.One))
		}
		counts = append(counts, formula.CountUnit{ID: id, Label: u.Label, One: u.One})
	}
	sys, err := formula.NewUnits(currencyOf(f), counts)
	if err != nil {
		return nil, errAt("units", "units", "%s", err)
	}
	return sys, nil
}

// currencyOf is the market's second currency's code as its file gives it
// (parseCurrency checks it): [market.currency], or CNY in a file from
// before it that has a rate of unit cny_per_usd.
func currencyOf(f *marketFile) string {
	if c := f.Market.Currency; c != nil {
		return strings.ToUpper(strings.TrimSpace(c.Code))
	}
	for i := range f.Input {
		if f.Input[i].Unit == "cny_per_usd" {
			return "CNY"
		}
	}
	return ""
}

// parseUnit reads a unit as an input or a series writes it: how its values
// are shown (and their label) and its algebraic unit.
func parseUnit(text string, sys *formula.Units) (market.Unit, string, formula.Unit, error) {
	u, err := sys.Parse(text)
	if err != nil {
		return 0, "", u, err
	}
	d, label := market.Display(text, u, sys)
	return d, label, u, nil
}
