package formula

import (
	"fmt"
	"slices"
	"strings"
)

// Dimensions (DESIGN.md §10). A value with dimensions is one number per
// item (per item × item for two): the compiler works out each formula's
// dimensions (its shape) from the names it reads, then builds it once per
// item, so a segmented market is a plain graph of scalar nodes and costs
// what its items cost. Arithmetic works item by item; a value without a
// dimension applies to every item of it (broadcasting); sum and mean add
// up over items, x[item] takes one.

// shape is a value's dimensions, indexes into Env.Dims, ascending: the
// order the market declares them, whatever order a file lists them in.
type shape []int

func union(a, b shape) shape {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := slices.Clone(a)
	for _, d := range b {
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	slices.Sort(out)
	return out
}

func without(s shape, d int) shape {
	return slices.DeleteFunc(slices.Clone(s), func(x int) bool { return x == d })
}

// size is how many items a value of shape s has.
func (c *Compiler) size(s shape) int {
	n := 1
	for _, d := range s {
		n *= len(c.env.Dims[d].Items)
	}
	return n
}

// elem is the place of the item at picks (an item per dimension of the
// market, −1 where none is picked) among a value of shape s's items, row
// by row: the last dimension fastest.
func (c *Compiler) elem(s shape, at []int) int {
	k := 0
	for _, d := range s {
		k = k*len(c.env.Dims[d].Items) + at[d]
	}
	return k
}

// each calls f with at set to every item of shape s in turn, row by row,
// and leaves at as it found it.
func (c *Compiler) each(s shape, at []int, f func()) {
	if len(s) == 0 {
		f()
		return
	}
	d := s[0]
	old := at[d]
	for i := range c.env.Dims[d].Items {
		at[d] = i
		c.each(s[1:], at, f)
	}
	at[d] = old
}

// describe names a shape for messages: "per region × product".
func (c *Compiler) describeShape(s shape) string {
	if len(s) == 0 {
		return "one number (no dimensions)"
	}
	names := make([]string, len(s))
	for i, d := range s {
		names[i] = c.env.Dims[d].Name
	}
	return "per " + strings.Join(names, " × ")
}

// shaper works out the shapes of one formula's nodes, given the shapes of
// the series so far (which grow as the series are worked out, a prev
// reading a series' shape before its formula is visited).
type shaper struct {
	c    *Compiler
	text string
	memo map[Expr]shape
}

func (c *Compiler) shaper(text string) *shaper {
	return &shaper{c: c, text: text, memo: map[Expr]shape{}}
}

func (c *Compiler) nameShape(r Ref) shape {
	switch r.Kind {
	case RefInput:
		var s shape
		if len(c.env.InputDims) > 0 {
			s = c.env.InputDims[r.Index]
		}
		if t := c.pathOf(r.Index); t >= 0 {
			s = union(s, c.env.Tables[t].Dims)
		}
		return s
	case RefSeries:
		return c.shapes[r.Index]
	case RefTable:
		return c.env.Tables[r.Index].Dims
	}
	return nil
}

func (c *Compiler) pathOf(input int) int {
	if len(c.env.InputPath) == 0 {
		return -1
	}
	return c.env.InputPath[input]
}

// of is e's shape, or the refusal of a formula whose dimensions do not
// fit: an item that is not one of its value's, a sum over a dimension the
// value does not have, more dimensions or items than a value may have.
func (s *shaper) of(e Expr) (shape, *Error) {
	if sh, ok := s.memo[e]; ok {
		return sh, nil
	}
	sh, err := s.work(e)
	if err != nil {
		return nil, err
	}
	if len(sh) > MaxDims {
		return nil, errorAt(s.text, e.Span(), "this value is %s: %d dimensions, and a value has at most %d", s.c.describeShape(sh), len(sh), MaxDims)
	}
	if n := s.c.size(sh); n > MaxItems {
		return nil, errorAt(s.text, e.Span(), "this value is %s: %d items, and a value has at most %d", s.c.describeShape(sh), n, MaxItems)
	}
	s.memo[e] = sh
	return sh, nil
}

func (s *shaper) work(e Expr) (shape, *Error) {
	switch e := e.(type) {
	case *Num:
		return nil, nil
	case *Name:
		return s.c.nameShape(e.Ref), nil
	case *Neg:
		return s.of(e.X)
	case *Binary:
		x, err := s.of(e.X)
		if err != nil {
			return nil, err
		}
		y, err := s.of(e.Y)
		if err != nil {
			return nil, err
		}
		return union(x, y), nil
	case *Index:
		return s.index(e)
	case *Call:
		return s.call(e)
	}
	panic("formula: a node of unknown kind")
}

func (s *shaper) call(e *Call) (shape, *Error) {
	switch {
	case e.Fn.series:
		return s.c.nameShape(e.Args[0].(*Name).Ref), nil
	case e.Fn.reduce:
		x, err := s.of(e.Args[0])
		if err != nil || len(e.Args) == 1 {
			return nil, err
		}
		dim := e.Args[1].(*Name)
		if !slices.Contains(x, dim.Ref.Index) {
			return nil, errorAt(s.text, dim.At, "%s(x, %s): this value is %s, so it has no %s to add over; %s(x) adds all its items", e.Fn.Name, dim.Name, s.c.describeShape(x), dim.Name, e.Fn.Name)
		}
		return without(x, dim.Ref.Index), nil
	}
	var sh shape
	for _, a := range e.Args {
		x, err := s.of(a)
		if err != nil {
			return nil, err
		}
		sh = union(sh, x)
	}
	return sh, nil
}

// index resolves x[item]: the item must be an item of exactly one of x's
// dimensions.
func (s *shaper) index(e *Index) (shape, *Error) {
	x, err := s.of(e.X)
	if err != nil {
		return nil, err
	}
	var found []int
	var items []string
	for _, d := range x {
		items = append(items, s.c.env.Dims[d].Items...)
		if i := slices.Index(s.c.env.Dims[d].Items, e.Item); i >= 0 {
			found = append(found, d)
			e.Dim, e.Pos = d, i
		}
	}
	switch {
	case len(x) == 0:
		return nil, errorAt(s.text, e.At, "[%s]: this value has no dimensions, so it has no items to pick from", e.Item)
	case len(found) > 1:
		return nil, errorAt(s.text, e.At, "%q is an item of both %s and %s; this value has both, so [%s] does not say which", e.Item, s.c.env.Dims[found[0]].Name, s.c.env.Dims[found[1]].Name, e.Item)
	case len(found) == 0:
		msg := fmt.Sprintf("%q is not an item of this value, which is %s; its items are %s", e.Item, s.c.describeShape(x), JoinItems(items))
		if near := Nearest(e.Item, items); near != "" {
			msg = fmt.Sprintf("%q is not an item of this value, which is %s; did you mean %s?", e.Item, s.c.describeShape(x), near)
		}
		return nil, errorAt(s.text, e.At, "%s", msg)
	}
	return without(x, e.Dim), nil
}

// JoinItems lists items for a message, the first dozen and how many more.
func JoinItems(items []string) string {
	if len(items) > 12 {
		return strings.Join(items[:12], ", ") + fmt.Sprintf(" and %d more", len(items)-12)
	}
	return strings.Join(items, ", ")
}

// inferShapes works out each series' shape: from its formula, which may
// read series later in the order through prev, so the shapes are grown
// until nothing changes (a shape only ever gains dimensions, and there
// are few). A series that declares its dims must get exactly those.
func (c *Compiler) inferShapes(texts []string, trees []Expr, order []int) error {
	c.shapes = make([]shape, len(trees))
	for i := range trees {
		if i < len(c.env.SeriesDims) {
			c.shapes[i] = c.env.SeriesDims[i]
		}
	}
	for pass := 0; ; pass++ {
		changed := false
		for _, i := range order {
			sh, err := c.shaper(texts[i]).of(trees[i])
			if err != nil {
				err.Owner = c.seriesOwner(i)
				return err
			}
			if !slices.Equal(sh, c.shapes[i]) {
				declared := i < len(c.env.SeriesDims) && c.env.SeriesDims[i] != nil
				if declared {
					return &Error{Owner: c.seriesOwner(i), Span: Span{0, len(texts[i])}, Text: texts[i], Msg: fmt.Sprintf(
						"the series declares its dims %s, but its formula is %s; make dims match, or leave dims out to take the formula's",
						c.describeShape(c.shapes[i]), c.describeShape(sh))}
				}
				c.shapes[i] = union(c.shapes[i], sh)
				changed = true
			}
		}
		if !changed {
			return nil
		}
		if pass > len(c.env.Dims)+1 {
			panic("formula: series shapes do not settle")
		}
	}
}

// layout places every series' values in the flat list of series: each in
// file order, its total first when it declares one, then its items row by
// row. A series without dimensions is one place.
func (c *Compiler) layout() {
	c.p.Flat = c.p.Flat[:0]
	c.base = make([]int, len(c.shapes))
	for i, sh := range c.shapes {
		c.base[i] = len(c.p.Flat)
		if c.total(i) {
			c.p.Flat = append(c.p.Flat, Flat{Series: i, Total: true})
		}
		at := make([]int, len(c.env.Dims))
		c.each(sh, at, func() {
			var items []int
			for _, d := range sh {
				items = append(items, at[d])
			}
			c.p.Flat = append(c.p.Flat, Flat{Series: i, Items: items})
		})
	}
	c.p.Shapes = make([][]int, len(c.shapes))
	for i, sh := range c.shapes {
		c.p.Shapes[i] = sh
	}
}

func (c *Compiler) total(i int) bool {
	return i < len(c.env.SeriesTotal) && c.env.SeriesTotal[i] && len(c.shapes[i]) > 0
}

// flatSeries is the place in the flat list of series i's item at at.
func (c *Compiler) flatSeries(i int, at []int) int {
	k := c.base[i] + c.elem(c.shapes[i], at)
	if c.total(i) {
		k++
	}
	return k
}

// Flat is one value of the flat list of series: series Series's item
// (Items: its place in each of the series' dimensions), or its total.
type Flat struct {
	Series int
	Items  []int
	Total  bool
}

// reduce builds sum(x), sum(x, dim), mean(x) or mean(x, dim) at the item
// at: the items of x over the dimensions it adds up, each at at otherwise.
func (c *Compiler) reduce(e *Call, at []int) int32 {
	x := c.shapeOfBuilt(e.Args[0])
	over := x
	if len(e.Args) == 2 {
		over = shape{e.Args[1].(*Name).Ref.Index}
	}
	var terms []int32
	c.each(over, at, func() { terms = append(terms, c.build(e.Args[0], at)) })
	acc := c.fold(OpAdd, terms)
	if e.Fn.mean && len(terms) > 1 {
		acc = c.op2(OpDiv, acc, c.constant(float64(len(terms))))
	}
	return acc
}

// shapeOfBuilt is the shape of a node of a formula being built, which was
// worked out (and checked) before building.
func (c *Compiler) shapeOfBuilt(e Expr) shape {
	sh, err := c.shaper("").of(e)
	if err != nil {
		panic("formula: a formula built before its shape was checked")
	}
	return sh
}

// inputPlace is the flat place of input i's item at at.
func (c *Compiler) inputPlace(i int, at []int) int32 {
	var sh shape
	if len(c.env.InputDims) > 0 {
		sh = c.env.InputDims[i]
	}
	return int32(c.inputBase[i] + c.elem(sh, at))
}

// tablePlace is the flat place of table i's item at at.
func (c *Compiler) tablePlace(i int, at []int) int32 {
	return int32(c.tableBase[i] + c.elem(c.env.Tables[i].Dims, at))
}
