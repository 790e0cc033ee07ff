package markets

import (
	"context"
	"math"
	"slices"
	"testing"

	"sizeup/market"
)

// TestMonteCarloIsEverySampleEvaluated: for each built-in market, each
// recorded output of a Monte Carlo run is, sample by sample, what Evaluate
// gives at that sample's drawn values (the kernel and Evaluate share only
// the compiled formulas), so the run's P5, P50 and P95 are exactly the
// order statistics of those evaluations (to float32, as the run keeps its
// samples).
func TestMonteCarloIsEverySampleEvaluated(t *testing.T) {
	list, ms, err := EmbeddedMarkets()
	if err != nil {
		t.Fatal(err)
	}
	for k, m := range ms {
		const n = 3000
		e := market.NewEngine(m)
		cfg := market.RunConfig{N: n, Seed: 5, Values: m.Defaults()}
		var r market.Result
		if err := e.Run(context.Background(), &r, cfg); err != nil {
			t.Fatal(err)
		}
		for j, u := range r.Recorded {
			for _, year := range []int{m.BaseYear + 1, m.LastYear()} {
				xs := make([]float64, n)
				for i := range xs {
					v, _, err := e.Drawn(context.Background(), cfg, i)
					if err != nil {
						t.Fatal(err)
					}
					p := m.Evaluate(&v)
					x, _ := p.At(u.Series, year)
					xs[i] = float64(float32(x))
				}
				slices.Sort(xs)
				got := r.Year(year).Out[j]
				for _, c := range []struct {
					q    float64
					have float64
				}{{0.05, got.P5}, {0.5, got.P50}, {0.95, got.P95}} {
					want := xs[max(int(math.Ceil(c.q*n-1e-9)), 1)-1] // the rank a run takes (market's rankOf)
					if math.Abs(c.have-want) > 1e-6*math.Abs(want) {
						t.Errorf("%s %s %d P%.0f: run %v, evaluated samples %v", list[k].Name, u.Prefix, year, c.q*100, c.have, want)
					}
				}
			}
		}
	}
}

// TestChinaMedianTAMIsTheDefaultMarketSize: low, default and high are P5,
// P50 and P95 (DESIGN.md §11), so Monte Carlo's median 2015 TAM — market
// size itself in the base year — is the default market size ($6.0B), where
// the 90% interval about its centre put it at $4.9B.
func TestChinaMedianTAMIsTheDefaultMarketSize(t *testing.T) {
	m, err := DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	tam := slices.IndexFunc(m.Series, func(s market.SeriesDef) bool { return s.ID == "tam_usd" })
	size, ok := m.LookupInput("market_size")
	if tam < 0 || !ok {
		t.Fatal("China has no tam_usd or market_size")
	}
	m.Outputs.Uncertain = append(m.Outputs.Uncertain, market.Uncertain{Prefix: "tam", Series: market.Output(tam)})
	var r market.Result
	if err := market.NewEngine(m).Run(context.Background(), &r, market.RunConfig{N: 100_000, Seed: 1, Values: m.Defaults()}); err != nil {
		t.Fatal(err)
	}
	got, want := r.Year(m.BaseYear).Out[len(m.Outputs.Uncertain)-1].P50, m.Inputs[size].Default
	t.Logf("median 2015 TAM %.4g, default market size %.4g", got, want)
	if math.Abs(got/want-1) > 0.01 {
		t.Errorf("median 2015 TAM %v, want the default market size %v within 1%%", got, want)
	}
}
