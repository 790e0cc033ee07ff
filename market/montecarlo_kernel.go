package market

import (
	"math"
	"slices"
)

// The Monte Carlo kernel: the funnel of DESIGN.md §2 for many samples at
// once. It does the arithmetic of evaluateInto, arranged for speed:
//
//   - samples go through in blocks of blockSize; each input of a block is
//     drawn in one batch (its exponentials in one loop, see expSlice);
//   - the block then goes through the years together, year by year, so the
//     per-year branches are taken once per block and every multiplication
//     in the inner loop is independent of the others;
//   - users grow by one multiplication a year and meet the user ceiling
//     with one min, and the Bass term
//     e^(−(p+q)s) is r^s with r = e^(−(p+q)): one exponential per sample.

// The funnel's uncertain inputs, the ones net revenue and subscribers
// depend on, by their place in a block.
const (
	fUsers = iota
	fGrowth
	fReach
	fMobile
	fTV
	fConv
	fPrice
	fKeep // 1 − partner cut
	fBassP
	fBassQ
	fLag
	fCeiling
	numFunnel
)

// funnelInputs are the kernel's inputs, in block order.
var funnelInputs = [numFunnel]ID{
	fUsers: InternetUsers, fGrowth: UserGrowth, fReach: VideoReach, fMobile: MobileShare,
	fTV: TVShare, fConv: Conversion, fPrice: Price, fKeep: PartnerCut,
	fBassP: BassP, fBassQ: BassQ, fLag: ApprovalLag, fCeiling: UserCeiling,
}

// plan is one run's samplers and fixed values, ready for the kernel.
type plan struct {
	years  int // rows of the projection: horizon + 1
	s0     int // years in service at the end of the base year
	s      [NumInputs]sampler
	licMob float64
	licPC  float64
	licTV  float64
	dealP  float64
	// dealSlot is the deal's uniform draw.
	dealSlot int
	// spreadIDs[:nSpread] are the sampled inputs with draws, in ID order.
	spreadIDs [NumInputs]ID
	nSpread   int
}

func newPlan(inputs *[NumInputs]Input, baseYear, horizon int, d *draws, v *Values, u *Uncertainty) plan {
	p := plan{
		years:    horizon + 1,
		s0:       baseYear - int(v[LaunchYear]) + 1,
		licMob:   v[LicenceMobile],
		licPC:    v[LicencePC],
		licTV:    v[LicenceTV],
		dealP:    math.Min(math.Max(v[DealProbability], 0), 1),
		dealSlot: d.layout.slot[DealProbability],
	}
	if bad(p.dealP) {
		p.dealP = 0
	}
	for id := ID(0); id < NumInputs; id++ {
		p.s[id] = newSampler(&inputs[id], v[id], u, d.layout.slot[id])
		if p.s[id].random && d.layout.slot[id] >= 0 {
			p.spreadIDs[p.nSpread] = id
			p.nSpread++
		}
	}
	return p
}

// sampled lists the inputs drawn at random in this plan. Market size and
// market growth are among them when uncertain: they do not enter net
// revenue or subscribers, and the spread shares show that.
func (p *plan) sampled(dst []ID) []ID {
	for id := ID(0); id < NumInputs; id++ {
		if p.s[id].random {
			dst = append(dst, id)
		}
	}
	return dst
}

// drawInput fills dst with input id's values for the standard draws z.
func (p *plan) drawInput(id ID, dst, z []float64) {
	s := &p.s[id]
	switch id {
	case PartnerCut:
		s.complements(dst, z) // the kernel wants the share kept: 1 − cut
	case ApprovalLag:
		s.months(dst, z)
	default:
		if id.Kind() == KindShare {
			s.shares(dst, z)
		} else {
			s.amounts(dst, z) // growth: the factor 1 + rate
		}
	}
}

// record says where the kernel writes: year y of sample i goes to
// [y−from][i] of net and of subs (either may be nil), for years
// from..years−1.
type record struct {
	net, subs [][]float32
	from      int
	years     int
}

// tally is what a chunk of samples adds up, kept per chunk and summed in
// chunk order so a run's totals are the same for any number of workers.
type tally struct {
	deals  int
	risk   float64     // Σ horizon net over samples with a deal
	zeros  []int       // per year: samples with a deal and zero net
	dealt  []uint64    // the chunk's deal outcomes, a bit per sample
	spread *spreadSums // for the spread shares of horizon net
}

// spreadSums are the sums behind the spread shares: over samples with
// horizon net y > 0 (as its log), the count, Σy, Σy², and for each sampled
// input's draw z, Σz, Σz² and Σzy (by input; 0 for an input not drawn).
type spreadSums struct {
	count, sy, syy float64
	sz, szz, szy   [NumInputs]float64
}

func (s *spreadSums) add(o *spreadSums) {
	s.count += o.count
	s.sy += o.sy
	s.syy += o.syy
	for j := range s.sz {
		s.sz[j] += o.sz[j]
		s.szz[j] += o.szz[j]
		s.szy[j] += o.szy[j]
	}
}

// blockSize is how many samples the kernel carries through the years
// together: enough to keep the processor busy, few enough that the block
// stays in the first-level cache.
const blockSize = 256

// block is one worker's scratch for a block of samples.
type block struct {
	in [numFunnel][blockSize]float64 // each funnel input, drawn

	base   [blockSize]float64 // subscribers at saturation per internet user: reach·coverage·conversion
	perSub [blockSize]float64 // net per subscriber-month, halved for the year's average: price·(1−cut)/2
	r      [blockSize]float64 // e^−(p+q)
	qp     [blockSize]float64 // q/p
	deal   [blockSize]int     // 1 when the deal is signed
	g      [blockSize]float64 // internet users before the ceiling: users·(1 + user growth)^t
	e      [blockSize]float64 // r^(years in service)
	prev   [blockSize]float64 // last year's subscribers
	logNet [blockSize]float64 // log of horizon net, 0 when net is 0
	counts [blockSize]float64 // 1 where net > 0
}

// inputs are the funnel inputs of n samples, one slice each in
// funnelInputs order: a block's own, or a stretch of the goal-seek cache.
type inputs [numFunnel][]float64

// simulate draws and evaluates samples [from, min(from+drawChunk, limit))
// — draw chunk from/drawChunk — writing them to rec and adding to t (nil
// for none). When cached is not nil its stretches replace drawing.
func (p *plan) simulate(d *draws, from, limit int, rec *record, t *tally, bl *block, cached *inputs) {
	c := from / drawChunk
	length := min(drawChunk, limit-from)
	for off := 0; off < length; off += blockSize {
		n := min(blockSize, length-off)
		var in inputs
		for j, id := range funnelInputs {
			if cached != nil {
				in[j] = cached[j][from+off : from+off+n]
				continue
			}
			in[j] = bl.in[j][:n]
			p.drawInput(id, in[j], d.column(c, d.layout.slot[id])[off:off+n])
		}
		p.combine(bl, &in, n)
		deal := bl.deal[:n]
		clear(deal)
		if t != nil {
			u := d.column(c, p.dealSlot)[off : off+n]
			for i := range deal {
				if u[i] < p.dealP {
					deal[i] = 1
				}
			}
		}
		p.throughYears(bl, &in, n, from+off, rec, t)
		if t != nil {
			words := t.dealt[off/64 : (off+n+63)/64]
			clear(words)
			for i, dl := range bl.deal[:n] {
				words[i>>6] |= uint64(dl) << (i & 63)
			}
			p.addSpread(t.spread, rec.net[p.years-1][from+off:from+off+n], d, c, off, bl)
		}
	}
}

// addSpread adds a block's horizon net and draws to the spread sums.
func (p *plan) addSpread(s *spreadSums, net []float32, d *draws, c, off int, bl *block) {
	n := len(net)
	ys, ws := bl.logNet[:n], bl.counts[:n]
	for i, x := range net {
		ys[i], ws[i] = 0, 0
		if x > 0 {
			ys[i], ws[i] = math.Log(float64(x)), 1
		}
	}
	for i, y := range ys {
		s.count += ws[i]
		s.sy += y
		s.syy += y * y
	}
	for _, id := range p.spreadIDs[:p.nSpread] {
		z := d.column(c, d.layout.slot[id])[off : off+n]
		// Two sets of sums, even and odd samples, so the additions do not
		// wait on each other.
		var sz, szz, szy [2]float64
		i := 0
		for ; i+1 < n; i += 2 {
			w0, w1 := ws[i]*z[i], ws[i+1]*z[i+1]
			sz[0] += w0
			sz[1] += w1
			szz[0] += w0 * z[i]
			szz[1] += w1 * z[i+1]
			szy[0] += z[i] * ys[i]
			szy[1] += z[i+1] * ys[i+1]
		}
		if i < n {
			w := ws[i] * z[i]
			sz[0] += w
			szz[0] += w * z[i]
			szy[0] += z[i] * ys[i]
		}
		s.sz[id] += sz[0] + sz[1]
		s.szz[id] += szz[0] + szz[1]
		s.szy[id] += szy[0] + szy[1]
	}
}

// shares turns the sums into each sampled input's share of the variance of
// log horizon net (see Result.SpreadShares), appended to dst largest first.
func (s *spreadSums) shares(ids []ID, dst []SpreadShare) []SpreadShare {
	n := s.count
	if n < 2 || len(ids) == 0 {
		return dst
	}
	meanY := s.sy / n
	varY := s.syy/n - meanY*meanY
	if !(varY > 1e-12*math.Max(1, meanY*meanY)) { // nothing varies beyond rounding
		return dst
	}
	total := 0.0
	start := len(dst)
	for _, id := range ids {
		meanZ := s.sz[id] / n
		varZ := s.szz[id]/n - meanZ*meanZ
		cov := s.szy[id]/n - meanZ*meanY
		r2 := 0.0
		if varZ > 0 {
			r2 = cov * cov / (varZ * varY)
		}
		dst = append(dst, SpreadShare{Input: id, Share: r2})
		total += r2
	}
	if !(total > 0) {
		return dst[:start]
	}
	out := dst[start:]
	for j := range out {
		out[j].Share /= total
	}
	slices.SortStableFunc(out, func(a, b SpreadShare) int {
		switch {
		case a.Share > b.Share:
			return -1
		case a.Share < b.Share:
			return 1
		}
		return 0
	})
	return dst
}

// combine works out the per-sample constants of the funnel from its inputs.
func (p *plan) combine(bl *block, in *inputs, n int) {
	reach, mobile, tv, conv := in[fReach][:n], in[fMobile][:n], in[fTV][:n], in[fConv][:n]
	price, keep, bassP, bassQ := in[fPrice][:n], in[fKeep][:n], in[fBassP][:n], in[fBassQ][:n]
	base, perSub, r, qp := bl.base[:n], bl.perSub[:n], bl.r[:n], bl.qp[:n]
	lm, lt, lp := p.licMob, p.licTV, p.licPC
	for i := range base {
		coverage := mobile[i]*lm + (1-mobile[i])*(tv[i]*lt+(1-tv[i])*lp)
		base[i] = reach[i] * coverage * conv[i]
		perSub[i] = price[i] * keep[i] / 2
		// Bass: no innovators (p ≤ 0) means no adoption, as in BassAdoption.
		r[i] = -(bassP[i] + bassQ[i])
		qp[i] = 0
		if bassP[i] > 0 {
			qp[i] = bassQ[i] / bassP[i]
		} else {
			base[i] = 0
		}
	}
	if p.s[BassP].random || p.s[BassQ].random {
		expSlice(r)
	} else {
		fill(r, math.Exp(-(p.s[BassP].fixed + p.s[BassQ].fixed)))
	}
}

// throughYears carries a block through the years, writing samples at, at+1,
// … to rec.
func (p *plan) throughYears(bl *block, in *inputs, n, at int, rec *record, t *tally) {
	users, growth, ceiling, lag := in[fUsers][:n], in[fGrowth][:n], in[fCeiling][:n], in[fLag][:n]
	base, perSub, r, qp, deal := bl.base[:n], bl.perSub[:n], bl.r[:n], bl.qp[:n], bl.deal[:n]
	g, e, prev := bl.g[:n], bl.e[:n], bl.prev[:n]
	copy(g, users)
	fill(prev, 0)
	fill(e, 1)
	if p.s0 > 1 { // launched before the base year
		for i := range e {
			e[i] = math.Pow(r[i], float64(p.s0-1))
		}
	}
	var netOut, subsOut []float32
	for y := 0; y < rec.years; y++ {
		if y > 0 {
			for i := range g {
				g[i] *= growth[i]
			}
		}
		if y >= rec.from {
			if rec.net != nil {
				netOut = rec.net[y-rec.from][at : at+n]
			}
			if rec.subs != nil {
				subsOut = rec.subs[y-rec.from][at : at+n]
			}
		}
		s := p.s0 + y // years in service by the end of the year
		if s < 1 {
			// Not launched: no subscribers, no revenue.
			clear(netOut)
			clear(subsOut)
			if t != nil {
				for _, dl := range deal {
					t.zeros[y] += dl
				}
			}
			continue
		}
		launch := s == 1
		zeros := 0 // signed samples with no net this year (deal is 0s outside a run)
		for i := range e {
			e[i] *= r[i]
			subs := base[i] * min(g[i], ceiling[i]) * ((1 - e[i]) / (1 + qp[i]*e[i]))
			months := 12.0
			if launch {
				months = 12 - lag[i]
			}
			net := (prev[i] + subs) * perSub[i] * months
			prev[i] = subs
			if netOut != nil {
				netOut[i] = float32(net)
			}
			if subsOut != nil {
				subsOut[i] = float32(subs)
			}
			if net == 0 {
				zeros += deal[i]
			}
		}
		if t != nil {
			// A run records every year's net (rec.from is 0): add up the
			// horizon's over the signed samples.
			t.zeros[y] += zeros
			if y == p.years-1 {
				for i, x := range netOut {
					t.risk += float64(deal[i]) * float64(x)
				}
			}
		}
	}
	if t != nil {
		for _, dl := range deal {
			t.deals += dl
		}
	}
}
