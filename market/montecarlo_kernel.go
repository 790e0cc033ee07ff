package market

import (
	"math"
	"slices"

	"sizeup/market/formula"
)

// The Monte Carlo kernel: the market's compiled formulas (compile.go) for
// many samples at once. Samples go through in blocks of blockSize; every
// node of the schedule has a register of blockSize values, so each
// instruction is one short loop over the block:
//
//   - the inputs of a block are drawn in one loop each (drawOnePass);
//   - what does not change over the years (the hoisted instructions) is
//     worked out once per block;
//   - the block then goes through the years together, year by year, and
//     the recorded outputs are stored as float32;
//   - a value the same in every sample is one number, and a select or a
//     prev points at the values it takes instead of copying them
//     (montecarlo_exec.go); products, Bass's F and running products fold
//     into the instruction that reads them (montecarlo_fuse.go).
//
// Only the part of the model that the recorded outputs need is evaluated:
// a series no recorded output reads (TAM, SAM, shares) costs nothing.

// blockSize is how many samples go through the instructions together:
// enough that each instruction's loop runs long, few enough that a block's
// registers stay in the processor's caches.
const blockSize = 512

// plan is one run's samplers and fixed values, ready for the kernel.
type plan struct {
	eng   *Engine
	years int // rows of the projection: horizon + 1
	s     []sampler
	vals  *Values
	dealP float64
	// dealSlot is the deal's uniform draw, or noDraw for a market without one.
	dealSlot int
	// spreadIDs are the sampled inputs with draws, in ID order.
	spreadIDs []ID
	// uni marks the nodes that are the same for every sample of this run:
	// numbers, t, year, the fixed inputs and what is made of them alone.
	// The kernel works each out once per block and year, not per sample.
	uni []bool
	id  uint64 // tells plans apart, for the blocks' fixed values
	// pre and year are the schedule's instructions with the fused ones
	// left out; fused[i] is the node folded into instruction i, or −1.
	pre, year []int32
	later     []int32 // year without what only the first year needs
	fused     []int32
	// chainOf[i] is the chain (in chains) instruction i evaluates, or −1.
	chainOf []int32
	chains  []chain
	// bassStep marks the Bass's F instructions that move their exp step
	// on themselves after the first year (runBassStep).
	bassStep []bool
	// powStep[i] is the running product a fused instruction i moves on
	// itself after the first year (runPowStep), or −1.
	powStep []int32
	// swap marks the prevs (by place in sched.Prevs) that may take their
	// series' register at the turn of a year instead of a copy of it.
	swap []bool
	// sched is what this run evaluates: every recorded output, or only
	// the one a goal-seek trial asks for.
	sched *schedule
}

func (e *Engine) newPlan(d *draws, v *Values, u *Uncertainty) plan {
	p := plan{
		eng:      e,
		years:    e.horizon + 1,
		s:        make([]sampler, len(e.inputs)),
		vals:     v,
		dealP:    1,
		dealSlot: noDraw,
		sched:    &e.sched,
	}
	if o := e.outputs; o.HasDeal {
		p.dealP = math.Min(math.Max(v[o.Deal], 0), 1)
		if bad(p.dealP) {
			p.dealP = 0
		}
		p.dealSlot = d.layout.slot[o.Deal]
	}
	for id := range e.inputs {
		p.s[id] = newSampler(&e.inputs[id], v[id], u, d.layout.slot[id])
		if p.s[id].random && d.layout.slot[id] >= 0 {
			p.spreadIDs = append(p.spreadIDs, ID(id))
		}
	}
	e.plans++
	p.id = e.plans
	p.uni = e.uniform(p.s, d)
	p.fuse()
	return p
}

// swappable marks the prevs whose series is an instruction written anew
// every year, and so may give its register to the prev at the turn of a
// year: not a running product (OpPowT, OpExpStep), which keeps its
// register from year to year, nor a series another prev already took.
func (e *Engine) swappable(s *schedule) []bool {
	nodes, series := e.prog.nodes, e.prog.series
	swap := make([]bool, len(s.Prevs))
	if s.StagePrevs {
		return swap
	}
	taken := map[int32]bool{}
	for j, i := range s.Prevs {
		src := series[nodes[i].A]
		n := &nodes[src]
		swap[j] = !n.Op.Leaf() && !n.Inv && n.Op != formula.OpPowT && n.Op != formula.OpExpStep && !taken[src]
		taken[src] = true
	}
	return swap
}

// uniform marks the nodes that do not vary between samples, given which
// inputs this run draws. A prev(s) is uniform when s is; as s may read its
// own prev, that is settled by starting from "all uniform" and clearing
// until nothing changes.
func (e *Engine) uniform(s []sampler, d *draws) []bool {
	nodes := e.prog.nodes
	uni := make([]bool, len(nodes))
	for i := range nodes {
		uni[i] = nodes[i].Op == formula.OpPrev
	}
	for {
		changed := false
		for i := range nodes {
			n := &nodes[i]
			switch n.Op {
			case formula.OpConst, formula.OpT, formula.OpYear, formula.OpHorizon, formula.OpTable:
				uni[i] = true
			case formula.OpInput:
				uni[i] = !s[n.A].random || d.layout.slot[n.A] < 0
			case formula.OpPrev: // settled below
			default:
				u := uni[n.A]
				if n.B >= 0 {
					u = u && uni[n.B]
				}
				if n.C >= 0 {
					u = u && uni[n.C]
				}
				uni[i] = u
			}
		}
		// prev leaves follow their series.
		for i := range nodes {
			if nodes[i].Op == formula.OpPrev {
				want := uni[e.prog.series[nodes[i].A]]
				if uni[i] != want {
					uni[i] = want
					changed = true
				}
			}
		}
		if !changed {
			return uni
		}
	}
}

// sampled lists the inputs drawn at random in this plan. Inputs that no
// recorded output reads are among them when uncertain: the spread shares
// show they explain nothing.
func (p *plan) sampled(dst []ID) []ID {
	for id := range p.s {
		if p.s[id].random {
			dst = append(dst, ID(id))
		}
	}
	return dst
}

// drawInput fills dst with input id's values for the standard draws z.
func (p *plan) drawInput(id ID, dst, z []float64) { p.s[id].drawOnePass(dst, z) }

// record says where the kernel writes: year y of sample i of recorded
// output j goes to out[j][y−from][i−base] (out[j] may be nil), for years
// from..years−1. base is 0 when out holds every sample, and a chunk's
// first sample when it holds that chunk only (a one-shot run).
type record struct {
	out   [][][]float32
	from  int
	years int
	base  int
}

// tally is what a chunk of samples adds up, kept per chunk and summed in
// chunk order so a run's totals are the same for any number of workers.
type tally struct {
	deals  int
	risk   float64     // Σ horizon headline over samples with a deal
	zeros  []int       // per year: samples with a deal and a zero headline
	dealt  []uint64    // the chunk's deal outcomes, a bit per sample
	spread *spreadSums // for the spread shares of the horizon headline; nil for none
}

// spreadSums are the sums behind the spread shares: over samples with
// horizon headline y > 0 (as its log), the count, Σy, Σy², and for each
// sampled input's draw z, Σz, Σz² and Σzy (by input; 0 for an input not
// drawn).
type spreadSums struct {
	count, sy, syy float64
	sz, szz, szy   [MaxInputs]float64
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

// block is one worker's scratch for a block of samples.
type block struct {
	regs []float64 // blockSize per node
	// By node: where its values are (at: an offset in regs, its own
	// register's or, for an alias, another node's), its own register, and
	// whether it is one value for every sample (sc: kept in the first
	// place) and whether all n places hold its values (full).
	at, own  []int
	sc, full []bool
	plan     uint64 // the plan whose fixed values the registers hold
	deal     [blockSize]int
	logNet   [blockSize]float64
	counts   [blockSize]float64
	stage    []float64 // prevs' next values, when they must be staged
	stageSc  []bool
}

func (e *Engine) newBlock() *block {
	nodes := len(e.prog.nodes)
	bl := &block{regs: make([]float64, nodes*blockSize), at: make([]int, nodes), own: make([]int, nodes),
		sc: make([]bool, nodes), full: make([]bool, nodes)}
	for i := range bl.own {
		bl.own[i] = i * blockSize
		bl.at[i] = bl.own[i]
	}
	return bl
}

// inputs are the drawn inputs of n samples by slot: a stretch of the
// goal-seek cache.
type inputs [][]float64

// simulate draws and evaluates samples [from, min(from+drawChunk, limit))
// — draw chunk from/drawChunk — writing them to rec and adding to t (nil
// for none). When cached is not nil its stretches replace drawing.
func (p *plan) simulate(d *draws, from, limit int, rec *record, t *tally, bl *block, cached inputs) {
	e := p.eng
	sch := p.sched
	nodes := e.prog.nodes
	c := from / drawChunk
	length := min(drawChunk, limit-from)
	head := e.prog.series[e.outputs.Uncertain[0].Series]
	for off := 0; off < length; off += blockSize {
		n := min(blockSize, length-off)
		p.leaves(bl, d, c, from, off, n, cached)
		deal := bl.deal[:n]
		for i := range deal {
			deal[i] = 1
		}
		if t != nil && p.dealSlot >= 0 {
			u := d.column(c, p.dealSlot)[off : off+n]
			for i := range deal {
				deal[i] = 0
				if u[i] < p.dealP {
					deal[i] = 1
				}
			}
		}
		p.run(bl, p.pre, n, 0)
		for y := 0; y < rec.years; y++ {
			if y > 0 {
				p.advancePrevs(bl, n)
			}
			for _, i := range sch.Ts {
				bl.setScalar(i, e.prog.ir.TimeLeaf(&nodes[i], e.baseYear, y))
			}
			if y == 0 {
				p.run(bl, p.year, n, y)
			} else {
				p.run(bl, p.later, n, y)
			}
			j0 := 0
			if t != nil {
				// The headline's copy-out counts its zeros (and adds up
				// the risk in the last year) as it goes.
				p.copyHead(bl, rec, t, head, y, from+off-rec.base, deal)
				j0 = 1
			}
			if y >= rec.from {
				for j, out := range rec.out[j0:] {
					if out == nil {
						continue
					}
					dst := out[y-rec.from][from+off-rec.base : from+off+n-rec.base]
					src, m := bl.arr(e.prog.series[e.outputs.Uncertain[j0+j].Series])
					for i := range dst {
						dst[i] = float32(src[i&m])
					}
				}
			}
		}
		if t != nil {
			for _, dl := range deal {
				t.deals += dl
			}
			words := t.dealt[off/64 : (off+n+63)/64]
			clear(words)
			for i, dl := range deal {
				words[i>>6] |= uint64(dl) << (i & 63)
			}
			if t.spread != nil {
				p.addSpread(t.spread, rec.out[0][p.years-1][from+off-rec.base:from+off+n-rec.base], d, c, off, bl)
			}
		}
	}
}

// copyHead stores the headline's year y for the block's samples from
// first on (their place in rec's columns: sample − rec.base; when rec
// records it) and adds its zeros among the samples with
// a deal to t, and in the last year the risk: one pass over the block.
func (p *plan) copyHead(bl *block, rec *record, t *tally, head int32, y, first int, deal []int) {
	hv := bl.vec(head, len(deal))
	zeros := 0
	var dst []float32
	if y >= rec.from && rec.out[0] != nil {
		dst = rec.out[0][y-rec.from][first : first+len(deal)]
	}
	switch {
	case y == p.years-1 && dst != nil:
		dst = dst[:len(hv)]
		for i, x := range hv {
			f := float32(x)
			dst[i] = f
			if x == 0 {
				zeros += deal[i]
			}
			t.risk += float64(deal[i]) * float64(f)
		}
	case dst != nil:
		dst = dst[:len(hv)]
		for i, x := range hv {
			dst[i] = float32(x)
			if x == 0 {
				zeros += deal[i]
			}
		}
	default:
		for i, x := range hv {
			if x == 0 {
				zeros += deal[i]
			}
		}
		if y == p.years-1 {
			for i, x := range hv {
				t.risk += float64(deal[i]) * float64(float32(x))
			}
		}
	}
	t.zeros[y] += zeros
}

// leaves sets the block's leaves: numbers, the horizon and the fixed
// inputs (filled once per worker and plan: they are the same in every
// block of a run), the drawn inputs and the prevs (0 in the first year).
func (p *plan) leaves(bl *block, d *draws, c, from, off, n int, cached inputs) {
	e := p.eng
	nodes := e.prog.nodes
	if bl.plan != p.id {
		for _, i := range p.sched.Leaves {
			nd := &nodes[i]
			r := bl.regs[bl.own[i] : bl.own[i]+blockSize]
			switch {
			case nd.Op == formula.OpConst:
				fill(r, nd.K)
			case nd.Op == formula.OpHorizon:
				fill(r, float64(e.horizon))
			case nd.Op == formula.OpInput && (!p.s[nd.A].random || d.layout.slot[nd.A] < 0):
				fill(r, p.vals[nd.A])
			}
		}
		bl.plan = p.id
	}
	for _, i := range p.sched.Leaves {
		nd := &nodes[i]
		switch nd.Op {
		case formula.OpPrev:
			bl.setScalar(i, 0)
		case formula.OpInput:
			id := ID(nd.A)
			slot := d.layout.slot[id]
			switch {
			case !p.s[id].random || slot < 0:
				bl.setFull(i, true)
			case cached != nil:
				copy(bl.out(i, n), cached[slot][from+off:from+off+n])
			default:
				p.drawInput(id, bl.out(i, n), d.column(c, slot)[off:off+n])
			}
		default:
			bl.setFull(i, true)
		}
	}
}

// advancePrevs sets each prev leaf to its series' values of the year just
// evaluated, through the block's stage when a prev reads another prev
// (schedule.StagePrevs).
func (p *plan) advancePrevs(bl *block, n int) {
	nodes, series := p.eng.prog.nodes, p.eng.prog.series
	if !p.sched.StagePrevs {
		for j, i := range p.sched.Prevs {
			s := series[nodes[i].A]
			switch {
			case bl.sc[s]:
				bl.setScalar(i, bl.val(s))
			case p.swap[j] && bl.at[s] == bl.own[s]:
				// The series is written again next year before anything
				// reads it: the prev takes its register, the series the
				// prev's old one.
				bl.own[i], bl.own[s] = bl.own[s], bl.own[i]
				bl.at[s] = bl.own[s]
				bl.setFull(i, false)
			case nodes[s].Inv: // its values stay put for the block
				bl.alias(i, s)
			default:
				copy(bl.out(i, n), bl.vec(s, n))
			}
		}
		return
	}
	bl.stage = resize(bl.stage, len(p.sched.Prevs)*blockSize)
	bl.stageSc = resize(bl.stageSc, len(p.sched.Prevs))
	for j, i := range p.sched.Prevs {
		s := series[nodes[i].A]
		st := bl.stage[j*blockSize : j*blockSize+n]
		bl.stageSc[j] = bl.sc[s]
		if bl.sc[s] {
			st[0] = bl.val(s)
		} else {
			copy(st, bl.vec(s, n))
		}
	}
	for j, i := range p.sched.Prevs {
		st := bl.stage[j*blockSize : j*blockSize+n]
		if bl.stageSc[j] {
			bl.setScalar(i, st[0])
		} else {
			copy(bl.out(i, n), st)
		}
	}
}

// addSpread adds a block's horizon headline and draws to the spread sums.
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
	for _, id := range p.spreadIDs {
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
// the log horizon headline (see Result.SpreadShares), appended to dst
// largest first.
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
	SortShares(out)
	return dst
}

// SortShares puts spread shares largest first, ties in the order given.
func SortShares(out []SpreadShare) {
	slices.SortStableFunc(out, func(a, b SpreadShare) int {
		switch {
		case a.Share > b.Share:
			return -1
		case a.Share < b.Share:
			return 1
		}
		return 0
	})
}
