package main

import (
	"context"
	"math"
	"testing"

	"sizeup/data/markets"
	"sizeup/market"
)

// TestTheFiguresAreTheMarketFiles: the yardstick draws what sizeup draws
// for China 2015 and fixes what it fixes.
func TestTheFiguresAreTheMarketFiles(t *testing.T) {
	m, err := markets.OpenMarket("china-2015")
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[kind]market.Kind{amount: market.KindAmount, growth: market.KindGrowth, share: market.KindShare, months: market.KindMonths}
	for _, in := range inputs {
		id, ok := m.LookupInput(in.name)
		if !ok {
			t.Fatalf("%s: not in the market", in.name)
		}
		f := m.Inputs[id]
		if !f.Drawn() {
			t.Errorf("%s: the plain loop draws it, sizeup does not", in.name)
		}
		if kinds[in.kind] != f.Kind || in.def != f.Default || in.low != f.Low || in.high != f.High || in.lo != f.Min || in.hi != f.Max || f.Dist != market.DistKind {
			t.Errorf("%s: %+v, the file has %v %v/%v/%v in %v..%v (%v)", in.name, in, f.Kind, f.Low, f.Default, f.High, f.Min, f.Max, f.Dist)
		}
	}
	fixed := map[string]float64{"price": price, "licence_mobile": licenceMobile, "licence_pc": licencePC, "licence_tv": licenceTV, "launch_year": launchYear, "deal_probability": dealProbability}
	for name, v := range fixed {
		id, _ := m.LookupInput(name)
		if m.Inputs[id].Default != v || (m.Inputs[id].Drawn() && name != "deal_probability") {
			t.Errorf("%s: fixed at %v, the file has %v (drawn: %v)", name, v, m.Inputs[id].Default, m.Inputs[id].Drawn())
		}
	}
	var bass bool
	for _, c := range m.Correlations {
		if c.Between == [2]string{"bass_p", "bass_q"} && c.Rank == bassRank {
			bass = true
		}
		for _, in := range inputs {
			if c.Between[0] == in.name && c.Between[1] != "bass_q" || c.Between[1] == in.name && c.Between[0] != "bass_p" {
				t.Errorf("%s: a correlation the plain loop does not draw", c.Names())
			}
		}
	}
	if !bass {
		t.Errorf("no correlation bass_p ~ bass_q at rank %v in the file", bassRank)
	}
	if m.BaseYear != baseYear || m.Horizon+1 != years {
		t.Errorf("years %d from %d, the file has %d from %d", years, baseYear, m.Horizon+1, m.BaseYear)
	}
}

// TestSameModelAsSizeup: at 200,000 samples its percentiles agree with
// sizeup's within Monte Carlo error (their draws differ).
func TestSameModelAsSizeup(t *testing.T) {
	m, err := markets.OpenMarket("china-2015")
	if err != nil {
		t.Fatal(err)
	}
	const n = 200_000
	var r market.Result
	if err := market.NewEngine(m).Run(context.Background(), &r, market.RunConfig{N: n, Seed: 1, Values: m.Defaults()}); err != nil {
		t.Fatal(err)
	}
	rows := monteCarlo(n, 7, 2)
	for y, row := range rows {
		ys := r.Years[y]
		for j := range 2 {
			o := ys.Out[j]
			for k, pair := range [][3]float64{{row[1+3*j], o.P5, o.P5SE}, {row[2+3*j], o.P50, o.P50SE}, {row[3+3*j], o.P95, o.P95SE}} {
				// Two independent estimates: their difference has about
				// √2 standard errors; allow 5.
				if math.Abs(pair[0]-pair[1]) > 5*math.Sqrt2*pair[2]+1e-9*math.Abs(pair[1]) {
					t.Errorf("%d output %d percentile %d: plain loop %v, sizeup %v ± %v", ys.Year, j, k, pair[0], pair[1], pair[2])
				}
			}
		}
		if math.Abs(row[13]-ys.PZero) > 0.01 {
			t.Errorf("%d P(zero): plain loop %v, sizeup %v", ys.Year, row[13], ys.PZero)
		}
	}
}
