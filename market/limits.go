package market

// MaxHorizon is the longest projection, in years past the base year. The
// hard limits on a market's inputs (package data) keep every output finite
// up to it.
const MaxHorizon = 50

// MemoryEstimate is about how many bytes a Monte Carlo run of samples over
// years (the base year included) keeps: the engine's kept draws (8 bytes
// per sample for each drawn input), one Result (net revenue and
// subscribers as float32 per sample and year, a bit per sample for the
// deal) and the selection scratch (a float32 per sample). The app keeps a
// second Result (ResultBytes) so that one is shown while the next is
// computed.
func (e *Engine) MemoryEstimate(samples, years int) int64 {
	n := int64(max(samples, 0))
	slots := int64(e.layout.slots)
	return n*slots*8 + e.ResultBytes(samples, years) + n*4
}

// ResultBytes is about how many bytes one Result of samples over years
// holds: each recorded output as float32 per sample and year, and a bit
// per sample for the deal.
func (e *Engine) ResultBytes(samples, years int) int64 {
	n := int64(max(samples, 0))
	return n*int64(max(years, 0))*int64(len(e.outputs.Uncertain))*4 + n/8
}
