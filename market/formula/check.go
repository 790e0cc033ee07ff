package formula

import (
	"fmt"
	"slices"
	"strings"
)

// The checker: every name a formula reads is resolved against the market's
// inputs and series and the language's own names, prev's rule is kept,
// and the series are put in dependency order, a loop refused whole.

// RefKind is what a name stands for.
type RefKind uint8

const (
	RefNone     RefKind = iota
	RefInput            // Index: the input
	RefSeries           // Index: the series
	RefT                // years since the base year
	RefYear             // the calendar year
	RefHorizon          // years projected after the base year
	RefBaseYear         // the first year
	RefTable            // Index: the table
	RefDim              // Index: the dimension (only as sum's or mean's second argument)
)

// Ref is what a name resolved to.
type Ref struct {
	Kind  RefKind
	Index int
}

// Env is what a market's formulas may name: its inputs and series by id
// (in the market's order) and its base year; and, for a market split by
// dimensions (DESIGN.md §10), its dimensions, which inputs and series have
// which, and its tables of figures by year.
type Env struct {
	Inputs, Series []string
	BaseYear       int

	Dims []Dim
	// InputDims are each input's dimensions (indexes into Dims, ascending;
	// nil for none), when any input has some. An input with dims is one
	// value per item: inputs take consecutive places in the flat list of
	// values (OpInput's A), in order, each its items row by row (the last
	// dimension fastest).
	InputDims [][]int
	// InputPath is, for an input of kind path, its table (the input is a
	// factor on the table's figures); -1 for others. Empty: none.
	InputPath []int
	// SeriesDims are the dimensions each series declares (nil: inferred
	// from its formula); SeriesTotal whether it has a total as well.
	SeriesDims  [][]int
	SeriesTotal []bool
	Tables      []Table
}

// Dim is a dimension: the items a value with it has one of each.
type Dim struct {
	Name  string
	Items []string
}

// Table is figures by year (and by item, Dims): Elems holds one Path per
// item, row by row as an input's.
type Table struct {
	Name  string
	Dims  []int
	Elems []Path
}

// MaxDims is the most dimensions one value has, and MaxItems the most
// items (their product).
const (
	MaxDims  = 3
	MaxItems = 1000
)

// languageNames are the names every formula knows besides the market's.
var languageNames = []struct {
	name string
	kind RefKind
}{{"t", RefT}, {"year", RefYear}, {"horizon", RefHorizon}, {"base_year", RefBaseYear}}

// Reserved reports whether name is a word of the language (a function,
// and, or, t, year, horizon, base_year), which no input or series may take.
func Reserved(name string) bool {
	if name == "and" || name == "or" || lookupBuiltin(name) != nil {
		return true
	}
	for _, n := range languageNames {
		if n.name == name {
			return true
		}
	}
	return false
}

func envNames(env Env) map[string]Ref {
	names := map[string]Ref{}
	for i, n := range env.Inputs {
		names[n] = Ref{RefInput, i}
	}
	for i, n := range env.Series {
		names[n] = Ref{RefSeries, i}
	}
	for i, t := range env.Tables {
		names[t.Name] = Ref{RefTable, i}
	}
	for i, d := range env.Dims {
		names[d.Name] = Ref{RefDim, i}
	}
	for _, n := range languageNames {
		names[n.name] = Ref{Kind: n.kind}
	}
	return names
}

// resolve fills the Ref of every name in e, and keeps prev's rule: its
// argument is the name of a series.
func (c *Compiler) resolve(text string, e Expr) *Error {
	var err *Error
	walk(e, func(x Expr) bool {
		if err != nil {
			return false
		}
		switch x := x.(type) {
		case *Name:
			ref, ok := c.names[x.Name]
			switch {
			case !ok:
				err = errorAt(text, x.At, "%s", c.unknown(x.Name))
			case ref.Kind == RefDim:
				err = errorAt(text, x.At, "%s is a dimension, not a value; sum(x, %s) adds x over its items, and x[item] takes one", x.Name, x.Name)
			}
			x.Ref = ref
		case *Call:
			if x.Fn.series {
				err = c.resolveSeriesArg(text, x)
				return false
			}
			if x.Fn.reduce {
				err = c.resolveReduce(text, x)
				return false
			}
		}
		return true
	})
	return err
}

// resolveReduce resolves sum's or mean's value and, when given, the name
// of the dimension it adds over.
func (c *Compiler) resolveReduce(text string, call *Call) *Error {
	if err := c.resolve(text, call.Args[0]); err != nil {
		return err
	}
	if len(call.Args) < 2 {
		return nil
	}
	a, ok := call.Args[1].(*Name)
	if !ok {
		return errorAt(text, call.Args[1].Span(), "%s(x, dim) takes the name of a dimension second; the dimensions are %s", call.Fn.Name, c.dimNames())
	}
	ref, ok := c.names[a.Name]
	if !ok || ref.Kind != RefDim {
		msg := fmt.Sprintf("%s(x, %s): %q is not a dimension; the dimensions are %s", call.Fn.Name, a.Name, a.Name, c.dimNames())
		if near := Nearest(a.Name, c.dimList()); near != "" {
			msg = fmt.Sprintf("%s(x, %s): %q is not a dimension; did you mean %s?", call.Fn.Name, a.Name, a.Name, near)
		}
		return errorAt(text, a.At, "%s", msg)
	}
	a.Ref = ref
	return nil
}

func (c *Compiler) dimList() []string {
	out := make([]string, len(c.env.Dims))
	for i, d := range c.env.Dims {
		out[i] = d.Name
	}
	return out
}

func (c *Compiler) dimNames() string {
	if len(c.env.Dims) == 0 {
		return "none: the market declares no [[dimension]]"
	}
	return strings.Join(c.dimList(), ", ")
}

func (c *Compiler) resolveSeriesArg(text string, call *Call) *Error {
	a, ok := call.Args[0].(*Name)
	if !ok {
		return errorAt(text, call.Args[0].Span(), "%s(…) takes the name of a series", call.Fn.Name)
	}
	ref, ok := c.names[a.Name]
	switch {
	case !ok:
		return errorAt(text, a.At, "%s", c.unknown(a.Name))
	case ref.Kind != RefSeries:
		return errorAt(text, a.At, "%s(%s): %s is not a series; %s takes a series, whose value changes from year to year", call.Fn.Name, a.Name, a.Name, call.Fn.Name)
	}
	a.Ref = ref
	return nil
}

func (c *Compiler) unknown(name string) string {
	all := make([]string, 0, len(c.names))
	for n, r := range c.names {
		if r.Kind != RefDim {
			all = append(all, n)
		}
	}
	slices.Sort(all)
	if near := Nearest(name, all); near != "" {
		return fmt.Sprintf("%q is not %s or t, year; did you mean %s?", name, c.kinds(), near)
	}
	return fmt.Sprintf("%q is not %s or t, year, horizon, base_year", name, c.kinds())
}

// kinds names what a market's names are, for "is not …".
func (c *Compiler) kinds() string {
	if len(c.env.Tables) > 0 {
		return "an input, a series, a table"
	}
	return "an input, a series"
}

// seriesRead lists the names of series a formula reads outside prev(…), in
// order: what it depends on this year.
func seriesRead(e Expr) []*Name {
	var out []*Name
	walk(e, func(x Expr) bool {
		switch x := x.(type) {
		case *Name:
			if x.Ref.Kind == RefSeries {
				out = append(out, x)
			}
		case *Call:
			return !x.Fn.series
		}
		return true
	})
	return out
}

// order puts the series in dependency order: each after the series its
// formula names (prev does not count), file order otherwise. A loop is
// refused with every series in it.
func (c *Compiler) order(texts []string, trees []Expr) ([]int, error) {
	const (
		white = iota
		grey
		black
	)
	colour := make([]int, len(trees))
	var order, stack []int
	var visit func(i int) error
	visit = func(i int) error {
		colour[i] = grey
		stack = append(stack, i)
		for _, ref := range seriesRead(trees[i]) {
			j := ref.Ref.Index
			switch colour[j] {
			case grey:
				return c.loopError(stack[slices.Index(stack, j):], texts[i], ref)
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

// loopError names the whole loop: the series on the stack from the one
// named again, and that one once more. It is the last series' error, at
// the name that closes the loop.
func (c *Compiler) loopError(loop []int, text string, ref *Name) *Error {
	last := loop[len(loop)-1]
	names := make([]string, 0, len(loop)+1)
	for _, s := range loop {
		names = append(names, c.env.Series[s])
	}
	names = append(names, ref.Name)
	msg := fmt.Sprintf("the series depend on each other in a loop: %s; break it, for instance with prev(%s)", strings.Join(names, " → "), ref.Name)
	if len(loop) == 1 {
		msg = fmt.Sprintf("%s depends on itself; use prev(%s) for last year's value", ref.Name, ref.Name)
	}
	e := errorAt(text, ref.At, "%s", msg)
	e.Owner = c.seriesOwner(last)
	return e
}

func (c *Compiler) seriesOwner(i int) Owner {
	return Owner{Kind: SeriesFormula, ID: c.env.Series[i], Index: i}
}

// Ident is a name a formula reads, and where.
type Ident struct {
	Name string
	Span Span
}

// Names lists the names a formula reads (inputs, series, t, year…, not
// functions), in the order they appear, with their places: for a reader
// that shows a formula in other words. It does not know the market, so
// it does not say whether the names exist.
func Names(src string) ([]Ident, error) {
	e, err := Parse(src)
	if err != nil {
		return nil, err
	}
	var out []Ident
	walk(e, func(x Expr) bool {
		if n, ok := x.(*Name); ok {
			out = append(out, Ident{n.Name, n.At})
		}
		return true
	})
	slices.SortFunc(out, func(a, b Ident) int { return a.Span.Start - b.Span.Start })
	return out, nil
}
