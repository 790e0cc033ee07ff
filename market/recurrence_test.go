package market

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"sizeup/market/formula"
)

// stockMarket is a small market whose subscribers read their own past
// (churn): the years must be evaluated one at a time.
func stockMarket(t *testing.T) *Market {
	t.Helper()
	m := &Market{Name: "Stock", BaseYear: 2020, Horizon: 6}
	add := func(name string, kind Kind, unit Unit, def, low, high, max float64) {
		id := ID(len(m.Inputs))
		m.Inputs = append(m.Inputs, Input{ID: id, Name: name, Label: name, Group: "g", Kind: kind, Unit: unit,
			Default: def, Low: low, High: high, Min: 0, Max: max, Step: max / 1000, Stream: StreamOf(name)})
		m.Order = append(m.Order, id)
	}
	add("adds", KindAmount, UnitPeople, 1000, 800, 1200, 1e6)
	add("churn", KindShare, UnitPercent, 0.2, 0.1, 0.3, 1)
	add("price", KindAmount, UnitUSDPerMonth, 10, 8, 12, 100)
	m.Series = []SeriesDef{
		{ID: "stock", Label: "Subscribers", Unit: UnitPeople, Formula: "prev(stock) * (1 - churn) + adds * (1 + t)"},
		{ID: "revenue_usd", Label: "Revenue", Unit: UnitUSD, Formula: "stock * price * 12"},
	}
	m.Outputs.Headline = 1 // revenue
	if err := m.Compile(); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestRecurrenceYearByYear: a series that reads its own past is evaluated
// year by year, and gives the recurrence worked out by hand; only its
// loop goes year by year, what it reads and what reads it go by columns.
func TestRecurrenceYearByYear(t *testing.T) {
	m := stockMarket(t)
	s := &m.prog.full
	if len(s.Recur) != 1 {
		t.Fatalf("%d loops through prev, want 1 (stock's)", len(s.Recur))
	}
	stock, revenue := m.prog.series[0], m.prog.series[1]
	// stock = prev(stock) * (1 - churn) + adds * (1 + t): the loop is the
	// prev leaf, its product and the sum; adds * (1 + t), which it reads,
	// is a column before it, and revenue, which reads it, one after.
	g := s.Recur[0]
	if len(g.Nodes) != 3 || m.prog.nodes[g.Nodes[0]].Op != formula.OpPrev || !slices.Contains(g.Nodes, stock) {
		t.Errorf("the loop is %v, want stock's prev leaf first, then its product and stock (%d)", g.Nodes, stock)
	}
	term := m.prog.nodes[stock].B
	if slices.Contains(g.Nodes, term) {
		term = m.prog.nodes[stock].A
	}
	if k := slices.Index(s.Cols, term); k < 0 || k >= g.At {
		t.Errorf("adds × (1 + t) at %d in Cols, the loop before %d: want it before", k, g.At)
	}
	if k := slices.Index(s.Cols, revenue); k < g.At {
		t.Errorf("revenue (reads stock) at %d in Cols, the loop before %d: want it after", k, g.At)
	}
	v := m.Defaults()
	p := m.Evaluate(&v)
	want := 0.0
	for y := 0; y <= m.Horizon; y++ {
		want = want*(1-0.2) + 1000*float64(1+y)
		check(t, "stock", p.Get(0, y), want)
		check(t, "revenue", p.Get(1, y), want*10*12)
	}
}

// TestRecurSameBitsAsYears: a market of loops through prev (one series
// reading its own past, two reading each other's, a prev of a prev, a
// loop feeding another, columns before, between and after them, the exp
// and power steps inside a loop) gives the same figures, to the last
// bit, evaluated by columns with its loops year by year as evaluated
// wholly year by year, at its defaults and at random values.
func TestRecurSameBitsAsYears(t *testing.T) {
	m := fuzzMarket("x0 * (1 + t)", nil)
	m.Series = []SeriesDef{
		{ID: "s0", Formula: "x0 * (1 + x2) ^ t + log(1 + t)"},
		{ID: "s1", Formula: "prev(s1) * (1 - x1) + s0 * exp(x2 * t)"},
		{ID: "s2", Formula: "s1 * x0 + prev(s3) / 3"},
		{ID: "s3", Formula: "prev(s2) * x1 + sqrt(s0) + prev(s4)"},
		{ID: "s4", Formula: "prev(s1)"},
		{ID: "s5", Formula: "if(s3 > s2, s3 - s2, prev(s5) + s0 / 7) * exp(x2 * t) * (1 + x1) ^ t"},
		{ID: "s6", Formula: "s5 + s2 * tb + bass(x1, x2, t)"},
		{ID: "s7", Formula: "prev(s7)"},
	}
	m.Outputs.Uncertain = nil
	for i := range m.Series {
		m.Series[i].Label, m.Series[i].Unit = m.Series[i].ID, UnitUSD
		m.Outputs.Uncertain = append(m.Outputs.Uncertain, Uncertain{Prefix: m.Series[i].ID, Series: Output(i)})
	}
	if err := m.Compile(); err != nil {
		t.Fatal(err)
	}
	if n := len(m.prog.full.Recur); n != 4 {
		t.Errorf("%d loops through prev, want 4 (s1; s2 and s3; s5; s7)", n)
	}
	years := m.Horizon + 1
	r := make([]float64, len(m.prog.nodes)*years)
	rnd := rand.New(rand.NewPCG(1, 2))
	for k := range 200 {
		v := m.Defaults()
		if k > 0 {
			for id, in := range m.Inputs {
				v[id] = in.Low + (in.High-in.Low)*rnd.Float64()
			}
		}
		got := m.Evaluate(&v)
		s := m.prog.full
		s.Cols = nil
		m.prog.columns(r, &s, &v, m.BaseYear, years)
		for j, n := range m.prog.series {
			for y := range years {
				if a, b := got.Get(Output(j), y), r[int(n)*years+y]; math.Float64bits(a) != math.Float64bits(b) {
					t.Fatalf("%s in %d at %v: by columns %v, year by year %v", m.Series[j].ID, m.BaseYear+y, v[:len(m.Inputs)], a, b)
				}
			}
		}
	}
}

// TestColumnsAndYearsAgree: the two evaluators, all years of a node at
// once and one year at a time, give the China model the same figures.
func TestColumnsAndYearsAgree(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	v[LaunchYear], v[ApprovalLag] = 2017, 3
	cols := m.Evaluate(&v)
	years := m.Horizon + 1
	s := m.prog.full
	s.Cols = nil // as for a market that reads its own past
	r := make([]float64, len(m.prog.nodes)*years)
	m.prog.columns(r, &s, &v, m.BaseYear, years)
	for j, n := range m.prog.series {
		for y := 0; y < years; y++ {
			a, b := cols.Get(Output(j), y), r[int(n)*years+y]
			if math.Abs(a-b) > 1e-12*math.Max(1, math.Abs(a)) {
				t.Errorf("%s %d: columns %v, years %v", m.Series[j].ID, m.BaseYear+y, a, b)
			}
		}
	}
}

// TestRecurrenceMonteCarlo: Monte Carlo over a self-referring series is
// each sample's own recurrence (checked on the samples' drawn values).
func TestRecurrenceMonteCarlo(t *testing.T) {
	m := stockMarket(t)
	e := NewEngine(m)
	cfg := RunConfig{N: 2000, Seed: 3, Values: m.Defaults()}
	var r Result
	if err := e.Run(context.Background(), &r, cfg); err != nil {
		t.Fatal(err)
	}
	xs := make([]float32, cfg.N)
	for i := range xs {
		v, _, err := e.Drawn(context.Background(), cfg, i)
		if err != nil {
			t.Fatal(err)
		}
		p := m.Evaluate(&v)
		xs[i] = float32(p.Last(1))
	}
	var sel selector
	var got [1]float64
	sel.orderStats(xs, []int{rankOf(0.5, len(xs))}, got[:])
	if want := r.Last().Out[0].P50; got[0] != want {
		t.Errorf("P50 of revenue: run %v, samples evaluated one by one %v", want, got[0])
	}
}

// TestInputsOfIsTheFormulasOwn: a series' inputs are the ones its own
// formula names, not those of the series it reads.
func TestInputsOfIsTheFormulasOwn(t *testing.T) {
	m := testMarket()
	got := m.InputsOf(OutCoverage)
	want := []ID{MobileShare, TVShare, LicenceMobile, LicencePC, LicenceTV}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("coverage reads %v, want %v", got, want)
	}
	if got := m.InputsOf(OutReachable); len(got) != 0 {
		t.Errorf("reachable = viewers * coverage reads %v, want no input", got)
	}
	if got := m.InputsOf(OutGross); fmt.Sprint(got) != fmt.Sprint([]ID{LaunchYear, ApprovalLag, Price}) {
		t.Errorf("gross reads %v", got)
	}
}
