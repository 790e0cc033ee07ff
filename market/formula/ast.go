package formula

// The tree a formula parses into. Each kind of node is its own Go type, so
// a switch over them is checked by the compiler, not by string compares.

// Expr is a node of a parsed formula.
type Expr interface {
	// Span is where the node is in the formula: a number's or name's text,
	// an operator's sign, a call's function name.
	Span() Span
}

// Num is a number written in the formula.
type Num struct {
	Value float64
	At    Span
}

// Name is a name read by the formula: an input, a series, t, year, horizon
// or base_year. Ref is filled when the formula is checked.
type Name struct {
	Name string
	At   Span
	Ref  Ref
}

// Neg is unary minus; it binds looser than ^, so -2^2 is −4.
type Neg struct {
	X  Expr
	At Span
}

// Binary is x op y.
type Binary struct {
	Op   BinaryOp
	X, Y Expr
	At   Span // the operator
}

// Call is a built-in function applied to its arguments.
type Call struct {
	Fn   *Builtin
	Args []Expr
	At   Span // the function's name
}

// Index is one item of a value with dimensions: units[north]. The checker
// finds the item's dimension among the value's (Dim) and its place in it
// (Pos).
type Index struct {
	X        Expr
	Item     string
	At       Span // the item's name
	Dim, Pos int
}

func (e *Num) Span() Span    { return e.At }
func (e *Index) Span() Span  { return e.At }
func (e *Name) Span() Span   { return e.At }
func (e *Neg) Span() Span    { return e.At }
func (e *Binary) Span() Span { return e.At }
func (e *Call) Span() Span   { return e.At }

// BinaryOp is an infix operator.
type BinaryOp uint8

const (
	Add BinaryOp = iota
	Sub
	Mul
	Div
	Pow
	Lt
	Le
	Gt
	Ge
	Eq
	Ne
	And
	Or
)

var binarySigns = [...]string{Add: "+", Sub: "-", Mul: "*", Div: "/", Pow: "^", Lt: "<", Le: "<=", Gt: ">", Ge: ">=", Eq: "==", Ne: "!=", And: "and", Or: "or"}

func (o BinaryOp) String() string { return binarySigns[o] }

// levels are the binary operators from loosest to tightest, each level
// left-associative; ^ is above them all and right-associative (parser.power).
var levels = [][]BinaryOp{{Or}, {And}, {Lt, Le, Gt, Ge, Eq, Ne}, {Add, Sub}, {Mul, Div}}

// walk calls f on e and every node under it, parents first; f returning
// false skips a node's children.
func walk(e Expr, f func(Expr) bool) {
	if !f(e) {
		return
	}
	switch e := e.(type) {
	case *Neg:
		walk(e.X, f)
	case *Index:
		walk(e.X, f)
	case *Binary:
		walk(e.X, f)
		walk(e.Y, f)
	case *Call:
		for _, a := range e.Args {
			walk(a, f)
		}
	}
}
