package markets

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"sizeup/market"
)

// itemsMarket is segmented.toml's shape with one dimension of n regions:
// two inputs with dims (drawn item by item), a table per item, a series
// per item with a total, prev per item.
func itemsMarket(n int) string {
	var b strings.Builder
	b.WriteString("[market]\nname = \"Items\"\ntitle = \"A market of many items\"\nbase_year = 2024\nhorizon = 10\n\n[[dimension]]\nid = \"region\"\nitems = [")
	for i := range n {
		fmt.Fprintf(&b, "%q, ", fmt.Sprintf("r%d", i))
	}
	b.WriteString("]\n\n")
	b.WriteString(`[[input]]
id = "households"
dims = ["region"]
label = "Households"
group = "Market"
kind = "amount"
unit = "people"
default = 2e6
low = 1.5e6
high = 2.5e6
min = 0
max = 1e8
step = 1e5

[[input]]
id = "rate"
dims = ["region"]
label = "Replacement rate"
group = "Market"
kind = "share"
unit = "percent"
default = 0.05
low = 0.04
high = 0.06
min = 0
max = 1
step = 0.005

[[input]]
id = "price"
label = "Price"
group = "Pricing"
kind = "amount"
unit = "usd/person"
default = 12000
low = 10000
high = 14000
min = 0
max = 100000
step = 500

[[table]]
id = "new_homes"
label = "New homes"
unit = "people"
dims = ["region"]
[table.values]
`)
	for i := range n {
		fmt.Fprintf(&b, "r%d = { 2023 = %d, 2030 = %d }\n", i, 100000+i, 120000+i)
	}
	b.WriteString(`
[[series]]
id = "units"
label = "Units"
unit = "people"
total = true
formula = "households * rate * (1 + 0.02)^t + new_homes * 0.1"

[[series]]
id = "stock"
label = "Installed"
unit = "people"
formula = "prev(stock) + units"

[[series]]
id = "revenue_usd"
label = "Revenue"
unit = "usd"
formula = "sum(units) * price"
`)
	return b.String()
}

// TestItemsMarketLoads: the benchmark's market is a market (a benchmark
// that cannot load its market only fails when benchmarks run).
func TestItemsMarketLoads(t *testing.T) {
	m, err := ParseMarket("items.toml", []byte(itemsMarket(100)))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(m.Inputs); n != 201 {
		t.Errorf("%d inputs, want 100 households, 100 rates and the price", n)
	}
}

// BenchmarkMonteCarloItems: a segmented market costs what its items cost
// (DESIGN.md §10): 100,000 samples of China's market and of a market of
// 100 items (201 inputs drawn) on one core; the budget is 25× China's.
func BenchmarkMonteCarloItems(b *testing.B) {
	items, err := ParseMarket("items.toml", []byte(itemsMarket(100)))
	if err != nil {
		b.Fatal(err)
	}
	china, err := DefaultMarket()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		m    *market.Market
	}{{"china", china}, {"items=100", items}} {
		b.Run(c.name, func(b *testing.B) {
			e := market.NewEngine(c.m)
			var r market.Result
			cfg := market.RunConfig{N: 100_000, Workers: 1, Values: c.m.Defaults()}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				cfg.Seed = uint64(i + 1)
				if err := e.Run(context.Background(), &r, cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
