package market

import (
	"math"

	"sizeup/market/formula"
)

// Projection is a market's model evaluated over its horizon: every series
// in every year. People are people, money is USD per year, shares are
// fractions.
type Projection struct {
	BaseYear int
	years    int
	regs     []float64 // each series in every year: series s's years at s·years
}

// Len is the number of years projected: horizon + 1.
func (p *Projection) Len() int { return p.years }

// Year is the calendar year of row i.
func (p *Projection) Year(i int) int { return p.BaseYear + i }

// LastYear is the calendar year of the last row.
func (p *Projection) LastYear() int { return p.BaseYear + p.Len() - 1 }

// Index is the row of a calendar year, and whether it is projected.
func (p *Projection) Index(year int) (int, bool) {
	i := year - p.BaseYear
	return i, i >= 0 && i < p.Len()
}

// Get is series s in row i.
func (p *Projection) Get(s Output, i int) float64 { return p.regs[int(s)*p.years+i] }

// At is series s in a calendar year, and whether the year is projected.
func (p *Projection) At(s Output, year int) (float64, bool) {
	i, ok := p.Index(year)
	if !ok {
		return 0, false
	}
	return p.Get(s, i), true
}

// Last is series s in the horizon year.
func (p *Projection) Last(s Output) float64 { return p.Get(s, p.Len()-1) }

// First is series s in the base year.
func (p *Projection) First(s Output) float64 { return p.Get(s, 0) }

// Row is every series in row i, in file order, appended to dst[:0].
func (p *Projection) Row(i int, dst []float64) []float64 {
	dst = dst[:0]
	for s := 0; s < len(p.regs)/max(p.years, 1); s++ {
		dst = append(dst, p.regs[s*p.years+i])
	}
	return dst
}

// Column is series s over the years, appended to dst.
func (p *Projection) Column(s Output, dst []float64) []float64 {
	for i := 0; i < p.Len(); i++ {
		dst = append(dst, p.Get(s, i))
	}
	return dst
}

// Evaluate runs the market's formulas for every year of its horizon with
// the given values.
func (m *Market) Evaluate(v *Values) Projection {
	var p Projection
	m.EvaluateInto(&p, v)
	return p
}

// EvaluateInto is Evaluate into a caller's projection, reusing its storage.
func (m *Market) EvaluateInto(p *Projection, v *Values) {
	prog := m.prog
	years := m.Horizon + 1
	p.BaseYear, p.years = m.BaseYear, years
	p.regs = resize(p.regs, len(prog.series)*years)
	r := prog.registers(years)
	defer prog.scratch.Put(r)
	prog.columns(*r, &prog.full, v, m.BaseYear, years)
	for s, n := range prog.series {
		copy(p.regs[s*years:(s+1)*years], (*r)[int(n)*years:int(n+1)*years])
	}
}

// registers is a register file for every node over years, from the
// program's pool: a projection keeps only its series, so what the whole
// model takes (nodes × years × 8 bytes, up to 8 MB at formula.MaxNodes
// over 51 years) is held once per evaluation at a time, not once per
// projection or per warning (ModelBytes). Put it back in p.scratch.
func (p *program) registers(years int) *[]float64 {
	r, _ := p.scratch.Get().(*[]float64)
	if r == nil {
		r = new([]float64)
	}
	*r = resize(*r, len(p.nodes)*years)
	return r
}

// columns evaluates schedule s into r, node by node (r[i·years+y] is node
// i in row y): all the years of a node at once, but for the loops through
// prev (s.Recur), which go year by year; every node year by year when
// s.Cols is nil.
func (p *program) columns(r []float64, s *schedule, v *Values, base, years int) {
	if s.Cols != nil {
		p.runColumns(r, s, v, base, years)
		return
	}
	one := make([]float64, len(p.nodes))
	p.fillLeaves(one, s, v, years-1)
	p.runScalar(one, s.Pre, 0)
	for y := 0; y < years; y++ {
		if y > 0 {
			p.advancePrevs(one, s)
		}
		p.setYear(one, s, y, base)
		p.runScalar(one, s.Year, y)
		for i, x := range one {
			r[i*years+y] = x
		}
	}
}

// advancePrevs sets each prev leaf of s to its series' value of the year
// just evaluated.
func (p *program) advancePrevs(r []float64, s *schedule) {
	if !s.StagePrevs {
		for _, i := range s.Prevs {
			r[i] = r[p.series[p.nodes[i].A]]
		}
		return
	}
	next := make([]float64, len(s.Prevs))
	for j, i := range s.Prevs {
		next[j] = r[p.series[p.nodes[i].A]]
	}
	for j, i := range s.Prevs {
		r[i] = next[j]
	}
}

// runColumns evaluates schedule s node by node, each over all the years
// at once: register i holds node i's value in every year, years in a row.
// Every instruction is then one short loop, and a prev is last year's
// column moved down one; a loop through prev goes year by year (runRecur)
// where it falls among them. s.Cols must be set.
func (p *program) runColumns(r []float64, s *schedule, v *Values, base, years int) {
	col := func(i int32) []float64 { return r[int(i)*years : int(i)*years+years] }
	// What does not change over the years, once, in the first row.
	for _, i := range s.Leaves {
		n := &p.nodes[i]
		switch n.Op {
		case formula.OpConst:
			r[int(i)*years] = n.K
		case formula.OpInput:
			r[int(i)*years] = v[n.A]
		case formula.OpHorizon:
			r[int(i)*years] = float64(years - 1)
		}
	}
	for _, i := range s.Pre {
		n := &p.nodes[i]
		var b, c float64
		if n.B >= 0 {
			b = r[int(n.B)*years]
		}
		if n.C >= 0 {
			c = r[int(n.C)*years]
		}
		r[int(i)*years] = formula.Apply(n, r[int(n.A)*years], b, c)
	}
	for _, i := range s.Spread {
		fill(col(i), r[int(i)*years])
	}
	for _, i := range s.Ts {
		d := col(i)
		for y := range d {
			d[y] = p.ir.TimeLeaf(&p.nodes[i], base, y)
		}
	}
	from := 0
	for _, g := range s.Recur {
		p.runCols(r, s.Cols[from:g.At], years)
		p.runRecur(r, g.Nodes, years)
		from = g.At
	}
	p.runCols(r, s.Cols[from:], years)
}

// runCols evaluates nodes of Schedule.Cols, each over all the years at
// once.
func (p *program) runCols(r []float64, cols []int32, years int) {
	col := func(i int32) []float64 { return r[int(i)*years : int(i)*years+years] }
	for _, i := range cols {
		n := &p.nodes[i]
		d := col(i)
		switch n.Op {
		case formula.OpPrev:
			d[0] = 0
			copy(d[1:], col(p.series[n.A]))
		case formula.OpPowT:
			a := col(n.A)
			d[0] = 1
			for y := 1; y < years; y++ {
				d[y] = d[y-1] * a[y]
			}
		case formula.OpExpStep:
			// e^a in the first year, then a step of e^s a year
			d[0] = math.Exp(r[int(n.A)*years])
			b := col(n.B)
			for y := 1; y < years; y++ {
				d[y] = d[y-1] * b[y]
			}
		// The four most common operations in place: over eleven years a
		// call to vector costs as much as its loop.
		case formula.OpMul:
			a, b := col(n.A)[:len(d)], col(n.B)[:len(d)]
			for y := range d {
				d[y] = a[y] * b[y]
			}
		case formula.OpAdd:
			a, b := col(n.A)[:len(d)], col(n.B)[:len(d)]
			for y := range d {
				d[y] = a[y] + b[y]
			}
		case formula.OpSub:
			a, b := col(n.A)[:len(d)], col(n.B)[:len(d)]
			for y := range d {
				d[y] = a[y] - b[y]
			}
		case formula.OpDiv:
			a, b := col(n.A)[:len(d)], col(n.B)[:len(d)]
			for y := range d {
				if b[y] != 0 {
					d[y] = a[y] / b[y]
				} else {
					d[y] = 0
				}
			}
		default:
			var b, c []float64
			if n.B >= 0 {
				b = col(n.B)
			}
			if n.C >= 0 {
				c = col(n.C)
			}
			formula.Vector(n, d, col(n.A), b, c)
		}
	}
}

// runRecur evaluates a loop through prev (Schedule.Recur) year by
// year into the columns of r: each prev leaf takes its series' value of
// the year before, then each instruction reads its arguments' values of
// the year, which everything before the group in Schedule.Cols has filled
// for every year and the group fills as it goes. The arithmetic is
// runScalar's, so the figures are the same to the last bit.
func (p *program) runRecur(r []float64, group []int32, years int) {
	for y := 0; y < years; y++ {
		for _, i := range group {
			n := &p.nodes[i]
			d := &r[int(i)*years+y]
			switch {
			case n.Op == formula.OpPrev && y == 0:
				*d = 0
			case n.Op == formula.OpPrev:
				*d = r[int(p.series[n.A])*years+y-1]
			case n.Op == formula.OpPowT && y == 0:
				*d = 1
			case n.Op == formula.OpPowT:
				*d = r[int(i)*years+y-1] * r[int(n.A)*years+y]
			case n.Op == formula.OpExpStep && y > 0:
				*d = r[int(i)*years+y-1] * r[int(n.B)*years+y]
			default:
				var b, c float64
				if n.B >= 0 {
					b = r[int(n.B)*years+y]
				}
				if n.C >= 0 {
					c = r[int(n.C)*years+y]
				}
				*d = formula.Apply(n, r[int(n.A)*years+y], b, c)
			}
		}
	}
}

// fillLeaves sets the registers of numbers, inputs and the horizon, and
// zeroes the prev leaves for the base year.
func (p *program) fillLeaves(r []float64, s *schedule, v *Values, horizon int) {
	for _, i := range s.Leaves {
		n := &p.nodes[i]
		switch n.Op {
		case formula.OpConst:
			r[i] = n.K
		case formula.OpInput:
			r[i] = v[n.A]
		case formula.OpHorizon:
			r[i] = float64(horizon)
		case formula.OpPrev:
			r[i] = 0
		}
	}
}

// setYear sets the t, year and table registers for row y.
func (p *program) setYear(r []float64, s *schedule, y, base int) {
	for _, i := range s.Ts {
		r[i] = p.ir.TimeLeaf(&p.nodes[i], base, y)
	}
}

// runScalar evaluates instructions in order for one case, row y: the
// year-by-year evaluation of a market whose series read their own past.
func (p *program) runScalar(r []float64, ins []int32, y int) {
	for _, i := range ins {
		n := &p.nodes[i]
		switch {
		case n.Op == formula.OpPowT && y == 0:
			r[i] = 1
		case n.Op == formula.OpPowT:
			r[i] *= r[n.A]
		case n.Op == formula.OpExpStep && y > 0:
			// a step a year, as the columns and the kernel take it, so the
			// back-ends agree to the last bit (FuzzCompile: bass at p + q = 0)
			r[i] *= r[n.B]
		default:
			var b, c float64
			if n.B >= 0 {
				b = r[n.B]
			}
			if n.C >= 0 {
				c = r[n.C]
			}
			r[i] = formula.Apply(n, r[n.A], b, c)
		}
	}
}
