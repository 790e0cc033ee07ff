package market

import "math"

// drawOnePass is sampler.draw in one loop over the draws for the common
// case, a two-piece normal in log or logit space: each draw becomes t,
// is clamped, goes through the exponential (expSlice's, inline) and is
// scaled, where draw makes three passes (transformed, expSlice, the
// scaling). The values are draw's to the bit (TestDrawOnePass); other
// shapes and spaces go to draw.
func (s *sampler) drawOnePass(dst, z []float64) {
	if !s.random || s.shape != shapeSplit || s.uniform || (s.space != spaceLog && s.space != spaceLogit) {
		s.draw(dst, z)
		return
	}
	const (
		scale = 32 / math.Ln2
		ln2hi = 6.93147180369123816490e-01 / 32
		ln2lo = 1.90821492927058770002e-10 / 32
		round = 6755399441055744.0
	)
	const (
		toLog = iota
		toGrowth
		toLogit
	)
	to, sign := toLog, 1.0
	switch {
	case s.space == spaceLogit:
		to, sign = toLogit, -1
	case s.minus1:
		to = toGrowth
	}
	a, lo, hi, sc := s.a, s.lo, s.hi, s.scale
	slope := [2]float64{s.above, s.below}
	tab := &exp2ThirtySeconds
	z = z[:len(dst)]
	for i, x := range z {
		t := a + x*slope[math.Float64bits(x)>>63]
		if t < lo {
			t = lo
		}
		if t > hi {
			t = hi
		}
		v := sign * t
		var e float64
		switch {
		case v > 709:
			e = math.Inf(1)
		case !(v > -708):
			e = 0
			if v != v {
				e = v
			}
		default:
			kf := v*scale + round
			k := math.Float64bits(kf)
			kf -= round
			r := v - kf*ln2hi - kf*ln2lo
			r2 := r * r
			p := (1 + r) + r2*((1.0/2+r*(1.0/6))+r2*((1.0/24)+r*(1.0/120)))
			two := math.Float64frombits((k>>5 + 1023) << 52)
			e = p * math.Float64frombits(tab[k&31]) * two
		}
		switch to {
		case toLog:
			dst[i] = e * sc
		case toGrowth:
			dst[i] = sc*e - 1
		default:
			dst[i] = 1 / (1 + e)
		}
	}
}
