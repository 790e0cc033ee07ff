package market

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
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
		if _, err := e.simulateAll(ctx, &p, d, &r, cfg.N, 1, true); err != nil {
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

// TestKernelShortcuts: the kernel's scalars, aliases, prev swaps and
// fusions give Evaluate's answers (checkBackEnds) on markets built to
// take each of them, and each is taken.
func TestKernelShortcuts(t *testing.T) {
	for _, c := range []struct {
		name     string
		formulas []string
		took     func(p *plan) bool
	}{
		{"a prev of a select that points at a series", []string{"x0 * (1 + x2)^t", "if(t == 2, s0, x1 * 3)", "prev(s1) + s1"},
			func(p *plan) bool { return len(p.swap) > 0 }},
		{"a prev of a series that does not change", []string{"x0 * 2", "prev(s0) * t + prev(s0)"}, nil},
		{"a series reading its own prev, read by another", []string{"prev(s0) * 0.5 + x0", "prev(s0) * 2 + s0"},
			func(p *plan) bool { return len(p.swap) == 1 && p.swap[0] }},
		{"a prev of a running product", []string{"(1 + x2)^t", "prev(s0) + s0"},
			func(p *plan) bool { return len(p.swap) == 1 && !p.swap[0] }},
		{"a chain longer than a loop", []string{"x0 * x1 * x2 * xd[a] * xd[b] * (x0 + 1) * (x1 - 0.5) * t"},
			func(p *plan) bool {
				return slices.ContainsFunc(p.chains, func(c chain) bool { return c.k == maxChain })
			}},
		{"running products in a min and a sum", []string{"min(x0 * (1 + x2)^t, 2.5) + 1", "x1 + x0 * (1.5 + x2)^t"},
			func(p *plan) bool { return slices.ContainsFunc(p.powStep, func(g int32) bool { return g >= 0 }) }},
		{"Bass in service from a year on", []string{"x0 * bass(x1 / 10, x2 + 0.3, year - 2021)"},
			func(p *plan) bool { return slices.Contains(p.bassStep, true) }},
		{"an and with a side the same in every sample", []string{"if(t > 1 and x0 > 2, x1, x2)", "if(t > 9 and x0 > 2, x1, x2)"}, nil},
		{"numbers on either side", []string{"2 - x0", "x0 / 2 + 3 / x1", "max(0.5, x1) * min(x2, 0.07)", "(x0 > 2) + (3 <= x0)"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := fuzzMarket("0", nil)
			m.Series = m.Series[:0]
			m.Outputs.Uncertain = m.Outputs.Uncertain[:0]
			for i, f := range c.formulas {
				id := fmt.Sprintf("s%d", i)
				m.Series = append(m.Series, SeriesDef{ID: id, Label: id, Unit: UnitUSD, Formula: f})
				m.Outputs.Uncertain = append(m.Outputs.Uncertain, Uncertain{Prefix: id, Series: Output(i)})
			}
			if err := m.Compile(); err != nil {
				t.Fatal(err)
			}
			checkBackEnds(t, m)
			if c.took == nil {
				return
			}
			e := NewEngine(m)
			d, err := e.drawsFor(context.Background(), 100, 1, 1)
			if err != nil {
				t.Fatal(err)
			}
			v := m.Defaults()
			if p := e.newPlan(d, &v, &Uncertainty{}); !c.took(&p) {
				t.Errorf("the kernel did not take its shortcut: swap %v, chains %+v", p.swap, p.chains)
			}
		})
	}
}
