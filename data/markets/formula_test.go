package markets

import (
	"strconv"
	"strings"
	"testing"
)

// A small market with one series whose formula each case replaces.
const formulaMarket = `[market]
name = "Test"
base_year = 2020
horizon = 3

[[input]]
id = "users"
label = "Users"
group = "Market"
kind = "amount"
unit = "people"
default = 1000
low = 900
high = 1100
min = 0
max = 1e7
step = 1000

[[input]]
id = "price"
label = "Price"
group = "Plan"
kind = "amount"
unit = "usd_per_month"
default = 5
low = 4
high = 6
min = 0
max = 100
step = 0.5

[[series]]
id = "buyers"
label = "Buyers"
unit = "people"
formula = "users * 0.1"

[[series]]
id = "revenue_usd"
label = "Revenue"
unit = "usd"
formula = "FORMULA"
`

// TestFormulaRefusalsNameFileLineColumnAndSeries: each kind of bad formula
// is refused at load as file:line:column: series ID: what is wrong, the
// column pointing at the fault in the file's own text.
func TestFormulaRefusalsNameFileLineColumnAndSeries(t *testing.T) {
	// "formula = \"" is 11 characters: the formula's text starts at column 12.
	cases := []struct {
		formula string
		at      string // the text the column points at
		says    []string
	}{
		{"buyers * price * (12", "", []string{"expected ) to close the ( at column"}},
		{"buyers * prize * 12", "prize", []string{`"prize" is not an input, a series`, "did you mean price?"}},
		{"buyers ** 2", "**", []string{"write powers with ^"}},
		{"min()", "min", []string{"min(…) takes one or more arguments, got none"}},
		{"clamp(buyers, 0)", "clamp", []string{"clamp(…) takes 3 arguments, got 2"}},
		{"bass(0.03, 0.38)", "bass", []string{"bass(…) takes 3 arguments, got 2"}},
		{"sqr(buyers)", "sqr", []string{`"sqr" is not a function; did you mean sqrt?`}},
		{"prev(price) * buyers", "price", []string{"price is not a series"}},
		{"revenue_usd * 2", "revenue_usd", []string{"revenue_usd depends on itself; use prev(revenue_usd)"}},
		{"buyers * price = 2", "=", []string{`"=" is not an operator; compare with ==`}},
		{"buyers price", "price", []string{`expected an operator before "price"`}},
		{"buyers * 12 $", "$", []string{"'$' is not allowed in a formula"}},
	}
	for _, c := range cases {
		text := strings.Replace(formulaMarket, "FORMULA", c.formula, 1)
		_, err := ParseMarket("m.toml", []byte(text))
		if err == nil {
			t.Errorf("%q accepted", c.formula)
			continue
		}
		line := lineOf(t, []byte(text), "", `formula = "`+c.formula)
		col := 12
		if c.at != "" {
			col += strings.Index(c.formula, c.at)
		} else {
			col += len(c.formula) // the end, where the ) is missing
		}
		prefix := "m.toml:" + itoa(line) + ":" + itoa(col) + ": series revenue_usd: "
		if !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("%q: %q, want it to start %q", c.formula, err, prefix)
		}
		for _, s := range c.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%q: %q does not say %q", c.formula, err, s)
			}
		}
	}
}

// TestFormulaLoopIsNamedWhole: series that depend on each other in a loop
// are refused with every series of the loop, in order.
func TestFormulaLoopIsNamedWhole(t *testing.T) {
	text := strings.Replace(formulaMarket, `formula = "users * 0.1"`, `formula = "revenue_usd / price"`, 1)
	text = strings.Replace(text, "FORMULA", "buyers * price * 12", 1)
	_, err := ParseMarket("m.toml", []byte(text))
	if err == nil || !strings.Contains(err.Error(), "series revenue_usd: the series depend on each other in a loop: buyers → revenue_usd → buyers") {
		t.Fatalf("loop: %v", err)
	}
	// prev breaks it.
	text = strings.Replace(text, `"revenue_usd / price"`, `"prev(revenue_usd) / price"`, 1)
	if _, err := ParseMarket("m.toml", []byte(text)); err != nil {
		t.Fatalf("with prev: %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestOldCurrencyStillLoads: a China file written before [market.currency]
// (its rate input of unit cny_per_usd, no currency table) still loads, and
// its second currency is the yuan at that input.
func TestOldCurrencyStillLoads(t *testing.T) {
	text := string(DefaultMarketSource())
	text = strings.Replace(text, "[market.currency]\ncode = \"CNY\"\nsymbol = \"¥\"\nrate = \"fx_cny_per_usd\"\n", "", 1)
	text = strings.Replace(text, "unit = \"local_per_usd\"\ndefault = 6.28", "unit = \"cny_per_usd\"\ndefault = 6.28", 1)
	if strings.Contains(text, "[market.currency]") || !strings.Contains(text, `"cny_per_usd"`) {
		t.Fatal("the edit did not take")
	}
	m, err := ParseMarket("old.toml", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	v := m.Defaults()
	if c := m.LocalAt(&v); c.Code != "CNY" || c.Symbol != "¥" || c.PerUSD != 6.28 {
		t.Errorf("second currency %+v, want CNY ¥ at 6.28", c)
	}
}
