package market

import "math"

// Stepping an input: a slider press moves it by whole steps, a click on
// its bar puts it at a fraction of its plausible range; either way the
// value lands on the input's step grid, free of binary noise, within its
// hard limits.

// StepBy is v moved by n steps, snapped and kept within the hard limits.
func (in *Input) StepBy(v float64, n int) float64 {
	return in.Clamp(cleanStep(v+float64(n)*in.Step, in.Step))
}

// At is the value at fraction f (0..1) of the plausible range, snapped to
// the step grid and kept within the hard limits.
func (in *Input) At(f float64) float64 {
	f = math.Max(0, math.Min(1, f))
	v := in.Low + f*(in.High-in.Low)
	if in.Step > 0 {
		v = math.Round(v/in.Step) * in.Step
	}
	return in.Clamp(cleanStep(v, in.Step))
}

// cleanStep removes binary noise three decimals below the step's, so
// 0.02 + 0.001 is exactly 0.021 when shown and saved.
func cleanStep(v, step float64) float64 {
	if step <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	d := math.Max(0, -math.Floor(math.Log10(step))) + 3
	if d > 15 {
		return v // a step this fine has no noise to remove at float64 precision
	}
	p := math.Pow(10, d)
	return math.Round(v*p) / p
}
