package market

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkMonteCarloKernel is the kernel alone on China's market: the
// draws made and the result sized beforehand, then each iteration turns
// 100,000 samples' draws into values and evaluates them year by year
// (simulateAll on one worker), without the percentiles. It reports the
// CPU time per sample.
func BenchmarkMonteCarloKernel(b *testing.B) {
	m := testMarket()
	e := NewEngine(m)
	ctx := context.Background()
	cfg := RunConfig{N: benchSamples, Seed: 1, Workers: 1, Values: m.Defaults()}
	d, err := e.drawsFor(ctx, cfg.N, cfg.Seed, 1)
	if err != nil {
		b.Fatal(err)
	}
	var r Result
	if err := e.sizeResult(ctx, &r, cfg.N, e.horizon+1); err != nil {
		b.Fatal(err)
	}
	p := e.newPlan(d, &cfg.Values, &cfg.Uncertainty)
	cpu := cpuTime()
	for b.Loop() {
		if _, err := e.simulateAll(ctx, &p, d, &r, cfg.N, 1); err != nil {
			b.Fatal(err)
		}
	}
	if c := cpuTime() - cpu; c > 0 {
		b.ReportMetric(float64(c)/float64(b.N)/float64(cfg.N), "cpu-ns/sample")
	}
}

// TestDrawOnePass: the kernel's one-loop draw gives sampler.draw's values
// to the bit, for every input of China's market at its default, low and
// high values and several widths, over ordinary and extreme draws.
func TestDrawOnePass(t *testing.T) {
	m := testMarket()
	r := rand.New(rand.NewPCG(5, 6))
	z := make([]float64, 600)
	for i := range z {
		z[i] = r.NormFloat64()
	}
	copy(z, []float64{0, math.Copysign(0, -1), 1e-300, -1e-300, 8, -8, 40, -40, 1e3, -1e3, math.Inf(1), math.Inf(-1), math.NaN()})
	want, got := make([]float64, len(z)), make([]float64, len(z))
	checked := 0
	for id := range m.Inputs {
		in := &m.Inputs[id]
		for _, v := range []float64{in.Default, in.Low, in.High, in.Min, in.Max} {
			for _, w := range []float64{1, 0.3, 4} {
				var u Uncertainty
				u.Width[id] = w
				s := newSampler(in, v, &u, 0)
				s.draw(want, z)
				s.drawOnePass(got, z)
				for i := range z {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s at %v, width %v, draw %v: one pass %v, draw %v", in.Name, v, w, z[i], got[i], want[i])
					}
				}
				if s.random && s.shape == shapeSplit && !s.uniform && s.space != spaceLinear {
					checked++
				}
			}
		}
	}
	if checked < 100 {
		t.Fatalf("only %d samplers took the one-pass loop", checked)
	}
}
