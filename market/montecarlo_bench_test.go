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

// BenchmarkMonteCarloPlainLoop is the yardstick of DESIGN.md §7, written
// as a plain, straightforward Go loop would be: one pass over the samples,
// each drawing its inputs (math.Exp for every lognormal and logit-normal,
// clamped to the hard limits as the engine does) and then running the
// funnel of §2 year by year (a math.Exp per year for the Bass curve),
// storing net and subscribers; then exact P5, P50 and P95 of each year's
// two outputs, and the ranks of their standard errors, by selection in
// place: the nine order statistics the engine computes. No copies of the
// inputs, no sorting. internal/plainloop is the same as a program, for
// the whole-process comparison (BenchmarkOneShotProcess).
//
// It draws the 12 inputs that net revenue and subscribers depend on, as the
// engine does; drawing market size, market growth and the two paid shares
// too (they only move TAM and SAM) would add four exponentials a sample and
// flatter the engine. The ratio engine ÷ this loop is the honest one.
func BenchmarkMonteCarloPlainLoop(b *testing.B) { plainLoop(b, benchSamples) }

// BenchmarkMonteCarloMillion is the yardstick at 1,000,000
// samples: a cold run of the engine on one core and on two, and the plain
// loop, at that size.
func BenchmarkMonteCarloMillion(b *testing.B) {
	m := testMarket()
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("engine/workers=%d", workers), func(b *testing.B) {
			e := NewEngine(m)
			var r Result
			cfg := RunConfig{N: MaxSamples, Workers: workers, Values: m.Defaults()}
			cpu := cpuTime()
			for i := 0; b.Loop(); i++ {
				cfg.Seed = uint64(i + 1)
				if err := e.Run(context.Background(), &r, cfg); err != nil {
					b.Fatal(err)
				}
			}
			reportSamples(b, MaxSamples, cpu)
		})
	}
	b.Run("plain", func(b *testing.B) { plainLoop(b, MaxSamples) })
}

// plainLoop is the plain loop over n samples.
func plainLoop(b *testing.B, n int) {
	m := testMarket()
	sampled := []ID{InternetUsers, UserGrowth, UserCeiling, VideoReach, MobileShare, TVShare,
		Conversion, Price, PartnerCut, BassP, BassQ, ApprovalLag}
	// Each sampled input's centre and spread in its drawing space, and its
	// hard limits there, once.
	type drawn struct {
		id           ID
		kind         Kind
		mu, sigma    float64
		lo, hi       float64 // hard limits of the value (of 1 + rate for growth)
		lowV, rangeV float64 // months: low and high − low
	}
	var ins []drawn
	for _, id := range sampled {
		in := &m.Inputs[id]
		d := drawn{id: id, kind: in.Kind, lo: in.Min, hi: in.Max, lowV: in.Low, rangeV: in.High - in.Low}
		lo, hi := in.Low, in.High
		switch in.Kind {
		case KindAmount:
			lo, hi = math.Log(lo), math.Log(hi)
		case KindGrowth:
			lo, hi = math.Log(1+lo), math.Log(1+hi)
			d.lo, d.hi = 1+in.Min, 1+in.Max
		case KindShare:
			lo, hi = logit(lo), logit(hi)
		}
		d.mu, d.sigma = (lo+hi)/2, (hi-lo)/(2*z95)
		ins = append(ins, d)
	}
	years := m.Horizon + 1
	net := make([][]float64, years)
	subs := make([][]float64, years)
	for y := range net {
		net[y] = make([]float64, n)
		subs[y] = make([]float64, n)
	}
	x := m.Defaults() // the values of one sample; the drawn ones are overwritten
	launch := int(x[LaunchYear])
	var percentiles [3]float64
	b.ReportAllocs()
	cpu := cpuTime()
	for i := 0; b.Loop(); i++ {
		rng := rand.New(rand.NewPCG(uint64(i), 1))
		for s := 0; s < n; s++ {
			for _, d := range ins {
				t := d.mu + d.sigma*rng.NormFloat64()
				switch d.kind {
				case KindAmount:
					x[d.id] = min(max(math.Exp(t), d.lo), d.hi)
				case KindGrowth:
					x[d.id] = min(max(math.Exp(t), d.lo), d.hi) - 1
				case KindShare:
					x[d.id] = min(max(1/(1+math.Exp(-t)), d.lo), d.hi)
				case KindMonths:
					x[d.id] = d.lowV + d.rangeV*rng.Float64()
				}
			}
			coverage := x[MobileShare]*x[LicenceMobile] + (1-x[MobileShare])*(x[TVShare]*x[LicenceTV]+(1-x[TVShare])*x[LicencePC])
			p, q := x[BassP], x[BassQ]
			users, prev := x[InternetUsers], 0.0
			for y := 0; y < years; y++ {
				if y > 0 {
					users *= 1 + x[UserGrowth]
				}
				year := m.BaseYear + y
				inService := float64(year - launch + 1)
				sub := 0.0
				if inService > 0 {
					e := math.Exp(-(p + q) * inService)
					sub = min(users, x[UserCeiling]) * x[VideoReach] * coverage * x[Conversion] * (1 - e) / (1 + q/p*e)
				}
				months := 0.0
				switch {
				case year == launch:
					months = 12 - x[ApprovalLag]
				case year > launch:
					months = 12
				}
				net[y][s] = (prev + sub) / 2 * x[Price] * months * (1 - x[PartnerCut])
				subs[y][s] = sub
				prev = sub
			}
		}
		// The same nine order statistics the engine selects (P5, P50,
		// P95 and the ranks of their errors), ascending: each search
		// starts where the last rank left everything above it.
		ranks := percentileRanks(n)
		for y := 0; y < years; y++ {
			for _, xs := range [][]float64{net[y], subs[y]} {
				lo := 0
				for j, k := range ranks {
					v := selectRank(xs[lo:], k-1-lo)
					lo = k - 1
					if j%3 == 1 {
						percentiles[j/3] = v
					}
				}
			}
		}
	}
	reportSamples(b, n, cpu)
	if percentiles[0] > percentiles[2] {
		b.Fatal("P5 above P95")
	}
}

// selectRank is the k-th smallest of xs (0-based), found in place by
// quickselect with a median-of-three pivot: the plain loop's exact
// percentile, in linear time on average.
func selectRank(xs []float64, k int) float64 {
	lo, hi := 0, len(xs)-1
	for lo < hi {
		mid := lo + (hi-lo)/2
		if xs[mid] < xs[lo] {
			xs[mid], xs[lo] = xs[lo], xs[mid]
		}
		if xs[hi] < xs[lo] {
			xs[hi], xs[lo] = xs[lo], xs[hi]
		}
		if xs[hi] < xs[mid] {
			xs[hi], xs[mid] = xs[mid], xs[hi]
		}
		pivot := xs[mid]
		i, j := lo, hi
		for i <= j {
			for xs[i] < pivot {
				i++
			}
			for xs[j] > pivot {
				j--
			}
			if i <= j {
				xs[i], xs[j] = xs[j], xs[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return xs[k]
		}
	}
	return xs[k]
}

func TestSelectRank(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 3, 10, 1000} {
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = float64(r.IntN(50)) // ties too
		}
		sorted := slices.Clone(xs)
		slices.Sort(sorted)
		for k := 0; k < n; k += max(1, n/37) {
			if got := selectRank(xs, k); got != sorted[k] {
				t.Fatalf("n=%d rank %d: %v, want %v", n, k, got, sorted[k])
			}
		}
	}
}
