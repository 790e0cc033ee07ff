package market

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// benchSamples is the budget's run size (DESIGN.md §7): 100,000 whole
// 11-year samples with P5/P50/P95 of net and subscribers every year.
const benchSamples = 100_000

// reportSamples reports samples per second of wall-clock time, and the CPU
// time per run (all workers together) and samples per CPU-second, which a
// busy shared machine disturbs far less than the wall clock.
func reportSamples(b *testing.B, n int, cpuStart int64) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "samples/s")
	if cpu := cpuTime() - cpuStart; cpu > 0 {
		b.ReportMetric(float64(cpu)/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(n)*float64(b.N)/(float64(cpu)/1e9), "samples/cpu-s")
	}
}

// BenchmarkMonteCarloCold is a run from nothing kept: new draws (a new seed
// each time), the simulation and the percentiles.
func BenchmarkMonteCarloCold(b *testing.B) {
	m := testMarket()
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			e := NewEngine(m)
			var r Result
			cfg := RunConfig{N: benchSamples, Workers: workers, Values: m.Defaults()}
			ctx := context.Background()
			b.ReportAllocs()
			cpu := cpuTime()
			for i := 0; b.Loop(); i++ {
				cfg.Seed = uint64(i + 1)
				if err := e.Run(ctx, &r, cfg); err != nil {
					b.Fatal(err)
				}
			}
			reportSamples(b, benchSamples, cpu)
		})
	}
}

// BenchmarkMonteCarloKept is a run after a slider move: the draws are kept
// and one input's value changed, as when a user presses ← or →.
func BenchmarkMonteCarloKept(b *testing.B) {
	m := testMarket()
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			e := NewEngine(m)
			var r Result
			cfg := RunConfig{N: benchSamples, Seed: 1, Workers: workers, Values: m.Defaults()}
			ctx := context.Background()
			if err := e.Run(ctx, &r, cfg); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			cpu := cpuTime()
			for i := 0; b.Loop(); i++ {
				cfg.Values[Conversion] = 0.02 + 0.001*float64(i%8)
				if err := e.Run(ctx, &r, cfg); err != nil {
					b.Fatal(err)
				}
			}
			reportSamples(b, benchSamples, cpu)
		})
	}
}

// BenchmarkMonteCarloQuantile is one goal-seek trial: the median of net
// revenue in 2020 over 20,000 kept samples.
func BenchmarkMonteCarloQuantile(b *testing.B) {
	m := testMarket()
	e := NewEngine(m)
	cfg := RunConfig{N: 20_000, Seed: 1, Workers: 1, Values: m.Defaults()}
	ctx := context.Background()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		cfg.Values[Price] = 4 + 0.01*float64(i%8)
		if _, err := e.Quantile(ctx, cfg, OutNet, 2020, 0.5, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonteCarloPlainLoop is the yardstick of DESIGN.md §7: the plain,
// straightforward Go loop (13 draws per sample through math.Exp, the funnel
// by evaluateInto, then a sort per year and output for P5/P50/P95), the
// figure the engine must clearly beat on the same machine.
func BenchmarkMonteCarloPlainLoop(b *testing.B) {
	m := testMarket()
	sampled := []ID{InternetUsers, UserGrowth, VideoReach, MobileShare, TVShare, MarketSize,
		MarketGrowth, Conversion, Price, PartnerCut, BassP, BassQ, ApprovalLag}
	// Each sampled input's centre and spread in its drawing space, once.
	var mu, sigma [NumInputs]float64
	for _, id := range sampled {
		in := &m.Inputs[id]
		lo, hi := in.Low, in.High
		switch in.Kind {
		case KindAmount:
			lo, hi = math.Log(lo), math.Log(hi)
		case KindGrowth:
			lo, hi = math.Log(1+lo), math.Log(1+hi)
		case KindShare:
			lo, hi = logit(lo), logit(hi)
		}
		mu[id], sigma[id] = (lo+hi)/2, (hi-lo)/(2*z95)
	}
	years := make([]Year, m.Horizon+1)
	net := make([][]float64, m.Horizon+1)
	subs := make([][]float64, m.Horizon+1)
	for y := range net {
		net[y] = make([]float64, benchSamples)
		subs[y] = make([]float64, benchSamples)
	}
	defaults := m.Defaults()
	b.ReportAllocs()
	cpu := cpuTime()
	for i := 0; b.Loop(); i++ {
		rng := rand.New(rand.NewPCG(uint64(i), 1))
		for s := 0; s < benchSamples; s++ {
			v := defaults
			for _, id := range sampled {
				switch id.Kind() {
				case KindAmount:
					v[id] = math.Exp(mu[id] + sigma[id]*rng.NormFloat64())
				case KindGrowth:
					v[id] = math.Exp(mu[id]+sigma[id]*rng.NormFloat64()) - 1
				case KindShare:
					v[id] = 1 / (1 + math.Exp(-(mu[id] + sigma[id]*rng.NormFloat64())))
				case KindMonths:
					v[id] = m.Inputs[id].Low + (m.Inputs[id].High-m.Inputs[id].Low)*rng.Float64()
				}
			}
			evaluateInto(years, m.BaseYear, &v)
			for y := range years {
				net[y][s] = years[y].Net
				subs[y][s] = years[y].Subscribers
			}
		}
		for y := range net {
			slices.Sort(net[y])
			slices.Sort(subs[y])
		}
	}
	reportSamples(b, benchSamples, cpu)
}
