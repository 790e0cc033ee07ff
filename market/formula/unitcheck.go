package formula

import (
	"fmt"
	"math"
)

// The unit checker: it works out the unit of a checked tree (names
// resolved) and refuses, at the operator or function, what mixes units:
// + - min max clamp, if's branches and comparisons need one unit; * and /
// multiply and divide units; exp, log, sqrt, bass and ^'s exponent need
// plain numbers. A bare number has no unit of its own, like Go's untyped
// constants: it takes the unit it is added to or compared with, and is a
// plain number in * and /.

// Typed is an expression's unit as the checker works it out. Untyped is
// an expression of bare numbers alone (its Unit is plain), which takes
// the unit of what it meets.
type Typed struct {
	Unit    Unit
	Untyped bool
}

// Known is a value of unit u.
func Known(u Unit) Typed { return Typed{Unit: u} }

// UnitRules say what the checker cannot know by itself.
type UnitRules struct {
	// Name is the unit of a name the formula reads that is not t, year,
	// horizon or base_year: an input, a series (its declared unit), a
	// table. ok false: the name has no unit known, and is a plain number.
	Name func(n *Name) (Unit, bool)
	// Other is the unit of a node the checker does not know: a kind of
	// node or a function added after it. sub works out the unit of any
	// part of it (with the same rules), errors included. Nil: such a node
	// is a programming error, and the checker panics.
	Other func(e Expr, sub func(Expr) (Typed, error)) (Typed, error)
}

// UnitOf works out the unit of e, a checked tree of text. The error is an
// *Error without an owner, at the operator or function that mixes units.
func UnitOf(text string, e Expr, rules UnitRules) (Typed, error) {
	c := &unitChecker{text: text, rules: rules}
	return c.infer(e)
}

type unitChecker struct {
	text  string
	rules UnitRules
}

var plain = Typed{}

func (c *unitChecker) infer(e Expr) (Typed, error) {
	switch e := e.(type) {
	case *Num:
		return Typed{Untyped: true}, nil
	case *Name:
		return c.name(e), nil
	case *Index: // an item has its value's unit
		return c.infer(e.X)
	case *Neg:
		return c.infer(e.X)
	case *Binary:
		return c.binary(e)
	case *Call:
		return c.call(e)
	}
	if c.rules.Other == nil {
		panic(fmt.Sprintf("formula: the unit checker does not know a %T; give UnitRules.Other", e))
	}
	return c.rules.Other(e, c.infer)
}

func (c *unitChecker) name(n *Name) Typed {
	switch n.Ref.Kind {
	case RefT, RefYear, RefHorizon, RefBaseYear:
		return plain
	}
	if c.rules.Name != nil {
		if u, ok := c.rules.Name(n); ok {
			return Known(u)
		}
	}
	return plain
}

func (c *unitChecker) binary(e *Binary) (Typed, error) {
	x, err := c.infer(e.X)
	if err != nil {
		return x, err
	}
	y, err := c.infer(e.Y)
	if err != nil {
		return y, err
	}
	switch e.Op {
	case Add, Sub:
		return c.same(e.At, x, y, func(a, b string) string {
			if e.Op == Add {
				return fmt.Sprintf("adds %s and %s; both sides of + need the same unit", a, b)
			}
			return fmt.Sprintf("subtracts %s from %s; both sides of - need the same unit", b, a)
		})
	case Lt, Le, Gt, Ge, Eq, Ne:
		_, err := c.same(e.At, x, y, func(a, b string) string {
			return fmt.Sprintf("compares %s and %s with %s; both sides need the same unit", a, b, e.Op)
		})
		return plain, err
	case And, Or:
		return plain, nil
	case Mul, Div:
		if x.Untyped && y.Untyped {
			return x, nil
		}
		u, ok := x.Unit.Mul(y.Unit)
		verb := "multiplies"
		if e.Op == Div {
			u, ok = x.Unit.Div(y.Unit)
			verb = "divides"
		}
		if !ok {
			return plain, errorAt(c.text, e.At, "%s %s by %s, and the result has too many parts: a unit has at most %d different counts and currencies, each to a power of at most %d", verb, x.Unit, y.Unit, maxFactors, maxPower)
		}
		return Known(u), nil
	}
	return c.pow(e, x, y)
}

// pow is x^y: the exponent a plain number; a whole constant exponent
// raises x's unit to it, any other needs x plain too.
func (c *unitChecker) pow(e *Binary, x, y Typed) (Typed, error) {
	if !y.Unit.IsPlain() {
		return plain, errorAt(c.text, e.At, "raises %s to a power in %s; the exponent of ^ must be a plain number", x.Unit, y.Unit)
	}
	if x.Unit.IsPlain() {
		return Typed{Untyped: x.Untyped && y.Untyped}, nil
	}
	n, whole := wholeConstant(e.Y)
	if !whole {
		return plain, errorAt(c.text, e.At, "raises %s to a power that is not a whole number written in the formula; only a plain number may be raised to any power (write x^2, or divide x by its unit first)", x.Unit)
	}
	u, ok := x.Unit.Pow(n)
	if !ok {
		return plain, errorAt(c.text, e.At, "raises %s to the power %d; a unit's power is at most %d", x.Unit, n, maxPower)
	}
	return Known(u), nil
}

// wholeConstant is the value of an exponent written as a whole number,
// maybe negative: 2, -1, (3).
func wholeConstant(e Expr) (int, bool) {
	switch e := e.(type) {
	case *Num:
		if e.Value == math.Trunc(e.Value) && math.Abs(e.Value) <= maxPower {
			return int(e.Value), true
		}
	case *Neg:
		if n, ok := wholeConstant(e.X); ok {
			return -n, true
		}
	}
	return 0, false
}

// same is the one unit of a and b: an untyped side takes the other's.
// Two units that differ are refused with msg's sentence at span.
func (c *unitChecker) same(at Span, a, b Typed, msg func(a, b string) string) (Typed, error) {
	switch {
	case a.Untyped:
		return b, nil
	case b.Untyped:
		return a, nil
	case a.Unit == b.Unit:
		return a, nil
	}
	return plain, errorAt(c.text, at, "%s", msg(a.Unit.String(), b.Unit.String()))
}

func (c *unitChecker) call(e *Call) (Typed, error) {
	switch e.Fn.Name {
	case "prev":
		if n, ok := e.Args[0].(*Name); ok {
			return c.name(n), nil
		}
	case "sum", "mean":
		return c.infer(e.Args[0]) // the dim, if given, is not a value
	}
	args := make([]Typed, len(e.Args))
	for i, a := range e.Args {
		t, err := c.infer(a)
		if err != nil {
			return t, err
		}
		args[i] = t
	}
	switch e.Fn.Name {
	case "min", "max", "clamp":
		return c.sameArgs(e, args)
	case "if":
		return c.same(e.At, args[1], args[2], func(a, b string) string {
			return fmt.Sprintf("if(…) gives %s in one branch and %s in the other; both branches need the same unit", a, b)
		})
	case "abs", "round":
		return args[0], nil
	case "exp", "log", "sqrt", "bass":
		untyped := true
		for i, a := range args {
			if !a.Unit.IsPlain() {
				return plain, errorAt(c.text, e.At, "%s of %s: %s needs a plain number%s", e.Fn.Name, a.Unit, e.Fn.Signature, argPlace(len(args), i))
			}
			untyped = untyped && a.Untyped
		}
		return Typed{Untyped: untyped && e.Fn.Name != "bass"}, nil
	}
	if c.rules.Other == nil {
		panic("formula: the unit checker does not know " + e.Fn.Name + "; give UnitRules.Other")
	}
	return c.rules.Other(e, c.infer)
}

func argPlace(n, i int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf(" in every argument (argument %d is not)", i+1)
}

// sameArgs is the one unit of min's, max's or clamp's arguments.
func (c *unitChecker) sameArgs(e *Call, args []Typed) (Typed, error) {
	acc := args[0]
	for _, a := range args[1:] {
		var err error
		acc, err = c.same(e.At, acc, a, func(x, y string) string {
			return fmt.Sprintf("%s(…) is given %s and %s; its arguments need the same unit", e.Fn.Name, x, y)
		})
		if err != nil {
			return acc, err
		}
	}
	return acc, nil
}

// SeriesTree is series i's checked tree, once Series has compiled them
// all, for the unit checker (UnitOf).
func (c *Compiler) SeriesTree(i int) Expr { return c.trees[i] }
