package market

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// sameRun fails unless two runs have the same summary, bit for bit: every
// percentile and error, P(zero), deals and the expected headline, and the
// spread shares when both have them.
func sameRun(t *testing.T, what string, got, want *Result, spread bool) {
	t.Helper()
	if got.N != want.N || got.Deals != want.Deals || math.Float64bits(got.RiskWeightedMean) != math.Float64bits(want.RiskWeightedMean) ||
		math.Float64bits(got.PZeroRevenue) != math.Float64bits(want.PZeroRevenue) || len(got.Years) != len(want.Years) {
		t.Fatalf("%s: N %d deals %d mean %v P(zero) %v, want %d %d %v %v", what, got.N, got.Deals, got.RiskWeightedMean, got.PZeroRevenue,
			want.N, want.Deals, want.RiskWeightedMean, want.PZeroRevenue)
	}
	for i := range want.Years {
		g, w := &got.Years[i], &want.Years[i]
		for j := range want.Recorded {
			a, b := g.Out[j], w.Out[j]
			for k, pair := range [][2]float64{{a.P5, b.P5}, {a.P50, b.P50}, {a.P95, b.P95}, {a.P5SE, b.P5SE}, {a.P50SE, b.P50SE}, {a.P95SE, b.P95SE}} {
				if math.Float64bits(pair[0]) != math.Float64bits(pair[1]) {
					t.Fatalf("%s: %d output %d figure %d: %v, want %v", what, g.Year, j, k, pair[0], pair[1])
				}
			}
		}
		if math.Float64bits(g.PZero) != math.Float64bits(w.PZero) {
			t.Fatalf("%s: %d P(zero) %v, want %v", what, g.Year, g.PZero, w.PZero)
		}
	}
	if spread {
		gs, ws := got.SpreadShares(), want.SpreadShares()
		if len(gs) != len(ws) {
			t.Fatalf("%s: %d spread shares, want %d", what, len(gs), len(ws))
		}
		for i := range ws {
			if gs[i] != ws[i] {
				t.Fatalf("%s: spread share %d %+v, want %+v", what, i, gs[i], ws[i])
			}
		}
	}
}

// TestOneShotIsTheKeptRun: a one-shot run, keeping nothing or only the
// headline, and a run on kept draws that keeps nothing, all give what
// keeping every draw and sample gives, on one worker and two, at sizes
// from a part of one chunk to many chunks past the pilot.
func TestOneShotIsTheKeptRun(t *testing.T) {
	defer func(min int) { bracketMin = min }(bracketMin)
	for _, min := range []int{0, bracketMin} {
		bracketMin = min
		oneShotIsTheKeptRun(t)
	}
}

func oneShotIsTheKeptRun(t *testing.T) {
	m := testMarket()
	ctx := context.Background()
	for _, n := range []int{1, 3000, 4096 * pilotChunks, 4096*pilotChunks + 1, 50_000, 123_457} {
		for _, seed := range []uint64{1, 99} {
			base := RunConfig{N: n, Seed: seed, Values: m.Defaults(), Workers: 2}
			want := run(t, m, base)
			for _, c := range []struct {
				name     string
				oneShot  bool
				keep     Keep
				noSpread bool
				workers  int
			}{
				{"one-shot, nothing kept", true, KeepNone, true, 2},
				{"one-shot, nothing kept, 1 worker", true, KeepNone, false, 1},
				{"one-shot, headline kept", true, KeepHeadline, false, 2},
				{"one-shot, all kept", true, KeepAll, false, 2},
				{"kept draws, nothing kept", false, KeepNone, false, 2},
			} {
				cfg := base
				cfg.OneShot, cfg.Keep, cfg.NoSpread, cfg.Workers = c.oneShot, c.keep, c.noSpread, c.workers
				e := NewEngine(m)
				var got Result
				if err := e.Run(ctx, &got, cfg); err != nil {
					t.Fatal(err)
				}
				sameRun(t, c.name, &got, want, !c.noSpread)
				if c.oneShot && e.drawsOK {
					t.Errorf("%s: the engine kept draws", c.name)
				}
				if c.keep == KeepHeadline {
					g, _, err := got.ProbAtLeast(OutNet, got.LastYear(), 1e8)
					w, _, _ := want.ProbAtLeast(OutNet, want.LastYear(), 1e8)
					if err != nil || g != w {
						t.Errorf("%s: P(net ≥ 1e8) %v (%v), want %v", c.name, g, err, w)
					}
				}
			}
		}
	}
}

// TestBracketMissesFallBack narrows the brackets until ranks fall outside
// them: the columns that missed are stored in a second pass and the run
// is still the kept run, bit for bit.
func TestBracketMissesFallBack(t *testing.T) {
	defer func(z float64, min int) { bracketZ, bracketMin = z, min }(bracketZ, bracketMin)
	bracketMin = 0
	m := testMarket()
	for _, z := range []float64{0, -2} {
		bracketZ = z
		cfg := RunConfig{N: 60_000, Seed: 3, Values: m.Defaults(), Workers: 2}
		want := run(t, m, cfg)
		cfg.OneShot, cfg.Keep = true, KeepNone
		e := NewEngine(m)
		var got Result
		if err := e.Run(context.Background(), &got, cfg); err != nil {
			t.Fatal(err)
		}
		if e.missed == 0 {
			t.Fatalf("z %v: no bracket missed; the test shows nothing", z)
		}
		sameRun(t, "narrow brackets", &got, want, true)
	}
}

// TestResultWithoutSamplesRefuses: a run that kept no samples says so
// when asked for what needs them.
func TestResultWithoutSamplesRefuses(t *testing.T) {
	m := testMarket()
	r := run(t, m, RunConfig{N: 20_000, Seed: 1, Values: m.Defaults(), OneShot: true, Keep: KeepHeadline})
	if _, err := r.Quantile(OutNet, r.LastYear(), 0.5); err != nil {
		t.Errorf("the headline in the horizon year was kept: %v", err)
	}
	for _, year := range []int{r.LastYear() - 1} {
		for _, out := range []Output{OutNet, OutSubscribers} {
			_, err := r.Quantile(out, year, 0.5)
			if err == nil || !strings.Contains(err.Error(), "kept no samples") || !strings.Contains(err.Error(), "KeepAll") {
				t.Errorf("Quantile of %d in %d: %v, want a refusal saying no samples were kept", out, year, err)
			}
		}
	}
	if _, _, err := r.HistogramOf(OutSubscribers, r.LastYear(), 10); err == nil {
		t.Error("HistogramOf subscribers: no error from a run that kept none")
	}
}

// TestBracketPlanIsSelection: the brackets find the same order statistics
// as selection over the whole column, on columns with masses of equal
// values, −0 beside +0, negatives, every value equal, few distinct
// values; a miss is reported, never a wrong value.
func TestBracketPlanIsSelection(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	negZero := float32(math.Copysign(0, -1))
	gens := map[string]func() float32{
		"lognormal":     func() float32 { return float32(math.Exp(r.NormFloat64())) },
		"30% zeros":     func() float32 { return float32(max(0, r.NormFloat64()-0.5)) },
		"signed zeros":  func() float32 { return []float32{negZero, 0, -1, 1}[r.IntN(4)] },
		"all equal":     func() float32 { return 7 },
		"all −0":        func() float32 { return negZero },
		"five values":   func() float32 { return float32(r.IntN(5)) - 2 },
		"normal":        func() float32 { return float32(r.NormFloat64()) },
		"95% one value": func() float32 { return map[bool]float32{true: 3, false: float32(r.Float64())}[r.Float64() < 0.95] },
	}
	for name, gen := range gens {
		for _, n := range []int{20_000, 100_000} {
			for _, z := range []float64{5, 0.5} {
				data := make([]float32, n)
				for i := range data {
					data[i] = gen()
				}
				ranks := percentileRanks(n)
				var want [9]float64
				var sel selector
				sel.orderStats(data, ranks[:], want[:])
				bracketZ = z
				pn := 4096 * pilotChunks
				plan := newBracketPlan(data[:pn], ranks[:], n, 2, &sel)
				bracketZ = 5
				var parts [2]columnTallies
				plan.tally(&parts[0], data[pn:pn+(n-pn)/2])
				plan.tally(&parts[1], data[pn+(n-pn)/2:])
				var got [9]float64
				if !plan.resolve([]*columnTallies{&plan.pilot, &parts[0], &parts[1]}, ranks[:], got[:], &sel) {
					if z == 5 {
						t.Errorf("%s, n %d: a bracket missed at z 5", name, n)
					}
					continue
				}
				for i := range want {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%s, n %d, z %v: rank %d is %v, want %v", name, n, z, ranks[i], got[i], want[i])
					}
				}
				// The table of buckets agrees with the bounds: a bucket's
				// region is every one of its keys' region, unless mixed.
				for range 20_000 {
					k := r.Uint32()
					if tr := plan.table[k>>(32-bucketBits)]; tr != mixed && int(tr) != plan.region(uint64(k)) {
						t.Fatalf("%s: key %#x: table says region %d, the bounds %d", name, k, tr, plan.region(uint64(k)))
					}
				}
				// Without the table (a plan of many regions) the counts
				// are the same.
				slow := *plan
				slow.table = nil
				var sp [2]columnTallies
				slow.tally(&sp[0], data[pn:pn+(n-pn)/2])
				slow.tally(&sp[1], data[pn+(n-pn)/2:])
				for i := range 2 {
					if !slices.Equal(sp[i].counts, parts[i].counts) {
						t.Fatalf("%s: counts without the table %v, with it %v", name, sp[i].counts, parts[i].counts)
					}
				}
			}
		}
	}
}

// TestSelectorSignedZero: selection gives −0 or +0 by the rank's place in
// sortKey's order, whatever order the samples come in.
func TestSelectorSignedZero(t *testing.T) {
	negZero := float32(math.Copysign(0, -1))
	r := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		data := make([]float32, 0, 300)
		for range 100 {
			data = append(data, negZero, 0, -1)
		}
		r.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
		var s selector
		var v [2]float64
		s.orderStats(data, []int{150, 250}, v[:]) // −0 (ranks 101–200), +0 (201–300)
		if !math.Signbit(v[0]) || math.Signbit(v[1]) {
			t.Fatalf("ranks 150 and 250: %v and %v (sign bits %v, %v), want −0 and +0", v[0], v[1], math.Signbit(v[0]), math.Signbit(v[1]))
		}
	}
}
