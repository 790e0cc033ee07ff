package market

import "math"

// Projection is a market's model evaluated over its horizon: every series
// in every year, and whether each check holds. People are people, money is
// USD per year, shares are fractions.
type Projection struct {
	BaseYear int
	series   int       // series per year
	checks   int       // checks per year
	vals     []float64 // year by year, each year's series in file order
	holds    []bool    // year by year, each year's checks
	regs     []float64 // scratch: one register per node
}

// Len is the number of years projected: horizon + 1.
func (p *Projection) Len() int {
	if p.series == 0 {
		return 0
	}
	return len(p.vals) / p.series
}

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
func (p *Projection) Get(s Output, i int) float64 { return p.vals[i*p.series+int(s)] }

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

// Row is every series in row i, in file order.
func (p *Projection) Row(i int) []float64 { return p.vals[i*p.series : (i+1)*p.series] }

// Column is series s over the years, appended to dst.
func (p *Projection) Column(s Output, dst []float64) []float64 {
	for i := 0; i < p.Len(); i++ {
		dst = append(dst, p.Get(s, i))
	}
	return dst
}

// Holds reports whether check c holds in row i.
func (p *Projection) Holds(c, i int) bool { return p.holds[i*p.checks+c] }

// BassAdoption is the Bass model's cumulative adoption after s years in
// service: F(s) = (1 − e^(−(p+q)s)) / (1 + (q/p)·e^(−(p+q)s)); 0 for s ≤ 0
// or p ≤ 0. It is what bass(p, q, s) means in a formula.
func BassAdoption(p, q, s float64) float64 {
	if s <= 0 || p <= 0 {
		return 0
	}
	e := math.Exp(-(p + q) * s)
	return (1 - e) / (1 + (q/p)*e)
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
	ns, nc := len(prog.series), len(prog.checks)
	p.BaseYear, p.series, p.checks = m.BaseYear, ns, nc
	p.vals = resize(p.vals, years*ns)
	p.holds = resize(p.holds, years*nc)
	p.regs = resize(p.regs, len(prog.nodes))
	r := p.regs
	s := &prog.full
	prog.fillLeaves(r, s, v, m.Horizon)
	prog.runScalar(r, s.pre, 0)
	for y := 0; y < years; y++ {
		if y > 0 {
			for _, i := range s.prevs {
				r[i] = r[prog.series[prog.nodes[i].a]]
			}
		}
		prog.setYear(r, s, y, m.BaseYear)
		prog.runScalar(r, s.year, y)
		row := p.vals[y*ns : (y+1)*ns]
		for j, n := range prog.series {
			row[j] = r[n]
		}
		for j, n := range prog.checks {
			p.holds[y*nc+j] = r[n] != 0
		}
	}
}

// fillLeaves sets the registers of numbers, inputs and the horizon, and
// zeroes the prev leaves for the base year.
func (p *program) fillLeaves(r []float64, s *schedule, v *Values, horizon int) {
	for _, i := range s.leaves {
		n := &p.nodes[i]
		switch n.op {
		case opConst:
			r[i] = n.k
		case opInput:
			r[i] = v[n.a]
		case opHorizon:
			r[i] = float64(horizon)
		case opPrev:
			r[i] = 0
		}
	}
}

// setYear sets the t and year registers for row y.
func (p *program) setYear(r []float64, s *schedule, y, base int) {
	for _, i := range s.ts {
		if p.nodes[i].op == opT {
			r[i] = float64(y)
		} else {
			r[i] = float64(base + y)
		}
	}
}

// runScalar evaluates instructions in order for one case, row y.
func (p *program) runScalar(r []float64, ins []int32, y int) {
	nodes := p.nodes
	for _, i := range ins {
		n := &nodes[i]
		switch n.op {
		case opAdd:
			r[i] = r[n.a] + r[n.b]
		case opSub:
			r[i] = r[n.a] - r[n.b]
		case opMul:
			r[i] = r[n.a] * r[n.b]
		case opDiv:
			if d := r[n.b]; d != 0 {
				r[i] = r[n.a] / d
			} else {
				r[i] = 0
			}
		case opMin:
			r[i] = math.Min(r[n.a], r[n.b])
		case opMax:
			r[i] = math.Max(r[n.a], r[n.b])
		case opSelect:
			if r[n.a] != 0 {
				r[i] = r[n.b]
			} else {
				r[i] = r[n.c]
			}
		case opPowT:
			if y == 0 {
				r[i] = 1
			} else {
				r[i] *= r[n.a]
			}
		default:
			var b, c float64
			if n.b >= 0 {
				b = r[n.b]
			}
			if n.c >= 0 {
				c = r[n.c]
			}
			r[i] = apply(n.op, r[n.a], b, c)
		}
	}
}
