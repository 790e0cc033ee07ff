package markets

import (
	"strings"
	"testing"
)

// A currency symbol that number syntax could take for its own is refused
// at load, with its line: with "1", --set price=15 read as 5 in the local
// currency; with "m", "k" or "%", 50m failed.
func TestCurrencySymbolsThatClashWithNumbersAreRefused(t *testing.T) {
	base := string(Template())
	line := 0
	for i, l := range strings.Split(base, "\n") {
		if strings.HasPrefix(l, "symbol = ") {
			line = i + 1
		}
	}
	for _, sym := range []string{"1", "m", "M", "k", "%", "bn", "n", "t", ".", "+", "-", ",", "1k", "R 1", " $ x", "mo", "h"} {
		text := strings.Replace(base, `symbol = "€"`, `symbol = "`+sym+`"`, 1)
		_, err := ParseMarket("m.toml", []byte(text))
		want := "m.toml:" + itoa(line) + ": market.currency.symbol: "
		if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "a symbol may be") {
			t.Errorf("symbol %q: %v, want %q… saying what a symbol may be", sym, err, want)
		}
	}
	for _, sym := range []string{"€", "₹", "kr", "R$", "zł", "лв.", "Ft", "¥"} {
		text := strings.Replace(base, `symbol = "€"`, `symbol = "`+sym+`"`, 1)
		if _, err := ParseMarket("m.toml", []byte(text)); err != nil {
			t.Errorf("symbol %q: %v", sym, err)
		}
	}
}
