// Command plainloop is DESIGN.md §7's yardstick as a whole process: the
// China 2015 model's Monte Carlo written as a plain, straightforward Go
// program would be, to time `sizeup report --uncertainty --format csv`
// against on the same cores (BenchmarkOneShotProcess in the repository's
// root). One pass over the samples, on GOMAXPROCS goroutines each taking
// a share of them: each sample draws its inputs (math.Exp for every
// lognormal and logit-normal, two-piece through low, default and high as
// sizeup draws them, clamped to the hard limits; Bass p and q correlated
// as the file says) and the deal, then runs
// the funnel year by year (a math.Exp a year for the Bass curve), storing
// net revenue and subscribers as float64. Then, per output and year, the
// same nine order statistics sizeup computes (P5, P50, P95 and the ranks of
// their standard errors) by quickselect in place, and P(zero net); it
// prints the same CSV columns. No copies, no sorting.
//
// Its figures are the market file's (a test holds them to
// data/china-2015.toml); its draws are its own, so its percentiles agree
// with sizeup's within Monte Carlo error, not bit for bit.
//
//	plainloop -n 1000000 -seed 1 > out.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"sync"
)

// kind is how an input is drawn.
type kind int

const (
	amount kind = iota // lognormal
	growth             // lognormal growth factor 1 + rate
	share              // logit-normal
	months             // uniform each side of the default
)

// input is one drawn input of the China 2015 market.
type input struct {
	name                   string
	kind                   kind
	def, low, high, lo, hi float64 // default, P5, P95 (bounds for months), hard limits
}

// The drawn inputs, as data/china-2015.toml has them.
var inputs = []input{
	{"internet_users", amount, 649e6, 618e6, 688e6, 0, 2e9},
	{"user_growth", growth, 0.06, 0.03, 0.07, -0.2, 0.5},
	{"user_ceiling", amount, 1.1e9, 1e9, 1.2e9, 1e8, 2e9},
	{"video_reach", share, 0.73, 0.667, 0.75, 0, 1},
	{"mobile_share", share, 0.6, 0.6, 0.86, 0, 1},
	{"tv_share", share, 0.25, 0.1, 0.5, 0, 1},
	{"conversion", share, 0.02, 0.005, 0.08, 0, 1},
	{"partner_cut", share, 0.5, 0.3, 0.7, 0, 1},
	{"bass_p", amount, 0.03, 0.01, 0.05, 0.001, 0.5},
	{"bass_q", amount, 0.38, 0.2, 0.6, 0, 1.5},
	{"approval_lag", months, 6, 0, 12, 0, 12},
}

// The places of the inputs above, and the fixed ones.
const (
	iUsers, iGrowth, iCeiling, iReach, iMobile, iTV, iConversion, iCut, iP, iQ, iLag = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
	licenceMobile, licencePC, licenceTV                                              = 1.0, 1.0, 1.0
	launchYear, baseYear, years                                                      = 2016, 2015, 11
	dealProbability                                                                  = 0.5
	price                                                                            = 4.0 // a decision: never drawn
	// bassRank is the Spearman rank correlation of bass_p and bass_q (a
	// Gaussian copula, as sizeup draws it); no other pair enters net
	// revenue or subscribers.
	bassRank = -0.5
)

const z95 = 1.6448536269514722

// drawn is an input ready to draw: its median and slopes below and above
// in its drawing space, and its hard limits there.
type drawn struct {
	kind                  kind
	mid, below, above     float64
	lo, hi                float64
	low, defV, high, span float64 // months
}

func prepare(in input) drawn {
	d := drawn{kind: in.kind, lo: in.lo, hi: in.hi, low: in.low, defV: in.def, high: in.high}
	space := func(x float64) float64 { return x }
	switch in.kind {
	case amount:
		space = math.Log
	case growth:
		space = func(x float64) float64 { return math.Log(1 + x) }
		d.lo, d.hi = 1+in.lo, 1+in.hi
	case share:
		space = func(x float64) float64 { return math.Log(x / (1 - x)) }
	}
	d.mid = space(in.def)
	d.below, d.above = (d.mid-space(in.low))/z95, (space(in.high)-d.mid)/z95
	d.below, d.above = max(d.below, 1e-300), max(d.above, 1e-300)
	return d
}

// draw is one value of the input, from the standard normal z (unused
// for months, which draw a uniform).
func (d *drawn) draw(r *rand.Rand, z float64) float64 {
	if d.kind == months {
		u := 2*r.Float64() - 1
		if u < 0 {
			return d.defV + u*(d.defV-d.low)
		}
		return d.defV + u*(d.high-d.defV)
	}
	t := d.mid + z*d.above
	if z < 0 {
		t = d.mid + z*d.below
	}
	switch d.kind {
	case amount:
		return min(max(math.Exp(t), d.lo), d.hi)
	case growth:
		return min(max(math.Exp(t), d.lo), d.hi) - 1
	}
	return min(max(1/(1+math.Exp(-t)), d.lo), d.hi)
}

// run is the Monte Carlo: net and subs by year and sample, and the
// samples with no deal.
type run struct {
	net, subs [years][]float64
	noDeal    []bool
}

// simulate fills samples from..to of r from the stream seeded (seed, from).
func (r *run) simulate(ins []drawn, seed uint64, from, to int) {
	rng := rand.New(rand.NewPCG(seed, uint64(from)))
	rho := 2 * math.Sin(math.Pi*bassRank/6) // the normals' correlation
	mix := math.Sqrt(1 - rho*rho)
	var x [11]float64
	for s := from; s < to; s++ {
		var zp float64
		for i := range ins {
			z := rng.NormFloat64()
			switch i {
			case iP:
				zp = z
			case iQ:
				z = rho*zp + mix*z
			}
			x[i] = ins[i].draw(rng, z)
		}
		r.noDeal[s] = rng.Float64() >= dealProbability
		coverage := x[iMobile]*licenceMobile + (1-x[iMobile])*(x[iTV]*licenceTV+(1-x[iTV])*licencePC)
		p, q := x[iP], x[iQ]
		users, prev := x[iUsers], 0.0
		for y := range years {
			if y > 0 {
				users *= 1 + x[iGrowth]
			}
			year := baseYear + y
			inService := float64(year - launchYear + 1)
			sub := 0.0
			if inService > 0 {
				e := math.Exp(-(p + q) * inService)
				sub = min(users, x[iCeiling]) * x[iReach] * coverage * x[iConversion] * (1 - e) / (1 + q/p*e)
			}
			months := 0.0
			switch {
			case year == launchYear:
				months = 12 - x[iLag]
			case year > launchYear:
				months = 12
			}
			r.net[y][s] = (prev + sub) / 2 * price * months * (1 - x[iCut])
			r.subs[y][s] = sub
			prev = sub
		}
	}
}

// parallel runs task(i) for i in 0..n−1 on the given goroutines.
func parallel(workers, n int, task func(i int)) {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				task(i)
			}
		})
	}
	wg.Wait()
}

// Monte Carlo of n samples from seed: the CSV rows of sizeup's report
// --uncertainty, one a year, as numbers.
func monteCarlo(n int, seed uint64, workers int) [years][14]float64 {
	ins := make([]drawn, len(inputs))
	for i, in := range inputs {
		ins[i] = prepare(in)
	}
	var r run
	for y := range years {
		r.net[y], r.subs[y] = make([]float64, n), make([]float64, n)
	}
	r.noDeal = make([]bool, n)
	parts := workers
	parallel(workers, parts, func(i int) { r.simulate(ins, seed, i*n/parts, (i+1)*n/parts) })
	var rows [years][14]float64
	ranks := ranks(n)
	parallel(workers, 2*years, func(task int) {
		y, j := task/2, task%2
		xs := r.net[y]
		if j == 1 {
			xs = r.subs[y]
		}
		v := orderStats(xs, ranks)
		row := &rows[y] // each task writes its own cells; the year is set below
		row[1+3*j], row[2+3*j], row[3+3*j] = v[1], v[4], v[7]
		row[7+3*j], row[8+3*j], row[9+3*j] = (v[2]-v[0])/2, (v[5]-v[3])/2, (v[8]-v[6])/2
	})
	for y := range years {
		zero := 0
		for s, x := range r.net[y] {
			if r.noDeal[s] || x == 0 {
				zero++
			}
		}
		rows[y][0] = float64(baseYear + y)
		rows[y][13] = float64(zero) / float64(n)
	}
	return rows
}

// ranks are the 1-based ranks sizeup selects: for P5, P50 and P95 the
// rank ⌈p·n⌉ and the ranks √(n·p·(1−p)) either side of it.
func ranks(n int) [9]int {
	var out [9]int
	for j, p := range [3]float64{0.05, 0.5, 0.95} {
		k := min(max(int(math.Ceil(p*float64(n)-1e-9)), 1), n)
		d := int(math.Ceil(math.Sqrt(float64(n) * p * (1 - p))))
		out[3*j], out[3*j+1], out[3*j+2] = max(k-d, 1), k, min(k+d, n)
	}
	return out
}

// orderStats selects the ranks (ascending) in xs in place: each
// quickselect leaves everything above its rank after it, so the next one
// searches only there.
func orderStats(xs []float64, ranks [9]int) [9]float64 {
	var v [9]float64
	lo := 0
	for i, k := range ranks {
		v[i] = selectRank(xs[lo:], k-1-lo)
		lo = k - 1
	}
	return v
}

// selectRank is the k-th smallest of xs (0-based), by quickselect with a
// median-of-three pivot.
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

func main() {
	n := flag.Int("n", 100_000, "samples")
	seed := flag.Uint64("seed", 1, "seed")
	flag.Parse()
	if *n < 1 {
		fmt.Fprintln(os.Stderr, "plainloop: -n must be 1 or more")
		os.Exit(2)
	}
	rows := monteCarlo(*n, *seed, runtime.GOMAXPROCS(0))
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintln(w, "year,net_p5,net_p50,net_p95,subscribers_p5,subscribers_p50,subscribers_p95,net_p5_se,net_p50_se,net_p95_se,subscribers_p5_se,subscribers_p50_se,subscribers_p95_se,p_zero_revenue")
	for _, row := range rows {
		for i, x := range row {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
		}
		w.WriteByte('\n')
	}
	w.Flush()
}
