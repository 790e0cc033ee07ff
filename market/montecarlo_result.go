package market

import (
	"fmt"
	"math"
	"slices"
)

// Percentiles are the 5th, 50th and 95th percentiles of one output in one
// year, each with its Monte Carlo standard error (see quantile.go for both
// methods).
type Percentiles struct {
	P5, P50, P95       float64
	P5SE, P50SE, P95SE float64
}

// YearStats is one year of a Monte Carlo run.
type YearStats struct {
	Year int
	// Out are the percentiles of each recorded output (Result.Recorded,
	// the headline first) given a signed deal. The deal is drawn
	// independently of the model, so every sample is a draw given a deal
	// and all N samples are used.
	Out [maxRecorded]Percentiles
	// PZero is the share of samples with no revenue that year: no deal, or a
	// deal and zero net (before launch, say).
	PZero float64
}

// Result is one Monte Carlo run. Its summary fields are plain values; its
// methods read the per-sample outputs it keeps. Once Run has returned, any
// number of goroutines may read a Result, until it is handed to Run again.
type Result struct {
	N        int    // samples; 0 when the run did not finish
	Seed     uint64 // the seed of the draws
	BaseYear int

	Values      Values      // the values the run was made at
	Uncertainty Uncertainty // the widths and pins it was made with
	Sampled     []ID        // the inputs drawn at random; the others were fixed
	Recorded    []Uncertain // the outputs recorded, as YearStats.Out

	Years []YearStats // BaseYear .. BaseYear+Horizon

	Deals int // samples in which the deal was signed
	// PZeroRevenue is the share of samples with no revenue in the horizon
	// year: no deal, or zero net (Years[len-1].PZero).
	PZeroRevenue float64
	// RiskWeightedMean is the mean horizon-year net over all samples, with a
	// sample that has no deal counted as 0 (USD): the Monte Carlo expected
	// headline, not the headline at the sliders times the deal's chance.
	RiskWeightedMean float64

	// per sample, year by year: [year][sample]. float32 holds 7
	// significant figures, far finer than the Monte Carlo error of any
	// percentile (about 1%), and halves the memory and the bytes the
	// percentile passes read.
	outs   [][][]float32 // by recorded output: [year][sample]
	dealt  []uint64      // bit i: sample i signed the deal
	spread []SpreadShare
}

// Last is the horizon year's statistics, or nil when there is no result.
func (r *Result) Last() *YearStats {
	if r.N == 0 || len(r.Years) == 0 {
		return nil
	}
	return &r.Years[len(r.Years)-1]
}

// Year returns a calendar year's statistics, or nil outside the projection.
func (r *Result) Year(year int) *YearStats {
	i := year - r.BaseYear
	if r.N == 0 || i < 0 || i >= len(r.Years) {
		return nil
	}
	return &r.Years[i]
}

// LastYear is the horizon year.
func (r *Result) LastYear() int { return r.BaseYear + len(r.Years) - 1 }

// samples is the per-sample series of an output in a year, given a deal.
func (r *Result) samples(out Output, year int) ([]float32, error) {
	if r.N == 0 {
		return nil, fmt.Errorf("monte carlo: no result")
	}
	i := year - r.BaseYear
	if i < 0 || i >= len(r.Years) {
		return nil, fmt.Errorf("monte carlo: %d is outside the projection; choose a year from %d to %d", year, r.BaseYear, r.LastYear())
	}
	for j, u := range r.Recorded {
		if u.Series != out {
			continue
		}
		if r.outs[j][i] == nil {
			return nil, fmt.Errorf("monte carlo: this run kept no samples of %s in %d, only its percentiles (RunConfig.Keep); run with KeepAll to read them", u.Prefix, year)
		}
		return r.outs[j][i], nil
	}
	return nil, ErrNotRecorded
}

// deal reports whether sample i signed the deal.
func (r *Result) deal(i int) bool { return r.dealt[i>>6]>>(i&63)&1 == 1 }

// Quantile is the p-th percentile (0 < p < 1) of an output in a year, given
// a deal, by the method of quantile.go. It allocates scratch; the run's own
// P5/P50/P95 are in Years.
func (r *Result) Quantile(out Output, year int, p float64) (float64, error) {
	xs, err := r.samples(out, year)
	if err != nil {
		return 0, err
	}
	if !(p > 0 && p < 1) {
		return 0, fmt.Errorf("monte carlo: percentile %v must be between 0 and 1", p)
	}
	var s selector
	rank := [1]int{rankOf(p, len(xs))}
	var v [1]float64
	s.orderStats(xs, rank[:], v[:])
	return v[0], nil
}

// ProbAtLeast is the chance that an output in a year reaches target:
// givenDeal over the funnel alone, and withDeal counting a sample with no
// deal as zero (so it counts only when target ≤ 0).
func (r *Result) ProbAtLeast(out Output, year int, target float64) (givenDeal, withDeal float64, err error) {
	xs, err := r.samples(out, year)
	if err != nil {
		return 0, 0, err
	}
	given, with := 0, 0
	zeroReaches := 0 >= target
	for i, x := range xs {
		reaches := float64(x) >= target
		if reaches {
			given++
		}
		if r.deal(i) {
			if reaches {
				with++
			}
		} else if zeroReaches {
			with++
		}
	}
	n := float64(len(xs))
	return float64(given) / n, float64(with) / n, nil
}

// Histogram counts horizon-year net revenue given a deal into bins of equal
// width for display: edges has bins+1 entries from the 0.5th to the 99.5th
// percentile, and the first and last bins also hold the samples beyond
// them, so the counts add up to N and a long tail does not squash the
// chart. When every sample is equal there is one bin.
func (r *Result) Histogram(bins int) (edges []float64, counts []int) {
	edges, counts, _ = r.HistogramOf(r.Recorded[0].Series, r.LastYear(), bins)
	return edges, counts
}

// HistogramOf is Histogram for any recorded output and year.
func (r *Result) HistogramOf(out Output, year, bins int) (edges []float64, counts []int, err error) {
	xs, err := r.samples(out, year)
	if err != nil {
		return nil, nil, err
	}
	bins = max(bins, 1)
	var s selector
	ranks := [2]int{rankOf(0.005, len(xs)), rankOf(0.995, len(xs))}
	var v [2]float64
	s.orderStats(xs, ranks[:], v[:])
	lo, hi := v[0], v[1]
	if hi <= lo {
		// Too little spread to show: one bin from the least to the most.
		lo, hi = math.Inf(1), math.Inf(-1)
		for _, x := range xs {
			lo, hi = math.Min(lo, float64(x)), math.Max(hi, float64(x))
		}
		if hi <= lo {
			return []float64{lo, hi}, []int{len(xs)}, nil
		}
	}
	edges = make([]float64, bins+1)
	for i := range edges {
		edges[i] = lo + (hi-lo)*float64(i)/float64(bins)
	}
	edges[bins] = hi
	counts = make([]int, bins)
	scale := float64(bins) / (hi - lo)
	for _, x := range xs {
		b := int((float64(x) - lo) * scale)
		counts[min(max(b, 0), bins-1)]++
	}
	return edges, counts, nil
}

// SpreadShare is how much of an output's spread one input explains.
type SpreadShare struct {
	Input ID
	Share float64 // 0..1; the shares of one output add up to 1
}

// SpreadNote is the sentence that explains SpreadShares, for the UI.
func (r *Result) SpreadNote() string {
	return fmt.Sprintf("Share of the variance of log(%s in %d), from the squared correlation of each input's draw with it.", r.Recorded[0].Prefix, r.LastYear())
}

// SpreadShares is each sampled input's share of the spread of horizon-year
// net revenue, largest first (see SpreadNote): over the samples where that
// net is above zero, the squared correlation between the input's standard
// draw (its normal, or its uniform for months) and the log of the net,
// normalised to add up to 1. Inputs drawn independently, when log net is
// a sum of their effects, get exactly their shares of its variance;
// otherwise they share out the part each explains on its own. Correlated
// inputs ([[correlation]]) are read by their correlated normal scores, so
// they share the credit for what they move together: their shares may add
// up to more than what they explain. Inputs that do not enter net revenue (market size and growth)
// come out near 0. Empty when nothing varies. Run works the sums out while
// the draws are at hand; this returns a copy.
func (r *Result) SpreadShares() []SpreadShare {
	return slices.Clone(r.spread)
}

// LogHistogramOf counts an output's samples in a year (given a deal) into
// bins of equal width on a log scale, for outputs such as revenue whose
// spread is multiplicative: on a linear scale most samples would crowd into
// the first few bins. edges (bins+1, USD or people) run from the 0.5th to
// the 99.5th percentile of the positive samples, the end bins also hold
// the samples beyond them, and samples of zero or less are counted apart in
// zeros. When the positive samples are all equal there is one bin.
func (r *Result) LogHistogramOf(out Output, year, bins int) (edges []float64, counts []int, zeros int, err error) {
	xs, err := r.samples(out, year)
	if err != nil {
		return nil, nil, 0, err
	}
	bins = max(bins, 1)
	pos := make([]float32, 0, len(xs))
	for _, x := range xs {
		if x > 0 {
			pos = append(pos, x)
		}
	}
	zeros = len(xs) - len(pos)
	if len(pos) == 0 {
		return nil, nil, zeros, nil
	}
	var s selector
	ranks := [2]int{rankOf(0.005, len(pos)), rankOf(0.995, len(pos))}
	var v [2]float64
	s.orderStats(pos, ranks[:], v[:])
	lo, hi := math.Log(v[0]), math.Log(v[1])
	if !(hi > lo) {
		return []float64{v[0], v[1]}, []int{len(pos)}, zeros, nil
	}
	edges = make([]float64, bins+1)
	for i := range edges {
		edges[i] = math.Exp(lo + (hi-lo)*float64(i)/float64(bins))
	}
	edges[0], edges[bins] = v[0], v[1]
	counts = make([]int, bins)
	scale := float64(bins) / (hi - lo)
	for _, x := range pos {
		b := int((math.Log(float64(x)) - lo) * scale)
		counts[min(max(b, 0), bins-1)]++
	}
	return edges, counts, zeros, nil
}
