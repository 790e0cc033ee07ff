package market

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"sizeup/market/formula"
)

// FuzzCompile holds the language's back-ends to one answer. From the fuzz
// input it builds a small market: series whose formulas are generated from
// choices (any operator, function, name, prev and t), and one series whose
// formula is text as given, over inputs named after whatever text reads.
// Compiling must refuse with a *formula.Error or succeed; on success the
// column evaluator (Evaluate), the year-by-year one and the Monte Carlo
// kernel (samples compared with Evaluate at their drawn values) must agree
// wherever the answer is well-conditioned (wellConditioned).
// The seeds are the China and India market files' formulas.
func FuzzCompile(f *testing.F) {
	for _, path := range []string{"../data/china-2015.toml", "../data/india-2016.toml"} {
		text, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for i, m := range regexp.MustCompile(`(?m)^(?:formula|when) = "(.*)"$`).FindAllStringSubmatch(string(text), -1) {
			f.Add(m[1], []byte{byte(i), byte(3 * i), 7, byte(i * i), 42, 9, 200, byte(i + 1)})
		}
	}
	f.Add("s0 + prev(s1) * t", []byte("\x02\x04\x06\x01\x05\x03\x02\x01\x06\x00"))
	f.Add("((", []byte{})
	// What it found, as text (the choices' meaning shifts as the table grows).
	f.Add("exp(log(log(x0 - x0)))", []byte{})                                        // NaN through the kernel's exp
	f.Add("bass((0.5 != -0.5), (-t), x0)", []byte{})                                 // 0/0 met exactly: ill-conditioned
	f.Add("clamp(3 ^ base_year, log(-x0), 0)", []byte{})                             // max(+Inf, NaN): math.Max and Go's max differed
	f.Add("bass(2, -t, 10)", []byte{})                                               // years took e^0 where columns took e^−20·e^20
	f.Add("bass(1,-t,B7B210)", []byte("\x01"))                                       // bass's pole, with a drawn s
	f.Add("bass(bass(0.5, x0, base_year), 0.5, 0.5) == bass(t, 0.5, 0.5)", []byte{}) // == on a knife edge
	f.Fuzz(func(t *testing.T, text string, choices []byte) {
		if len(text) > 2000 || len(choices) > 400 {
			return // the loader's bound on a formula
		}
		m := fuzzMarket(text, choices)
		err := m.Compile()
		var fe *formula.Error
		var oe *OutputsError
		switch {
		case errors.As(err, &fe):
			if fe.Span.Start < 0 || fe.Span.Start > len(fe.Text) || fe.Span.End < fe.Span.Start {
				t.Fatalf("%v: span %v outside %q", err, fe.Span, fe.Text)
			}
			return
		case errors.As(err, &oe):
			return
		case err != nil:
			t.Fatalf("%v: not a *formula.Error", err)
		}
		checkBackEnds(t, m)
	})
}

// fuzzMarket is the market FuzzCompile compiles: inputs x0, x1, x2 and one
// for each other name text reads; series s0… from choices, then text.
func fuzzMarket(text string, choices []byte) *Market {
	g := &formulaGen{choices: choices}
	m := &Market{Name: "fuzz", BaseYear: 2020, Horizon: 4}
	// Each kind in a unit it may have, within the limits Validate holds
	// every market to (Compile calls it).
	add := func(name string, kind Kind, def, low, high, max float64) {
		id := ID(len(m.Inputs))
		unit, min := UnitUSD, 0.0
		switch kind {
		case KindShare:
			unit = UnitPercent
		case KindGrowth:
			unit, min = UnitPercentYear, -0.5
		}
		m.Inputs = append(m.Inputs, Input{ID: id, Name: name, Label: name, Group: "g", Kind: kind, Unit: unit,
			Default: def, Low: low, High: high, Min: min, Max: max, Step: math.Max(0.01, (max-min)/1000), Stream: StreamOf(name)})
		m.Order = append(m.Order, id)
	}
	add("x0", KindAmount, 2, 1.5, 3, 100)
	add("x1", KindShare, 0.3, 0.2, 0.4, 1)
	add("x2", KindGrowth, 0.05, 0.01, 0.1, 1)
	// A dimension d of items a and b (DESIGN.md §10): an input xd per
	// item, and a table tb per item, linear and held.
	m.Dims = []Dimension{{ID: "d", Label: "D", Items: []string{"a", "b"}, ItemLabels: []string{"A", "B"}}}
	for i, item := range []string{"a", "b"} {
		add("xd."+item, KindAmount, 1+float64(i), 0.5, 4, 10)
		in := &m.Inputs[len(m.Inputs)-1]
		in.Family, in.Dims, in.Items = "xd", []int{0}, []int{i}
	}
	m.Tables = []Table{{ID: "tb", Label: "tb", Unit: UnitUSD, Dims: []int{0}, Items: []formula.Path{
		{Years: []int{2019, 2022}, Values: []float64{1, 4}}, {Years: []int{2021, 2023}, Values: []float64{5, -2}, Step: true}}}}
	series := 1 + int(g.next()%4)
	g.series = series + 1
	names, _ := formula.Names(text)
	for _, n := range names {
		if _, taken := m.LookupInput(n.Name); !taken && !formula.Reserved(n.Name) && !isSeriesName(n.Name, series) && len(m.Inputs) < MaxInputs && !slices.Contains([]string{"xd", "tb", "d"}, n.Name) {
			add(n.Name, KindAmount, 1+float64(g.next()%10), 0.5, 12, 1e3)
		}
	}
	for i := 0; i < series; i++ {
		m.Series = append(m.Series, SeriesDef{ID: fmt.Sprintf("s%d", i), Label: "s", Unit: UnitUSD, Formula: g.expr(0)})
	}
	m.Series = append(m.Series, SeriesDef{ID: fmt.Sprintf("s%d", series), Label: "text", Unit: UnitUSD, Formula: text})
	for i := range m.Series {
		m.Outputs.Uncertain = append(m.Outputs.Uncertain, Uncertain{Prefix: m.Series[i].ID, Series: Output(i)})
	}
	return m
}

func isSeriesName(name string, n int) bool {
	for i := 0; i <= n; i++ {
		if name == fmt.Sprintf("s%d", i) {
			return true
		}
	}
	return false
}

// formulaGen writes a formula from a stream of choices (0 once they run out).
type formulaGen struct {
	choices []byte
	series  int
}

func (g *formulaGen) next() byte {
	if len(g.choices) == 0 {
		return 0
	}
	b := g.choices[0]
	g.choices = g.choices[1:]
	return b
}

var (
	genNumbers = []string{"0", "1", "2", "0.5", "3", "10", "0.25", "1e3", "1.5"}
	genNames   = []string{"x0", "x1", "x2", "t", "year", "horizon", "base_year", "xd", "tb", "xd[a]", "tb[b]"}
	genOps     = []string{"+", "-", "*", "/", "^", "<", "<=", ">", ">=", "==", "!=", "and", "or"}
)

func (g *formulaGen) expr(depth int) string {
	c := g.next()
	if depth >= 4 {
		c %= 3
	}
	pick := func(list []string) string { return list[int(g.next())%len(list)] }
	switch c % 8 {
	case 0:
		return pick(genNumbers)
	case 1:
		return pick(genNames)
	case 2:
		return fmt.Sprintf("s%d", int(g.next())%g.series)
	case 3, 4:
		return g.expr(depth+1) + " " + pick(genOps) + " " + g.expr(depth+1)
	case 5:
		return "-" + g.expr(depth+1)
	case 6:
		return "(" + g.expr(depth+1) + ")"
	}
	fns := formula.Builtins()
	fn := fns[int(g.next())%len(fns)]
	if fn.Name == "prev" {
		return fmt.Sprintf("prev(s%d)", int(g.next())%g.series)
	}
	if fn.Name == "sum" || fn.Name == "mean" {
		if g.next()%2 == 0 {
			return fn.Name + "(" + g.expr(depth+1) + ", d)"
		}
		return fn.Name + "(" + g.expr(depth+1) + ")"
	}
	n := fn.Min
	if fn.Max < 0 {
		n += int(g.next() % 3)
	}
	args := make([]string, n)
	for i := range args {
		args[i] = g.expr(depth + 1)
	}
	return fn.Name + "(" + strings.Join(args, ", ") + ")"
}

// checkBackEnds: the column and year-by-year evaluators agree on every
// series and year, and Monte Carlo's samples are Evaluate's at the values
// they were drawn with.
func checkBackEnds(t *testing.T, m *Market) {
	v := m.Defaults()
	if onAnEdge(m, &v) {
		return
	}
	cols := m.Evaluate(&v)
	years := m.Horizon + 1
	s := m.prog.full
	s.Cols = nil
	r := make([]float64, len(m.prog.nodes)*years)
	m.prog.columns(r, &s, &v, m.BaseYear, years)
	// The two do the same arithmetic in the same order (a loop through
	// prev goes year by year in both): the same figures to the last bit.
	for j, n := range m.prog.series {
		for y := 0; y < years; y++ {
			if a, b := cols.Get(Output(j), y), r[int(n)*years+y]; !agree(a, b, 0) {
				t.Fatalf("%s = %s in %d: columns %v, years %v", m.Series[j].ID, m.Series[j].Formula, m.BaseYear+y, a, b)
			}
		}
	}
	e := NewEngine(m)
	cfg := RunConfig{N: 40, Seed: 7, Workers: 1, Values: v}
	var res Result
	if err := e.Run(context.Background(), &res, cfg); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 17, cfg.N - 1} {
		drawn, _, err := e.Drawn(context.Background(), cfg, i)
		if err != nil {
			t.Fatal(err)
		}
		if onAnEdge(m, &drawn) {
			continue
		}
		p := m.Evaluate(&drawn)
		for j, u := range e.Recorded() {
			for y := 0; y < years; y++ {
				xs, err := res.samples(u.Series, m.BaseYear+y)
				if err != nil {
					t.Fatal(err)
				}
				if a, b := float64(xs[i]), float64(float32(p.Get(u.Series, y))); !agree(a, b, 1e-5) && wellConditioned(m, &drawn, u.Series, y, 1e-5) {
					t.Fatalf("%s = %s in %d, sample %d: Monte Carlo %v, Evaluate %v", m.Series[j].ID, m.Series[j].Formula, m.BaseYear+y, i, a, b)
				}
			}
		}
	}
}

// wellConditioned reports whether series o in row y stays within tol
// when every input is nudged by a few parts in 10¹²: where it does not (a
// 0/0 met exactly, a comparison on its edge), the back-ends' last-bit
// differences (expSlice against math.Exp, a product of yearly steps
// against one exponential) may rightly give different answers.
func wellConditioned(m *Market, v *Values, o Output, y int, tol float64) bool {
	p := m.Evaluate(v)
	want := p.Get(o, y)
	for _, nudge := range []float64{1e-12, -1e-12, 3e-12, -7e-12} {
		w := *v
		for id := range m.Inputs {
			w[id] *= 1 + nudge
		}
		if q := m.Evaluate(&w); !agree(q.Get(o, y), want, tol) {
			return false
		}
	}
	return true
}

// onAnEdge reports whether m's answer at values v hangs on its last
// bits, so the back-ends (expSlice against math.Exp, a product of yearly
// steps against one exponential) may rightly differ: a bass(p, q, s) at
// its pole (q = −p gives (1 − e)/(1 − e), 0/0 where e is exactly 1 and 1
// an ulp away: found twice), or a comparison of two values within a few
// ulps of each other, unless they are equal whole numbers (year ==
// launch_year is exact everywhere; bass(1, .5, .5) == bass(t, .5, .5) at
// t = 1 was 1 in Evaluate and 0 in the kernel).
func onAnEdge(m *Market, v *Values) bool {
	years := m.Horizon + 1
	nodes := m.prog.nodes
	r := make([]float64, len(nodes)*years)
	m.prog.columns(r, &m.prog.full, v, m.BaseYear, years)
	at := func(i int32, y int) float64 {
		if nodes[i].Inv {
			return r[int(i)*years] // kept in the first row only
		}
		return r[int(i)*years+y]
	}
	for i, n := range nodes {
		if !m.prog.full.Live[i] {
			continue
		}
		for y := 0; y < years; y++ {
			switch n.Op {
			case formula.OpBassF:
				if math.Abs(1+at(n.B, y)*at(n.A, y)) < 1e-6 {
					return true
				}
			case formula.OpLt, formula.OpLe, formula.OpGt, formula.OpGe, formula.OpEq, formula.OpNe:
				a, b := at(n.A, y), at(n.B, y)
				if agree(a, b, 1e-9) && !(a == b && a == math.Trunc(a)) {
					return true
				}
			}
		}
	}
	return false
}

// agree: equal, both NaN, or within a relative tol.
func agree(a, b, tol float64) bool {
	switch {
	case a == b, math.IsNaN(a) && math.IsNaN(b):
		return true
	case math.IsInf(a, 0) || math.IsInf(b, 0) || math.IsNaN(a) || math.IsNaN(b):
		return false
	}
	return math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b))
}

// TestPrevOfAPrev (found by FuzzCompile): s1 = prev(s0) where s0 = prev(a)
// is last year's s0, in every back-end: a two-year lag of a. Year by
// year, s0's new value was written before s1 read the old one.
func TestPrevOfAPrev(t *testing.T) {
	m := fuzzMarket("x0 * (1 + t)", nil) // s0 = 0, s1 = 2(1 + t)
	m.Series[0].Formula = "prev(s1)"
	m.Series = append(m.Series, SeriesDef{ID: "s2", Label: "lag 2", Unit: UnitUSD, Formula: "prev(s0)"})
	m.Outputs.Uncertain = append(m.Outputs.Uncertain, Uncertain{Prefix: "s2", Series: 2})
	if err := m.Compile(); err != nil {
		t.Fatal(err)
	}
	v := m.Defaults()
	p := m.Evaluate(&v)
	// s1 = 2(1 + t); s0 = s1 a year late; s2 = s0 a year late.
	for y, want := range []float64{0, 0, 2, 4, 6} {
		if got := p.Get(2, y); got != want {
			t.Errorf("s2 in year %d = %v, want %v", y, got, want)
		}
	}
	checkBackEnds(t, m)
}

// TestExpSliceKeepsNaN (found by FuzzCompile): exp(log(log(0))) is NaN
// in Evaluate, as math.Exp has it; the kernel's expSlice gave 0.
func TestExpSliceKeepsNaN(t *testing.T) {
	xs := []float64{math.NaN(), -800, 1}
	expSlice(xs)
	if !math.IsNaN(xs[0]) || xs[1] != 0 || math.Abs(xs[2]-math.E) > 1e-15 {
		t.Errorf("expSlice(NaN, -800, 1) = %v, want NaN 0 e", xs)
	}
}
