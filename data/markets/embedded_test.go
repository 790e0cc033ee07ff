package markets

import (
	"testing"
)

// Every built-in market loads, compiles and evaluates to finite figures.
func TestEmbeddedMarketsLoad(t *testing.T) {
	list, ms, err := EmbeddedMarkets()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 2 || list[0].Name != "china-2015" {
		t.Fatalf("embedded %v", list)
	}
	for i, m := range ms {
		v := m.Defaults()
		p := m.Evaluate(&v)
		for y := 0; y < p.Len(); y++ {
			for j, x := range p.Row(y, nil) {
				if x != x || x > 1e30 || x < -1e30 {
					t.Errorf("%s %d %s = %v", list[i].Name, p.Year(y), m.Series[j].ID, x)
				}
			}
		}
		if _, err := OpenMarket(list[i].Name); err != nil {
			t.Errorf("--market %s: %v", list[i].Name, err)
		}
	}
}
