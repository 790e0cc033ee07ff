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
//   - the inputs of a block are drawn in one batch each (their exponentials
//     in one loop, see expSlice);
//   - what does not change over the years (the hoisted instructions) is
//     worked out once per block;
//   - the block then goes through the years together, year by year, and
//     the recorded outputs are stored as float32.
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
	firstYear []int32 // those: the exponents of exp steps
	fused     []int32
	// spread1 marks the uniform nodes that are copied across the block.
	spread1 []bool
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
	p.spread1 = e.spreadUniform(p.uni)
	p.fuse()
	return p
}

// spreadUniform marks the uniform nodes whose value must be copied across
// the block: those a per-sample instruction reads, and the series the
// kernel copies out (recorded, or read by prev). The others keep their
// value in their register's first place only.
func (e *Engine) spreadUniform(uni []bool) []bool {
	nodes := e.prog.nodes
	need := make([]bool, len(nodes))
	for _, list := range [][]int32{e.sched.Pre, e.sched.Year} {
		for _, i := range list {
			if uni[i] {
				continue
			}
			n := &nodes[i]
			for _, a := range [3]int32{n.A, n.B, n.C} {
				if a >= 0 {
					need[a] = true
				}
			}
		}
	}
	for _, u := range e.outputs.Uncertain {
		need[e.prog.series[u.Series]] = true
	}
	for _, i := range e.sched.Prevs {
		need[e.prog.series[nodes[i].A]] = true
		need[i] = true
	}
	return need
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
func (p *plan) drawInput(id ID, dst, z []float64) { p.s[id].draw(dst, z) }

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
	regs   []float64 // blockSize per node
	plan   uint64    // the plan whose fixed values the registers hold
	deal   [blockSize]int
	logNet [blockSize]float64
	counts [blockSize]float64
	stage  []float64 // prevs' next values, when they must be staged
}

func (e *Engine) newBlock() *block {
	return &block{regs: make([]float64, len(e.prog.nodes)*blockSize)}
}

// reg is node i's register for the first n samples of the block.
func (bl *block) reg(i int32, n int) []float64 {
	return bl.regs[int(i)*blockSize : int(i)*blockSize+n]
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
		if bl.plan != p.id {
			// Numbers, the horizon and the fixed inputs are the same in every
			// block of a run: filled once per worker.
			for _, i := range sch.Leaves {
				nd := &nodes[i]
				switch {
				case nd.Op == formula.OpConst:
					fill(bl.reg(i, blockSize), nd.K)
				case nd.Op == formula.OpHorizon:
					fill(bl.reg(i, blockSize), float64(e.horizon))
				case nd.Op == formula.OpInput && (!p.s[nd.A].random || d.layout.slot[nd.A] < 0):
					fill(bl.reg(i, blockSize), p.vals[nd.A])
				}
			}
			bl.plan = p.id
		}
		for _, i := range sch.Leaves {
			nd := &nodes[i]
			switch nd.Op {
			case formula.OpPrev:
				clear(bl.reg(i, n))
			case formula.OpInput:
				id := ID(nd.A)
				slot := d.layout.slot[id]
				switch {
				case !p.s[id].random || slot < 0:
				case cached != nil:
					copy(bl.reg(i, n), cached[slot][from+off:from+off+n])
				default:
					p.drawInput(id, bl.reg(i, n), d.column(c, slot)[off:off+n])
				}
			}
		}
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
				fill(bl.reg(i, n), e.prog.ir.TimeLeaf(&nodes[i], e.baseYear, y))
			}
			if y == 0 {
				p.run(bl, p.year, n, y)
			} else {
				p.run(bl, p.later, n, y)
			}
			if y >= rec.from {
				for j, out := range rec.out {
					if out == nil {
						continue
					}
					dst := out[y-rec.from][from+off-rec.base : from+off+n-rec.base]
					for i, x := range bl.reg(e.prog.series[e.outputs.Uncertain[j].Series], n) {
						dst[i] = float32(x)
					}
				}
			}
			if t != nil {
				zeros := 0
				hv := bl.reg(head, n)
				for i, x := range hv {
					if x == 0 {
						zeros += deal[i]
					}
				}
				t.zeros[y] += zeros
				if y == p.years-1 {
					for i, x := range hv {
						t.risk += float64(deal[i]) * float64(float32(x))
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

// advancePrevs sets each prev leaf's register to its series' values of
// the year just evaluated, through the block's stage when a prev reads
// another prev (schedule.StagePrevs).
func (p *plan) advancePrevs(bl *block, n int) {
	nodes, series := p.eng.prog.nodes, p.eng.prog.series
	if !p.sched.StagePrevs {
		for _, i := range p.sched.Prevs {
			copy(bl.reg(i, n), bl.reg(series[nodes[i].A], n))
		}
		return
	}
	bl.stage = resize(bl.stage, len(p.sched.Prevs)*blockSize)
	for j, i := range p.sched.Prevs {
		copy(bl.stage[j*blockSize:j*blockSize+n], bl.reg(series[nodes[i].A], n))
	}
	for j, i := range p.sched.Prevs {
		copy(bl.reg(i, n), bl.stage[j*blockSize:j*blockSize+n])
	}
}

// run evaluates instructions over a block of n samples, in row y.
func (p *plan) run(bl *block, ins []int32, n, y int) {
	nodes := p.eng.prog.nodes
	uni := p.uni
	for _, i := range ins {
		nd := &nodes[i]
		d := bl.reg(i, n)
		if f := p.fused[i]; f >= 0 {
			p.runFused(bl, d, nd, f, n)
			continue
		}
		if uni[i] {
			// The same for every sample: once, then copied across.
			var x float64
			switch {
			case nd.Op == formula.OpPowT && y == 0:
				x = 1
			case nd.Op == formula.OpPowT:
				x = d[0] * bl.regs[int(nd.A)*blockSize]
			case nd.Op == formula.OpExpStep && y > 0:
				x = d[0] * bl.regs[int(nd.B)*blockSize]
			default:
				var b, c float64
				if nd.B >= 0 {
					b = bl.regs[int(nd.B)*blockSize]
				}
				if nd.C >= 0 {
					c = bl.regs[int(nd.C)*blockSize]
				}
				x = formula.Apply(nd, bl.regs[int(nd.A)*blockSize], b, c)
			}
			if p.spread1[i] {
				fill(d, x)
			} else {
				d[0] = x
			}
			continue
		}
		switch nd.Op {
		case formula.OpExp:
			copy(d, bl.reg(nd.A, n))
			expSlice(d)
		case formula.OpSelect:
			if uni[nd.A] { // one branch for the whole block
				if bl.regs[int(nd.A)*blockSize] != 0 {
					copy(d, bl.reg(nd.B, n))
				} else {
					copy(d, bl.reg(nd.C, n))
				}
				continue
			}
			formula.Vector(nd, d, bl.reg(nd.A, n), bl.reg(nd.B, n), bl.reg(nd.C, n))
		case formula.OpBassF:
			if uni[nd.C] && bl.regs[int(nd.C)*blockSize] == 0 {
				clear(d) // not in service yet
				continue
			}
			formula.Vector(nd, d, bl.reg(nd.A, n), bl.reg(nd.B, n), bl.reg(nd.C, n))
		case formula.OpAnd:
			// With one side the same for every sample (years in service
			// above 0, say) the other side is copied, or nothing holds.
			switch {
			case uni[nd.A] && bl.regs[int(nd.A)*blockSize] == 0, uni[nd.B] && bl.regs[int(nd.B)*blockSize] == 0:
				clear(d)
			case uni[nd.A]:
				formula.CompareZero(d, bl.reg(nd.B, n))
			case uni[nd.B]:
				formula.CompareZero(d, bl.reg(nd.A, n))
			default:
				formula.Compare(nd.Op, d, bl.reg(nd.A, n), bl.reg(nd.B, n))
			}
		case formula.OpExpStep:
			if y == 0 {
				copy(d, bl.reg(nd.A, n))
				expSlice(d)
			} else {
				f := bl.reg(nd.B, n)[:len(d)]
				for k := range d {
					d[k] *= f[k]
				}
			}
		case formula.OpPowT:
			if y == 0 {
				fill(d, 1)
			} else {
				a := bl.reg(nd.A, n)[:len(d)]
				for k := range d {
					d[k] *= a[k]
				}
			}
		default:
			var b, c []float64
			if nd.B >= 0 {
				b = bl.reg(nd.B, n)
			}
			if nd.C >= 0 {
				c = bl.reg(nd.C, n)
			}
			formula.Vector(nd, d, bl.reg(nd.A, n), b, c)
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

// fuse folds into an instruction the product or sum it reads when nothing
// else reads that (it is not a recorded output, a prev or another
// instruction's argument): one loop over the block instead of two, and one
// register less written and read. fused[i] is the node folded into i, or
// −1; the folded node's own instruction is left out of the lists.
func (p *plan) fuse() {
	e := p.eng
	nodes := e.prog.nodes
	uses := make([]int, len(nodes))
	for _, list := range [][]int32{p.sched.Pre, p.sched.Year} {
		for _, i := range list {
			n := &nodes[i]
			for _, a := range [3]int32{n.A, n.B, n.C} {
				if a >= 0 {
					uses[a]++
				}
			}
		}
	}
	for _, u := range e.outputs.Uncertain {
		uses[e.prog.series[u.Series]]++
	}
	for _, i := range p.sched.Prevs {
		uses[e.prog.series[nodes[i].A]]++
	}
	p.fused = make([]int32, len(nodes))
	for i := range p.fused {
		p.fused[i] = -1
	}
	folded := make([]bool, len(nodes))
	for _, list := range [][]int32{p.sched.Pre, p.sched.Year} {
		for _, i := range list {
			n := &nodes[i]
			if p.uni[i] || !fusesOuter(n.Op) {
				continue
			}
			for _, a := range [2]int32{n.A, n.B} {
				an := &nodes[a]
				if uses[a] == 1 && !p.uni[a] && !folded[a] && p.fused[a] < 0 && an.Inv == n.Inv && fusesInner(n.Op, an.Op) {
					p.fused[i], folded[a] = a, true
					break
				}
			}
		}
	}
	keep := func(list []int32) []int32 {
		var out []int32
		for _, i := range list {
			if !folded[i] {
				out = append(out, i)
			}
		}
		return out
	}
	p.pre, p.year = keep(p.sched.Pre), keep(p.sched.Year)
	// An exponent only an exp step reads is needed in the first year only.
	onlyStep := make([]bool, len(nodes))
	for _, i := range p.year {
		if nodes[i].Op == formula.OpExpStep {
			onlyStep[nodes[i].A] = uses[nodes[i].A] == 1
		}
	}
	for _, i := range p.year {
		if onlyStep[i] {
			p.firstYear = append(p.firstYear, i)
		}
	}
	p.later = nil
	for _, i := range p.year {
		if !onlyStep[i] {
			p.later = append(p.later, i)
		}
	}
}

func fusesOuter(op formula.Op) bool {
	return op == formula.OpMul || op == formula.OpMin || op == formula.OpAdd
}

// fusesInner reports whether runFused has the loop for outer(inner(…), …).
func fusesInner(outer, inner formula.Op) bool {
	switch outer {
	case formula.OpMul:
		return inner == formula.OpMul || inner == formula.OpAdd || inner == formula.OpSub
	case formula.OpMin, formula.OpAdd:
		return inner == formula.OpMul
	}
	return false
}

// runFused is instruction nd with node f folded in: nd.Op(f.Op(x, y), z),
// the operands of each in their order.
func (p *plan) runFused(bl *block, d []float64, nd *formula.Node, f int32, n int) {
	fn := &p.eng.prog.nodes[f]
	x, y := bl.reg(fn.A, n)[:len(d)], bl.reg(fn.B, n)[:len(d)]
	other := nd.B
	if nd.B == f {
		other = nd.A
	}
	z := bl.reg(other, n)[:len(d)]
	first := nd.A == f // the folded value is the left operand
	switch {
	case nd.Op == formula.OpMul && fn.Op == formula.OpMul:
		for k := range d {
			d[k] = (x[k] * y[k]) * z[k]
		}
	case nd.Op == formula.OpMul && fn.Op == formula.OpAdd:
		for k := range d {
			d[k] = (x[k] + y[k]) * z[k]
		}
	case nd.Op == formula.OpMul && fn.Op == formula.OpSub:
		for k := range d {
			d[k] = (x[k] - y[k]) * z[k]
		}
	case nd.Op == formula.OpMin:
		for k := range d {
			d[k] = min(x[k]*y[k], z[k])
		}
	case first: // add
		for k := range d {
			d[k] = x[k]*y[k] + z[k]
		}
	default:
		for k := range d {
			d[k] = z[k] + x[k]*y[k]
		}
	}
}
