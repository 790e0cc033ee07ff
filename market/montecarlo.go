package market

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Monte Carlo (DESIGN.md §2 and §11). Every input's low, default and high
// are its 5th, 50th and 95th percentiles, and each kind of input is drawn
// its own way (distributions.go, montecarlo_draws.go):
//
//   - amounts: a two-piece lognormal through those three points;
//   - growth rates: the same for the growth factor 1+rate, so a rate can be
//     zero or negative but stays above −100%;
//   - shares: a two-piece logit-normal, never leaving (0,1);
//   - months: uniform each side of the default, low and high the bounds;
//   - an input's dist may choose normal, lognormal, triangular, PERT or
//     uniform instead;
//   - decisions (role = "decision") are never drawn;
//   - years, switches and the exchange rate: fixed at their current values;
//   - the deal: a yes/no event at the current deal probability, which is not
//     itself uncertain.
//
// The interval follows the slider: an input moved from its default d to v
// has its interval multiplied by v/d (amounts), its growth-factor interval by
// (1+v)/(1+d), its logit interval shifted by logit(v)−logit(d) (shares), or
// its interval shifted by v−d (months). Every drawn value is then clamped to
// the input's hard Min..Max, as a typed value would be, so a wide interval
// never feeds the model a value the market file rules out.
//
// Common random numbers: the standard draws behind the samples (a standard
// normal per amount, growth and share input, a uniform for the months and
// one for the deal) are made once for (N, seed) and kept. A run at other
// values or intervals transforms the same draws, so results move only
// because an assumption moved, never by sampling noise.
//
// Correlated inputs (a market's [[correlation]]s, correlation.go) have
// their standard draws mixed as they are made, chunk by chunk, with the
// Cholesky factor worked out once for the engine: the kept draws are
// then the correlated ones, and every run reuses them at no cost.

// z95 is the standard normal's 95th percentile: a 90% interval spans ±z95
// standard deviations.
const z95 = 1.6448536269514722

// NarrowFactor and WidenFactor are what one press of [ or ] does to an
// input's interval width.
const (
	NarrowFactor = 0.8
	WidenFactor  = 1.25
)

// MaxSamples bounds a run's sample count: the kept draws alone take
// 14 × 8 bytes per sample, so a million samples already keep 112 MB.
const MaxSamples = 1_000_000

// drawChunk is how many samples share one random stream. Each chunk's stream
// is seeded from (seed, chunk index), so the draws for a seed are the same
// whatever the number of workers. Changing it changes every seed's draws.
const drawChunk = 4096

// runChunk is how many samples a worker evaluates between checks of the
// context, a few hundred microseconds of work: one chunk of draws.
const runChunk = drawChunk

// Uncertainty is how wide each input's interval is drawn, and which inputs
// are pinned. The zero value draws every input from its interval as given.
// It is a plain value: copy it freely.
type Uncertainty struct {
	// Width multiplies an input's spread in the space it is drawn in (log
	// for amounts and growth factors, logit for shares, months for months)
	// about its median (its mode for triangular and PERT): the distance to
	// its P5 and to its P95 each. 0 means 1.
	Width [MaxInputs]float64
	// Pinned inputs carry no uncertainty: they stay at their current value.
	// Pinning the deal probability changes nothing: it is never uncertain,
	// and the deal itself is always drawn at it.
	Pinned [MaxInputs]bool
}

// WidthOf is the width factor in effect for an input: Width[id], or 1 when
// that is unset or not a positive finite number.
func (u *Uncertainty) WidthOf(id ID) float64 {
	w := u.Width[id]
	if !(w > 0) || math.IsInf(w, 0) {
		return 1
	}
	return w
}

// Narrow multiplies an input's interval width by NarrowFactor (the [ key).
func (u *Uncertainty) Narrow(id ID) { u.Width[id] = u.WidthOf(id) * NarrowFactor }

// Widen multiplies an input's interval width by WidenFactor (the ] key).
func (u *Uncertainty) Widen(id ID) { u.Width[id] = u.WidthOf(id) * WidenFactor }

// RunConfig is one Monte Carlo run: how many samples from which seed, at
// which values and intervals, on how many goroutines.
type RunConfig struct {
	N           int    // samples, 1..MaxSamples
	Seed        uint64 // the same seed and N give the same draws
	Workers     int    // goroutines; 0 or less means runtime.GOMAXPROCS(0)
	Values      Values
	Uncertainty Uncertainty
	// OneShot is a run made once (report --uncertainty, render): its
	// draws are made chunk by chunk into each worker's scratch just
	// before use and not kept, and the engine's kept draws are left as
	// they are. The results are the same numbers.
	OneShot bool
	// Keep is which per-sample outputs the Result keeps for its methods;
	// the percentiles of the others are found without storing them
	// (montecarlo_once.go), bit for bit the same.
	Keep Keep
	// NoSpread leaves out the sums behind Result.SpreadShares (then
	// empty), which a report never prints.
	NoSpread bool
}

func (c *RunConfig) workers() int {
	if c.Workers > 0 {
		return c.Workers
	}
	return runtime.GOMAXPROCS(0)
}

func (c *RunConfig) check() error {
	if c.N < 1 || c.N > MaxSamples {
		return fmt.Errorf("monte carlo: %d samples; choose 1 to %d", c.N, MaxSamples)
	}
	return nil
}

// Engine runs Monte Carlo over one market and keeps the standard draws
// between runs. It is safe to use from any goroutine, and meant to be used
// off the UI's: calls on one engine take turns (a second Run waits for the
// first), and a cancelled run returns within a chunk of a few thousand
// samples, so the UI cancels the old run's context and starts the next run
// in a new goroutine, which begins as soon as the old one has stopped.
//
// What is shared: nothing between Results, which hold everything they need;
// the kept draws belong to the engine, are read-only while a run uses them
// and are rewritten in place (under the engine's turn) for a new N or seed.
// Each Result is written only by the Run it is handed to.
type Engine struct {
	mu       sync.Mutex
	inputs   []Input
	prog     *program
	outputs  Outputs
	series   []SeriesDef
	sched    schedule   // what the recorded outputs need
	alone    []schedule // what each recorded output needs on its own
	layout   drawLayout
	mix      *mixer // correlates the kept draws as they are made; nil for none
	baseYear int
	horizon  int

	plans   uint64 // plans made, to number them
	draws   draws  // the kept draws, rewritten when N or the seed changes
	drawsOK bool   // draws hold all of (draws.n, draws.seed)

	// scratch, reused between runs
	sel       []selector    // one per worker
	work      []*block      // one per worker
	deals     []int         // per chunk
	risk      []float64     // per chunk: Σ horizon headline over samples with a deal
	spread    []spreadSums  // per chunk
	zeros     []int         // per chunk and year: samples with a deal and a zero headline
	single    [][][]float32 // Quantile's record: only its output, one year
	singleBuf []float32     // Quantile's samples
	cache     inputCache    // Quantile's drawn inputs
	missed    int           // columns the last bracketed run stored in a second pass
}

// inputCache keeps the inputs drawn for the first k samples, input by
// input, for Quantile. A goal seek moves one input per trial, so only that
// input is drawn again; the rest of a trial is the years and one selection.
type inputCache struct {
	gen  uint64 // of the draws
	k    int
	by   []sampler // by slot: how each input's stretch was drawn
	ok   []bool
	vals inputs // by slot: k values
}

// update draws again each input whose sampler differs from its stretch's.
func (c *inputCache) update(ctx context.Context, p *plan, d *draws, k, workers int) error {
	slots := d.layout.slots
	// The values for the first k samples serve any smaller k too.
	if c.gen != d.gen || c.k < k || len(c.ok) != slots {
		c.gen, c.k = d.gen, k
		c.ok, c.by, c.vals = make([]bool, slots), make([]sampler, slots), make(inputs, slots)
	}
	k = c.k
	chunks := (k + drawChunk - 1) / drawChunk
	for slot := 0; slot < slots; slot++ {
		id := d.layout.input[slot]
		if !d.layout.normal[slot] && p.eng.inputs[id].Kind != KindMonths {
			continue // the deal: drawn in the kernel, not cached
		}
		if c.ok[slot] && c.by[slot].same(p.s[id]) {
			continue
		}
		c.ok[slot] = false
		c.vals[slot] = resize(c.vals[slot], k)
		err := parallel(ctx, workers, chunks, func(_, ch int) {
			from, to := ch*drawChunk, min((ch+1)*drawChunk, k)
			p.drawInput(id, c.vals[slot][from:to], d.column(ch, slot))
		})
		if err != nil {
			return err
		}
		c.by[slot], c.ok[slot] = p.s[id], true
	}
	return nil
}

// NewEngine makes an engine for the market. It copies what it needs, so
// later changes to m do not reach it; make a new engine for another market.
func NewEngine(m *Market) *Engine {
	e := &Engine{inputs: slices.Clone(m.Inputs), prog: m.prog, outputs: m.Outputs, series: slices.Clone(m.Series), baseYear: m.BaseYear, horizon: m.Horizon}
	roots := make([]int32, len(e.outputs.Uncertain))
	for j, u := range e.outputs.Uncertain {
		roots[j] = e.prog.series[u.Series]
	}
	e.sched = e.prog.schedule(roots)
	for _, r := range roots {
		e.alone = append(e.alone, e.prog.schedule([]int32{r}))
	}
	e.layout = e.newDrawLayout()
	// A market whose correlations were refused never loads; one built in
	// Go with a bad set is drawn without them.
	if pairs, err := m.CorrelatedPairs(); err == nil {
		e.mix = newMixer(pairs, &e.layout)
	}
	return e
}

// Recorded is the market's outputs that Monte Carlo records, in order: the
// headline first.
func (e *Engine) Recorded() []Uncertain { return e.outputs.Uncertain }

// drawsFor returns the kept draws for (n, seed), making them if needed in
// the storage of the last ones.
func (e *Engine) drawsFor(ctx context.Context, n int, seed uint64, workers int) (*draws, error) {
	d := &e.draws
	if e.drawsOK && d.n == n && d.seed == seed {
		return d, nil
	}
	e.drawsOK = false
	d.n, d.seed, d.layout = n, seed, e.layout
	d.gen++
	d.chunks = resize(d.chunks, (n+drawChunk-1)/drawChunk)
	if err := parallel(ctx, workers, len(d.chunks), func(_, c int) { d.fill(c); e.mix.apply(d, c) }); err != nil {
		return nil, err
	}
	e.drawsOK = true
	return d, nil
}

// parallel runs task(worker, i) for i in 0..n−1 on up to workers goroutines,
// checking ctx before each task. It returns ctx.Err() if the context ended
// before every task ran.
func parallel(ctx context.Context, workers, n int, task func(worker, i int)) error {
	workers = min(workers, n)
	if workers <= 1 {
		for i := 0; i < n; i++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			task(0, i)
		}
		return nil
	}
	var next atomic.Int64
	var stopped atomic.Bool
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Go(func() {
			for {
				if ctx.Err() != nil {
					stopped.Store(true)
					return
				}
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				task(w, i)
			}
		})
	}
	wg.Wait()
	if stopped.Load() {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

func (e *Engine) blocks(workers int) []*block {
	for len(e.work) < workers {
		e.work = append(e.work, e.newBlock())
	}
	return e.work[:workers]
}

func (e *Engine) selectors(workers int) []selector {
	for len(e.sel) < workers {
		e.sel = append(e.sel, selector{})
	}
	return e.sel[:workers]
}

// percentiles asked of every year: P5, P50, P95.
var runPercentiles = [3]float64{0.05, 0.50, 0.95}

// Run makes a Monte Carlo run and writes it into dst, reusing dst's
// storage. The draws for (cfg.N, cfg.Seed) are made on the first run and
// kept; later runs with the same N and seed reuse them.
//
// Sharing: nothing may read dst while Run writes it (the UI keeps two
// Results and swaps them); other Results are not touched. When ctx ends, Run returns ctx.Err() within a chunk of a few
// thousand samples and dst holds no result (dst.N == 0).
func (e *Engine) Run(ctx context.Context, dst *Result, cfg RunConfig) error {
	// The turn first: dst may be the Result another run is still writing
	// (the UI hands the same one to a run it cancelled and to the next), so
	// even clearing dst.N must wait for it.
	e.mu.Lock()
	defer e.mu.Unlock()
	dst.N = 0
	if err := cfg.check(); err != nil {
		return err
	}
	if cfg.OneShot || cfg.Keep != KeepAll {
		return e.runBracketed(ctx, dst, &cfg)
	}
	workers := cfg.workers()
	d, err := e.drawsFor(ctx, cfg.N, cfg.Seed, workers)
	if err != nil {
		return err
	}
	n, years := cfg.N, e.horizon+1
	p := e.newPlan(d, &cfg.Values, &cfg.Uncertainty)
	if err := e.sizeResult(ctx, dst, n, years); err != nil {
		return err
	}
	chunks, err := e.simulateAll(ctx, &p, d, dst, n, workers, !cfg.NoSpread)
	if err != nil {
		return err
	}
	if err := e.percentiles(ctx, dst, n, workers); err != nil {
		return err
	}
	e.summarise(dst, &p, &cfg, chunks)
	return nil
}

// sizeResult makes room in dst for every recorded output's n samples in
// each year, a year at a time, so a cancel is seen between allocations.
func (e *Engine) sizeResult(ctx context.Context, dst *Result, n, years int) error {
	dst.outs = resize(dst.outs, len(e.outputs.Uncertain))
	for j := range dst.outs {
		dst.outs[j] = resize(dst.outs[j], years)
		for y := range years {
			if err := ctx.Err(); err != nil {
				return err
			}
			dst.outs[j][y] = resize(dst.outs[j][y], n)
		}
	}
	dst.dealt = resize(dst.dealt, (n+63)/64)
	return nil
}

// simulateAll runs plan p over the n samples in chunks split between the
// workers, recording into dst and tallying each chunk's deals, risk,
// zeros and spread in the engine; it returns the number of chunks.
func (e *Engine) simulateAll(ctx context.Context, p *plan, d *draws, dst *Result, n, workers int, spread bool) (int, error) {
	years := e.horizon + 1
	rec := record{out: dst.outs, years: years}
	chunks := (n + runChunk - 1) / runChunk
	e.deals = resize(e.deals, chunks)
	e.risk = resize(e.risk, chunks)
	e.zeros = resize(e.zeros, chunks*years)
	clear(e.zeros)
	e.spread = resize(e.spread, chunks)
	blocks := e.blocks(workers)
	err := parallel(ctx, workers, chunks, func(w, c int) {
		from := c * runChunk
		e.spread[c] = spreadSums{}
		t := tally{
			zeros: e.zeros[c*years : (c+1)*years],
			dealt: dst.dealt[from/64 : min(from+runChunk, n+63)/64],
		}
		if spread {
			t.spread = &e.spread[c]
		}
		p.simulate(d, from, n, &rec, &t, blocks[w], nil)
		e.deals[c], e.risk[c] = t.deals, t.risk
	})
	return chunks, err
}

// percentiles finds P5, P50 and P95 with the ranks for their errors, for
// each recorded output and year of dst; the tasks are split between the
// workers.
func (e *Engine) percentiles(ctx context.Context, dst *Result, n, workers int) error {
	ranks := percentileRanks(n)
	nrec, years := len(e.outputs.Uncertain), e.horizon+1
	dst.Years = resize(dst.Years, years)
	sels := e.selectors(workers)
	return parallel(ctx, workers, nrec*years, func(w, task int) {
		y, j := task/nrec, task%nrec
		var v [9]float64
		sels[w].orderStats(dst.outs[j][y], ranks[:], v[:])
		setPercentiles(dst, y, j, &v)
	})
}

// summarise adds up the chunks' tallies into dst's deals, P(zero) a year,
// risk-weighted mean and spread, and marks dst complete (dst.N set last).
func (e *Engine) summarise(dst *Result, p *plan, cfg *RunConfig, chunks int) {
	n, years := cfg.N, e.horizon+1
	deals, risk := 0, 0.0
	var spread spreadSums
	for c := 0; c < chunks; c++ {
		deals += e.deals[c]
		risk += e.risk[c]
		spread.add(&e.spread[c])
	}
	for y := 0; y < years; y++ {
		zero := n - deals
		for c := 0; c < chunks; c++ {
			zero += e.zeros[c*years+y]
		}
		dst.Years[y].Year = e.baseYear + y
		dst.Years[y].PZero = float64(zero) / float64(n)
	}
	dst.Seed, dst.BaseYear = cfg.Seed, e.baseYear
	dst.Recorded = e.outputs.Uncertain
	dst.Values, dst.Uncertainty = cfg.Values, cfg.Uncertainty
	dst.Sampled = p.sampled(dst.Sampled[:0])
	dst.Deals = deals
	dst.PZeroRevenue = dst.Years[years-1].PZero
	dst.RiskWeightedMean = risk / float64(n)
	var ids [MaxInputs]ID
	dst.spread = spread.shares(p.sampled(ids[:0]), dst.spread[:0])
	dst.N = n
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// ErrNotRecorded is returned for an output the Monte Carlo run does not
// record: it keeps the market's uncertain outputs only.
var ErrNotRecorded = errors.New("monte carlo records only the market's uncertain outputs")

// recorded is the place of out among the recorded outputs.
func (e *Engine) recorded(out Output) (int, bool) {
	for j, u := range e.outputs.Uncertain {
		if u.Series == out {
			return j, true
		}
	}
	return 0, false
}

// Quantile is the p-th percentile (0 < p < 1, method as in Run) of output
// out (OutNet or OutSubscribers) in a calendar year, given a deal, over the
// first k of cfg.N kept samples (all of them when k ≤ 0 or k > N). It is
// for goal seek on a percentile: it evaluates only up to that year, records
// only that output, and keeps each funnel input's drawn values for those k
// samples, so a call that moves one input draws only that one again (about
// 1 ms for 20,000 samples; BenchmarkMonteCarloQuantile). Use the same N as
// the runs, or the kept draws are made again. It takes turns with Run.
func (e *Engine) Quantile(ctx context.Context, cfg RunConfig, out Output, year int, p float64, k int) (float64, error) {
	if err := cfg.check(); err != nil {
		return 0, err
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.quantile(ctx, &cfg, out, year, p, k)
}

func (e *Engine) quantile(ctx context.Context, cfg *RunConfig, out Output, year int, p float64, k int) (float64, error) {
	j, ok := e.recorded(out)
	if !ok {
		return 0, ErrNotRecorded
	}
	y := year - e.baseYear
	if y < 0 || y > e.horizon {
		return 0, fmt.Errorf("monte carlo: %d is outside the projection; choose a year from %d to %d", year, e.baseYear, e.baseYear+e.horizon)
	}
	if !(p > 0 && p < 1) {
		return 0, fmt.Errorf("monte carlo: percentile %v must be between 0 and 1", p)
	}
	workers := cfg.workers()
	d, err := e.drawsFor(ctx, cfg.N, cfg.Seed, workers)
	if err != nil {
		return 0, err
	}
	if k <= 0 || k > cfg.N {
		k = cfg.N
	}
	pl := e.newPlan(d, &cfg.Values, &cfg.Uncertainty)
	pl.sched = &e.alone[j]
	pl.fuse()
	chunks := (k + runChunk - 1) / runChunk
	if err := e.cache.update(ctx, &pl, d, k, workers); err != nil {
		return 0, err
	}
	nrec := len(e.outputs.Uncertain)
	e.single = resize(e.single, nrec)
	for i := range e.single {
		e.single[i] = nil
	}
	e.single[j] = [][]float32{resize(e.singleBuf, k)}
	e.singleBuf = e.single[j][0]
	rec := record{out: e.single, from: y, years: y + 1}
	blocks := e.blocks(workers)
	err = parallel(ctx, workers, chunks, func(w, c int) {
		pl.simulate(d, c*runChunk, k, &rec, nil, blocks[w], e.cache.vals)
	})
	if err != nil {
		return 0, err
	}
	rank := [1]int{rankOf(p, k)}
	var v [1]float64
	e.selectors(1)[0].orderStats(e.singleBuf, rank[:], v[:])
	return v[0], nil
}

// SeekPercentile is goal seek on a percentile: the value of g.Input that
// makes the p-th percentile of g.Output in g.Year (given a deal) hit
// g.Target, the other inputs staying at cfg.Values, each trial reusing the
// first k kept draws (all when k ≤ 0). Because the draws are common to every
// trial, the percentile moves smoothly with the input and the bracketed
// root-finder of GoalSeek applies unchanged: about 160 trials, 0.1–0.2 s
// for 20,000 samples. It holds the engine's turn for the whole search and
// returns ctx.Err() if ctx ends first.
func (e *Engine) SeekPercentile(ctx context.Context, cfg RunConfig, g Goal, p float64, k int, c Currency) (Seek, error) {
	return e.seekPercentile(ctx, cfg, g, p, k, c, 0, false)
}

// scanSamples is how many draws the first pass of a percentile goal seek
// uses (see seekPercentile).
const scanSamples = 20_000

// seekPercentile is the percentile goal seek both forms share: trials over
// the first k kept draws, the bracket refined down to tol (0: as far as
// float64 goes); with dropCache the inputs' drawn values it kept for the
// trials are let go before the engine's turn ends.
func (e *Engine) seekPercentile(ctx context.Context, cfg RunConfig, g Goal, p float64, k int, c Currency, tol float64, dropCache bool) (Seek, error) {
	if err := cfg.check(); err != nil {
		return Seek{}, err
	}
	if g.Input < 0 || int(g.Input) >= len(e.inputs) {
		return Seek{}, fmt.Errorf("goal seek: unknown input %d", int(g.Input))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if dropCache {
		defer func() { e.cache = inputCache{} }()
	}
	m := Market{BaseYear: e.baseYear, Horizon: e.horizon, Inputs: e.inputs, Series: e.series, prog: e.prog, Outputs: e.outputs}
	var failed error
	trial := cfg
	// at is the percentile as a function of the input, over the first k
	// kept draws.
	at := func(k int) func(float64) float64 {
		return func(x float64) float64 {
			if failed != nil {
				return math.NaN()
			}
			trial.Values = cfg.Values
			trial.Values[g.Input] = x
			q, err := e.quantile(ctx, &trial, g.Output, g.Year, p, k)
			if err != nil {
				failed = err
				return math.NaN()
			}
			return q
		}
	}
	f := at(k)
	// The first pass over the input's range looks for the crossing on the
	// first scanSamples draws, which is where it lies on all of them to
	// within sampling noise; seekWith checks it on all before refining.
	var scan func(float64) float64
	if k <= 0 || k > cfg.N {
		k = cfg.N
	}
	if k > 2*scanSamples {
		scan = at(scanSamples)
	}
	s, err := m.seekWith(f, scan, cfg.Values[g.Input], g, c, tol)
	if failed != nil {
		return Seek{}, failed
	}
	return s, err
}
