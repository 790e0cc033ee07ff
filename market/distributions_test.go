package market

import (
	"math"
	"strings"
	"testing"
)

// quantiles of one sampler at standard normal draws: at(−z95), at(0),
// at(z95) are P5, P50, P95 when the transform is monotone.
func threePoints(s *sampler) (p5, p50, p95 float64) { return s.at(-z95), s.at(0), s.at(z95) }

func TestSplitNormalHitsLowDefaultHigh(t *testing.T) {
	cases := []Input{
		{Kind: KindAmount, Default: 10, Low: 4, High: 30, Min: 0, Max: 1000},
		{Kind: KindGrowth, Default: 0.10, Low: -0.05, High: 0.40, Min: -0.5, Max: 1},
		{Kind: KindShare, Default: 0.20, Low: 0.05, High: 0.30, Min: 0, Max: 1},
		{Kind: KindAmount, Dist: DistNormal, Default: 10, Low: 4, High: 30, Min: -100, Max: 1000},
		{Kind: KindGrowth, Dist: DistLognormal, Default: 0.10, Low: -0.05, High: 0.40, Min: -0.5, Max: 1},
	}
	for _, in := range cases {
		var u Uncertainty
		s := newSampler(&in, in.Default, &u, 0)
		p5, p50, p95 := threePoints(&s)
		for _, c := range [][2]float64{{p5, in.Low}, {p50, in.Default}, {p95, in.High}} {
			if math.Abs(c[0]-c[1]) > 1e-9*math.Max(1, math.Abs(c[1])) {
				t.Errorf("%s %s: P5/P50/P95 %v %v %v, want %v %v %v", in.Kind, in.Dist, p5, p50, p95, in.Low, in.Default, in.High)
				break
			}
		}
		// The slider moves all three; the width scales the spread about
		// the median, which stays the value.
		v := in.Default * 1.2
		if in.Kind == KindGrowth {
			v = in.Default + 0.02
		}
		u.Width[in.ID] = 0.5
		s = newSampler(&in, v, &u, 0)
		if got := s.at(0); math.Abs(got-v) > 1e-12 {
			t.Errorf("%s: median %v at value %v", in.Kind, got, v)
		}
		lo, _, hi := threePoints(&s)
		if !(lo < v && v < hi) {
			t.Errorf("%s at %v: P5 %v, P95 %v do not straddle it", in.Kind, v, lo, hi)
		}
		u.Width[in.ID] = 1
		full := newSampler(&in, v, &u, 0)
		flo, _, fhi := threePoints(&full)
		if !(flo < lo && hi < fhi) {
			t.Errorf("%s: half width %v–%v is not inside full %v–%v", in.Kind, lo, hi, flo, fhi)
		}
	}
}

func TestBoundedDists(t *testing.T) {
	var u Uncertainty
	tri := Input{Kind: KindAmount, Dist: DistTriangular, Default: 2, Low: 1, High: 5, Min: 0, Max: 10}
	s := newSampler(&tri, 2, &u, 0)
	want := 1 + 4*(1-math.Sqrt(0.375))
	if got := s.at(0); math.Abs(got-want) > 1e-12 || math.Abs(got-2.551) > 5e-4 {
		t.Errorf("triangular(1, 2, 5) median %v, want %v (2.551)", got, want)
	}
	if lo, hi := s.at(math.Inf(-1)), s.at(math.Inf(1)); lo != 1 || hi != 5 {
		t.Errorf("triangular bounds %v–%v, want 1–5", lo, hi)
	}
	// PERT with mode at the middle is symmetric: median = mode; with the
	// mode at 1/4 its mean is (1 + 4·2 + 5)/6 = 7/3: check the quantiles
	// integrate to it.
	pert := Input{Kind: KindAmount, Dist: DistPERT, Default: 3, Low: 1, High: 5, Min: 0, Max: 10}
	s = newSampler(&pert, 3, &u, 0)
	if got := s.at(0); math.Abs(got-3) > 1e-6 {
		t.Errorf("symmetric PERT median %v, want 3", got)
	}
	pert.Default = 2
	s = newSampler(&pert, 2, &u, 0)
	mean, n := 0.0, 20000
	for i := 0; i < n; i++ {
		z := math.Sqrt2 * math.Erfinv(2*(float64(i)+0.5)/float64(n)-1)
		mean += s.at(z) / float64(n)
	}
	if math.Abs(mean-7.0/3) > 1e-3 {
		t.Errorf("PERT(1, 2, 5) mean %v, want 7/3", mean)
	}
	uni := Input{Kind: KindShare, Dist: DistUniform, Default: 0.2, Low: 0.1, High: 0.5, Min: 0, Max: 1}
	s = newSampler(&uni, 0.2, &u, 0)
	if got := s.at(0); math.Abs(got-0.3) > 1e-12 {
		t.Errorf("uniform(0.1, 0.5) median %v, want 0.3", got)
	}
	// Months: uniform each side of the default, which is the median.
	lag := Input{ID: 1, Kind: KindMonths, Default: 3, Low: 0, High: 12, Min: 0, Max: 12}
	s = newSampler(&lag, 3, &u, 0)
	for _, c := range [][2]float64{{0, 0}, {0.25, 1.5}, {0.5, 3}, {0.75, 7.5}, {1, 12}} {
		if got := s.at(c[0]); math.Abs(got-c[1]) > 1e-12 {
			t.Errorf("months at u=%v: %v, want %v", c[0], got, c[1])
		}
	}
}

func TestDecisionsAreNeverDrawn(t *testing.T) {
	m := testMarket()
	m.Inputs[Price].Role = RoleDecision
	v := m.Defaults()
	var u Uncertainty
	if lo, hi, sampled := m.Interval(Price, &v, &u); sampled || lo != v[Price] || hi != v[Price] {
		t.Errorf("decision's interval %v–%v sampled %v", lo, hi, sampled)
	}
	r := run(t, m, RunConfig{N: 2000, Seed: 1, Values: v})
	for _, id := range r.Sampled {
		if id == Price {
			t.Fatalf("price, a decision, was drawn: %v", r.Sampled)
		}
	}
	if len(r.Sampled) == 0 {
		t.Fatal("nothing drawn")
	}
	// Nothing to correlate it with.
	m.Correlations = []Correlation{{Between: [2]string{"conversion", "price"}, Rank: -0.5}}
	if _, err := m.CorrelatedPairs(); err == nil || !strings.Contains(err.Error(), `"price" is never drawn (it is a decision, set by the company)`) {
		t.Errorf("a correlation with a decision: %v", err)
	}
}

// BenchmarkThreePointTransform is the choice of DESIGN.md §11 measured:
// turning a column of standard normals into log-space values by the
// two-piece normal the engine uses, against a 3-term metalog (Keelin's
// symmetric-percentile triplet: a1 = q50, a2 = (q95 − q5)/(2 ln 19),
// a3 = (q95 + q5 − 2q50)/(0.9 ln 19) on logit(y)), which needs y = Φ(z)
// and a logarithm for every draw.
func BenchmarkThreePointTransform(b *testing.B) {
	z := make([]float64, blockSize)
	for i := range z {
		z[i] = math.Sqrt2 * math.Erfinv(2*(float64(i)+0.5)/blockSize-1)
	}
	dst := make([]float64, blockSize)
	q5, q50, q95 := math.Log(4.0), math.Log(10.0), math.Log(30.0)
	b.Run("split", func(b *testing.B) {
		in := Input{Kind: KindAmount, Default: 10, Low: 4, High: 30, Min: 0, Max: 1000}
		var u Uncertainty
		s := newSampler(&in, 10, &u, 0)
		for b.Loop() {
			s.draw(dst, z)
		}
	})
	b.Run("metalog", func(b *testing.B) {
		ln19 := math.Log(19)
		a1, a2, a3 := q50, (q95-q5)/(2*ln19), (q95+q5-2*q50)/(0.9*ln19)
		for b.Loop() {
			for i, x := range z {
				y := phi(x)
				l := math.Log(y / (1 - y))
				dst[i] = a1 + a2*l + a3*(y-0.5)*l
			}
			expSlice(dst)
		}
	})
}
