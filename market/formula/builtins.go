package formula

import (
	"fmt"
	"math"
)

// Builtin is one function of the language. The table below is the only
// list of them: the parser, the compiler, the error messages and doc.go
// (TestDocListsTheTable) all read it.
type Builtin struct {
	Name      string
	Signature string // as the reference writes it: "clamp(x, lo, hi)"
	Min, Max  int    // how many arguments; Max < 0: any number from Min
	Meaning   string // one line, for the reference and for errors
	// A function of one number has its scalar form, and the compiler
	// makes it an OpFunc node; vector, when set, is a faster loop over a
	// slice than calling scalar for each value.
	scalar func(float64) float64
	vector func(d, a []float64)
	// Any other function says how it becomes the IR's nodes.
	lower func(c *Compiler, args []int32, call *Call) int32
	// series: the one argument is the name of a series, not a value (prev).
	series bool
	// reduce: the first argument is a value with dimensions, the second
	// (if any) the name of one of them, and the call adds (or averages)
	// its items: sum, mean. The compiler builds it item by item.
	reduce, mean bool
}

// builtins is the table. It is filled in init because the lowerings call
// the compiler, which reads the table.
var builtins []Builtin

func init() {
	builtins = []Builtin{
		{Name: "min", Signature: "min(a, b, …)", Min: 1, Max: -1, Meaning: "the smallest of its arguments",
			lower: func(c *Compiler, a []int32, _ *Call) int32 { return c.fold(OpMin, a) }},
		{Name: "max", Signature: "max(a, b, …)", Min: 1, Max: -1, Meaning: "the largest of its arguments",
			lower: func(c *Compiler, a []int32, _ *Call) int32 { return c.fold(OpMax, a) }},
		{Name: "clamp", Signature: "clamp(x, lo, hi)", Min: 3, Max: 3, Meaning: "x held between lo and hi: min(max(x, lo), hi)",
			lower: func(c *Compiler, a []int32, _ *Call) int32 { return c.op2(OpMin, c.op2(OpMax, a[0], a[1]), a[2]) }},
		{Name: "if", Signature: "if(c, a, b)", Min: 3, Max: 3, Meaning: "a when c is true (not 0), b otherwise",
			lower: func(c *Compiler, a []int32, _ *Call) int32 {
				return c.add(Node{Op: OpSelect, A: a[0], B: a[1], C: a[2]})
			}},
		{Name: "abs", Signature: "abs(x)", Min: 1, Max: 1, Meaning: "x without its sign", scalar: math.Abs},
		{Name: "exp", Signature: "exp(x)", Min: 1, Max: 1, Meaning: "e to the power x",
			lower: func(c *Compiler, a []int32, _ *Call) int32 { return c.exp(a[0]) }},
		{Name: "log", Signature: "log(x)", Min: 1, Max: 1, Meaning: "the natural logarithm of x", scalar: math.Log},
		{Name: "sqrt", Signature: "sqrt(x)", Min: 1, Max: 1, Meaning: "the square root of x", scalar: math.Sqrt},
		{Name: "round", Signature: "round(x)", Min: 1, Max: 1, Meaning: "x to the nearest whole number, halves away from 0 (Excel's ROUND(x, 0))", scalar: math.Round},
		{Name: "bass", Signature: "bass(p, q, s)", Min: 3, Max: 3,
			Meaning: "Bass's share adopted after s years, (1 − e^(−(p+q)s)) / (1 + (q/p)·e^(−(p+q)s)); 0 when s ≤ 0 or p ≤ 0",
			lower:   func(c *Compiler, a []int32, _ *Call) int32 { return c.bass(a[0], a[1], a[2]) }},
		{Name: "sum", Signature: "sum(x [, dim])", Min: 1, Max: 2, reduce: true,
			Meaning: "x added up over all its items, or over the items of one dimension"},
		{Name: "mean", Signature: "mean(x [, dim])", Min: 1, Max: 2, reduce: true, mean: true,
			Meaning: "x averaged over all its items, or over the items of one dimension"},
		{Name: "prev", Signature: "prev(name)", Min: 1, Max: 1, Meaning: "that series in the previous year; 0 in the base year", series: true},
	}
}

// Builtins lists the language's functions, in the reference's order.
func Builtins() []Builtin { return builtins }

func lookupBuiltin(name string) *Builtin {
	for i := range builtins {
		if builtins[i].Name == name {
			return &builtins[i]
		}
	}
	return nil
}

func builtinNames() []string {
	names := make([]string, len(builtins))
	for i, b := range builtins {
		names[i] = b.Name
	}
	return names
}

// index is the builtin's place in the table, an OpFunc node's Fn.
func (b *Builtin) index() uint8 {
	for i := range builtins {
		if &builtins[i] == b {
			return uint8(i)
		}
	}
	panic("formula: " + b.Name + " is not in the table")
}

// arityError is the refusal of a call with n arguments, or "".
func (b *Builtin) arityError(n int) string {
	switch {
	case b.Max < 0 && n < b.Min && b.Min == 1:
		return fmt.Sprintf("%s(…) takes one or more arguments, got %s", b.Name, count(n))
	case b.Max < 0 && n < b.Min:
		return fmt.Sprintf("%s(…) takes %d or more arguments, got %s", b.Name, b.Min, count(n))
	case b.Max >= 0 && (n < b.Min || n > b.Max) && b.Min == b.Max:
		return fmt.Sprintf("%s(…) takes %d argument%s, got %d", b.Name, b.Min, plural(b.Min), n)
	case b.Max >= 0 && (n < b.Min || n > b.Max):
		return fmt.Sprintf("%s(…) takes %d to %d arguments, got %d", b.Name, b.Min, b.Max, n)
	}
	return ""
}

func count(n int) string {
	if n == 0 {
		return "none"
	}
	return fmt.Sprint(n)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
