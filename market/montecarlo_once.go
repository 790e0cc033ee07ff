package market

import (
	"context"
	"math"
	"runtime"
)

// One-shot runs (report --uncertainty, render): DESIGN.md §7 asks a run
// made once to take at most 64 MB at a million samples, where keeping the
// draws (8 bytes per drawn input and sample) and every recorded output
// (4 bytes per output, year and sample) took 200 MB, and touching that
// much fresh memory cost more than the arithmetic. So such a run
//
//   - draws each chunk into its worker's scratch just before simulating it
//     (RunConfig.OneShot): the same numbers as the kept draws, as each
//     chunk's streams are seeded from (seed, input, chunk);
//   - records each chunk into its worker's scratch, and keeps per sample
//     only what RunConfig.Keep asks for;
//   - finds the percentiles of every output it does not keep without
//     storing its samples (quantile bracketing, bracket.go): the first
//     pilotChunks chunks are kept and bracket each wanted rank widely;
//     the other chunks are counted below, on and above the brackets and
//     only the samples inside are collected; the exact order statistics
//     are then selected among those. A rank that fell outside its bracket
//     (about once in millions of runs, or on a distribution the pilot
//     misjudged) sends its column to a second pass over the same draws
//     that stores it whole. Either way the percentiles are the very
//     samples storing everything selects, bit for bit.

// Keep is which per-sample outputs a Result keeps for its methods
// (Quantile, ProbAtLeast, the histograms). Its summary (percentiles,
// P(zero), the expected headline, the spread shares) is complete
// whatever it keeps.
type Keep uint8

const (
	// KeepAll keeps every recorded output in every year (the app).
	KeepAll Keep = iota
	// KeepHeadline keeps the headline in the horizon year, which the
	// Uncertainty view's histogram and P(headline ≥ target) read.
	KeepHeadline
	// KeepNone keeps nothing per sample (report --uncertainty).
	KeepNone
)

// pilotChunks is how many chunks of a bracketed run are kept whole to
// place the brackets: 16,384 samples.
const pilotChunks = 4

// bracketMin is the fewest samples whose percentiles are bracketed: below
// it, storing a column (22 MB for China at 250,000) and selecting costs
// less than placing brackets and tallying (at 100,000 samples, 39 against
// 43 ms of CPU for the whole process), and the columns not kept are let
// go once selected. Tests lower it.
var bracketMin = 250_000

// keeps reports whether a run keeping k stores output j in year y.
func (k Keep) keeps(j, y, years int) bool {
	switch k {
	case KeepAll:
		return true
	case KeepHeadline:
		return j == 0 && y == years-1
	}
	return false
}

// onceWorker is one worker's scratch in a one-shot or bracketed run.
type onceWorker struct {
	d    *draws          // the chunk's draws, for a one-shot run
	out  [][][]float32   // the chunk's outputs: [output][year][sample]
	tall []columnTallies // by column (output·years + year)
}

// bracketed is one run of runBracketed.
type bracketed struct {
	e                       *Engine
	dst                     *Result
	cfg                     *RunConfig
	n, years, nrec, workers int
	chunks, pilot           int
	d                       *draws // the kept draws, or the layout for scratch
	p                       plan
	pil                     [][][]float32 // the pilot's outputs, [output][year][sample]
	plans                   []*bracketPlan
	ws                      []onceWorker
}

// runBracketed is Run for a one-shot run or one that keeps less than
// every output (see the comment at the top of this file).
func (e *Engine) runBracketed(ctx context.Context, dst *Result, cfg *RunConfig) error {
	r := bracketed{e: e, dst: dst, cfg: cfg, n: cfg.N, years: e.horizon + 1, nrec: len(e.outputs.Uncertain), workers: cfg.workers()}
	r.d = &draws{n: r.n, seed: cfg.Seed, layout: e.layout}
	if !cfg.OneShot {
		var err error
		if r.d, err = e.drawsFor(ctx, r.n, cfg.Seed, r.workers); err != nil {
			return err
		}
	}
	r.p = e.newPlan(r.d, &cfg.Values, &cfg.Uncertainty)
	r.chunks = (r.n + runChunk - 1) / runChunk
	r.pilot = min(r.chunks, pilotChunks)
	if err := r.storage(ctx); err != nil {
		return err
	}
	// The pilot, its chunks recorded whole; the brackets from it; the
	// other chunks.
	err := parallel(ctx, r.workers, r.pilot, func(w, c int) {
		r.simulate(w, c, &record{out: r.pil, years: r.years})
	})
	if err == nil {
		err = r.placeBrackets(ctx)
	}
	if err == nil {
		err = parallel(ctx, r.workers, r.chunks-r.pilot, func(w, i int) { r.rest(w, r.pilot+i) })
	}
	if err == nil {
		err = e.bracketedPercentiles(ctx, dst, cfg, &r.p, r.pil, r.plans, r.ws)
	}
	if err != nil {
		return err
	}
	for j := range r.nrec {
		for y := range r.years {
			if !cfg.Keep.keeps(j, y, r.years) {
				dst.outs[j][y] = nil // stored for selection only (bracketMin)
			}
		}
	}
	e.summarise(dst, &r.p, cfg, r.chunks)
	return nil
}

// storage makes room for the kept columns whole and the pilot's columns
// of the rest, the deals and each chunk's tallies, and the workers'
// scratch.
func (r *bracketed) storage(ctx context.Context) error {
	e, dst, n, years, pn := r.e, r.dst, r.n, r.years, min(r.n, r.pilot*runChunk)
	dst.outs = resize(dst.outs, r.nrec)
	r.pil = make([][][]float32, r.nrec)
	for j := range r.nrec {
		dst.outs[j] = resize(dst.outs[j], years)
		r.pil[j] = make([][]float32, years)
		for y := range years {
			if err := ctx.Err(); err != nil {
				return err
			}
			if r.cfg.Keep.keeps(j, y, years) || n < bracketMin {
				dst.outs[j][y] = resize(dst.outs[j][y], n)
				r.pil[j][y] = dst.outs[j][y][:pn]
			} else {
				dst.outs[j][y] = nil
				r.pil[j][y] = make([]float32, pn)
			}
		}
	}
	dst.dealt = resize(dst.dealt, (n+63)/64)
	e.deals = resize(e.deals, r.chunks)
	e.risk = resize(e.risk, r.chunks)
	e.zeros = resize(e.zeros, r.chunks*years)
	clear(e.zeros)
	e.spread = resize(e.spread, r.chunks)
	r.ws = make([]onceWorker, r.workers)
	for w := range r.ws {
		if r.cfg.OneShot {
			r.ws[w].d = r.d.scratch()
		}
	}
	e.blocks(r.workers)
	return nil
}

// simulate is chunk c on worker w, recorded into rec, its tallies kept
// by chunk as simulateAll keeps them.
func (r *bracketed) simulate(w, c int, rec *record) {
	e, n, years := r.e, r.n, r.years
	from := c * runChunk
	e.spread[c] = spreadSums{}
	t := tally{
		zeros: e.zeros[c*years : (c+1)*years],
		dealt: r.dst.dealt[from/64 : min(from+runChunk, n+63)/64],
	}
	if !r.cfg.NoSpread {
		t.spread = &e.spread[c]
	}
	cd := r.d
	if r.ws[w].d != nil {
		cd = r.ws[w].d
		cd.drawOnly(c, e.mix)
	}
	r.p.simulate(cd, from, n, rec, &t, e.work[w], nil)
	e.deals[c], e.risk[c] = t.deals, t.risk
}

// placeBrackets places, from the pilot, the brackets of each column not
// stored; none when the pilot was the whole run.
func (r *bracketed) placeBrackets(ctx context.Context) error {
	r.plans = make([]*bracketPlan, r.nrec*r.years)
	if r.pilot == r.chunks {
		return nil
	}
	ranks := percentileRanks(r.n)
	sels := r.e.selectors(r.workers)
	return parallel(ctx, r.workers, r.nrec*r.years, func(w, col int) {
		j, y := col/r.years, col%r.years
		if r.dst.outs[j][y] == nil {
			r.plans[col] = newBracketPlan(r.pil[j][y], ranks[:], r.n, r.workers, &sels[w])
		}
	})
}

// rest is chunk c after the pilot on worker w: simulated into the
// worker's record, the stored columns copied out, the others tallied.
func (r *bracketed) rest(w, c int) {
	wk := &r.ws[w]
	if wk.out == nil {
		wk.out = newChunkRecord(r.nrec, r.years)
		wk.tall = make([]columnTallies, r.nrec*r.years)
	}
	from := c * runChunk
	r.simulate(w, c, &record{out: wk.out, years: r.years, base: from})
	length := min(runChunk, r.n-from)
	for j := range r.nrec {
		for y := range r.years {
			col := wk.out[j][y][:length]
			if out := r.dst.outs[j][y]; out != nil {
				copy(out[from:], col)
			} else {
				r.plans[j*r.years+y].tally(&wk.tall[j*r.years+y], col)
			}
		}
	}
}

// newChunkRecord is a worker's record of one chunk: every output, every
// year, runChunk samples.
func newChunkRecord(nrec, years int) [][][]float32 {
	out := make([][][]float32, nrec)
	buf := make([]float32, nrec*years*runChunk)
	for j := range out {
		out[j] = make([][]float32, years)
		for y := range out[j] {
			k := (j*years + y) * runChunk
			out[j][y] = buf[k : k+runChunk : k+runChunk]
		}
	}
	return out
}

// percentileRanks are the ranks Run selects for each output and year: P5,
// P50 and P95, each between the ranks of its standard error.
func percentileRanks(n int) [9]int {
	var ranks [9]int
	for j, q := range runPercentiles {
		ranks[3*j+1] = rankOf(q, n)
		ranks[3*j], ranks[3*j+2] = seRanks(q, n)
	}
	return ranks
}

// setPercentiles stores the nine order statistics v (as percentileRanks)
// as output j's percentiles in year y.
func setPercentiles(dst *Result, y, j int, v *[9]float64) {
	dst.Years[y].Out[j] = Percentiles{
		P5: v[1], P50: v[4], P95: v[7],
		P5SE: (v[2] - v[0]) / 2, P50SE: (v[5] - v[3]) / 2, P95SE: (v[8] - v[6]) / 2,
	}
}

// bracketedPercentiles finds every output's percentiles in every year of
// a bracketed run: by selection for the kept columns (and all of them
// when the pilot was the whole run), from the brackets for the others,
// and by a second pass storing a column whose bracket missed.
func (e *Engine) bracketedPercentiles(ctx context.Context, dst *Result, cfg *RunConfig, p *plan, pil [][][]float32, plans []*bracketPlan, ws []onceWorker) error {
	n, years, nrec := cfg.N, e.horizon+1, len(e.outputs.Uncertain)
	workers := cfg.workers()
	ranks := percentileRanks(n)
	dst.Years = resize(dst.Years, years)
	sels := e.selectors(workers)
	missed := make([]bool, nrec*years)
	err := parallel(ctx, workers, nrec*years, func(w, col int) {
		j, y := col/years, col%years
		var v [9]float64
		switch {
		case dst.outs[j][y] != nil:
			sels[w].orderStats(dst.outs[j][y], ranks[:], v[:])
		case plans[col] == nil: // the pilot was every sample
			sels[w].orderStats(pil[j][y], ranks[:], v[:])
		default:
			parts := make([]*columnTallies, 0, len(ws)+1)
			parts = append(parts, &plans[col].pilot)
			for i := range ws {
				if ws[i].tall != nil {
					parts = append(parts, &ws[i].tall[col])
				}
			}
			if !plans[col].resolve(parts, ranks[:], v[:], &sels[w]) {
				missed[col] = true
				return
			}
		}
		setPercentiles(dst, y, j, &v)
	})
	if err != nil {
		return err
	}
	return e.storeMissed(ctx, dst, cfg, p, pil, missed)
}

// storeMissed is the second pass of a bracketed run: the columns whose
// brackets missed a rank are simulated again from the same draws, stored
// whole, and their percentiles selected as a run that keeps everything
// selects them.
func (e *Engine) storeMissed(ctx context.Context, dst *Result, cfg *RunConfig, p *plan, pil [][][]float32, missed []bool) error {
	n, years, nrec := cfg.N, e.horizon+1, len(e.outputs.Uncertain)
	e.missed = 0
	store := make([][][]float32, nrec)
	for j := range nrec {
		store[j] = make([][]float32, years)
		for y := range years {
			if missed[j*years+y] {
				store[j][y] = make([]float32, n)
				copy(store[j][y], pil[j][y])
				e.missed++
			}
		}
	}
	if e.missed == 0 {
		return nil
	}
	workers := cfg.workers()
	chunks := (n + runChunk - 1) / runChunk
	d := &draws{n: n, seed: cfg.Seed, layout: e.layout}
	if !cfg.OneShot {
		d = &e.draws
	}
	blocks := e.blocks(workers)
	scratch := make([]*draws, workers)
	outs := make([][][][]float32, workers)
	pilot := min(chunks, pilotChunks)
	err := parallel(ctx, workers, chunks-pilot, func(w, i int) {
		c := pilot + i
		cd := d
		if cfg.OneShot {
			if scratch[w] == nil {
				scratch[w] = d.scratch()
			}
			cd = scratch[w]
			cd.drawOnly(c, e.mix)
		}
		if outs[w] == nil {
			outs[w] = newChunkRecord(nrec, years)
		}
		from := c * runChunk
		p.simulate(cd, from, n, &record{out: outs[w], years: years, base: from}, nil, blocks[w], nil)
		for j := range nrec {
			for y := range years {
				if store[j][y] != nil {
					copy(store[j][y][from:], outs[w][j][y][:min(runChunk, n-from)])
				}
			}
		}
	})
	if err != nil {
		return err
	}
	ranks := percentileRanks(n)
	sels := e.selectors(workers)
	return parallel(ctx, workers, nrec*years, func(w, col int) {
		j, y := col/years, col%years
		if store[j][y] == nil {
			return
		}
		var v [9]float64
		sels[w].orderStats(store[j][y], ranks[:], v[:])
		setPercentiles(dst, y, j, &v)
	})
}

// bracketZ is how many standard errors of the pilot's own sampling each
// bracket reaches beyond the ranks it must hold: a rank falls outside
// with a chance of about 3 in 10 million per side. Tests narrow it to
// make brackets miss.
var bracketZ = 5.0

// pilotRanks is the range of 0-based ranks among pn pilot samples that
// brackets the ranks lo..hi (1-based) among n with bracketZ to spare;
// the ends may fall outside 0..pn−1 (no bound on that side).
func pilotRanks(lo, hi, n, pn int) (int, int) {
	a, b := float64(lo-1)/float64(n), float64(hi)/float64(n)
	pf := float64(pn)
	from := int(math.Floor(pf*a-bracketZ*math.Sqrt(pf*a*(1-a)))) - 1
	to := int(math.Ceil(pf*b+bracketZ*math.Sqrt(pf*b*(1-b)))) + 1
	return from, to
}

// OneShotEstimate is about how many bytes a one-shot run (RunConfig
// OneShot, keeping at most the headline in the horizon year) of samples
// over years takes, as MemoryEstimate is for a run on kept draws: the
// pilot's outputs, about a tenth of every other output's samples
// collected inside the brackets (twice that for growth), the kept
// headline and deals, and each worker's block, chunk of draws and chunk
// of outputs.
func (e *Engine) OneShotEstimate(samples, years int) int64 {
	n := int64(max(samples, 0))
	cols := int64(max(years, 0)) * int64(len(e.outputs.Uncertain))
	workers := int64(runtime.GOMAXPROCS(0))
	perWorker := runChunk * (int64(e.layout.slots)*8 + cols*4)
	return pilotChunks*runChunk*cols*4 + n*cols*4/5 + n*4 + n/8 + workers*perWorker + e.BlockBytes(int(workers))
}
