package market

import (
	"context"
	"fmt"
)

// seekTolerance is how finely SeekRunPercentile pins the input down: a
// billionth of its hard range (5e-8 dollars of a $0–$50 price), far below
// any slider step, in about 25 halvings where float64 would take 60.
const seekTolerance = 1e-9

// SeekRunPercentile is goal seek on a percentile over exactly the run that
// cfg describes, the one the Uncertainty view makes and shows: all cfg.N
// kept draws at cfg.Seed, with cfg's widths and pins, the other inputs at
// cfg.Values. It finds the value of g.Input that makes the p-th percentile
// of g.Output in g.Year (given a deal) reach g.Target. Because a run at the
// answer is the very computation each trial made (common random numbers,
// the same kernel, the same order statistic), Run at cfg with
// Values[g.Input] = Value gives Achieved exactly, for any number of
// workers; and of the last bracket the answer is the end where the
// percentile is at or above the target, so seeking P5 ≥ $100M shows a P5
// of $100M or more. It holds the engine's turn for the whole search and
// returns ctx.Err() if ctx ends first; call it off the UI goroutine.
//
// Cost: about 125 trials, each a pass over the N samples up to g.Year and
// one selection; 100,000 samples take roughly half a second on two cores
// (TestSeekRunPercentileIsWhatTheViewShows logs the time). The seek keeps
// each funnel input's drawn values for the N samples while it runs (8
// bytes × 12 inputs × N) and lets them go when it returns.
func (e *Engine) SeekRunPercentile(ctx context.Context, cfg RunConfig, g Goal, p float64, c Currency) (Seek, error) {
	// The kept inputs are 9.6 MB at 100,000 samples: let them go after.
	return e.seekPercentile(ctx, cfg, g, p, cfg.N, c, seekTolerance, true)
}

// Config is the run configuration that made r (on the default number of
// workers, which does not change the result): hand it to
// SeekRunPercentile to solve on the draws r shows.
func (r *Result) Config() RunConfig {
	return RunConfig{N: r.N, Seed: r.Seed, Values: r.Values, Uncertainty: r.Uncertainty}
}

// Drawn is the values sample i of the run cfg describes was made with: the
// inputs Monte Carlo drew, at their draws, and the rest at cfg.Values. With
// the deal's outcome, it lets any one sample be evaluated on its own (and
// checked against Evaluate, which shares no code with the kernel but the
// formulas).
func (e *Engine) Drawn(ctx context.Context, cfg RunConfig, i int) (v Values, deal bool, err error) {
	if err := cfg.check(); err != nil {
		return v, false, err
	}
	if i < 0 || i >= cfg.N {
		return v, false, fmt.Errorf("monte carlo: sample %d of %d", i, cfg.N)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	d, err := e.drawsFor(ctx, cfg.N, cfg.Seed, cfg.workers())
	if err != nil {
		return v, false, err
	}
	p := e.newPlan(d, &cfg.Values, &cfg.Uncertainty)
	v = cfg.Values
	c, off := i/drawChunk, i%drawChunk
	var one [1]float64
	for id := range e.inputs {
		slot := d.layout.slot[id]
		if slot < 0 || !p.s[id].random {
			continue
		}
		p.drawInput(ID(id), one[:], d.column(c, slot)[off:off+1])
		v[id] = one[0]
	}
	deal = true
	if p.dealSlot >= 0 {
		deal = d.column(c, p.dealSlot)[off] < p.dealP
	}
	return v, deal, nil
}
