package market

import (
	"sizeup/market/formula"
)

// The kernel's instructions over a block (see montecarlo_kernel.go). A
// node's values are where the block's view says (at), in its own register
// or, for an alias, in another node's; a value the same in every sample
// (scalar) is kept in the first place only and read as a number, so no
// loop copies it across the block unless an operation without a scalar
// form needs it (vec materialises it then).

// blockArr is a register as an array: an index masked to the block
// needs no bounds check.
type blockArr = *[blockSize]float64

// arr is node i's values and the mask its index takes: the whole block,
// or 0 for a scalar (every sample reads the first place).
func (bl *block) arr(i int32) (blockArr, int) {
	o := bl.at[i]
	if bl.sc[i] {
		return blockArr(bl.regs[o : o+blockSize]), 0
	}
	return blockArr(bl.regs[o : o+blockSize]), blockSize - 1
}

// val is the value of a scalar node i.
func (bl *block) val(i int32) float64 { return bl.regs[bl.at[i]] }

// vec is node i's values for the first n samples, spread across the block
// first when i is a scalar.
func (bl *block) vec(i int32, n int) []float64 {
	o := bl.at[i]
	r := bl.regs[o : o+n]
	if !bl.full[i] {
		fill(r, r[0])
		bl.full[i] = true
	}
	return r
}

// out is node i's own register for the first n samples, which the caller
// fills with its values.
func (bl *block) out(i int32, n int) []float64 {
	o := bl.own[i]
	bl.at[i], bl.sc[i], bl.full[i] = o, false, true
	return bl.regs[o : o+n]
}

// setScalar makes node i the same value x in every sample.
func (bl *block) setScalar(i int32, x float64) {
	o := bl.own[i]
	bl.regs[o] = x
	bl.at[i], bl.sc[i], bl.full[i] = o, true, false
}

// setFull marks node i as holding its values in its own register, all of
// them (a leaf filled for the whole block).
func (bl *block) setFull(i int32, scalar bool) {
	bl.at[i], bl.sc[i], bl.full[i] = bl.own[i], scalar, true
}

// run evaluates instructions over a block of n samples, in row y.
func (p *plan) run(bl *block, ins []int32, n, y int) {
	nodes := p.eng.prog.nodes
	for _, i := range ins {
		nd := &nodes[i]
		switch {
		case p.chainOf[i] >= 0:
			p.runChain(bl, &p.chains[p.chainOf[i]], i, n)
		case y > 0 && p.powStep[i] >= 0:
			p.runPowStep(bl, nd, i, p.fused[i], p.powStep[i], n)
		case p.fused[i] >= 0:
			p.runFused(bl, nd, i, p.fused[i], n)
		case y > 0 && p.bassStep[i]:
			p.runBassStep(bl, nd, i, n)
		case p.uni[i]:
			p.runUniform(bl, nd, i, y)
		default:
			p.runVector(bl, nd, i, n, y)
		}
	}
}

// runUniform works out an instruction that is the same in every sample
// of the run, once.
func (p *plan) runUniform(bl *block, nd *formula.Node, i int32, y int) {
	var x float64
	switch {
	case nd.Op == formula.OpPowT && y == 0:
		x = 1
	case nd.Op == formula.OpPowT:
		x = bl.regs[bl.own[i]] * bl.val(nd.A)
	case nd.Op == formula.OpExpStep && y > 0:
		x = bl.regs[bl.own[i]] * bl.val(nd.B)
	default:
		var b, c float64
		if nd.B >= 0 {
			b = bl.val(nd.B)
		}
		if nd.C >= 0 {
			c = bl.val(nd.C)
		}
		x = formula.Apply(nd, bl.val(nd.A), b, c)
	}
	bl.setScalar(i, x)
}

// runVector works out an instruction that varies between samples.
func (p *plan) runVector(bl *block, nd *formula.Node, i int32, n, y int) {
	switch nd.Op {
	case formula.OpExp:
		if bl.sc[nd.A] { // as the loop would: expSlice, not math.Exp
			one := [1]float64{bl.val(nd.A)}
			expSlice(one[:])
			bl.setScalar(i, one[0])
			return
		}
		a := bl.vec(nd.A, n)
		d := bl.out(i, n)
		copy(d, a)
		expSlice(d)
	case formula.OpExpStep:
		if y == 0 {
			a := bl.vec(nd.A, n)
			d := bl.out(i, n)
			copy(d, a)
			expSlice(d)
			return
		}
		p.scaleState(bl, i, nd.B, n)
	case formula.OpPowT:
		if y == 0 {
			fill(bl.out(i, n), 1)
			return
		}
		p.scaleState(bl, i, nd.A, n)
	case formula.OpSelect:
		if bl.sc[nd.A] { // one branch for the whole block
			src := nd.C
			if bl.val(nd.A) != 0 {
				src = nd.B
			}
			bl.alias(i, src)
			return
		}
		p.vector(bl, nd, i, n)
	case formula.OpBassF:
		if bl.sc[nd.C] && bl.val(nd.C) == 0 {
			bl.setScalar(i, 0) // not in service yet
			return
		}
		p.vector(bl, nd, i, n)
	case formula.OpAnd:
		// With one side the same for every sample (years in service
		// above 0, say) the other side is copied, or nothing holds.
		a, b := nd.A, nd.B
		nodes := p.eng.prog.nodes
		switch {
		case bl.sc[a] && bl.sc[b]:
			p.vector(bl, nd, i, n)
		case bl.sc[a] && bl.val(a) == 0, bl.sc[b] && bl.val(b) == 0:
			bl.setScalar(i, 0)
		case bl.sc[a] && truthOp(nodes[b].Op):
			bl.alias(i, b) // 1 and 0 already
		case bl.sc[b] && truthOp(nodes[a].Op):
			bl.alias(i, a)
		case bl.sc[a]:
			x := bl.vec(b, n)
			formula.CompareZero(bl.out(i, n), x)
		case bl.sc[b]:
			x := bl.vec(a, n)
			formula.CompareZero(bl.out(i, n), x)
		default:
			x, z := bl.vec(a, n), bl.vec(b, n)
			formula.Compare(nd.Op, bl.out(i, n), x, z)
		}
	default:
		p.vector(bl, nd, i, n)
	}
}

// scaleState multiplies stateful node i's own register (a running
// product) by node f, in place.
func (p *plan) scaleState(bl *block, i, f int32, n int) {
	o := bl.own[i]
	d := bl.regs[o : o+n]
	if bl.sc[f] {
		s := bl.val(f)
		for k := range d {
			d[k] *= s
		}
	} else {
		a := bl.regs[bl.at[f] : bl.at[f]+n][:len(d)]
		for k := range d {
			d[k] *= a[k]
		}
	}
	bl.at[i], bl.sc[i], bl.full[i] = o, false, true
}

// alias makes node i the values of node src, where they are: an alias
// is read after src in the same year, before src is written again.
func (bl *block) alias(i, src int32) {
	if bl.sc[src] {
		bl.setScalar(i, bl.val(src))
		return
	}
	bl.at[i], bl.sc[i], bl.full[i] = bl.at[src], false, true
}

// truthOp reports whether op's values are 1 and 0 only: a comparison or
// a logical operator.
func truthOp(op formula.Op) bool { return op >= formula.OpLt && op <= formula.OpOr }

// vector is the operation of nd over the block: a number when every
// operand is one, a loop reading the scalar operand as a number for the
// common operations, or Vector's loop over spread operands.
func (p *plan) vector(bl *block, nd *formula.Node, i int32, n int) {
	a, b, c := nd.A, nd.B, nd.C
	scA := bl.sc[a]
	scB, scC := b < 0 || bl.sc[b], c < 0 || bl.sc[c]
	if scA && scB && scC {
		var x, z float64
		if b >= 0 {
			x = bl.val(b)
		}
		if c >= 0 {
			z = bl.val(c)
		}
		bl.setScalar(i, formula.Apply(nd, bl.val(a), x, z))
		return
	}
	if c < 0 && b >= 0 && (scA || scB) && scalarForm(nd.Op) {
		if scA {
			s, x := bl.val(a), bl.vec(b, n)
			scalarLeft(nd.Op, bl.out(i, n), s, x)
		} else {
			x, s := bl.vec(a, n), bl.val(b)
			scalarRight(nd.Op, bl.out(i, n), x, s)
		}
		return
	}
	var x, y, z []float64
	x = bl.vec(a, n)
	if b >= 0 {
		y = bl.vec(b, n)
	}
	if c >= 0 {
		z = bl.vec(c, n)
	}
	formula.Vector(nd, bl.out(i, n), x, y, z)
}

// runFused is instruction nd (node i) with the product f folded in:
// min(x·y, z) or a sum, the operands of each in their order.
func (p *plan) runFused(bl *block, nd *formula.Node, i, f int32, n int) {
	fn := &p.eng.prog.nodes[f]
	other := nd.B
	if nd.B == f {
		other = nd.A
	}
	x, y, z := bl.vec(fn.A, n), bl.vec(fn.B, n), bl.vec(other, n)
	d := bl.out(i, n)
	x, y, z = x[:len(d)], y[:len(d)], z[:len(d)]
	first := nd.A == f // the folded value is the left operand
	switch {
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
