package market

import (
	"math"
	"math/rand/v2"
)

// draws are the kept standard draws for (n, seed): per sample, a standard
// normal for each amount, growth and share input and a uniform on [0,1) for
// the months and for the deal. The engine owns them and rewrites them in
// place for a new n or seed; nothing outside a run reads them.
type draws struct {
	n      int
	seed   uint64
	gen    uint64 // counts the rewrites, so caches can tell draws apart
	layout drawLayout
	// Chunk by chunk (drawChunk samples each, the last one shorter), and
	// within a chunk one column per slot, so the kernel reads each input's
	// draws in sequence. Each chunk is (re)allocated as it is drawn, so a
	// cancelled run stops between chunks, not after one huge allocation.
	chunks [][]float64
}

// column is the draws of one slot for the samples of chunk c.
func (d *draws) column(c, slot int) []float64 {
	length := min(drawChunk, d.n-c*drawChunk)
	return d.chunks[c][slot*length : (slot+1)*length]
}

// Slots that hold no draws.
const (
	noDraw  = -1 // the input is never uncertain (years, switches, rates)
	undrawn = -2 // uncertain, but nothing recorded depends on it (market size and growth)
)

// drawLayout numbers the draws of one sample: each input the recorded
// outputs read has its own slot (a column of each chunk) whether or not it
// is sampled in a given run, and its own random stream (Input.Stream), so
// pinning or moving one input never reshuffles another's draws. Uncertain
// inputs that no recorded output reads (a market size that only TAM uses)
// would never be read; their draws are not made.
type drawLayout struct {
	slot   [MaxInputs]int // column, or noDraw / undrawn
	input  [MaxInputs]ID  // by column: whose draws
	stream [MaxInputs]uint64
	normal [MaxInputs]bool
	slots  int
}

func (e *Engine) newDrawLayout() drawLayout {
	var l drawLayout
	var read [MaxInputs]bool
	e.prog.inputsRead(&e.sched, read[:])
	for id := range e.inputs {
		in := &e.inputs[id]
		l.slot[id] = slotKind(in.Kind)
		deal := e.outputs.HasDeal && ID(id) == e.outputs.Deal
		if l.slot[id] == noDraw && !deal {
			continue
		}
		if !read[id] && !deal {
			l.slot[id] = undrawn
			continue
		}
		l.slot[id], l.input[l.slots], l.stream[l.slots] = l.slots, ID(id), in.Stream
		l.normal[l.slots] = in.Kind != KindMonths && !deal
		l.slots++
	}
	return l
}

// slotKind is noDraw for the kinds Monte Carlo never draws, undrawn for
// the others.
func slotKind(k Kind) int {
	if k.Uncertain() {
		return undrawn
	}
	return noDraw
}

// fill makes chunk c's draws, each input's column from its own stream
// seeded from (seed, input, chunk): standard normals, or uniforms on [0,1)
// for months and the deal.
func (d *draws) fill(c int) {
	d.chunks[c] = resize(d.chunks[c], min(drawChunk, d.n-c*drawChunk)*d.layout.slots)
	var src rand.PCG
	r := rand.New(&src)
	for j := 0; j < d.layout.slots; j++ {
		src.Seed(splitmix(d.seed^splitmix(d.layout.stream[j]+1)), splitmix(uint64(c)+1))
		col := d.column(c, j)
		if d.layout.normal[j] {
			for i := range col {
				col[i] = r.NormFloat64()
			}
		} else {
			for i := range col {
				col[i] = r.Float64()
			}
		}
	}
}

// splitmix is SplitMix64's finaliser: it spreads nearby seeds far apart.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// sampler is how one input is drawn in a run. In its drawing space the
// input is t = a + b·draw, clamped to lo..hi (the hard Min..Max carried into
// that space), then mapped back:
//
//	amount:  value  = scale·e^t       (scale = current value)
//	growth:  factor = scale·e^t       (scale = 1 + current value)
//	share:   value  = 1/(1+e^−t)      (t is the logit)
//	months:  value  = t, with draw = 2u−1 for a uniform u
type sampler struct {
	random bool    // drawn this run; otherwise fixed
	fixed  float64 // the value when fixed (a growth factor for growth)
	scale  float64
	a, b   float64
	lo, hi float64
	slot   int
}

func (s *sampler) clamp(t float64) float64 {
	if t < s.lo {
		return s.lo
	}
	if t > s.hi {
		return s.hi
	}
	return t
}

// The batch draws below fill dst with the input's value for each of the
// standard draws in z (len(z) ≥ len(dst)).

// amounts draws amounts, or growth factors for a growth input.
func (s *sampler) amounts(dst, z []float64) {
	if !s.random {
		fill(dst, s.fixed)
		return
	}
	s.transformed(dst, z, 1)
	expSlice(dst)
	for i := range dst {
		dst[i] *= s.scale
	}
}

// shares draws shares: 1/(1+e^−t).
func (s *sampler) shares(dst, z []float64) {
	if !s.random {
		fill(dst, s.fixed)
		return
	}
	s.transformed(dst, z, -1)
	expSlice(dst)
	for i, x := range dst {
		dst[i] = 1 / (1 + x)
	}
}

// complements draws one minus a share, as 1/(1+e^t), exact where 1−share
// would round a tiny remainder away.
func (s *sampler) complements(dst, z []float64) {
	if !s.random {
		fill(dst, 1-s.fixed)
		return
	}
	s.transformed(dst, z, 1)
	expSlice(dst)
	for i, x := range dst {
		dst[i] = 1 / (1 + x)
	}
}

// months draws months from uniform draws.
func (s *sampler) months(dst, u []float64) {
	if !s.random {
		fill(dst, s.fixed)
		return
	}
	a, b, lo, hi := s.a, s.b, s.lo, s.hi
	for i := range dst {
		dst[i] = min(max(a+b*(2*u[i]-1), lo), hi)
	}
}

// transformed stores sign·t for each draw, t = a + b·z clamped to lo..hi.
func (s *sampler) transformed(dst, z []float64, sign float64) {
	a, b, lo, hi := s.a, s.b, s.lo, s.hi
	z = z[:len(dst)]
	for i, x := range z {
		t := a + b*x
		if t < lo {
			t = lo
		}
		if t > hi {
			t = hi
		}
		dst[i] = sign * t
	}
}

func fill(dst []float64, v float64) {
	for i := range dst {
		dst[i] = v
	}
}

// Logit bounds that keep a logit-normal share strictly inside (0,1) in
// float64: 1/(1+e^−36) is the largest value below 1 reached without
// rounding to 1, and 1/(1+e^700) is still a normal number above 0.
const (
	minLogit = -700
	maxLogit = 36
)

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

// logOr is ln(x) for x > 0, and −∞ otherwise (a limit no draw reaches).
func logOr(x float64) float64 {
	if x > 0 {
		return math.Log(x)
	}
	return math.Inf(-1)
}

// newSampler works out how input in is drawn at value v.
func newSampler(in *Input, v float64, u *Uncertainty, slot int) sampler {
	s := sampler{fixed: v, slot: slot}
	if in.Kind == KindGrowth {
		s.fixed = 1 + v
	}
	if slot == noDraw || u.Pinned[in.ID] || bad(v) {
		return s
	}
	low, high, d := math.Min(in.Low, in.High), math.Max(in.Low, in.High), in.Default
	if !(high > low) || bad(low) || bad(high) || bad(d) {
		return s // a degenerate interval is no uncertainty
	}
	// The 90% interval's half-width in drawing space is z95·b, so
	// b = width × (hi − lo)/(2·z95) there; for months (uniform) the
	// half-width is b itself.
	w := u.WidthOf(in.ID)
	switch in.Kind {
	case KindAmount:
		// Needs positive numbers to take logs of; an amount at 0 stays 0.
		if !(v > 0 && d > 0 && low > 0) {
			return s
		}
		s.scale = v
		s.a = (math.Log(low)+math.Log(high))/2 - math.Log(d)
		s.b = w * (math.Log(high) - math.Log(low)) / (2 * z95)
		s.lo, s.hi = logOr(in.Min/v), math.Min(logOr(in.Max/v), 700)
	case KindGrowth:
		if !(1+v > 0 && 1+d > 0 && 1+low > 0) {
			return s
		}
		s.scale = 1 + v
		s.a = (math.Log(1+low)+math.Log(1+high))/2 - math.Log(1+d)
		s.b = w * (math.Log(1+high) - math.Log(1+low)) / (2 * z95)
		s.lo, s.hi = logOr((1+in.Min)/(1+v)), math.Min(logOr((1+in.Max)/(1+v)), 700)
	case KindShare:
		// A logit needs 0 < x < 1: a share at exactly 0 or 1 (or an
		// interval or default touching them) is simply fixed.
		if !(v > 0 && v < 1 && d > 0 && d < 1 && low > 0 && high < 1) {
			return s
		}
		s.a = (logit(low)+logit(high))/2 + logit(v) - logit(d)
		s.b = w * (logit(high) - logit(low)) / (2 * z95)
		s.lo, s.hi = minLogit, maxLogit
		if in.Min > 0 && in.Min < 1 {
			s.lo = math.Max(s.lo, logit(in.Min))
		}
		if in.Max > 0 && in.Max < 1 {
			s.hi = math.Min(s.hi, logit(in.Max))
		}
	case KindMonths:
		s.a = (low+high)/2 + v - d
		s.b = w * (high - low) / 2
		s.lo, s.hi = in.Min, in.Max
	default:
		return s
	}
	if bad(s.a) || bad(s.b) || s.lo > s.hi {
		return s
	}
	s.random = true
	return s
}

// Interval is the range input id is drawn from at values v with widths u:
// its low–high moved with the slider, scaled by its width and clamped to its
// hard limits. For amounts, growth rates and shares that is the 90%
// interval (5th to 95th percentile); for months, uniform, it is the whole
// range. sampled is false when the input is fixed this run; then low and
// high are its value.
func (m *Market) Interval(id ID, v *Values, u *Uncertainty) (low, high float64, sampled bool) {
	s := newSampler(&m.Inputs[id], v[id], u, slotKind(m.Inputs[id].Kind))
	if !s.random {
		return v[id], v[id], false
	}
	switch m.Inputs[id].Kind {
	case KindAmount:
		return s.scale * math.Exp(s.clamp(s.a-s.b*z95)), s.scale * math.Exp(s.clamp(s.a+s.b*z95)), true
	case KindGrowth:
		return s.scale*math.Exp(s.clamp(s.a-s.b*z95)) - 1, s.scale*math.Exp(s.clamp(s.a+s.b*z95)) - 1, true
	case KindShare:
		return 1 / (1 + math.Exp(-s.clamp(s.a-s.b*z95))), 1 / (1 + math.Exp(-s.clamp(s.a+s.b*z95))), true
	default: // months
		return s.clamp(s.a - s.b), s.clamp(s.a + s.b), true
	}
}
