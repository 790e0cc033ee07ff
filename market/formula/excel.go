package formula

import (
	"fmt"
	"strconv"
	"strings"
)

// Excel: a compiled market's series as spreadsheet formulas (sizeup
// export). Each flat series becomes one formula per year's column, built
// from its checked tree item by item exactly as build does, so what the
// workbook computes is what the compiler's graph computes: a / b is
// IF(b=0,0,a/b), comparisons and and/or are 1 or 0, bass is written out.

// ExcelRefs says where a workbook keeps what a formula names, for the
// formula of one year's column.
type ExcelRefs struct {
	Input  func(flat int) string // the defined name of a flat input
	Series func(flat int) string // a flat series' cell in this column
	Prev   func(flat int) string // a flat series' cell in the previous column
	Table  func(flat int) string // a table item's cell for this column's year
	// T and Year are this column's t and calendar year (a cell or a
	// number); Base is true in the base year's column, where prev is 0.
	T, Year  string
	Base     bool
	BaseYear int
	Horizon  int
}

// ExcelError is a formula the workbook cannot express: series Series's,
// or check Series's when Check is set.
type ExcelError struct {
	Series string
	Check  bool
	Msg    string
}

func (e *ExcelError) Error() string {
	what := "series"
	if e.Check {
		what = "check"
	}
	return fmt.Sprintf("%s %s: %s, so the workbook cannot compute it", what, e.Series, e.Msg)
}

// Excel is the spreadsheet formula (without its leading =) of flat series
// k in the column r describes. Series must have compiled the formulas.
func (c *Compiler) Excel(k int, r *ExcelRefs) (string, error) {
	f := c.p.Flat[k]
	if f.Total {
		n := c.size(c.shapes[f.Series])
		terms := make([]string, n)
		for j := range n {
			terms[j] = r.Series(k + 1 + j)
		}
		return strings.Join(terms, "+"), nil
	}
	at := make([]int, len(c.env.Dims))
	for j, d := range c.shapes[f.Series] {
		at[d] = f.Items[j]
	}
	x := excelWriter{c: c, r: r}
	s := x.expr(c.trees[f.Series], at)
	if x.err != "" {
		return "", &ExcelError{Series: c.env.Series[f.Series], Msg: x.err}
	}
	return s, nil
}

type excelWriter struct {
	c   *Compiler
	r   *ExcelRefs
	err string
}

// excelOps are the binary operators Excel writes as they are.
var excelOps = map[BinaryOp]string{Add: "+", Sub: "-", Mul: "*", Pow: "^", Lt: "<", Le: "<=", Gt: ">", Ge: ">=", Eq: "=", Ne: "<>"}

// ExcelNumber writes v as a formula reads it.
func ExcelNumber(v float64) string {
	s := strings.ToUpper(strconv.FormatFloat(v, 'g', -1, 64))
	if v < 0 {
		return "(" + s + ")"
	}
	return s
}

func (x *excelWriter) expr(e Expr, at []int) string {
	switch e := e.(type) {
	case *Num:
		return ExcelNumber(e.Value)
	case *Name:
		return x.name(e.Ref, at)
	case *Neg:
		return "(-" + x.expr(e.X, at) + ")"
	case *Index:
		old := at[e.Dim]
		at[e.Dim] = e.Pos
		s := x.expr(e.X, at)
		at[e.Dim] = old
		return s
	case *Binary:
		a, b := x.expr(e.X, at), x.expr(e.Y, at)
		switch e.Op {
		case Div:
			return "IF(" + b + "=0,0," + a + "/" + b + ")"
		case Add, Sub, Mul, Pow:
			return "(" + a + excelOps[e.Op] + b + ")"
		case And:
			return "IF(AND(" + a + "<>0," + b + "<>0),1,0)"
		case Or:
			return "IF(OR(" + a + "<>0," + b + "<>0),1,0)"
		}
		return "IF(" + a + excelOps[e.Op] + b + ",1,0)"
	case *Call:
		return x.call(e, at)
	}
	x.err = fmt.Sprintf("its formula has a part of a kind the workbook does not know (%T)", e)
	return "0"
}

func (x *excelWriter) name(r Ref, at []int) string {
	c := x.c
	switch r.Kind {
	case RefInput:
		in := x.r.Input(int(c.inputPlace(r.Index, at)))
		if t := c.pathOf(r.Index); t >= 0 {
			return "(" + in + "*" + x.name(Ref{RefTable, t}, at) + ")"
		}
		return in
	case RefSeries:
		return x.r.Series(c.flatSeries(r.Index, at))
	case RefTable:
		return x.r.Table(int(c.tablePlace(r.Index, at)))
	case RefT:
		return x.r.T
	case RefYear:
		return x.r.Year
	case RefHorizon:
		return strconv.Itoa(x.r.Horizon)
	}
	return strconv.Itoa(x.r.BaseYear)
}

func (x *excelWriter) call(e *Call, at []int) string {
	if e.Fn.reduce {
		return x.reduce(e, at)
	}
	if e.Fn.series {
		if x.r.Base {
			return "0"
		}
		return x.r.Prev(x.c.flatSeries(e.Args[0].(*Name).Ref.Index, at))
	}
	args := make([]string, len(e.Args))
	for i, a := range e.Args {
		args[i] = x.expr(a, at)
	}
	switch e.Fn.Name {
	case "min", "max":
		return strings.ToUpper(e.Fn.Name) + "(" + strings.Join(args, ",") + ")"
	case "clamp":
		return "MIN(MAX(" + args[0] + "," + args[1] + ")," + args[2] + ")"
	case "if":
		return "IF(" + args[0] + "<>0," + args[1] + "," + args[2] + ")"
	case "abs", "exp", "sqrt":
		return strings.ToUpper(e.Fn.Name) + "(" + args[0] + ")"
	case "log":
		return "LN(" + args[0] + ")"
	case "round":
		return "ROUND(" + args[0] + ",0)"
	case "bass":
		p, q, s := args[0], args[1], args[2]
		ex := "EXP((-(" + p + "+" + q + "))*" + s + ")"
		return "IF(AND(" + s + ">0," + p + ">0),(1-" + ex + ")/(1+(" + q + "/" + p + ")*" + ex + "),0)"
	}
	x.err = fmt.Sprintf("its formula calls %s, which the workbook has no formula for", e.Fn.Name)
	return "0"
}

// reduce writes sum or mean over the items as build's reduce adds them.
func (x *excelWriter) reduce(e *Call, at []int) string {
	over := x.c.shapeOfBuilt(e.Args[0])
	if len(e.Args) == 2 {
		over = shape{e.Args[1].(*Name).Ref.Index}
	}
	var terms []string
	x.c.each(over, at, func() { terms = append(terms, x.expr(e.Args[0], at)) })
	s := "(" + strings.Join(terms, "+") + ")"
	if e.Fn.mean && len(terms) > 1 {
		s = "(" + s + "/" + strconv.Itoa(len(terms)) + ")"
	}
	return s
}

// ExcelCondition is a check's condition (text, owner's) as a spreadsheet
// formula giving TRUE or FALSE in the column r describes: one with
// dimensions holds when it holds for any item, as Formula builds it.
func (c *Compiler) ExcelCondition(owner Owner, text string, r *ExcelRefs) (string, error) {
	e, err := c.check(owner, text)
	if err != nil {
		return "", err
	}
	sh, ferr := c.shaper(text).of(e)
	if ferr != nil {
		ferr.Owner = owner
		return "", ferr
	}
	x := excelWriter{c: c, r: r}
	at := make([]int, len(c.env.Dims))
	var items []string
	c.each(sh, at, func() { items = append(items, x.expr(e, at)+"<>0") })
	if x.err != "" {
		return "", &ExcelError{Series: owner.ID, Check: true, Msg: x.err}
	}
	return "OR(" + strings.Join(items, ",") + ")", nil
}
