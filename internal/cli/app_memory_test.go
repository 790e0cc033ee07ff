package cli

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"sizeup/data/markets"
	"sizeup/market"
	"sizeup/ui"
)

// wideMarket is the template with n series of about 1,900 characters each
// over 50 years, which the headline (revenue_usd) adds up, so Monte Carlo
// evaluates every one of their operations.
func wideMarket(t *testing.T, n int) *market.Market {
	t.Helper()
	tmpl, err := os.ReadFile("../../data/template.toml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(tmpl), "horizon = 8\n", "horizon = 50\n", 1)
	var b strings.Builder
	var all []string
	for i := 0; i < n; i++ {
		var f strings.Builder
		f.WriteString("sum(users) * price * 0.001") // money, as every term (DESIGN.md §10's units), one number (the template's users are per area)
		for k := 0; f.Len() < 1900; k++ {
			fmt.Fprintf(&f, " + market_size * (1 + 0.%03d%d)^t", i, k)
		}
		fmt.Fprintf(&b, "[[series]]\nid = \"g%d\"\nlabel = \"G %d\"\nunit = \"usd\"\nformula = \"%s\"\n\n", i, i, f.String())
		all = append(all, fmt.Sprintf("g%d", i))
	}
	old := `formula = "sum(prev(subscribers) + subscribers) / 2 * price * 12"`
	if !strings.Contains(src, old) {
		t.Fatalf("the template has no %s", old)
	}
	src = strings.Replace(src, old, old[:len(old)-1]+" + ("+strings.Join(all, " + ")+") * 0.000001\"", 1)
	at := strings.Index(src, "[outputs]")
	m, err := markets.ParseMarket("wide.toml", []byte(src[:at]+b.String()+src[at:]))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestFitMemoryCountsTheModel: the app's budget counts the model's own
// evaluation and the Monte Carlo blocks, which grow with its operations:
// a market whose headline needs most of formula.MaxNodes operations (191 MB
// peak in the app before) is refused with the figures; the embedded market
// still fits.
func TestFitMemoryCountsTheModel(t *testing.T) {
	m := wideMarket(t, 50)
	c := &common{samples: 100_000, given: map[string]bool{}}
	err := c.fitMemory(m, true)
	if err == nil || !strings.Contains(err.Error(), "operations over 51 years") || !strings.Contains(err.Error(), "the app keeps to 60 MB") {
		t.Fatalf("%d operations: fitMemory = %v (samples %d), want a refusal", m.Operations(), err, c.samples)
	}
	china, err := markets.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	c = &common{samples: 100_000, given: map[string]bool{}}
	if err := c.fitMemory(china, true); err != nil || c.samples < 1000 {
		t.Errorf("the embedded market: fitMemory = %v, samples %d", err, c.samples)
	}
}

// TestReloadKeepsToTheMemoryBudget: the app keeps its sample count across
// a reload, so a saved market that does not fit the budget at that count
// is refused as a broken file is, and the last good model stays (issue
// 16, item 4: the check ran only at start-up).
func TestReloadKeepsToTheMemoryBudget(t *testing.T) {
	path := t.TempDir() + "/m.toml"
	if err := os.WriteFile(path, markets.DefaultMarketSource(), 0o644); err != nil {
		t.Fatal(err)
	}
	var current atomic.Pointer[market.Market]
	fits := appFlags{common: common{marketFile: path, samples: 20_000, given: map[string]bool{}}}
	var o ui.Options
	fits.watch(&o, &current)
	if _, err := o.Reload(); err != nil || current.Load() == nil {
		t.Fatalf("a market that fits: reload = %v", err)
	}
	big := appFlags{common: common{marketFile: path, samples: 50_000_000, given: map[string]bool{"samples": true}}}
	current.Store(nil)
	big.watch(&o, &current)
	_, err := o.Reload()
	if err == nil || !strings.Contains(err.Error(), "the app keeps to 60 MB") || current.Load() != nil {
		t.Fatalf("50,000,000 samples: reload = %v, current %v; want a refusal that keeps the last model", err, current.Load())
	}
}
