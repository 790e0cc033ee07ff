package market

import (
	"strings"
	"testing"
)

func TestSanityWarnings(t *testing.T) {
	m := testMarket()
	cases := []struct {
		name  string
		move  func(v *Values)
		kinds []string // in order
		says  []string // each appears in the warnings' text
	}{
		// Defaults: users 649M × 1.06^10 = 1,162M pass the 1.1bn ceiling in
		// 2025 (2024 is 1,096M). Revenue per viewer: 2024 TAM $6B × 1.25^9 =
		// $44.70B over 1,096.47M × 0.73 = 800.42M viewers = $55.85 a year,
		// above $4 × 12 = $48 (2023: $35.76B / 755.1M = $47.36, below).
		// TAM × 1.25^10 = 9.31, not tenfold. Market growth 25% is below the
		// 32.6%–76% iResearch saw; user growth 6% is inside 5.0%–6.2%.
		{"defaults", func(v *Values) {}, []string{"user_ceiling", "viewer_revenue", "growth_observed"},
			[]string{"ceiling of 1,100M in 2025", "uncapped they would be 1,162M by 2025", "in 2024: $55.8 a year against $48.0 ($4.00/mo × 12)",
				"Market growth of 25.0%/yr is below every rate its sources observed (32.6%/yr to 76.0%/yr)"}},
		// 35% growth: 1.35^10 = 20.1× ($6B to $121B); 35% is inside what
		// iResearch saw. A $20 price ($240 a year) stays above revenue per
		// viewer ($121B / 803M = $150.6 in 2025). Users at 3% never reach
		// the ceiling (649M × 1.03^10 = 872M) but 3% is below 5.0%.
		{"boom", func(v *Values) { v[MarketGrowth] = 0.35; v[Price] = 20; v[UserGrowth] = 0.03 }, []string{"tam_tenfold", "growth_observed"},
			[]string{"TAM grows 20.1× from 2015 to 2025 ($6.00B to $121B)", "User growth of 3.0%/yr is below every rate its sources observed (5.0%/yr to 6.2%/yr)"}},
		// Only the tenfold TAM (1.4^10 = 28.9×): 40% is inside what iResearch
		// saw, users never meet a 2bn ceiling, and a $20 price ($240 a year)
		// stays above revenue per viewer ($0.4B × 28.9 / 848M = $13.6).
		{"quiet", func(v *Values) { v[MarketGrowth] = 0.40; v[Price] = 20; v[UserCeiling] = 2e9; v[MarketSize] = 0.4e9 }, []string{"tam_tenfold"}, nil},
		// Without observed rates the input's low..high stands in.
		{"no observed", func(v *Values) { v[MarketGrowth] = 0.6 }, []string{"user_ceiling", "viewer_revenue", "tam_tenfold", "growth_observed"},
			[]string{"Market growth of 60.0%/yr is above its sources' range (10.0%/yr to 50.0%/yr)"}},
	}
	for _, c := range cases {
		mm := *m
		if c.name == "no observed" {
			mm.Inputs[MarketGrowth].Observed = nil
		}
		v := mm.Defaults()
		c.move(&v)
		p := mm.Evaluate(&v)
		ws := Sanity(&mm, &v, &p, USD)
		var kinds []string
		var text strings.Builder
		for _, w := range ws {
			kinds = append(kinds, w.Kind)
			text.WriteString(w.Message + "\n")
			if strings.Contains(w.Message, "\n") {
				t.Errorf("%s: a warning of more than one line: %q", c.name, w.Message)
			}
		}
		if strings.Join(kinds, ",") != strings.Join(c.kinds, ",") {
			t.Errorf("%s: warnings %v, want %v\n%s", c.name, kinds, c.kinds, text.String())
		}
		for _, s := range c.says {
			if !strings.Contains(text.String(), s) {
				t.Errorf("%s: warnings do not say %q:\n%s", c.name, s, text.String())
			}
		}
	}
}
