package formula

import (
	"errors"
	"fmt"
	"math"
)

// The compiler: checked trees into one graph of nodes, in which equal
// subexpressions are shared and anything made of numbers alone is worked
// out at once. Some shapes are lowered to cheaper ones: x^t becomes a
// running product, exp of a value linear in t a step, bass its parts.

// Program is a market's compiled formulas.
type Program struct {
	Nodes []Node
	// Series is the node of each value of the flat list of series: a
	// series without dimensions is one, one with them one per item (and
	// its total first, when it declares one); Flat says which is which.
	Series []int32
	Flat   []Flat
	Shapes [][]int // each series' dimensions (Env.Series order)
	Tables []Path  // every table's items, flat: OpTable's A
}

// Compiler builds one Program from a market's series, then any other
// formulas that read them (a check's condition and sentence).
type Compiler struct {
	env    Env
	names  map[string]Ref
	p      Program
	index  map[Node]int32
	slopes map[int32]int32 // slope's answers by node

	shapes               []shape // each series' dimensions
	base                 []int   // each series' first place in the flat list
	inputBase, tableBase []int   // each input's and table's first flat place
	trees                []Expr  // each series' checked tree (SeriesTree)
}

// NewCompiler is a compiler for formulas over env's names.
func NewCompiler(env Env) *Compiler {
	c := &Compiler{env: env, names: envNames(env), index: map[Node]int32{}, slopes: map[int32]int32{}}
	c.inputBase = make([]int, len(env.Inputs))
	next := 0
	for i := range env.Inputs {
		c.inputBase[i] = next
		if len(env.InputDims) > 0 {
			next += c.size(env.InputDims[i])
		} else {
			next++
		}
	}
	c.tableBase = make([]int, len(env.Tables))
	for i, t := range env.Tables {
		c.tableBase[i] = len(c.p.Tables)
		c.p.Tables = append(c.p.Tables, t.Elems...)
	}
	return c
}

// FlatInput and FlatSeries are the flat places of input or series i, or
// of its first item: for a reader of a formula's names (a check's {…}).
func (c *Compiler) FlatInput(i int) int  { return c.inputBase[i] }
func (c *Compiler) FlatSeries(i int) int { return c.base[i] }

// Program is what has been compiled so far.
func (c *Compiler) Program() *Program { return &c.p }

// Series compiles the series' formulas, one per env.Series, in order of
// dependency. The error is an *Error.
func (c *Compiler) Series(formulas []string) error {
	trees := make([]Expr, len(formulas))
	for i, text := range formulas {
		e, err := c.check(c.seriesOwner(i), text)
		if err != nil {
			return err
		}
		trees[i] = e
	}
	c.trees = trees
	order, err := c.order(formulas, trees)
	if err != nil {
		return err
	}
	if err := c.inferShapes(formulas, trees, order); err != nil {
		return err
	}
	c.layout()
	c.p.Series = make([]int32, len(c.p.Flat))
	at := make([]int, len(c.env.Dims))
	for _, i := range order {
		var items []int32
		c.each(c.shapes[i], at, func() {
			n := c.build(trees[i], at)
			c.p.Series[c.flatSeries(i, at)] = n
			items = append(items, n)
		})
		if c.total(i) {
			c.p.Series[c.base[i]] = c.fold(OpAdd, items)
		}
		if err := c.tooBig(c.seriesOwner(i), formulas[i]); err != nil {
			return err
		}
	}
	return nil
}

// MaxNodes is the most operations a market's formulas compile to, all
// together: it bounds the work of compiling and the memory of evaluating
// (a register per operation and year), whatever the formulas.
const MaxNodes = 20_000

// tooBig refuses the formula (owner's text) that took the program past
// MaxNodes. A formula of MaxLen adds a few thousand at most, so the
// program never grows far past the limit before it is refused.
func (c *Compiler) tooBig(owner Owner, text string) error {
	if len(c.p.Nodes) <= MaxNodes {
		return nil
	}
	return &Error{Owner: owner, Span: Span{0, len(text)}, Text: text, Msg: fmt.Sprintf(
		"with this formula the market's formulas compile to %d operations, and a market has at most %d; simplify or merge formulas", len(c.p.Nodes), MaxNodes)}
}

// Formula compiles one more formula, which may read any series: its node
// and its checked tree. The error is an *Error owned by owner.
//
// A check's condition with dimensions holds when it holds for any item; a
// {…} of a sentence is one number, so one with dimensions is refused.
func (c *Compiler) Formula(owner Owner, text string) (int32, Expr, error) {
	e, err := c.check(owner, text)
	if err != nil {
		return -1, nil, err
	}
	sh, ferr := c.shaper(text).of(e)
	if ferr == nil && len(sh) > 0 && owner.Kind == CheckSay {
		ferr = errorAt(text, e.Span(), "this value is %s, and a sentence shows one number; name an item, x[item], or add them up, sum(x)", c.describeShape(sh))
	}
	if ferr != nil {
		ferr.Owner = owner
		return -1, nil, ferr
	}
	at := make([]int, len(c.env.Dims))
	var items []int32
	c.each(sh, at, func() { items = append(items, c.build(e, at)) })
	n := items[0]
	if len(items) > 1 {
		n = c.fold(OpOr, items)
	}
	if err := c.tooBig(owner, text); err != nil {
		return -1, nil, err
	}
	return n, e, nil
}

// check parses text and resolves its names.
func (c *Compiler) check(owner Owner, text string) (Expr, error) {
	e, err := Parse(text)
	if err == nil {
		if rerr := c.resolve(text, e); rerr != nil {
			err = rerr
		}
	}
	var fe *Error
	if errors.As(err, &fe) {
		fe.Owner = owner
		return nil, fe
	}
	return e, err
}

// add returns the node for n, making it if it is new. Constant arguments
// are worked out at once.
func (c *Compiler) add(n Node) int32 {
	if !n.Op.Leaf() {
		args := n.Args()
		allConst, inv := true, true
		for _, a := range args {
			an := &c.p.Nodes[a]
			allConst = allConst && an.Op == OpConst
			inv = inv && an.Inv
		}
		if allConst && n.Op != OpPowT && n.Op != OpExpStep {
			var vals [3]float64
			for i, a := range args {
				vals[i] = c.p.Nodes[a].K
			}
			return c.constant(Apply(&n, vals[0], vals[1], vals[2]))
		}
		n.Inv = inv && n.Op != OpPowT && n.Op != OpExpStep
	} else {
		n.Inv = n.Op == OpConst || n.Op == OpInput || n.Op == OpHorizon
	}
	if i, ok := c.index[n]; ok {
		return i
	}
	i := int32(len(c.p.Nodes))
	c.p.Nodes = append(c.p.Nodes, n)
	c.index[n] = i
	return i
}

func (c *Compiler) constant(v float64) int32 {
	if v == 0 {
		v = 0 // one node for 0 and −0
	}
	return c.add(Node{Op: OpConst, K: v, A: -1, B: -1, C: -1})
}

func (c *Compiler) leaf(op Op) int32 { return c.add(Node{Op: op, A: -1, B: -1, C: -1}) }

func (c *Compiler) op1(op Op, a int32) int32 { return c.add(Node{Op: op, A: a, B: -1, C: -1}) }

func (c *Compiler) call1(fn string, a int32) int32 {
	return c.add(Node{Op: OpFunc, Fn: lookupBuiltin(fn).index(), A: a, B: -1, C: -1})
}

func (c *Compiler) op2(op Op, a, b int32) int32 {
	// What leaves a value unchanged, and division by a power of two, which
	// multiplying by its inverse does exactly (and far faster).
	isConst := func(i int32, v float64) bool { return c.p.Nodes[i].Op == OpConst && c.p.Nodes[i].K == v }
	switch {
	case op == OpMul && isConst(b, 1), op == OpDiv && isConst(b, 1), (op == OpAdd || op == OpSub) && isConst(b, 0):
		return a
	case op == OpMul && isConst(a, 1), op == OpAdd && isConst(a, 0):
		return b
	case op == OpDiv && c.p.Nodes[b].Op == OpConst:
		if k := c.p.Nodes[b].K; k != 0 && !math.IsInf(k, 0) {
			if frac, _ := math.Frexp(k); frac == 0.5 || frac == -0.5 {
				return c.add(Node{Op: OpMul, A: a, B: c.constant(1 / k), C: -1})
			}
		}
	}
	return c.add(Node{Op: op, A: a, B: b, C: -1})
}

// fold is op over many arguments, left to right: min(a, b, c).
func (c *Compiler) fold(op Op, args []int32) int32 {
	acc := args[0]
	for _, a := range args[1:] {
		acc = c.op2(op, acc, a)
	}
	return acc
}

var binaryOps = [...]Op{Add: OpAdd, Sub: OpSub, Mul: OpMul, Div: OpDiv, Pow: OpPow, Lt: OpLt, Le: OpLe, Gt: OpGt, Ge: OpGe, Eq: OpEq, Ne: OpNe, And: OpAnd, Or: OpOr}

// build turns a checked tree into nodes: its item at at (an item of each
// of the market's dimensions it has; see dims.go).
func (c *Compiler) build(e Expr, at []int) int32 {
	switch e := e.(type) {
	case *Num:
		return c.constant(e.Value)
	case *Name:
		return c.name(e.Ref, at)
	case *Neg:
		return c.op1(OpNeg, c.build(e.X, at))
	case *Index:
		old := at[e.Dim]
		at[e.Dim] = e.Pos
		n := c.build(e.X, at)
		at[e.Dim] = old
		return n
	case *Binary:
		x, y := c.build(e.X, at), c.build(e.Y, at)
		if e.Op == Pow {
			return c.pow(x, y)
		}
		return c.op2(binaryOps[e.Op], x, y)
	case *Call:
		if e.Fn.reduce {
			return c.reduce(e, at)
		}
		if e.Fn.series {
			return c.prev(e.Args[0].(*Name).Ref.Index, at)
		}
		args := make([]int32, len(e.Args))
		for i, a := range e.Args {
			args[i] = c.build(a, at)
		}
		if e.Fn.lower != nil {
			return e.Fn.lower(c, args, e)
		}
		return c.add(Node{Op: OpFunc, Fn: e.Fn.index(), A: args[0], B: -1, C: -1})
	}
	panic("formula: a node of unknown kind")
}

// prev is last year's value of series i's item at at.
func (c *Compiler) prev(i int, at []int) int32 {
	return c.add(Node{Op: OpPrev, A: int32(c.flatSeries(i, at)), B: -1, C: -1})
}

func (c *Compiler) name(r Ref, at []int) int32 {
	switch r.Kind {
	case RefInput:
		in := c.add(Node{Op: OpInput, A: c.inputPlace(r.Index, at), B: -1, C: -1})
		if t := c.pathOf(r.Index); t >= 0 {
			// a path: the input is a factor on its table's figures
			return c.op2(OpMul, in, c.name(Ref{RefTable, t}, at))
		}
		return in
	case RefSeries:
		return c.p.Series[c.flatSeries(r.Index, at)]
	case RefTable:
		return c.add(Node{Op: OpTable, A: c.tablePlace(r.Index, at), B: -1, C: -1})
	case RefT:
		return c.leaf(OpT)
	case RefYear:
		return c.leaf(OpYear)
	case RefHorizon:
		return c.leaf(OpHorizon)
	}
	return c.constant(float64(c.env.BaseYear))
}

// pow builds x^y: by a running product when y is t, by multiplication or a
// square root for the small constant powers, math.Pow otherwise.
func (c *Compiler) pow(x, y int32) int32 {
	yn := c.p.Nodes[y]
	switch {
	case yn.Op == OpT && c.p.Nodes[x].Inv:
		return c.op1(OpPowT, x)
	case yn.Op == OpConst:
		switch yn.K {
		case 0:
			return c.constant(1)
		case 1:
			return x
		case 2:
			return c.op2(OpMul, x, x)
		case 3:
			return c.op2(OpMul, c.op2(OpMul, x, x), x)
		case 0.5:
			return c.call1("sqrt", x)
		}
	}
	return c.op2(OpPow, x, y)
}

// exp builds e^x; when x changes by the same amount every year (k·t plus
// anything fixed) it is a step: one multiplication a year.
func (c *Compiler) exp(x int32) int32 {
	if !c.p.Nodes[x].Inv {
		if slope := c.slope(x); slope >= 0 {
			return c.op2(OpExpStep, x, c.op1(OpExp, slope))
		}
	}
	return c.op1(OpExp, x)
}

// slope is the node of how much x grows a year when x is linear in t with
// a slope that does not change over the years, or −1. Each node's is kept:
// a value built from another twice over (s + 2·s) would otherwise be
// visited twice per level, 2^k times for k levels.
func (c *Compiler) slope(x int32) int32 {
	if s, ok := c.slopes[x]; ok {
		return s
	}
	s := c.slopeOf(x)
	c.slopes[x] = s
	return s
}

func (c *Compiler) slopeOf(x int32) int32 {
	n := c.p.Nodes[x]
	switch {
	case n.Inv:
		return c.constant(0)
	case n.Op == OpT || n.Op == OpYear:
		return c.constant(1)
	}
	switch n.Op {
	case OpAdd, OpSub:
		sa, sb := c.slope(n.A), c.slope(n.B)
		if sa < 0 || sb < 0 {
			return -1
		}
		return c.op2(n.Op, sa, sb)
	case OpNeg:
		if sa := c.slope(n.A); sa >= 0 {
			return c.op1(OpNeg, sa)
		}
	case OpMul:
		if c.p.Nodes[n.A].Inv {
			if sb := c.slope(n.B); sb >= 0 {
				return c.op2(OpMul, n.A, sb)
			}
		}
		if c.p.Nodes[n.B].Inv {
			if sa := c.slope(n.A); sa >= 0 {
				return c.op2(OpMul, sa, n.B)
			}
		}
	}
	return -1
}

// bass builds §2's F(s) = (1 − e)/(1 + (q/p)·e), e = e^(−(p+q)s), 0 when
// s ≤ 0 or p ≤ 0, from plain nodes, so the parts that do not change over
// the years are hoisted. It is the only place Bass's curve is written.
func (c *Compiler) bass(p, q, s int32) int32 {
	e := c.exp(c.op2(OpMul, c.op1(OpNeg, c.op2(OpAdd, p, q)), s))
	ok := c.op2(OpAnd, c.op2(OpGt, s, c.constant(0)), c.op2(OpGt, p, c.constant(0)))
	return c.add(Node{Op: OpBassF, A: e, B: c.op2(OpDiv, q, p), C: ok})
}
