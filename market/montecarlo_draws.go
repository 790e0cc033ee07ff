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
	// chunks[i] holds chunk base+i: kept draws hold them all (base 0); a
	// one-shot run's worker holds one chunk at a time in scratch (base
	// the chunk it is drawing).
	chunks [][]float64
	base   int
}

// column is the draws of one slot for the samples of chunk c.
func (d *draws) column(c, slot int) []float64 {
	length := min(drawChunk, d.n-c*drawChunk)
	return d.chunks[c-d.base][slot*length : (slot+1)*length]
}

// scratch is a worker's draws for one chunk at a time of a one-shot run:
// the same (n, seed) and layout as d, none of its storage.
func (d *draws) scratch() *draws {
	return &draws{n: d.n, seed: d.seed, gen: d.gen, layout: d.layout, chunks: make([][]float64, 1)}
}

// drawOnly makes chunk c's draws into the scratch s (from d.scratch),
// reusing its storage, and mixes the correlated ones as the kept draws
// are (fill, then mix), so a one-shot run sees the same numbers.
func (d *draws) drawOnly(c int, mix *mixer) {
	d.base = c
	d.fill(c)
	mix.apply(d, c)
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
		l.slot[id] = slotOf(in)
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

// fill makes chunk c's draws, each input's column from its own stream
// seeded from (seed, input, chunk): standard normals, or uniforms on [0,1)
// for months and the deal.
func (d *draws) fill(c int) {
	d.chunks[c-d.base] = resize(d.chunks[c-d.base], min(drawChunk, d.n-c*drawChunk)*d.layout.slots)
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

// sampler is how one input is drawn in a run (DESIGN.md §11): a standard
// draw x (a normal; for months a uniform u, as x = 2u − 1) becomes t in the
// input's drawing space, clamped to lo..hi (the hard Min..Max carried into
// that space), then the value:
//
//	shape split:   t = a + x·below (x < 0) or a + x·above, so that t is a
//	               at the median and a ∓ z95·below/above at P5 and P95
//	bounded:       t = a + span·Q(u), u = Φ(x) (or the uniform), Q the
//	               triangular, PERT or uniform quantile on 0..1
//	space log:     value = scale·e^t, minus 1 for a growth rate
//	space logit:   value = 1/(1+e^−t)
//	space linear:  value = t
//
// It is comparable (same), so the goal-seek cache can tell whether an
// input must be drawn again.
type sampler struct {
	random  bool    // drawn this run; otherwise fixed
	uniform bool    // the draws are uniforms on [0,1) (months), not normals
	minus1  bool    // growth in log space: the value is the factor − 1
	shape   shape   // split, or a bounded shape
	space   space   // how t becomes the value
	fixed   float64 // the value when fixed
	scale   float64 // space log: the value at t = 0
	a       float64 // split: t at the median; bounded: the lower bound
	below   float64 // split: t per unit draw below the median
	above   float64 // split: t per unit draw above it
	span    float64 // bounded: upper bound − lower bound
	c       float64 // triangular: the mode on 0..1; PERT: α
	lo, hi  float64
	slot    int
	pert    *pertTable // PERT's distribution function (set by c)
}

// same reports whether two samplers draw the same values from the same
// draws: a PERT's table follows from its α.
func (s sampler) same(o sampler) bool {
	s.pert, o.pert = nil, nil
	return s == o
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

// draw fills dst with the input's values for the standard draws in z
// (len(z) ≥ len(dst)): the one step from a column of draws to values.
func (s *sampler) draw(dst, z []float64) {
	if !s.random {
		fill(dst, s.fixed)
		return
	}
	switch s.space {
	case spaceLog:
		s.transformed(dst, z, 1)
		expSlice(dst)
		sc := s.scale
		if s.minus1 {
			for i, x := range dst {
				dst[i] = sc*x - 1
			}
			return
		}
		for i := range dst {
			dst[i] *= sc
		}
	case spaceLogit:
		s.transformed(dst, z, -1)
		expSlice(dst)
		for i, x := range dst {
			dst[i] = 1 / (1 + x)
		}
	default:
		s.transformed(dst, z, 1)
	}
}

// complements draws one minus a share, as 1/(1+e^t), exact where 1−share
// would round a tiny remainder away.
func (s *sampler) complements(dst, z []float64) {
	if !s.random || s.space != spaceLogit {
		s.draw(dst, z)
		for i, x := range dst {
			dst[i] = 1 - x
		}
		return
	}
	s.transformed(dst, z, 1)
	expSlice(dst)
	for i, x := range dst {
		dst[i] = 1 / (1 + x)
	}
}

// transformed stores sign·t for each draw, clamped to lo..hi.
func (s *sampler) transformed(dst, z []float64, sign float64) {
	z = z[:len(dst)]
	if s.shape != shapeSplit {
		s.bounded(dst, z)
		return
	}
	// The slope is below for x < 0 and above otherwise, picked by x's
	// sign bit: no branch to mispredict on the draw's sign (half the
	// draws).
	a, lo, hi := s.a, s.lo, s.hi
	slope := [2]float64{s.above, s.below}
	if s.uniform {
		for i, u := range z {
			dst[i] = 2*u - 1
		}
		z = dst
	}
	for i, x := range z {
		t := a + x*slope[math.Float64bits(x)>>63]
		if t < lo {
			t = lo
		}
		if t > hi {
			t = hi
		}
		dst[i] = sign * t
	}
}

// bounded stores t = a + span·Q(u) for each draw, clamped to lo..hi (a
// bounded shape is always in linear space).
func (s *sampler) bounded(dst, z []float64) {
	for i, x := range z {
		u := x
		if !s.uniform {
			u = phi(x)
		}
		var q float64
		switch s.shape {
		case shapeTriangular:
			q = triangularQ(u, s.c)
		case shapePERT:
			q = s.pert.quantile(u)
		default:
			q = u
		}
		dst[i] = s.clamp(s.a + s.span*q)
	}
}

// at is the value at one standard draw.
func (s *sampler) at(x float64) float64 {
	var one [1]float64
	s.draw(one[:], []float64{x})
	return one[0]
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
	minSpread = 1e-300
	minLogit  = -700
	maxLogit  = 36
)

func logit(p float64) float64 { return math.Log(p / (1 - p)) }

// logOr is ln(x) for x > 0, and −∞ otherwise (a limit no draw reaches).
func logOr(x float64) float64 {
	if x > 0 {
		return math.Log(x)
	}
	return math.Inf(-1)
}

// newSampler works out how input in is drawn at value v: the value is the
// median (the mode for triangular and PERT), and low and high move with it
// in the drawing space, their distance from it scaled by the input's width.
func newSampler(in *Input, v float64, u *Uncertainty, slot int) sampler {
	s := sampler{fixed: v, slot: slot}
	if slot == noDraw || u.Pinned[in.ID] || !in.Drawn() || bad(v) {
		return s
	}
	low, high, d := math.Min(in.Low, in.High), math.Max(in.Low, in.High), in.Default
	if !(high > low) || bad(low) || bad(high) || bad(d) {
		return s // a degenerate interval is no uncertainty
	}
	d = math.Min(math.Max(d, low), high)
	w := u.WidthOf(in.ID)
	s.uniform = in.Kind == KindMonths
	s.lo, s.hi = in.Min, in.Max
	switch {
	case in.Dist.Bounded():
		s.shape, s.a, s.span = shapeUniform, v-w*(d-low), w*(high-low)
		switch in.Dist {
		case DistTriangular:
			s.shape, s.c = shapeTriangular, (d-low)/(high-low)
		case DistPERT:
			s.shape, s.c = shapePERT, pertShape((d-low)/(high-low))
			s.pert = newPERTTable(s.c, 6-s.c)
		}
	case in.Dist == DistNormal:
		s.a, s.below, s.above = v, w*(d-low)/z95, w*(high-d)/z95
	case in.Kind == KindMonths:
		// Uniform each side of the median: x = 2u − 1 runs −1..1.
		s.a, s.below, s.above = v, w*(d-low), w*(high-d)
	default:
		if !s.splitByKind(in, v, low, d, high, w) {
			return s
		}
	}
	if bad(s.a) || bad(s.below) || bad(s.above) || bad(s.span) || bad(s.c) || s.lo > s.hi {
		return s
	}
	// A default at low (or high) leaves no spread on that side; a
	// vanishing one keeps an infinite draw at its limit, not NaN (0·∞).
	s.below, s.above = math.Max(s.below, minSpread), math.Max(s.above, minSpread)
	s.random = true
	return s
}

// splitByKind sets a two-piece normal in the kind's own space (log for an
// amount, log(1 + r) for growth, logit for a share) with P5, P50 and P95 at
// low, default and high moved to value v; false when they cannot be (a
// zero amount, a share at 0 or 1).
func (s *sampler) splitByKind(in *Input, v, low, d, high, w float64) bool {
	switch in.Kind {
	case KindAmount:
		// Needs positive numbers to take logs of; an amount at 0 stays 0.
		if !(v > 0 && d > 0 && low > 0) {
			return false
		}
		s.space, s.scale = spaceLog, v
		s.below, s.above = w*math.Log(d/low)/z95, w*math.Log(high/d)/z95
		s.lo, s.hi = logOr(in.Min/v), math.Min(logOr(in.Max/v), 700)
	case KindGrowth:
		if !(1+v > 0 && 1+d > 0 && 1+low > 0) {
			return false
		}
		s.space, s.scale, s.minus1 = spaceLog, 1+v, true
		s.below, s.above = w*math.Log((1+d)/(1+low))/z95, w*math.Log((1+high)/(1+d))/z95
		s.lo, s.hi = logOr((1+in.Min)/(1+v)), math.Min(logOr((1+in.Max)/(1+v)), 700)
	case KindShare:
		// A logit needs 0 < x < 1: a share at exactly 0 or 1 (or an
		// interval or default touching them) is simply fixed.
		if !(v > 0 && v < 1 && d > 0 && d < 1 && low > 0 && high < 1) {
			return false
		}
		s.space, s.a = spaceLogit, logit(v)
		s.below, s.above = w*(logit(d)-logit(low))/z95, w*(logit(high)-logit(d))/z95
		s.lo, s.hi = minLogit, maxLogit
		if in.Min > 0 && in.Min < 1 {
			s.lo = math.Max(s.lo, logit(in.Min))
		}
		if in.Max > 0 && in.Max < 1 {
			s.hi = math.Min(s.hi, logit(in.Max))
		}
	default:
		return false
	}
	return true
}

// slotOf is noDraw for the inputs Monte Carlo never draws (the kinds it
// does not, and decisions), undrawn for the others.
func slotOf(in *Input) int {
	if in.Drawn() {
		return undrawn
	}
	return noDraw
}

// HasBounds reports whether the input's low and high are the bounds of
// its draws (triangular, PERT, uniform, months) rather than its P5 and P95.
func (in *Input) HasBounds() bool { return in.Dist.Bounded() || in.Kind == KindMonths }

// Interval is the range input id is drawn from at values v with widths u:
// its low–high moved with the slider, scaled by its width about the value
// and clamped to its hard limits. That is its P5 to P95, or its bounds
// when it has them (HasBounds). sampled is false when the input is fixed
// this run (pinned, a decision, or of a kind never drawn); then low and
// high are its value.
func (m *Market) Interval(id ID, v *Values, u *Uncertainty) (low, high float64, sampled bool) {
	in := &m.Inputs[id]
	s := newSampler(in, v[id], u, slotOf(in))
	if !s.random {
		return v[id], v[id], false
	}
	switch {
	case s.uniform:
		return s.at(0), s.at(1), true
	case s.shape != shapeSplit:
		return s.at(math.Inf(-1)), s.at(math.Inf(1)), true
	}
	return s.at(-z95), s.at(z95), true
}
