package market

import "runtime"

// MaxHorizon is the longest projection, in years past the base year. The
// hard limits on a market's inputs (package data) keep every output finite
// up to it.
const MaxHorizon = 50

// MemoryEstimate is about how many bytes a Monte Carlo run of samples over
// years (the base year included) keeps: the engine's kept draws (8 bytes
// per sample for each drawn input), one Result (net revenue and
// subscribers as float32 per sample and year, a bit per sample for the
// deal), the selection scratch (a float32 per sample) and each worker's
// block (a register of blockSize samples for each operation the recorded
// outputs need: BlockBytes). The app keeps a second Result (ResultBytes)
// so that one is shown while the next is computed.
func (e *Engine) MemoryEstimate(samples, years int) int64 {
	n := int64(max(samples, 0))
	slots := int64(e.layout.slots)
	return n*slots*8 + e.ResultBytes(samples, years) + n*4 + e.BlockBytes(runtime.GOMAXPROCS(0))
}

// BlockBytes is about how many bytes the blocks of workers take: a block
// spans every operation, but only the pages of those the run evaluates
// are touched, a register of blockSize float64 each.
func (e *Engine) BlockBytes(workers int) int64 {
	live := 0
	for _, ok := range e.sched.Live {
		if ok {
			live++
		}
	}
	return int64(workers) * int64(live) * blockSize * 8
}

// ModelBytes is about how many bytes the model itself takes to evaluate
// over its horizon, apart from Monte Carlo: a register file of every
// operation in every year for each evaluation in flight (a projection and
// the checks' warnings; two), and the series of a few projections kept.
// formula.MaxNodes bounds it: 16 MB at the most operations over 51 years.
func (m *Market) ModelBytes() int64 {
	years := int64(m.Horizon + 1)
	return 2*int64(len(m.prog.nodes))*years*8 + 8*int64(len(m.Series))*years*8
}

// ResultBytes is about how many bytes one Result of samples over years
// holds: each recorded output as float32 per sample and year, and a bit
// per sample for the deal.
func (e *Engine) ResultBytes(samples, years int) int64 {
	n := int64(max(samples, 0))
	return n*int64(max(years, 0))*int64(len(e.outputs.Uncertain))*4 + n/8
}

// Operations is how many operations the market's formulas compiled to
// (at most formula.MaxNodes).
func (m *Market) Operations() int { return len(m.prog.nodes) }
