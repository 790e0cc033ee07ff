package market

import "sizeup/market/formula"

// Fusion: an instruction takes in the instructions whose value only it
// reads, so the block goes through one loop instead of several, and the
// values in between are never stored.
//
//   - a chain of products, ((x ∘ y)·m1)·m2…, ∘ one of · + −, up to
//     maxChain factors after the first operation (chain);
//   - min(x·y, z), and a sum with a product, x·y + z (fused);
//   - after the first year, Bass's F and the exp step it reads (bassStep),
//     and a fused min or sum and the running product x^t its product
//     reads (powStep).
//
// A node folds in when nothing else reads it (it is not a recorded output,
// a prev or another instruction's argument), it varies between samples
// and it is evaluated when the instruction is (both hoisted or both year
// by year); its own instruction is left out of the lists.

// maxChain is the most factors a chain multiplies by after its first
// operation: runChain has a loop for each length.
const maxChain = 4

// chain is a fused product: op(x, y)·m[0]·m[1]… (k factors), evaluated in
// that order, as the nested products it replaces were.
type chain struct {
	op   formula.Op // Mul, Add or Sub
	x, y int32
	m    [maxChain]int32
	k    int
}

// fuse works out the plan's fusions and instruction lists for its
// schedule.
func (p *plan) fuse() {
	e := p.eng
	nodes := e.prog.nodes
	uses := p.uses()
	p.fused = make([]int32, len(nodes))
	p.chainOf = make([]int32, len(nodes))
	for i := range p.fused {
		p.fused[i], p.chainOf[i] = -1, -1
	}
	p.chains = p.chains[:0]
	folded := make([]bool, len(nodes))
	foldable := func(a int32, n *formula.Node) bool {
		return uses[a] == 1 && !p.uni[a] && !folded[a] && nodes[a].Inv == n.Inv
	}
	// Outermost first, so a chain takes in all the products below it.
	for _, list := range [][]int32{p.sched.Pre, p.sched.Year} {
		for j := len(list) - 1; j >= 0; j-- {
			i := list[j]
			n := &nodes[i]
			if p.uni[i] || folded[i] {
				continue
			}
			if n.Op == formula.OpMul {
				if ch, ok := p.chainAt(i, foldable, folded); ok {
					p.chainOf[i] = int32(len(p.chains))
					p.chains = append(p.chains, ch)
				}
				continue
			}
			if !fusesOuter(n.Op) {
				continue
			}
			for _, a := range [2]int32{n.A, n.B} {
				if foldable(a, n) && nodes[a].Op == formula.OpMul {
					p.fused[i], folded[a] = a, true
					break
				}
			}
		}
	}
	// Bass's F takes in the exp step it reads after the first year.
	p.bassStep = make([]bool, len(nodes))
	for _, i := range p.sched.Year {
		n := &nodes[i]
		if n.Op == formula.OpBassF && !p.uni[i] && nodes[n.A].Op == formula.OpExpStep && foldable(n.A, n) {
			p.bassStep[i] = true
		}
	}
	// A fused min or sum takes in the running product (x^t) that its
	// product reads, after the first year.
	p.powStep = make([]int32, len(nodes))
	for i := range p.powStep {
		p.powStep[i] = -1
		if f := p.fused[i]; f >= 0 {
			fn := &nodes[f]
			for _, g := range [2]int32{fn.A, fn.B} {
				if nodes[g].Op == formula.OpPowT && foldable(g, fn) {
					p.powStep[i] = g
					break
				}
			}
		}
	}
	p.lists(folded, uses)
}

// chainAt follows the products below instruction i (a product) that fold
// into it: the chain, and whether there is one.
func (p *plan) chainAt(i int32, foldable func(int32, *formula.Node) bool, folded []bool) (chain, bool) {
	nodes := p.eng.prog.nodes
	var outer []int32 // the factors, outermost first
	cur := i
	for len(outer) < maxChain {
		n := &nodes[cur]
		a, other := int32(-1), int32(-1)
		for _, c := range [2]int32{n.A, n.B} {
			op := nodes[c].Op
			if foldable(c, n) && (op == formula.OpMul || op == formula.OpAdd || op == formula.OpSub) {
				a, other = c, n.A
				if c == n.A {
					other = n.B
				}
				break
			}
		}
		if a < 0 {
			break
		}
		folded[a] = true
		outer = append(outer, other)
		cur = a
		if nodes[a].Op != formula.OpMul {
			break
		}
	}
	if len(outer) == 0 {
		return chain{}, false
	}
	n := &nodes[cur]
	ch := chain{op: n.Op, x: n.A, y: n.B, k: len(outer)}
	for j := range outer {
		ch.m[j] = outer[len(outer)-1-j]
	}
	return ch, true
}

// uses counts the readers of each node: instructions, recorded outputs
// and prevs.
func (p *plan) uses() []int {
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
	return uses
}

// lists sets the plan's instruction lists without the folded nodes.
func (p *plan) lists(folded []bool, uses []int) {
	e := p.eng
	nodes := e.prog.nodes
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
	stepped := make([]bool, len(nodes))
	for _, i := range p.year {
		if p.bassStep[i] {
			stepped[nodes[i].A] = true
		}
		if g := p.powStep[i]; g >= 0 {
			stepped[g] = true
		}
	}
	p.later = nil
	for _, i := range p.year {
		if !onlyStep[i] && !stepped[i] {
			p.later = append(p.later, i)
		}
	}
	p.swap = e.swappable(p.sched)
}

func fusesOuter(op formula.Op) bool {
	return op == formula.OpMin || op == formula.OpAdd
}

// runChain evaluates chain ch into node i's register. An operand the
// same in every sample is spread across the block for it (a number or a
// fixed input already is, once per run): with every operand a slice the
// loop needs no bounds checks and keeps its pointers in registers.
func (p *plan) runChain(bl *block, ch *chain, i int32, n int) {
	x, y := bl.vec(ch.x, n), bl.vec(ch.y, n)
	var f [maxChain][]float64
	for j := range ch.k {
		f[j] = bl.vec(ch.m[j], n)
	}
	d := bl.out(i, n)
	switch ch.op {
	case formula.OpMul:
		mulChain(d, x, y, ch.k, &f)
	case formula.OpAdd:
		addChain(d, x, y, ch.k, &f)
	default:
		subChain(d, x, y, ch.k, &f)
	}
}

func mulChain(d, x, y []float64, k int, f *[maxChain][]float64) {
	x, y = x[:len(d)], y[:len(d)]
	switch k {
	case 1:
		a := f[0][:len(d)]
		for i := range d {
			d[i] = x[i] * y[i] * a[i]
		}
	case 2:
		a, b := f[0][:len(d)], f[1][:len(d)]
		for i := range d {
			d[i] = x[i] * y[i] * a[i] * b[i]
		}
	case 3:
		a, b, c := f[0][:len(d)], f[1][:len(d)], f[2][:len(d)]
		for i := range d {
			d[i] = x[i] * y[i] * a[i] * b[i] * c[i]
		}
	default:
		a, b, c, e := f[0][:len(d)], f[1][:len(d)], f[2][:len(d)], f[3][:len(d)]
		for i := range d {
			d[i] = x[i] * y[i] * a[i] * b[i] * c[i] * e[i]
		}
	}
}

func addChain(d, x, y []float64, k int, f *[maxChain][]float64) {
	x, y = x[:len(d)], y[:len(d)]
	switch k {
	case 1:
		a := f[0][:len(d)]
		for i := range d {
			d[i] = (x[i] + y[i]) * a[i]
		}
	case 2:
		a, b := f[0][:len(d)], f[1][:len(d)]
		for i := range d {
			d[i] = (x[i] + y[i]) * a[i] * b[i]
		}
	case 3:
		a, b, c := f[0][:len(d)], f[1][:len(d)], f[2][:len(d)]
		for i := range d {
			d[i] = (x[i] + y[i]) * a[i] * b[i] * c[i]
		}
	default:
		a, b, c, e := f[0][:len(d)], f[1][:len(d)], f[2][:len(d)], f[3][:len(d)]
		for i := range d {
			d[i] = (x[i] + y[i]) * a[i] * b[i] * c[i] * e[i]
		}
	}
}

func subChain(d, x, y []float64, k int, f *[maxChain][]float64) {
	x, y = x[:len(d)], y[:len(d)]
	switch k {
	case 1:
		a := f[0][:len(d)]
		for i := range d {
			d[i] = (x[i] - y[i]) * a[i]
		}
	case 2:
		a, b := f[0][:len(d)], f[1][:len(d)]
		for i := range d {
			d[i] = (x[i] - y[i]) * a[i] * b[i]
		}
	case 3:
		a, b, c := f[0][:len(d)], f[1][:len(d)], f[2][:len(d)]
		for i := range d {
			d[i] = (x[i] - y[i]) * a[i] * b[i] * c[i]
		}
	default:
		a, b, c, e := f[0][:len(d)], f[1][:len(d)], f[2][:len(d)], f[3][:len(d)]
		for i := range d {
			d[i] = (x[i] - y[i]) * a[i] * b[i] * c[i] * e[i]
		}
	}
}

// runBassStep is Bass's F (node i) with its exp step e folded in, after
// the first year: e's running product moves on a year and F is worked out
// from it in the same loop.
func (p *plan) runBassStep(bl *block, nd *formula.Node, i int32, n int) {
	step := &p.eng.prog.nodes[nd.A]
	if bl.sc[nd.C] && bl.val(nd.C) == 0 { // not in service yet
		p.scaleState(bl, nd.A, step.B, n)
		bl.setScalar(i, 0)
		return
	}
	f, b := bl.vec(step.B, n), bl.vec(nd.B, n)
	o := bl.own[nd.A]
	e := bl.regs[o : o+n]
	bl.at[nd.A], bl.sc[nd.A], bl.full[nd.A] = o, false, true
	d := bl.out(i, n)
	e, f, b = e[:len(d)], f[:len(d)], b[:len(d)]
	if bl.sc[nd.C] { // in service in every sample
		for k := range d {
			x := e[k] * f[k]
			e[k] = x
			d[k] = (1 - x) / (1 + b[k]*x)
		}
		return
	}
	c := bl.vec(nd.C, n)[:len(d)]
	for k := range d {
		x := e[k] * f[k]
		e[k] = x
		if c[k] != 0 {
			d[k] = (1 - x) / (1 + b[k]*x)
		} else {
			d[k] = 0
		}
	}
}

// runPowStep is fused instruction nd (node i: min(x·y, z) or a sum with
// x·y) after the first year, with the running product g (x or y) moved
// on a year in the same loop.
func (p *plan) runPowStep(bl *block, nd *formula.Node, i, f, g int32, n int) {
	nodes := p.eng.prog.nodes
	fn := &nodes[f]
	other, gFirst := fn.B, fn.A == g // the product's other operand
	if !gFirst {
		other = fn.A
	}
	z := nd.B
	if nd.B == f {
		z = nd.A
	}
	step, o, zv := bl.vec(nodes[g].A, n), bl.vec(other, n), bl.vec(z, n)
	gr := bl.regs[bl.own[g] : bl.own[g]+n]
	bl.at[g], bl.sc[g], bl.full[g] = bl.own[g], false, true
	d := bl.out(i, n)
	step, o, zv, gr = step[:len(d)], o[:len(d)], zv[:len(d)], gr[:len(d)]
	mode := 0 // min
	switch {
	case nd.Op == formula.OpAdd && nd.A == f:
		mode = 1 // x·y + z
	case nd.Op == formula.OpAdd:
		mode = 2 // z + x·y
	}
	for k := range d {
		s := gr[k] * step[k]
		gr[k] = s
		var xy float64
		if gFirst {
			xy = s * o[k]
		} else {
			xy = o[k] * s
		}
		switch mode {
		case 0:
			d[k] = min(xy, zv[k])
		case 1:
			d[k] = xy + zv[k]
		default:
			d[k] = zv[k] + xy
		}
	}
}
