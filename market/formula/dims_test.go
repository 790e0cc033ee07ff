package formula

import (
	"strings"
	"testing"
)

// dimsEnv is a market split by region (north, south, west) and product
// (a, b): households per region (4, 3, 2), a rate (0.5), a price per
// product (10, 20), and a table of new homes per region, base year 2020.
func dimsEnv(series ...string) Env {
	return Env{
		BaseYear:  2020,
		Dims:      []Dim{{"region", []string{"north", "south", "west"}}, {"product", []string{"a", "b"}}},
		Inputs:    []string{"households", "rate", "price"},
		InputDims: [][]int{{0}, nil, {1}},
		Series:    series,
		Tables: []Table{{Name: "new_homes", Dims: []int{0}, Elems: []Path{
			{Years: []int{2020, 2024}, Values: []float64{1, 5}},               // linear: 1, 2, 3, 4, 5
			{Years: []int{2021, 2023}, Values: []float64{10, 30}, Step: true}, // step: 10, 10, 10, 30, 30
			{Years: []int{2022}, Values: []float64{7}},                        // one figure: 7 every year
		}}},
	}
}

// flat places of the inputs: households north, south, west, rate, price a, b
var dimsInputs = []float64{4, 3, 2, 0.5, 10, 20}

func compileDims(t *testing.T, env Env, formulas ...string) *Program {
	t.Helper()
	c := NewCompiler(env)
	if err := c.Series(formulas); err != nil {
		t.Fatal(err)
	}
	return c.Program()
}

// TestDimsItemByItem: every value of a segmented market, worked out by
// hand, in the flat order (each series' total first when it declares
// one, then its items row by row).
func TestDimsItemByItem(t *testing.T) {
	env := dimsEnv("units", "all", "north", "grid", "by_product", "avg", "stock", "share")
	env.SeriesTotal = []bool{true, false, false, false, false, false, false, false}
	p := compileDims(t, env,
		"households * rate + new_homes",    // per region
		"sum(units)",                       // one number
		"units[north]",                     // one number
		"units * price",                    // region × product
		"sum(grid, region)",                // per product
		"mean(units)",                      // one number
		"prev(stock) + units",              // per region, its own past per item
		"units / sum(units, region) * 100", // per region, a share
	)
	out := evaluateWith(p, dimsInputs, 2020)
	col := func(name string) []float64 {
		for k, f := range p.Flat {
			if flatName(env, p, f) == name {
				return out[k]
			}
		}
		t.Fatalf("no flat series %s", name)
		return nil
	}
	// units: households/2 + the table: north 2 + 1..5, south 1.5 + 10,10,10,30,30, west 1 + 7
	north := []float64{3, 4, 5, 6, 7}
	south := []float64{11.5, 11.5, 11.5, 31.5, 31.5}
	west := []float64{8, 8, 8, 8, 8}
	for y := range 5 {
		total := north[y] + south[y] + west[y]
		checks := map[string]float64{
			"units": total, "units.north": north[y], "units.south": south[y], "units.west": west[y],
			"all": total, "north": north[y],
			"grid.north.a": north[y] * 10, "grid.west.b": west[y] * 20,
			"by_product.a": total * 10, "by_product.b": total * 20,
			"avg":         total / 3,
			"stock.south": south[0] + sum(south[1:y+1]),
			"share.west":  west[y] / total * 100,
		}
		for name, want := range checks {
			if got := col(name)[y]; !near(got, want) {
				t.Errorf("%s in year %d = %v, want %v", name, 2020+y, got, want)
			}
		}
	}
	if got, want := len(p.Flat), 4+1+1+6+2+1+3+3; got != want {
		t.Errorf("%d flat series, want %d", got, want)
	}
}

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}

// flatName is a flat series' report column: id, id.item, id.item.item.
func flatName(env Env, p *Program, f Flat) string {
	name := env.Series[f.Series]
	for k, d := range p.Shapes[f.Series] {
		if !f.Total {
			name += "." + env.Dims[d].Items[f.Items[k]]
		}
	}
	return name
}

// TestPathInput: an input of kind path is a factor on its table's figures.
func TestPathInput(t *testing.T) {
	env := dimsEnv("built")
	env.InputPath = []int{-1, 0, -1} // rate scales new_homes
	p := compileDims(t, env, "rate")
	out := evaluateWith(p, dimsInputs, 2020)
	if got := out[0]; !near(got[4], 0.5*5) || !near(out[1][3], 0.5*30) || !near(out[2][0], 0.5*7) {
		t.Errorf("rate × new_homes = %v %v %v", out[0], out[1], out[2])
	}
}

// TestTablePaths: linear between the years given, step when asked, held
// flat outside them.
func TestTablePaths(t *testing.T) {
	lin := Path{Years: []int{2020, 2030}, Values: []float64{100, 200}}
	step := Path{Years: []int{2020, 2025}, Values: []float64{1, 2}, Step: true}
	for _, c := range []struct {
		p    Path
		year int
		want float64
	}{
		{lin, 2015, 100}, {lin, 2020, 100}, {lin, 2023, 130}, {lin, 2030, 200}, {lin, 2040, 200},
		{step, 2019, 1}, {step, 2024, 1}, {step, 2025, 2}, {step, 2031, 2},
	} {
		if got := c.p.At(c.year); !near(got, c.want) {
			t.Errorf("%v at %d = %v, want %v", c.p, c.year, got, c.want)
		}
	}
}

// TestDimsRefusals: each refusal of a formula whose dimensions do not
// fit, where it points and what it says.
func TestDimsRefusals(t *testing.T) {
	cases := []struct {
		src, at, says string
		declared      []int
	}{
		{"households[nort]", "nort", `"nort" is not an item of this value, which is per region; did you mean north?`, nil},
		{"households[a]", "a]", `"a" is not an item of this value, which is per region; its items are north, south, west`, nil},
		{"rate[north]", "north", "[north]: this value has no dimensions", nil},
		{"sum(households, product)", "product", "sum(x, product): this value is per region, so it has no product to add over", nil},
		{"sum(households, regoin)", "regoin", `"regoin" is not a dimension; did you mean region?`, nil},
		{"households * region", "region", "region is a dimension, not a value", nil},
		{"households * price", "households", "declares its dims per product, but its formula is per region × product", []int{1}},
		{"sum(households * price, 3)", "3", "takes the name of a dimension second", nil},
	}
	for _, c := range cases {
		env := dimsEnv("x")
		env.SeriesDims = [][]int{c.declared}
		err := NewCompiler(env).Series([]string{c.src})
		fe, ok := err.(*Error)
		if !ok {
			t.Errorf("%q: %v, want a refusal", c.src, err)
			continue
		}
		if !strings.Contains(fe.Msg, c.says) {
			t.Errorf("%q: %q, want it to say %q", c.src, fe.Msg, c.says)
		}
		if want := strings.Index(c.src, c.at); c.declared == nil && fe.Span.Start != want {
			t.Errorf("%q: at %d, want %d (%q)", c.src, fe.Span.Start, want, c.at)
		}
	}
}

// TestDimsLimits: at most MaxDims dimensions and MaxItems items a value.
func TestDimsLimits(t *testing.T) {
	items := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = "i" + strings.Repeat("x", i%5) + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
		}
		return out
	}
	env := Env{BaseYear: 2020, Dims: []Dim{{"a", items(2)}, {"b", items(2)}, {"c", items(2)}, {"d", items(2)}},
		Inputs: []string{"x", "y"}, InputDims: [][]int{{0, 1}, {2, 3}}, Series: []string{"s"}}
	err := NewCompiler(env).Series([]string{"x * y"})
	if err == nil || !strings.Contains(err.Error(), "4 dimensions, and a value has at most 3") {
		t.Errorf("four dimensions: %v", err)
	}
	env = Env{BaseYear: 2020, Dims: []Dim{{"a", items(40)}, {"b", items(30)}},
		Inputs: []string{"x", "y"}, InputDims: [][]int{{0}, {1}}, Series: []string{"s"}}
	err = NewCompiler(env).Series([]string{"x * y"})
	if err == nil || !strings.Contains(err.Error(), "1200 items, and a value has at most 1000") {
		t.Errorf("1,200 items: %v", err)
	}
	if err := NewCompiler(env).Series([]string{"sum(x) * y"}); err != nil {
		t.Errorf("30 items: %v", err)
	}
}

// TestCheckWithDims: a condition with dimensions holds when any item
// does; a sentence's {…} must be one number.
func TestCheckWithDims(t *testing.T) {
	c := NewCompiler(dimsEnv("units"))
	if err := c.Series([]string{"households * rate"}); err != nil {
		t.Fatal(err)
	}
	n, _, err := c.Formula(Owner{Kind: CheckWhen, ID: "big"}, "units > 1.9")
	if err != nil {
		t.Fatal(err)
	}
	if got := evaluateWith(c.Program(), dimsInputs, 2020, n)[3][0]; got != 1 {
		t.Errorf("units > 1.9 (north is 2) = %v, want 1", got)
	}
	_, _, err = c.Formula(Owner{Kind: CheckSay, ID: "big"}, "units")
	if err == nil || !strings.Contains(err.Error(), "a sentence shows one number") {
		t.Errorf("{units} in a sentence: %v", err)
	}
}
