package ui

import "testing"

// TestFormulaWordsReadsNamesWhole: a card's formula is said in the
// market's words, each name read whole by the language's own lexer: a
// capitalised word is not cut into a name ("Users" is not "U" + "sers"),
// and a name inside a longer one is not replaced.
func TestFormulaWordsReadsNamesWhole(t *testing.T) {
	m := testMarket(t)
	for _, c := range []struct{ formula, want string }{
		{"gross_usd / sam_usd", "gross ÷ SAM"},
		{"Users * 2", "Users × 2"},
		{"prev(Users) / t", "prev(Users) ÷ t"},
		{"min(year, 2020)", "min(year, 2020)"},
		{"1 +", "-"}, // not a formula: nothing to say
	} {
		if got := formulaWords(m, c.formula); got != c.want {
			t.Errorf("formulaWords(%q) = %q, want %q", c.formula, got, c.want)
		}
	}
}
