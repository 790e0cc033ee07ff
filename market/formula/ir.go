package formula

import "math"

// The IR: a market's formulas as one graph of nodes (Program), each an
// operation on the nodes before it. Apply is each operation's meaning on
// numbers; Vector is the same over slices (a block of Monte Carlo samples,
// or a node's years).

// Op is what a node does.
type Op uint8

const (
	// leaves: filled before the instructions run
	OpConst   Op = iota
	OpInput      // A: the input
	OpT          // years since the base year
	OpYear       // the calendar year
	OpHorizon    // years projected after the base year
	OpTable      // A: a table's item (Program.Tables), its figure this year
	OpPrev       // A: the series, its value the year before (0 in the base year)
	// instructions
	OpNeg
	OpExp
	OpFunc // a built-in of one number: Fn is its place in the table
	OpAdd
	OpSub
	OpMul
	OpDiv // 0 when the divisor is 0
	OpPow
	OpLt
	OpLe
	OpGt
	OpGe
	OpEq
	OpNe
	OpAnd
	OpOr
	OpMin
	OpMax
	OpSelect // A ≠ 0 ? B : C
	OpPowT   // A^t, as a running product over the years
	// e^A where A grows by the same amount s each year: e^A in the base
	// year, then times B = e^s a year (one multiplication, not an
	// exponential, per sample and year in Monte Carlo)
	OpExpStep
	// Bass's F from its parts: C ≠ 0 ? (1 − A)/(1 + B·A) : 0, with A =
	// e^(−(p+q)s), B = q/p and C whether s > 0 and p > 0
	OpBassF
)

// Leaf reports whether op is filled in rather than computed.
func (o Op) Leaf() bool { return o <= OpPrev }

// Node is one value of the graph. Its arguments (A, B, C; −1 when unused)
// come before it, so the node order is an evaluation order.
type Node struct {
	Op      Op
	Fn      uint8 // OpFunc: the built-in
	A, B, C int32
	K       float64 // OpConst: the value
	Inv     bool    // the same in every year
}

// Args are the node's arguments in use.
func (n *Node) Args() []int32 {
	switch {
	case n.Op.Leaf():
		return nil
	case n.B < 0:
		return []int32{n.A}
	case n.C < 0:
		return []int32{n.A, n.B}
	}
	return []int32{n.A, n.B, n.C}
}

// Apply is node n's operation on numbers: the meaning of every opcode.
func Apply(n *Node, x, y, z float64) float64 {
	switch n.Op {
	case OpNeg:
		return -x
	case OpExp, OpExpStep:
		return math.Exp(x)
	case OpFunc:
		return builtins[n.Fn].scalar(x)
	case OpAdd:
		return x + y
	case OpSub:
		return x - y
	case OpMul:
		return x * y
	case OpDiv:
		if y == 0 {
			return 0
		}
		return x / y
	case OpPow:
		return math.Pow(x, y)
	case OpMin: // Go's min and max, as Vector's loops: NaN wins, even over ±Inf
		return min(x, y)
	case OpMax:
		return max(x, y)
	case OpSelect:
		if x != 0 {
			return y
		}
		return z
	case OpBassF:
		if z != 0 {
			return (1 - x) / (1 + y*x)
		}
		return 0
	case OpLt:
		return Truth(x < y)
	case OpLe:
		return Truth(x <= y)
	case OpGt:
		return Truth(x > y)
	case OpGe:
		return Truth(x >= y)
	case OpEq:
		return Truth(x == y)
	case OpNe:
		return Truth(x != y)
	case OpAnd:
		return Truth(x != 0 && y != 0)
	case OpOr:
		return Truth(x != 0 || y != 0)
	}
	return math.NaN()
}

// Path is one item of a table: figures by year, linear (or, Step, held)
// between the years given and held flat before the first and after the
// last. Years ascend.
type Path struct {
	Years  []int
	Values []float64
	Step   bool
}

// At is the path's figure in year.
func (p *Path) At(year int) float64 {
	n := len(p.Years)
	switch {
	case n == 0:
		return 0
	case year <= p.Years[0]:
		return p.Values[0]
	case year >= p.Years[n-1]:
		return p.Values[n-1]
	}
	i := 1
	for p.Years[i] < year {
		i++
	}
	if p.Years[i] == year {
		return p.Values[i]
	}
	if p.Step {
		return p.Values[i-1]
	}
	y0, y1 := float64(p.Years[i-1]), float64(p.Years[i])
	return p.Values[i-1] + (p.Values[i]-p.Values[i-1])*(float64(year)-y0)/(y1-y0)
}

// TimeLeaf is the value of a leaf that changes with the year (t, year, a
// table's figure) in row t, calendar year base + t.
func (p *Program) TimeLeaf(n *Node, base, t int) float64 {
	switch n.Op {
	case OpT:
		return float64(t)
	case OpYear:
		return float64(base + t)
	}
	return p.Tables[n.A].At(base + t)
}

// Truth is 1 for true, 0 for false: what comparisons give.
func Truth(c bool) float64 {
	if c {
		return 1
	}
	return 0
}
