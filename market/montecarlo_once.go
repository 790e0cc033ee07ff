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

// runBracketed is Run for a one-shot run or one that keeps less than
// every output (see the comment at the top of this file).
func (e *Engine) runBracketed(ctx context.Context, dst *Result, cfg *RunConfig) error {
	workers := cfg.workers()
	n, years, nrec := cfg.N, e.horizon+1, len(e.outputs.Uncertain)
	d := &draws{n: n, seed: cfg.Seed, layout: e.layout}
	if !cfg.OneShot {
		var err error
		if d, err = e.drawsFor(ctx, n, cfg.Seed, workers); err != nil {
			return err
		}
	}
	p := e.newPlan(d, &cfg.Values, &cfg.Uncertainty)
	chunks := (n + runChunk - 1) / runChunk
	pilot := min(chunks, pilotChunks)
	pn := min(n, pilot*runChunk)

	// Storage: the kept columns whole, the pilot's columns for the rest.
	dst.outs = resize(dst.outs, nrec)
	pil := make([][][]float32, nrec)
	for j := range nrec {
		dst.outs[j] = resize(dst.outs[j], years)
		pil[j] = make([][]float32, years)
		for y := range years {
			if err := ctx.Err(); err != nil {
				return err
			}
			if cfg.Keep.keeps(j, y, years) || n < bracketMin {
				dst.outs[j][y] = resize(dst.outs[j][y], n)
				pil[j][y] = dst.outs[j][y][:pn]
			} else {
				dst.outs[j][y] = nil
				pil[j][y] = make([]float32, pn)
			}
		}
	}
	dst.dealt = resize(dst.dealt, (n+63)/64)
	e.deals = resize(e.deals, chunks)
	e.risk = resize(e.risk, chunks)
	e.zeros = resize(e.zeros, chunks*years)
	clear(e.zeros)
	e.spread = resize(e.spread, chunks)
	ws := make([]onceWorker, workers)
	for w := range ws {
		if cfg.OneShot {
			ws[w].d = d.scratch()
		}
	}
	blocks := e.blocks(workers)
	// simulate is chunk c on worker w, recorded into rec.
	simulate := func(w, c int, rec *record) {
		from := c * runChunk
		e.spread[c] = spreadSums{}
		t := tally{
			zeros: e.zeros[c*years : (c+1)*years],
			dealt: dst.dealt[from/64 : min(from+runChunk, n+63)/64],
		}
		if !cfg.NoSpread {
			t.spread = &e.spread[c]
		}
		cd := d
		if ws[w].d != nil {
			cd = ws[w].d
			cd.drawOnly(c, e.mix)
		}
		p.simulate(cd, from, n, rec, &t, blocks[w], nil)
		e.deals[c], e.risk[c] = t.deals, t.risk
	}
	// The pilot: its chunks recorded whole.
	err := parallel(ctx, workers, pilot, func(w, c int) {
		simulate(w, c, &record{out: pil, years: years})
	})
	if err != nil {
		return err
	}
	// The brackets, from the pilot, for the columns not kept.
	plans := make([]*bracketPlan, nrec*years)
	ranks := percentileRanks(n)
	if pilot < chunks {
		sels := e.selectors(workers)
		err = parallel(ctx, workers, nrec*years, func(w, col int) {
			j, y := col/years, col%years
			if dst.outs[j][y] == nil {
				plans[col] = newBracketPlan(pil[j][y], ranks[:], n, workers, &sels[w])
			}
		})
		if err != nil {
			return err
		}
	}
	// The other chunks: kept columns copied, the others tallied.
	err = parallel(ctx, workers, chunks-pilot, func(w, i int) {
		c := pilot + i
		wk := &ws[w]
		if wk.out == nil {
			wk.out = newChunkRecord(nrec, years)
			wk.tall = make([]columnTallies, nrec*years)
		}
		from := c * runChunk
		simulate(w, c, &record{out: wk.out, years: years, base: from})
		length := min(runChunk, n-from)
		for j := range nrec {
			for y := range years {
				col := wk.out[j][y][:length]
				if out := dst.outs[j][y]; out != nil {
					copy(out[from:], col)
				} else {
					plans[j*years+y].tally(&wk.tall[j*years+y], col)
				}
			}
		}
	})
	if err != nil {
		return err
	}
	if err := e.bracketedPercentiles(ctx, dst, cfg, &p, pil, plans, ws); err != nil {
		return err
	}
	for j := range nrec {
		for y := range years {
			if !cfg.Keep.keeps(j, y, years) {
				dst.outs[j][y] = nil // stored for selection only (bracketMin)
			}
		}
	}
	e.summarise(dst, &p, cfg, chunks)
	return nil
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
