package market

import (
	"context"
	"fmt"
	"math"
	"testing"
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
// year by year, and gives the recurrence worked out by hand.
func TestRecurrenceYearByYear(t *testing.T) {
	m := stockMarket(t)
	if m.prog.full.Cols != nil {
		t.Fatal("a self-referring series was scheduled column by column")
	}
	v := m.Defaults()
	p := m.Evaluate(&v)
	stock := 0.0
	for y := 0; y <= m.Horizon; y++ {
		stock = stock*(1-0.2) + 1000*float64(1+y)
		check(t, "stock", p.Get(0, y), stock)
		check(t, "revenue", p.Get(1, y), stock*10*12)
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
