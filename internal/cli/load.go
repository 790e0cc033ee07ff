package cli

import (
	"errors"
	"fmt"
	"strings"

	"sizeup/data/markets"
	"sizeup/data/scenarios"
	"sizeup/market"
)

// load returns the market and the values the flags ask for.
func (c *common) load() (*market.Market, market.Values, market.Currency, error) {
	m, err := c.openMarket()
	if err != nil {
		return nil, market.Values{}, market.USD, err
	}
	v := m.Defaults()
	if c.scenario != "" {
		if v, err = c.openScenario(m); err != nil {
			return nil, v, market.USD, err
		}
	}
	if err := applySets(m, &v, c.sets); err != nil {
		return nil, v, market.USD, err
	}
	cur, err := parseCurrency(m, c.currency, &v)
	return m, v, cur, err
}

// openMarket opens --market, or the embedded default, at --horizon.
func (c *common) openMarket() (*market.Market, error) {
	var (
		m   *market.Market
		err error
	)
	if c.given["market"] || c.marketFile != "" {
		m, err = markets.OpenMarket(c.marketFile)
	} else {
		m, err = markets.DefaultMarket()
	}
	if err != nil {
		return nil, marketFlagError(err)
	}
	if c.given["horizon"] {
		m.Horizon = c.horizon
	}
	return m, nil
}

// marketFlagError names the flag on an error about --market's value itself
// (no such built-in market). An error in a market file names the file, its
// line and field, which is what the reader needs; it is left as it is.
func marketFlagError(err error) error {
	var fe *markets.FileError
	if errors.As(err, &fe) {
		return err
	}
	return fmt.Errorf("--market: %w", err)
}

// openScenario loads --scenario for m and returns its values; it remembers
// the scenario, so the app and the report can name it.
func (c *common) openScenario(m *market.Market) (market.Values, error) {
	store, _ := scenarios.DefaultStore() // without a config folder, presets and files still load
	sc, err := store.Load(m, c.scenario)
	if err != nil {
		return m.Defaults(), fmt.Errorf("--scenario %s: %w", market.QuoteShort(c.scenario), err)
	}
	c.opened = sc
	c.openedValue = sc.Values(m)
	return c.openedValue, nil
}

// applySets applies id=value pairs; the exchange rate goes first so that
// amounts typed in yuan use the rate given on the same command line.
func applySets(m *market.Market, v *market.Values, sets []string) error {
	type pair struct {
		id   market.ID
		text string
	}
	var pairs []pair
	for _, s := range sets {
		name, text, ok := strings.Cut(s, "=")
		name = strings.TrimSpace(name)
		if !ok {
			return fmt.Errorf("--set %s: write it as id=value, e.g. conversion=4%%", market.QuoteShort(s))
		}
		ids := m.LookupInputs(name)
		if len(ids) == 0 {
			return fmt.Errorf("--set %s: %s", market.QuoteShort(s), market.UnknownName(name, "an input", m.SettableNames()))
		}
		for _, id := range ids { // an input with dims: every item
			if m.HasLocal() && id == m.Local.Rate {
				pairs = append([]pair{{id, text}}, pairs...)
			} else {
				pairs = append(pairs, pair{id, text})
			}
		}
	}
	for _, p := range pairs {
		x, err := m.Inputs[p.id].Parse(p.text, m.LocalAt(v))
		if err != nil {
			return fmt.Errorf("--set %w", err)
		}
		v[p.id] = x
	}
	return nil
}

// parseCurrency reads --currency: usd, or the market's own currency by its
// code or sign (cny, ¥ for China; inr, ₹ for India).
func parseCurrency(m *market.Market, s string, v *market.Values) (market.Currency, error) {
	switch strings.ToLower(s) {
	case "usd", "$", "":
		return market.USD, nil
	}
	if m.HasLocal() {
		if strings.EqualFold(s, m.Local.Code) || s == m.Local.Symbol || market.IsLocalWord(m.Local.Code, s) {
			return m.LocalAt(v), nil
		}
		return market.USD, fmt.Errorf("--currency %s: give usd or %s", market.QuoteShort(s), strings.ToLower(m.Local.Code))
	}
	return market.USD, fmt.Errorf("--currency %s: %s has no second currency; money is in usd", market.QuoteShort(s), m.Name)
}
