package market

import "math"

// Two different "expected" net revenues are on screen, and each has its own
// name (issue 11, item 7): the model as set weighted by the deal
// probability, and the Monte Carlo mean over every draw. They differ because
// the second averages over the inputs' ranges, not just the sliders.
const (
	// ExpectedNetAtSlidersName is Year.RiskNet: net × deal probability.
	ExpectedNetAtSlidersName = "expected net at the sliders"
	// ExpectedNetAtSlidersNote explains it in one line.
	ExpectedNetAtSlidersNote = "Net revenue of the model as set × the deal probability: the sliders' one case, weighted by the chance that a deal is signed."

	// MonteCarloExpectedNetName is Result.RiskWeightedMean: the mean net
	// over every draw, a draw without a deal counting as zero.
	MonteCarloExpectedNetName = "Monte Carlo expected net"
	// MonteCarloExpectedNetNote explains it in one line.
	MonteCarloExpectedNetNote = "Mean net revenue over every Monte Carlo draw, a draw without a deal counting as $0: it averages over each input's range, so it differs from the expected net at the sliders."

	// MedianNote says in one line why the Monte Carlo median is not the
	// model as set (issue 11, item 8); AtMedians gives the figure between
	// them.
	MedianNote = "The Monte Carlo median differs from the model as set because each input is drawn around the middle of its range, not at its slider, and the funnel's skew moves the median again."
)

// AtMedians returns v with each input that Monte Carlo draws (at values v,
// widths and pins u) replaced by the median of its distribution: the
// geometric middle of its interval for amounts and growth factors, the
// logit middle for shares, the middle for months, each moved with its
// slider as Run moves it and kept within the hard limits. Fixed inputs keep
// their values. Evaluating the model at AtMedians shows how much of the gap
// between the model as set and the Monte Carlo median comes from the ranges
// not being centred on the sliders; the rest is the funnel's skew.
func (m *Market) AtMedians(v *Values, u *Uncertainty) Values {
	out := *v
	for id := range m.Inputs {
		s := newSampler(&m.Inputs[id], v[id], u, slotKind(m.Inputs[id].Kind))
		if !s.random {
			continue
		}
		t := s.clamp(s.a) // the median of a + b·z is a, z standard normal or symmetric uniform
		switch m.Inputs[id].Kind {
		case KindAmount:
			out[id] = s.scale * math.Exp(t)
		case KindGrowth:
			out[id] = s.scale*math.Exp(t) - 1
		case KindShare:
			out[id] = 1 / (1 + math.Exp(-t))
		case KindMonths:
			out[id] = t
		}
	}
	return out
}
