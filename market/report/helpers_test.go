package report

import (
	"context"
	"testing"

	"sizeup/data/markets"
	"sizeup/market"
)

// china is the China 2015 market as shipped, whose figures package
// market's own tests pin (its testMarket is the same market in Go), with
// one market growth of 25% for every year as before issue 18 (to 2018
// and after), so the figures worked by hand stay.
func china(t testing.TB) *market.Market {
	t.Helper()
	m, err := markets.OpenMarket("china-2015")
	if err != nil {
		t.Fatal(err)
	}
	m.Inputs[input(t, m, "market_growth")].Default = 0.25
	m.Inputs[input(t, m, "late_growth")].Default = 0.25
	return m
}

// withHistory is the China market with four of its history series: the
// iResearch market in yuan, FRED's yearly rates and CNNIC's users, which
// name model columns, and iQiyi's paying members, which do not.
func withHistory(t testing.TB) *market.Market {
	m := china(t)
	m.History = []market.Series{
		{ID: "market_cny", Label: "Online-video market (iResearch)", Unit: "CNY", Compare: "tam_usd", Implies: "market_growth",
			Years: []int{2013, 2014, 2015, 2016, 2017, 2018}, Values: []float64{12.8e9, 23.97e9, 36.8e9, 60.9e9, 72.59e9, 96.27e9}},
		{ID: "cny_per_usd", Label: "CNY per USD", Unit: market.RateUnit,
			Years: []int{2014, 2015, 2016, 2017, 2018}, Values: []float64{6.1620, 6.2843, 6.6400, 6.7569, 6.6090}},
		{ID: "internet_users", Label: "Internet users (CNNIC)", Unit: "people", Compare: "users",
			Years: []int{2013, 2014, 2015, 2016}, Values: []float64{618e6, 649e6, 688e6, 731e6}},
		{ID: "iqiyi_paying", Label: "iQiyi paying members", Unit: "people",
			Years: []int{2015, 2016, 2017}, Values: []float64{5e6, 20e6, 50.8e6}},
	}
	return m
}

// input is an input's ID by name.
func input(t testing.TB, m *market.Market, name string) market.ID {
	t.Helper()
	id, ok := m.LookupInput(name)
	if !ok {
		t.Fatalf("no input %s", name)
	}
	return id
}

// fx is the market's slider rate at values v.
func fx(m *market.Market, v *market.Values) float64 { return m.LocalAt(v).PerUSD }

// run is a Monte Carlo run of m at its defaults.
func run(t testing.TB, m *market.Market, n int, seed uint64) *market.Result {
	t.Helper()
	var r market.Result
	if err := market.NewEngine(m).Run(context.Background(), &r, market.RunConfig{N: n, Seed: seed, Values: m.Defaults()}); err != nil {
		t.Fatal(err)
	}
	return &r
}
