package market

import "math"

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
