package market

import (
	"context"
	"math"
	"slices"
	"strings"
	"testing"
)

// pairMarket is two equal amounts a and b (default 10, 90% interval 5–20)
// and their sum, the recorded output.
func pairMarket(cs ...Correlation) *Market {
	m := &Market{Name: "pair", BaseYear: 2020, Horizon: 1}
	for i, name := range []string{"a", "b"} {
		m.Inputs = append(m.Inputs, Input{ID: ID(i), Name: name, Label: strings.ToUpper(name), Group: "g", Kind: KindAmount, Unit: UnitUSD,
			Default: 10, Low: 5, High: 20, Min: 0, Max: 1000, Step: 1, Stream: uint64(i + 1)})
		m.Order = append(m.Order, ID(i))
	}
	m.Series = []SeriesDef{{ID: "total", Label: "Total", Unit: UnitUSD, Formula: "a + b"}}
	m.Outputs = Outputs{Headline: 0, Cards: []Output{0}, Chart: []Output{0}, Uncertain: []Uncertain{{"total", 0}}}
	m.Correlations = cs
	if err := m.Compile(); err != nil {
		panic(err)
	}
	return m
}

// spread90 is P95 − P5 of the sum in the first year over n samples.
func spread90(t *testing.T, m *Market, n int) float64 {
	t.Helper()
	r := run(t, m, RunConfig{N: n, Seed: 3, Values: m.Defaults()})
	p := r.Year(m.BaseYear).Out[0]
	return p.P95 - p.P5
}

func TestNegativeRankNarrowsTheSumsSpread(t *testing.T) {
	const n = 100_000
	free := spread90(t, pairMarket(), n)
	tied := spread90(t, pairMarket(Correlation{Between: [2]string{"a", "b"}, Rank: -0.6}), n)
	ratio := tied / free
	t.Logf("90%% spread of a + b: independent %.3f, rank −0.6 %.3f, ratio %.3f", free, tied, ratio)
	if ratio < 0.5 || ratio > 0.75 {
		t.Errorf("rank −0.6 makes the sum's 90%% spread %.3f of the independent one, want 0.5–0.75", ratio)
	}
	same := spread90(t, pairMarket(Correlation{Between: [2]string{"a", "b"}, Rank: 0.6}), n)
	if same <= free {
		t.Errorf("rank +0.6 gives a spread of %.3f, not wider than the independent %.3f", same, free)
	}
}

// drawnColumn is input id's drawn values over the n kept samples of e's
// last draws, at the market's defaults.
func drawnColumn(e *Engine, m *Market, id ID, n int) []float64 {
	v, u := m.Defaults(), Uncertainty{}
	p := e.newPlan(&e.draws, &v, &u)
	out := make([]float64, n)
	for c := 0; c*drawChunk < n; c++ {
		from, to := c*drawChunk, min((c+1)*drawChunk, n)
		p.drawInput(id, out[from:to], e.draws.column(c, e.draws.layout.slot[id]))
	}
	return out
}

// ranks is each value's rank (ties take their mean rank).
func ranks(xs []float64) []float64 {
	idx := make([]int, len(xs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return cmpFloat(xs[a], xs[b]) })
	r := make([]float64, len(xs))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && xs[idx[j]] == xs[idx[i]] {
			j++
		}
		for k := i; k < j; k++ {
			r[idx[k]] = float64(i+j-1) / 2
		}
		i = j
	}
	return r
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// spearmanOf is the sample Spearman rank correlation of xs and ys.
func spearmanOf(xs, ys []float64) float64 {
	rx, ry := ranks(xs), ranks(ys)
	n := float64(len(xs))
	var mx, my float64
	for i := range rx {
		mx += rx[i] / n
		my += ry[i] / n
	}
	var sxy, sxx, syy float64
	for i := range rx {
		sxy += (rx[i] - mx) * (ry[i] - my)
		sxx += (rx[i] - mx) * (rx[i] - mx)
		syy += (ry[i] - my) * (ry[i] - my)
	}
	return sxy / math.Sqrt(sxx*syy)
}

// correlatedChina is the test market with price ~ conversion, Bass p ~ q
// and the approval lag (months, drawn uniform) ~ partner cut.
func correlatedChina() *Market {
	m := testMarket()
	m.Correlations = []Correlation{
		{Between: [2]string{"price", "conversion"}, Rank: -0.5},
		{Between: [2]string{"bass_p", "bass_q"}, Rank: -0.4},
		{Between: [2]string{"approval_lag", "partner_cut"}, Rank: 0.7},
	}
	return m
}

func TestDrawsHaveTheRankAskedAndKeepTheirOwnPercentiles(t *testing.T) {
	const n = 200_000
	plain, tied := NewEngine(testMarket()), NewEngine(correlatedChina())
	m := testMarket()
	for _, e := range []*Engine{plain, tied} {
		if _, err := e.drawsFor(context.Background(), n, 11, 2); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range correlatedChina().Correlations {
		a, _ := m.LookupInput(c.Between[0])
		b, _ := m.LookupInput(c.Between[1])
		got := spearmanOf(drawnColumn(tied, m, a, n), drawnColumn(tied, m, b, n))
		free := spearmanOf(drawnColumn(plain, m, a, n), drawnColumn(plain, m, b, n))
		t.Logf("%s: rank %.4f (asked %.2f), independent %.4f", c.Names(), got, c.Rank, free)
		if math.Abs(got-c.Rank) > 0.02 {
			t.Errorf("%s: sample rank %.4f, asked %.2f", c.Names(), got, c.Rank)
		}
		if math.Abs(free) > 0.02 {
			t.Errorf("%s: independent draws have rank %.4f", c.Names(), free)
		}
		for _, id := range []ID{a, b} {
			xs, ys := drawnColumn(plain, m, id, n), drawnColumn(tied, m, id, n)
			slices.Sort(xs)
			slices.Sort(ys)
			for _, q := range []float64{0.05, 0.5, 0.95} {
				x, y := xs[int(q*n)], ys[int(q*n)]
				if math.Abs(y-x) > 0.02*math.Abs(x)+1e-9 {
					t.Errorf("%s P%.0f: %v correlated, %v independent", m.Inputs[id].Name, q*100, y, x)
				}
			}
		}
	}
}

func TestUncorrelatedInputsKeepTheirDraws(t *testing.T) {
	const n = 10_000
	plain, tied := NewEngine(testMarket()), NewEngine(correlatedChina())
	for _, e := range []*Engine{plain, tied} {
		if _, err := e.drawsFor(context.Background(), n, 4, 1); err != nil {
			t.Fatal(err)
		}
	}
	m := testMarket()
	for _, id := range []ID{InternetUsers, VideoReach, UserCeiling} {
		if !slices.Equal(drawnColumn(plain, m, id, n), drawnColumn(tied, m, id, n)) {
			t.Errorf("%s: its draws changed when other inputs were correlated", m.Inputs[id].Name)
		}
	}
	// The first of a pair keeps its draws (L's first row is 1, 0, …);
	// the second is mixed with it.
	if !slices.Equal(drawnColumn(plain, m, Price, n), drawnColumn(tied, m, Price, n)) {
		t.Errorf("price: the first input of a pair changed its draws")
	}
	if slices.Equal(drawnColumn(plain, m, Conversion, n), drawnColumn(tied, m, Conversion, n)) {
		t.Errorf("conversion: the draws of the second input of a pair did not change")
	}
}

func TestCorrelatedRunIsTheSameForAnyWorkers(t *testing.T) {
	m := correlatedChina()
	cfg := RunConfig{N: 20_000, Seed: 9, Values: m.Defaults()}
	cfg.Workers = 1
	one := run(t, m, cfg)
	cfg.Workers = 3
	three := run(t, m, cfg)
	if !sameResult(one, three) {
		t.Errorf("a correlated run on 1 and 3 workers differs")
	}
}

func TestCorrelationsRefused(t *testing.T) {
	cases := []struct {
		name  string
		cs    []Correlation
		index int
		field string
		want  string
	}{
		{"unknown input", []Correlation{{Between: [2]string{"price", "convertion"}, Rank: 0.3}}, 0, "between", "did you mean conversion"},
		{"a year", []Correlation{{Between: [2]string{"price", "launch_year"}, Rank: 0.3}}, 0, "between", "never drawn (it is of kind year"},
		{"a switch", []Correlation{{Between: [2]string{"licence_tv", "price"}, Rank: 0.3}}, 0, "between", "never drawn (it is of kind switch"},
		{"the deal", []Correlation{{Between: [2]string{"price", "deal_probability"}, Rank: 0.3}}, 0, "between", "never drawn (it is of kind probability"},
		{"itself", []Correlation{{Between: [2]string{"price", "price"}, Rank: 0.3}}, 0, "between", "named twice"},
		{"one name", []Correlation{{Between: [2]string{"price", ""}, Rank: 0.3}}, 0, "between", "give two inputs"},
		{"rank too high", []Correlation{{Between: [2]string{"price", "conversion"}, Rank: 1}}, 0, "rank", "from -0.99 to 0.99"},
		{"rank NaN", []Correlation{{Between: [2]string{"price", "conversion"}, Rank: math.NaN()}}, 0, "rank", "is not accepted"},
		{"given twice", []Correlation{{Between: [2]string{"price", "conversion"}, Rank: 0.3}, {Between: [2]string{"conversion", "price"}, Rank: -0.2}}, 1, "between", "given twice"},
		{"across without dims", []Correlation{{Between: [2]string{"price", ""}, Across: "region", Rank: 0.3}}, 0, "across", `"price" has no dims`},
		{"impossible", []Correlation{
			{Between: [2]string{"price", "conversion"}, Rank: 0.9},
			{Between: [2]string{"conversion", "partner_cut"}, Rank: 0.9},
			{Between: [2]string{"price", "partner_cut"}, Rank: -0.9},
		}, 2, "rank", "price ~ partner_cut at −0.90: these ranks cannot all hold at once (their correlation matrix is not positive definite); change this one: with the other correlations as given, its rank must lie from +0.64 to +0.99"},
	}
	for _, c := range cases {
		m := testMarket()
		m.Correlations = c.cs
		_, err := m.CorrelatedPairs()
		ce, ok := err.(*CorrelationError)
		if !ok {
			t.Errorf("%s: %v, want a *CorrelationError", c.name, err)
			continue
		}
		if ce.Index != c.index || ce.Field != c.field || !strings.Contains(ce.Msg, c.want) {
			t.Errorf("%s: correlation %d %s: %s\nwant correlation %d %s: …%s…", c.name, ce.Index, ce.Field, ce.Msg, c.index, c.field, c.want)
		}
	}
}

// The range an impossible set names is right: at its ends the set holds,
// just past them it does not.
func TestImpossibleSetNamesARangeThatHolds(t *testing.T) {
	m := testMarket()
	m.Correlations = []Correlation{
		{Between: [2]string{"price", "conversion"}, Rank: 0.9},
		{Between: [2]string{"conversion", "partner_cut"}, Rank: 0.9},
		{Between: [2]string{"price", "partner_cut"}, Rank: -0.9},
	}
	for _, c := range []struct {
		rank float64
		ok   bool
	}{{0.64, true}, {0.99, true}, {0.62, false}, {0, false}} {
		m.Correlations[2].Rank = c.rank
		if _, err := m.CorrelatedPairs(); (err == nil) != c.ok {
			t.Errorf("price ~ partner_cut at %v: %v, want accepted %v", c.rank, err, c.ok)
		}
	}
}

func TestAcrossCorrelatesItemsThatDifferInThatDimension(t *testing.T) {
	m := &Market{Name: "split", BaseYear: 2020, Horizon: 1,
		Dims: []Dimension{{ID: "region", Label: "Region", Items: []string{"n", "s", "e"}, ItemLabels: []string{"N", "S", "E"}},
			{ID: "product", Label: "Product", Items: []string{"x", "y"}, ItemLabels: []string{"X", "Y"}}}}
	for r := range 3 {
		for p := range 2 {
			id := ID(len(m.Inputs))
			m.Inputs = append(m.Inputs, Input{ID: id, Name: "h." + m.Dims[0].Items[r] + "." + m.Dims[1].Items[p], Label: "H", Group: "g",
				Kind: KindAmount, Unit: UnitUSD, Default: 10, Low: 5, High: 20, Max: 100, Step: 1, Family: "h", Dims: []int{0, 1}, Items: []int{r, p}})
		}
	}
	m.Correlations = []Correlation{{Between: [2]string{"h", ""}, Across: "region", Rank: 0.5}}
	pairs, err := m.CorrelatedPairs()
	if err != nil {
		t.Fatal(err)
	}
	// Per product, the three regions pairwise: 2 × 3 pairs.
	if len(pairs) != 6 {
		t.Fatalf("%d pairs, want 6: %v", len(pairs), pairs)
	}
	for _, p := range pairs {
		a, b := m.Inputs[p.A].Items, m.Inputs[p.B].Items
		if a[1] != b[1] || a[0] == b[0] {
			t.Errorf("%s ~ %s: not the same product in two regions", m.Inputs[p.A].Name, m.Inputs[p.B].Name)
		}
	}
	m.Correlations[0].Across = "channel"
	if _, err := m.CorrelatedPairs(); err == nil || !strings.Contains(err.Error(), "is not a dimension of h") {
		t.Errorf("across a dimension h does not have: %v", err)
	}
	m.Correlations[0] = Correlation{Between: [2]string{"h", ""}, Across: "region", Rank: -0.6}
	if _, err := m.CorrelatedPairs(); err == nil || !strings.Contains(err.Error(), "must lie from −0.48 to +0.99") {
		t.Errorf("three regions at −0.6 each (no three can all be that far apart): %v", err)
	}
}

func TestPearsonAndSpearmanAreInverse(t *testing.T) {
	for _, rho := range []float64{-0.99, -0.5, 0, 0.3, 0.99} {
		if got := spearman(pearson(rho)); math.Abs(got-rho) > 1e-12 {
			t.Errorf("spearman(pearson(%v)) = %v", rho, got)
		}
	}
	if r := pearson(0.5); math.Abs(r-2*math.Sin(math.Pi/12)) > 1e-15 {
		t.Errorf("pearson(0.5) = %v", r)
	}
}

func TestAFixedInputIsNotCorrelated(t *testing.T) {
	m := testMarket()
	m.Inputs[Price].Low, m.Inputs[Price].High, m.Inputs[Price].Default = 4, 4, 4
	m.Correlations = []Correlation{{Between: [2]string{"conversion", "price"}, Rank: 0.3}}
	if _, err := m.CorrelatedPairs(); err == nil || !strings.Contains(err.Error(), `"price" is never drawn (its low and high are equal)`) {
		t.Errorf("price fixed at 4: %v", err)
	}
}
