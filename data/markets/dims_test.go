package markets

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"sizeup/market"
)

func segmented(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/segmented.toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSegmentedMarketLoads: the test market's values are listed item by
// item, its total first, and --set's names find them.
func TestSegmentedMarketLoads(t *testing.T) {
	m, err := ParseMarket("segmented.toml", []byte(segmented(t)))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range m.Series {
		ids = append(ids, s.ID)
	}
	if got, want := strings.Join(ids, " "), "units units.north units.south units.west revenue_usd stock.north stock.south stock.west"; got != want {
		t.Errorf("series %s, want %s", got, want)
	}
	if got := len(m.LookupInputs("households")); got != 3 {
		t.Errorf("households names %d inputs, want its 3 items", got)
	}
	if ids := m.LookupInputs("households[south]"); len(ids) != 1 || m.Inputs[ids[0]].Name != "households.south" || m.Inputs[ids[0]].Default != 3.2e6 {
		t.Errorf("households[south] = %v", ids)
	}
	if in := m.Inputs[m.LookupInputs("households.west")[0]]; in.Low != 1.8e6 || in.High != 4.5e6 || in.Label != "Households · West" {
		t.Errorf("households.west: low %v high %v (a plain number applies to every item) label %q", in.Low, in.High, in.Label)
	}
}

// TestSegmentedRefusals: each new construct's refusals, at the line (and
// for formulas the column) of the fault, with what is accepted.
func TestSegmentedRefusals(t *testing.T) {
	cases := []struct {
		name, old, new string
		at             string // the text of the line the error must name
		col            int    // 0: no column
		says           []string
	}{
		{"unknown dimension", `dims = ["region"]` + "\nlabel = \"Households\"", `dims = ["regoin"]` + "\nlabel = \"Households\"", `dims = ["regoin"]`, 0, []string{"households.dims", `"regoin" is not a dimension; did you mean region?`}},
		{"unknown item in a default", "default = { north = 4.1e6", "default = { nroth = 4.1e6", "default = { nroth", 0, []string{"households.default", `"nroth" is not an item of region; did you mean north?`}},
		{"an item without a value", "low     = { north = 3.9e6, south = 3.0e6, west = 1.8e6 }", "low     = { north = 3.9e6, south = 3.0e6 }", "low     = {", 0, []string{"households.low", "gives no value for west", "north, south, west"}},
		{"items for an input without dims", "default = 0.05", "default = { north = 0.05 }", "default = { north = 0.05 }", 0, []string{"replace_rate.default", "the input has no dims"}},
		{"a table year that is not a year", "north = { 2023 = 0.50e6", "north = { y2023 = 0.50e6", "[table.values]", 0, []string{"table new_homes: values", `"y2023" is not a year`}},
		{"an empty table", "west  = { 2023 = 0.35e6, 2030 = 0.40e6 }", "west  = { }", "[table.values]", 0, []string{"values.west: no figures"}},
		{"a table with no values", "[table.values]\nnorth = { 2023 = 0.50e6, 2030 = 0.55e6 }\nsouth = { 2023 = 0.60e6, 2030 = 0.70e6 }\nwest  = { 2023 = 0.35e6, 2030 = 0.40e6 }\n", "", "[[table]]", 0, []string{"table new_homes: values", "missing or empty"}},
		{"a year given twice", "2030 = 0.55e6", "2030 = 0.55e6, 02030 = 0.6e6", "[table.values]", 0, []string{"the year 2030 is given twice"}},
		{"a way between years", `interpolate = "linear"`, `interpolate = "smooth"`, `interpolate = "smooth"`, 0, []string{"linear", "step"}},
		{"a path of no table", `default = "new_homes"`, `default = "new_home"`, `default = "new_home"`, 0, []string{"built.default", `"new_home" is not a table; did you mean new_homes?`}},
		{"an unknown item in a formula", "formula = \"sum(units) * price\"", "formula = \"units[nort] * price\"", "formula = \"units[nort]", 18, []string{`"nort" is not an item of this value, which is per region; did you mean north?`}},
		{"a sum over a dim the value lacks", "formula = \"sum(units) * price\"", "formula = \"sum(price, region)\"", "formula = \"sum(price, region)", 23, []string{"sum(x, region): this value is one number (no dimensions), so it has no region to add over"}},
		{"dims that do not match", "total = true\nformula", "total = true\ndims = []\nformula", "formula = \"households", 0, []string{"series units", "declares its dims one number (no dimensions), but its formula is per region"}},
		{"a dimension's item twice", `items = ["north", "south", "west"]`, `items = ["north", "south", "north"]`, `items = ["north", "south", "north"]`, 0, []string{"dimension region: items", `"north" is given twice`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := segmented(t)
			if !strings.Contains(src, c.old) {
				t.Fatalf("the test market has no %q", c.old)
			}
			text := strings.Replace(src, c.old, c.new, 1)
			_, err := ParseMarket("bad.toml", []byte(text))
			if err == nil {
				t.Fatal("accepted")
			}
			prefix := "bad.toml:" + strconv.Itoa(lineOf(t, []byte(text), "", c.at))
			if c.col > 0 {
				prefix += ":" + strconv.Itoa(c.col)
			}
			if !strings.HasPrefix(err.Error(), prefix+":") {
				t.Errorf("error %q, want it to start %q", err, prefix)
			}
			for _, s := range c.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
}

// TestItemsDiagnosedAsTheirValue: a value whose items divide by zero or
// give no number is named once, with the year and which items.
func TestItemsDiagnosedAsTheirValue(t *testing.T) {
	src := strings.Replace(segmented(t), `formula = "households * replace_rate + built * 0.1"`,
		`formula = "households * replace_rate + built * 0.1 * households / (households - 4.1e6) + log((households - 3e6) / (households + 1e9)) * households * 0"`, 1)
	m, err := ParseMarket("div.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	v := m.Defaults()
	var got []string
	for _, w := range m.Warnings(&v, market.USD) {
		if w.IsDiagnostic() {
			got = append(got, w.Message)
		}
	}
	want := []string{
		"Units sold gives no number (NaN) from 2024 (log of a negative), in West, shown as –.",
		"Revenue gives no number (NaN) from 2024 (through units), shown as –.",
		"Installed gives no number (NaN) from 2024 (through units), in West, shown as –.",
		"Units sold divides by zero in 2024–2030, in North: a / b is 0 when b is 0, so the figure there is likely not what was meant.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestTableOfTwoDims: a table's figures nest in the order its dims are
// written (product, then region), a level of years applies to every item
// below it, and the items are stored in the market's order (region ×
// product); a path input may have dims of its own.
func TestTableOfTwoDims(t *testing.T) {
	b, err := os.ReadFile("../../internal/cli/testdata/recompute.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(b), "interpolate = \"step\"\n[table.values]\n2024 = 0.1\n2027 = 0.25\n2030 = 0.05",
		"interpolate = \"step\"\ndims = [\"product\", \"region\"]\n[table.values]\nair = { 2024 = 0.1, 2027 = 0.25, 2030 = 0.05 }\nground = { north = { 2024 = 0.2 }, south = { 2024 = 0.3 }, west = { 2024 = 0.4, 2028 = 0.1 } }", 1)
	src = strings.Replace(src, "id = \"built\"\n", "id = \"built\"\ndims = [\"region\"]\n", 1)
	m, err := ParseMarket("two.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	tb := m.Tables[1]
	if tb.ID != "subsidy" || len(tb.Items) != 6 {
		t.Fatalf("%s has %d items, want 6", tb.ID, len(tb.Items))
	}
	// region × product: north.air, north.ground, south.air, south.ground, west.air, west.ground
	for k, want := range []float64{0.25, 0.2, 0.25, 0.3, 0.25, 0.1} {
		if got := tb.Items[k].At(2029); got != want {
			t.Errorf("item %d in 2029 = %v, want %v", k, got, want)
		}
	}
	if ids := m.LookupInputs("built"); len(ids) != 3 || m.Inputs[ids[2]].Name != "built.west" || m.Inputs[ids[2]].Path != "new_homes" {
		t.Errorf("built per region: %v", ids)
	}
}
