package market

import "context"

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
