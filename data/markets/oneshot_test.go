package markets

import (
	"context"
	"math"
	"testing"

	"sizeup/market"
)

// TestOneShotPercentilesAreTheStoredOnes: on every embedded market, at
// several seeds and sample counts, a one-shot run that keeps no draws and
// no samples (report --uncertainty) prints the very percentiles, errors and
// P(zero) that keeping every draw and sample gives, bit for bit.
func TestOneShotPercentilesAreTheStoredOnes(t *testing.T) {
	_, ms, err := EmbeddedMarkets()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, m := range ms {
		for _, n := range []int{10_000, 100_000, 300_001} { // brackets from 250,000
			for _, seed := range []uint64{1, 2, 12345} {
				if testing.Short() && n > 100_000 {
					continue
				}
				cfg := market.RunConfig{N: n, Seed: seed, Values: m.Defaults()}
				var want, got market.Result
				if err := market.NewEngine(m).Run(ctx, &want, cfg); err != nil {
					t.Fatal(err)
				}
				cfg.OneShot, cfg.Keep, cfg.NoSpread = true, market.KeepNone, true
				if err := market.NewEngine(m).Run(ctx, &got, cfg); err != nil {
					t.Fatal(err)
				}
				if got.Deals != want.Deals || math.Float64bits(got.RiskWeightedMean) != math.Float64bits(want.RiskWeightedMean) {
					t.Fatalf("%s n %d seed %d: deals %d mean %v, want %d %v", m.Name, n, seed, got.Deals, got.RiskWeightedMean, want.Deals, want.RiskWeightedMean)
				}
				for i := range want.Years {
					g, w := got.Years[i], want.Years[i]
					if g != w || math.Signbit(g.PZero) != math.Signbit(w.PZero) {
						t.Fatalf("%s n %d seed %d, %d: %+v, want %+v", m.Name, n, seed, w.Year, g, w)
					}
					for j := range want.Recorded {
						a, b := g.Out[j], w.Out[j]
						for k, pair := range [][2]float64{{a.P5, b.P5}, {a.P50, b.P50}, {a.P95, b.P95}, {a.P5SE, b.P5SE}, {a.P50SE, b.P50SE}, {a.P95SE, b.P95SE}} {
							if math.Float64bits(pair[0]) != math.Float64bits(pair[1]) {
								t.Fatalf("%s n %d seed %d, %d output %d figure %d: %v, want %v", m.Name, n, seed, w.Year, j, k, pair[0], pair[1])
							}
						}
					}
				}
			}
		}
	}
}
