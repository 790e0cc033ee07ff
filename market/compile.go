package market

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// Compiling a market's formulas (DESIGN.md §9). Each formula is parsed,
// its names resolved, the series put in dependency order, and all of them
// built into one graph of nodes in which equal subexpressions are shared
// and anything made of numbers alone is worked out at once. From the graph
// a schedule is cut for each use: every series and check for the model as
// set, or only what the recorded outputs need for Monte Carlo. A schedule
// evaluates once per sample what does not change over the years (inputs,
// numbers and anything made of them: hoisted) and the rest year by year.

type opcode uint8

const (
	// leaves: filled before the instructions run
	opConst   opcode = iota
	opInput          // a: the input
	opT              // years since the base year
	opYear           // the calendar year
	opHorizon        // years projected after the base year
	opPrev           // a: the series, its value the year before (0 in the base year)
	// instructions
	opNeg
	opAbs
	opExp
	opLog
	opSqrt
	opAdd
	opSub
	opMul
	opDiv // 0 when the divisor is 0
	opPow
	opLt
	opLe
	opGt
	opGe
	opEq
	opNe
	opAnd
	opOr
	opMin
	opMax
	opSelect // a ≠ 0 ? b : c
	opPowT   // a^t, as a running product over the years
	// e^a where a grows by the same amount s each year: e^a in the base
	// year, then times b = e^s a year (one multiplication, not an
	// exponential, per sample and year in Monte Carlo)
	opExpStep
	// Bass's F from its parts: c ≠ 0 ? (1 − a)/(1 + b·a) : 0, with a =
	// e^(−(p+q)s), b = q/p and c whether s > 0 and p > 0
	opBassF
)

func (o opcode) leaf() bool { return o <= opPrev }

// node is one value of the graph. Its arguments come before it, so the
// node order is an evaluation order.
type node struct {
	op      opcode
	a, b, c int32
	k       float64 // a constant's value
	inv     bool    // the same in every year
}

// program is a market's compiled formulas.
type program struct {
	nodes  []node
	series []int32  // the node of each series
	checks []int32  // the node of each check's condition
	terms  [][]term // each check's placeholders
	full   schedule // every series
	// withTerms adds the checks and their placeholders
	withTerms schedule
}

// schedule is the part of the graph one use evaluates.
type schedule struct {
	pre    []int32 // instructions evaluated once, before the years
	year   []int32 // instructions evaluated every year, in order
	prevs  []int32 // prev leaves, filled from their series between years
	leaves []int32 // numbers, inputs, the horizon and prev leaves, filled first
	ts     []int32 // the t and year leaves, filled every year
	live   []bool  // by node: evaluated in this schedule
	// cols orders the instructions and prev leaves for evaluating a whole
	// node over the years at once (model.go): each after what it reads, a
	// prev after its series. nil when a series reads its own past (through
	// prev) so that the years must go one at a time.
	cols []int32
	// spread are the year-invariant nodes copied down their column.
	spread []int32
}

type builder struct {
	m      *Market
	p      *program
	index  map[node]int32
	names  map[string]nameRef
	series map[string]int
}

type nameRef struct {
	kind  byte // 'i' input, 's' series, 'b' builtin
	index int
}

// Compile parses and compiles the market's series and checks, and checks
// its outputs. The market's inputs must be in place. Errors are
// *FormulaError (with the column) or *OutputsError.
func (m *Market) Compile() error {
	if err := m.Validate(); err != nil {
		return err
	}
	b := &builder{m: m, p: &program{}, index: map[node]int32{}, names: map[string]nameRef{}, series: map[string]int{}}
	for i := range m.Inputs {
		b.names[m.Inputs[i].Name] = nameRef{'i', i}
	}
	for i, s := range m.Series {
		b.names[s.ID] = nameRef{'s', i}
		b.series[s.ID] = i
	}
	for i, n := range builtinNames {
		b.names[n] = nameRef{'b', i}
	}
	trees := make([]*expr, len(m.Series))
	for i := range m.Series {
		s := &m.Series[i]
		e, err := b.parse("series", s.ID, s.Formula)
		if err != nil {
			return err
		}
		trees[i] = e
	}
	order, err := b.order(trees)
	if err != nil {
		return err
	}
	b.p.series = make([]int32, len(m.Series))
	for _, i := range order {
		b.p.series[i] = b.build(trees[i])
	}
	for i := range m.Checks {
		c := &m.Checks[i]
		e, err := b.parse("check", c.name(i), c.When)
		if err != nil {
			return err
		}
		b.p.checks = append(b.p.checks, b.build(e))
	}
	if err := b.compileTerms(); err != nil {
		return err
	}
	b.p.full = b.p.schedule(b.p.series)
	roots := append(append([]int32(nil), b.p.series...), b.p.checks...)
	// A check's placeholders are worked out only when it holds.
	for _, ts := range b.p.terms {
		for _, tm := range ts {
			if !tm.years {
				roots = append(roots, tm.node)
			}
		}
	}
	b.p.withTerms = b.p.schedule(roots)
	m.prog = b.p
	return m.checkOutputs()
}

// parse parses one formula and resolves its names.
func (b *builder) parse(what, id, text string) (*expr, error) {
	fail := func(pos int, msg string) error {
		return &FormulaError{What: what, Series: id, Col: column(text, pos), Msg: msg, Formula: text}
	}
	e, err := parseFormula(text)
	if err != nil {
		pe := err.(*parseError)
		return nil, fail(pe.pos, pe.msg)
	}
	var resolve func(e *expr) error
	resolve = func(e *expr) error {
		switch e.kind {
		case exprName:
			if _, ok := b.names[e.name]; !ok {
				return fail(e.pos, b.unknown(e.name))
			}
		case exprCall:
			if e.op == "prev" {
				a := e.args[0]
				if a.kind != exprName {
					return fail(a.pos, "prev(…) takes the name of a series")
				}
				ref, ok := b.names[a.name]
				switch {
				case !ok:
					return fail(a.pos, b.unknown(a.name))
				case ref.kind != 's':
					return fail(a.pos, fmt.Sprintf("prev(%s): %s is not a series; prev takes a series, whose value changes from year to year", a.name, a.name))
				}
				return nil
			}
		}
		for _, a := range e.args {
			if err := resolve(a); err != nil {
				return err
			}
		}
		return nil
	}
	if err := resolve(e); err != nil {
		return nil, err
	}
	return e, nil
}

func (b *builder) unknown(name string) string {
	all := make([]string, 0, len(b.names))
	for n := range b.names {
		all = append(all, n)
	}
	sortStrings(all)
	if near := nearest(name, all); near != "" {
		return fmt.Sprintf("%q is not an input, a series or t, year; did you mean %s?", name, near)
	}
	return fmt.Sprintf("%q is not an input, a series or t, year, horizon, base_year", name)
}

// order puts the series in dependency order: each after the series its
// formula names (prev does not count), file order otherwise. A loop is
// refused with every series in it.
func (b *builder) order(trees []*expr) ([]int, error) {
	const (
		white = iota
		grey
		black
	)
	colour := make([]int, len(trees))
	var order []int
	var stack []int
	var visit func(i int) error
	visit = func(i int) error {
		colour[i] = grey
		stack = append(stack, i)
		for _, ref := range b.refs(trees[i]) {
			j := b.series[ref.name]
			switch colour[j] {
			case grey:
				// the loop is the stack from j on
				k := len(stack) - 1
				for stack[k] != j {
					k--
				}
				loop := stack[k:]
				names := make([]string, 0, len(loop)+1)
				for _, s := range loop {
					names = append(names, b.m.Series[s].ID)
				}
				names = append(names, b.m.Series[j].ID)
				s := &b.m.Series[i]
				msg := fmt.Sprintf("the series depend on each other in a loop: %s; break it, for instance with prev(%s)", strings.Join(names, " → "), ref.name)
				if len(loop) == 1 {
					msg = fmt.Sprintf("%s depends on itself; use prev(%s) for last year's value", s.ID, s.ID)
				}
				return &FormulaError{What: "series", Series: s.ID, Col: column(s.Formula, ref.pos), Msg: msg, Formula: s.Formula}
			case white:
				if err := visit(j); err != nil {
					return err
				}
			}
		}
		stack = stack[:len(stack)-1]
		colour[i] = black
		order = append(order, i)
		return nil
	}
	for i := range trees {
		if colour[i] == white {
			if err := visit(i); err != nil {
				return nil, err
			}
		}
	}
	return order, nil
}

// refs lists the series a formula names outside prev(…), in order.
func (b *builder) refs(e *expr) []*expr {
	var out []*expr
	var walk func(e *expr)
	walk = func(e *expr) {
		switch {
		case e.kind == exprName:
			if r := b.names[e.name]; r.kind == 's' {
				out = append(out, e)
			}
			return
		case e.kind == exprCall && e.op == "prev":
			return
		}
		for _, a := range e.args {
			walk(a)
		}
	}
	walk(e)
	return out
}

// add returns the node for n, making it if it is new. Constant arguments
// are worked out at once.
func (b *builder) add(n node) int32 {
	if !n.op.leaf() {
		args := b.args(n)
		allConst, inv := true, true
		for _, a := range args {
			an := &b.p.nodes[a]
			allConst = allConst && an.op == opConst
			inv = inv && an.inv
		}
		if allConst && n.op != opPowT && n.op != opExpStep {
			var vals [3]float64
			for i, a := range args {
				vals[i] = b.p.nodes[a].k
			}
			return b.constant(apply(n.op, vals[0], vals[1], vals[2]))
		}
		n.inv = inv && n.op != opPowT && n.op != opExpStep
	} else {
		n.inv = n.op == opConst || n.op == opInput || n.op == opHorizon
	}
	if i, ok := b.index[n]; ok {
		return i
	}
	i := int32(len(b.p.nodes))
	b.p.nodes = append(b.p.nodes, n)
	b.index[n] = i
	return i
}

func (b *builder) constant(v float64) int32 {
	if v == 0 {
		v = 0 // one node for 0 and −0
	}
	return b.add(node{op: opConst, k: v, a: -1, b: -1, c: -1})
}

// args are a node's arguments by arity.
func (b *builder) args(n node) []int32 {
	switch n.op {
	case opNeg, opAbs, opExp, opLog, opSqrt, opPowT:
		return []int32{n.a}
	case opExpStep:
		return []int32{n.a, n.b}
	case opSelect, opBassF:
		return []int32{n.a, n.b, n.c}
	}
	return []int32{n.a, n.b}
}

func (b *builder) op1(op opcode, a int32) int32 { return b.add(node{op: op, a: a, b: -1, c: -1}) }
func (b *builder) op2(op opcode, a, c int32) int32 {
	// What leaves a value unchanged, and division by a power of two, which
	// multiplying by its inverse does exactly (and far faster).
	isConst := func(i int32, v float64) bool { return b.p.nodes[i].op == opConst && b.p.nodes[i].k == v }
	switch {
	case op == opMul && isConst(c, 1), op == opDiv && isConst(c, 1), (op == opAdd || op == opSub) && isConst(c, 0):
		return a
	case op == opMul && isConst(a, 1), op == opAdd && isConst(a, 0):
		return c
	case op == opDiv && b.p.nodes[c].op == opConst:
		if k := b.p.nodes[c].k; k != 0 && !math.IsInf(k, 0) {
			if frac, _ := math.Frexp(k); frac == 0.5 || frac == -0.5 {
				return b.add(node{op: opMul, a: a, b: b.constant(1 / k), c: -1})
			}
		}
	}
	return b.add(node{op: op, a: a, b: c, c: -1})
}

var binaryOps = map[string]opcode{
	"+": opAdd, "-": opSub, "*": opMul, "/": opDiv, "^": opPow,
	"<": opLt, "<=": opLe, ">": opGt, ">=": opGe, "==": opEq, "!=": opNe,
	"and": opAnd, "or": opOr,
}

// build turns a resolved tree into nodes.
func (b *builder) build(e *expr) int32 {
	switch e.kind {
	case exprNum:
		return b.constant(e.num)
	case exprName:
		r := b.names[e.name]
		switch r.kind {
		case 'i':
			return b.add(node{op: opInput, a: int32(r.index), b: -1, c: -1})
		case 's':
			return b.p.series[r.index]
		}
		switch e.name {
		case "t":
			return b.add(node{op: opT, a: -1, b: -1, c: -1})
		case "year":
			return b.add(node{op: opYear, a: -1, b: -1, c: -1})
		case "horizon":
			return b.add(node{op: opHorizon, a: -1, b: -1, c: -1})
		default: // base_year
			return b.constant(float64(b.m.BaseYear))
		}
	case exprUnary:
		return b.op1(opNeg, b.build(e.args[0]))
	case exprBinary:
		x, y := b.build(e.args[0]), b.build(e.args[1])
		if e.op == "^" {
			return b.pow(x, y)
		}
		return b.op2(binaryOps[e.op], x, y)
	}
	// a call
	args := make([]int32, len(e.args))
	if e.op != "prev" {
		for i, a := range e.args {
			args[i] = b.build(a)
		}
	}
	switch e.op {
	case "min", "max":
		op := opMin
		if e.op == "max" {
			op = opMax
		}
		acc := args[0]
		for _, a := range args[1:] {
			acc = b.op2(op, acc, a)
		}
		return acc
	case "clamp":
		return b.op2(opMin, b.op2(opMax, args[0], args[1]), args[2])
	case "if":
		return b.add(node{op: opSelect, a: args[0], b: args[1], c: args[2]})
	case "abs":
		return b.op1(opAbs, args[0])
	case "exp":
		return b.exp(args[0])
	case "log":
		return b.op1(opLog, args[0])
	case "sqrt":
		return b.op1(opSqrt, args[0])
	case "bass":
		return b.bass(args[0], args[1], args[2])
	case "prev":
		return b.add(node{op: opPrev, a: int32(b.series[e.args[0].name]), b: -1, c: -1})
	}
	panic("market: unknown function " + e.op) // parse refuses it first
}

// pow builds x^y: by a running product when y is t, by multiplication or a
// square root for the small constant powers, math.Pow otherwise.
func (b *builder) pow(x, y int32) int32 {
	yn := b.p.nodes[y]
	switch {
	case yn.op == opT && b.p.nodes[x].inv:
		return b.op1(opPowT, x)
	case yn.op == opConst:
		switch yn.k {
		case 0:
			return b.constant(1)
		case 1:
			return x
		case 2:
			return b.op2(opMul, x, x)
		case 3:
			return b.op2(opMul, b.op2(opMul, x, x), x)
		case 0.5:
			return b.op1(opSqrt, x)
		}
	}
	return b.op2(opPow, x, y)
}

// exp builds e^x; when x changes by the same amount every year (k·t plus
// anything fixed) it is a step: one multiplication a year.
func (b *builder) exp(x int32) int32 {
	if !b.p.nodes[x].inv {
		if slope := b.slope(x); slope >= 0 {
			return b.op2(opExpStep, x, b.op1(opExp, slope))
		}
	}
	return b.op1(opExp, x)
}

// slope is the node of how much x grows a year when x is linear in t with
// a slope that does not change over the years, or −1.
func (b *builder) slope(x int32) int32 {
	n := b.p.nodes[x]
	switch {
	case n.inv:
		return b.constant(0)
	case n.op == opT || n.op == opYear:
		return b.constant(1)
	}
	switch n.op {
	case opAdd, opSub:
		sa, sb := b.slope(n.a), b.slope(n.b)
		if sa < 0 || sb < 0 {
			return -1
		}
		return b.op2(n.op, sa, sb)
	case opNeg:
		if sa := b.slope(n.a); sa >= 0 {
			return b.op1(opNeg, sa)
		}
	case opMul:
		if b.p.nodes[n.a].inv {
			if sb := b.slope(n.b); sb >= 0 {
				return b.op2(opMul, n.a, sb)
			}
		}
		if b.p.nodes[n.b].inv {
			if sa := b.slope(n.a); sa >= 0 {
				return b.op2(opMul, sa, n.b)
			}
		}
	}
	return -1
}

// bass builds §2's F(s) = (1 − e)/(1 + (q/p)·e), e = e^(−(p+q)s), 0 when
// s ≤ 0 or p ≤ 0, from plain nodes, so the parts that do not change over
// the years are hoisted.
func (b *builder) bass(p, q, s int32) int32 {
	e := b.exp(b.op2(opMul, b.op1(opNeg, b.op2(opAdd, p, q)), s))
	ok := b.op2(opAnd, b.op2(opGt, s, b.constant(0)), b.op2(opGt, p, b.constant(0)))
	return b.add(node{op: opBassF, a: e, b: b.op2(opDiv, q, p), c: ok})
}

// apply is one operation on numbers: the meaning of every opcode.
func apply(op opcode, x, y, z float64) float64 {
	switch op {
	case opNeg:
		return -x
	case opAbs:
		return math.Abs(x)
	case opExp, opExpStep:
		return math.Exp(x)
	case opLog:
		return math.Log(x)
	case opSqrt:
		return math.Sqrt(x)
	case opAdd:
		return x + y
	case opSub:
		return x - y
	case opMul:
		return x * y
	case opDiv:
		if y == 0 {
			return 0
		}
		return x / y
	case opPow:
		return math.Pow(x, y)
	case opLt:
		return truth(x < y)
	case opLe:
		return truth(x <= y)
	case opGt:
		return truth(x > y)
	case opGe:
		return truth(x >= y)
	case opEq:
		return truth(x == y)
	case opNe:
		return truth(x != y)
	case opAnd:
		return truth(x != 0 && y != 0)
	case opOr:
		return truth(x != 0 || y != 0)
	case opMin:
		return math.Min(x, y)
	case opMax:
		return math.Max(x, y)
	case opSelect:
		if x != 0 {
			return y
		}
		return z
	case opBassF:
		if z != 0 {
			return (1 - x) / (1 + y*x)
		}
		return 0
	}
	return math.NaN()
}

func truth(c bool) float64 {
	if c {
		return 1
	}
	return 0
}

// schedule cuts the part of the graph that roots need: their nodes and
// everything they read, and for each prev(s) read, series s itself.
func (p *program) schedule(roots []int32) schedule {
	live := make([]bool, len(p.nodes))
	var mark func(i int32)
	mark = func(i int32) {
		if i < 0 || live[i] {
			return
		}
		live[i] = true
		n := &p.nodes[i]
		switch {
		case n.op == opPrev:
			mark(p.series[n.a])
		case !n.op.leaf():
			mark(n.a)
			mark(n.b)
			mark(n.c)
		}
	}
	for _, r := range roots {
		mark(r)
	}
	var s schedule
	s.live = live
	for i := range p.nodes {
		if !live[i] {
			continue
		}
		n := &p.nodes[i]
		switch {
		case n.op == opPrev:
			s.prevs = append(s.prevs, int32(i))
			s.leaves = append(s.leaves, int32(i))
		case n.op == opT || n.op == opYear:
			s.ts = append(s.ts, int32(i))
		case n.op.leaf():
			s.leaves = append(s.leaves, int32(i))
		case n.inv:
			s.pre = append(s.pre, int32(i))
		default:
			s.year = append(s.year, int32(i))
		}
	}
	s.cols = p.columnOrder(live)
	// The values that do not change over the years are worked out once;
	// those a year-varying instruction reads, and the series among them,
	// are then copied down their column.
	spread := make([]bool, len(p.nodes))
	for _, i := range s.year {
		n := &p.nodes[i]
		for _, a := range [3]int32{n.a, n.b, n.c} {
			if a >= 0 && p.nodes[a].inv {
				spread[a] = true
			}
		}
	}
	for _, i := range roots {
		spread[i] = spread[i] || p.nodes[i].inv
	}
	for i, ok := range spread {
		if ok {
			s.spread = append(s.spread, int32(i))
		}
	}
	return s
}

// columnOrder is the order of schedule.cols, or nil when a prev leads
// back to itself.
func (p *program) columnOrder(live []bool) []int32 {
	const (
		white = iota
		grey
		black
	)
	colour := make([]uint8, len(p.nodes))
	var order []int32
	var visit func(i int32) bool
	visit = func(i int32) bool {
		if i < 0 || colour[i] == black {
			return true
		}
		if colour[i] == grey {
			return false
		}
		colour[i] = grey
		n := &p.nodes[i]
		switch {
		case n.op == opPrev:
			if !visit(p.series[n.a]) {
				return false
			}
		case !n.op.leaf():
			if !visit(n.a) || !visit(n.b) || !visit(n.c) {
				return false
			}
		}
		colour[i] = black
		if n.op == opPrev || !n.op.leaf() && !n.inv {
			order = append(order, i)
		}
		return true
	}
	for i := range p.nodes {
		if live[i] && !visit(int32(i)) {
			return nil
		}
	}
	return order
}

// inputsRead lists the inputs a schedule reads, by ID.
func (p *program) inputsRead(s *schedule, dst []bool) {
	for i := range p.nodes {
		if s.live[i] && p.nodes[i].op == opInput {
			dst[p.nodes[i].a] = true
		}
	}
}

func sortStrings(s []string) { slices.Sort(s) }

// InputsOf lists the inputs series o's own formula names, in the file's
// order (not those of the series it names).
func (m *Market) InputsOf(o Output) []ID {
	p := m.prog
	root := p.series[o]
	other := map[int32]bool{}
	for i, n := range p.series {
		if Output(i) != o && n != root {
			other[n] = true
		}
	}
	read := make([]bool, len(m.Inputs))
	seen := map[int32]bool{}
	var walk func(i int32)
	walk = func(i int32) {
		if i < 0 || seen[i] || other[i] {
			return
		}
		seen[i] = true
		n := &p.nodes[i]
		switch {
		case n.op == opInput:
			read[n.a] = true
		case !n.op.leaf():
			walk(n.a)
			walk(n.b)
			walk(n.c)
		}
	}
	walk(root)
	var ids []ID
	for id, ok := range read {
		if ok {
			ids = append(ids, ID(id))
		}
	}
	return ids
}
