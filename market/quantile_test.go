package market

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestOrderStatsMatchSorting(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var s selector // reused throughout, as the engine does
	gens := map[string]func(n int) []float32{
		"lognormal": func(n int) []float32 {
			xs := make([]float32, n)
			for i := range xs {
				xs[i] = float32(3e8 * math.Exp(1.3*rng.NormFloat64()))
			}
			return xs
		},
		"signed": func(n int) []float32 {
			xs := make([]float32, n)
			for i := range xs {
				xs[i] = float32(rng.NormFloat64() * 1e3)
			}
			return xs
		},
		"few values": func(n int) []float32 {
			xs := make([]float32, n)
			for i := range xs {
				xs[i] = float32(rng.IntN(4))
			}
			return xs
		},
		"all equal": func(n int) []float32 {
			xs := make([]float32, n)
			for i := range xs {
				xs[i] = 42
			}
			return xs
		},
		"mostly zero": func(n int) []float32 {
			xs := make([]float32, n)
			for i := range xs {
				if rng.IntN(10) == 0 {
					xs[i] = float32(rng.Float64())
				}
			}
			return xs
		},
		"one bucket": func(n int) []float32 { // distinct values closer than a bucket
			xs := make([]float32, n)
			for i := range xs {
				xs[i] = 1 + float32(rng.IntN(1000))*1e-6
			}
			return xs
		},
	}
	for name, gen := range gens {
		for _, n := range []int{1, 2, 7, 33, 1000, 4097, 100_000} {
			xs := gen(n)
			orig := slices.Clone(xs)
			sorted := slices.Clone(xs)
			slices.Sort(sorted)
			var ranks []int
			for _, p := range []float64{0.005, 0.05, 0.5, 0.95, 0.995} {
				k := rankOf(p, n)
				lo, hi := seRanks(p, n)
				ranks = append(ranks, lo, k, hi)
			}
			ranks = append(ranks, 1, n, (n+1)/2)
			if n%2 == 0 {
				slices.Sort(ranks) // and otherwise in the order asked
			}
			out := make([]float64, len(ranks))
			s.orderStats(xs, ranks, out)
			for j, k := range ranks {
				if out[j] != float64(sorted[k-1]) {
					t.Fatalf("%s, n=%d: rank %d is %v, sorting gives %v", name, n, k, out[j], sorted[k-1])
				}
			}
			if !slices.Equal(xs, orig) {
				t.Fatalf("%s, n=%d: orderStats changed its input", name, n)
			}
			if !slices.Equal(s.hist, make([]uint32, len(s.hist))) {
				t.Fatalf("%s, n=%d: counts not cleared for the next call", name, n)
			}
		}
	}
}

func TestRanks(t *testing.T) {
	// ⌈p·n⌉, within 1..n; the standard-error ranks √(n·p·(1−p)) either side.
	for _, c := range []struct {
		p       float64
		n, want int
	}{{0.05, 100_000, 5000}, {0.5, 100_000, 50000}, {0.95, 100_000, 95000}, {0.5, 3, 2}, {0.95, 10, 10}, {0.01, 10, 1}, {0.999, 1, 1}} {
		if got := rankOf(c.p, c.n); got != c.want {
			t.Errorf("rankOf(%v, %d) = %d, want %d", c.p, c.n, got, c.want)
		}
	}
	// n = 100,000, p = 0.05: √4750 = 68.9 → 69 ranks either side of 5000.
	if lo, hi := seRanks(0.05, 100_000); lo != 4931 || hi != 5069 {
		t.Errorf("seRanks(0.05, 100000) = %d, %d; want 4931, 5069", lo, hi)
	}
	if lo, hi := seRanks(0.95, 20); lo != 18 || hi != 20 {
		t.Errorf("seRanks(0.95, 20) = %d, %d; want 18, 20 (kept within n)", lo, hi)
	}
}
