package markets

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"sizeup/market"
)

// The inputs and history issue 11 added to the embedded market.
func TestEmbeddedCeilingPaidShareAndRates(t *testing.T) {
	m := defaultMarket(t)
	for id, w := range map[market.ID][3]float64{
		UserCeiling: {1.10e9, 1.0e9, 1.2e9},
		PayShare:    {0.15, 0.07, 0.19},
		PayShareEnd: {0.40, 0.25, 0.55},
	} {
		in := m.Input(id)
		if in.Default != w[0] || in.Low != w[1] || in.High != w[2] {
			t.Errorf("%s: default/low/high %v/%v/%v, want %v", idName(id), in.Default, in.Low, in.High, w)
		}
		if in.Source == "" || in.SourceYear == 0 || in.URL == "" || in.Note == "" {
			t.Errorf("%s carries no source, year, URL or note: %+v", idName(id), in)
		}
	}
	if o := m.Input(MarketGrowth).Observed; !slices.Equal(o, []float64{0.76, 0.50, 0.56, 0.326}) {
		t.Errorf("market growth observed %v, want iResearch's 76%%, 50%%, 56%%, 32.6%%", o)
	}
	// FRED AEXCHUS annual averages, each year's own rate.
	for year, want := range map[int]float64{2015: 6.2843, 2016: 6.6400, 2017: 6.7569, 2018: 6.6090} {
		if got, own := m.YearRate(year, 6.28); got != want || !own {
			t.Errorf("%d rate %v (own %v), want %v", year, got, own, want)
		}
	}
	compared := map[string]string{}
	for _, h := range m.History {
		compared[h.ID] = h.Compare
	}
	if compared["market_cny"] != "tam_usd" || compared["internet_users"] != "users" || compared["video_users"] != "viewers" {
		t.Errorf("history compares %v", compared)
	}
}

func TestMarketFileRefusesBadCompareAndObserved(t *testing.T) {
	cases := []struct {
		name, old, new string
		says           []string
	}{
		{"compare unknown", `compare = "tam_usd"`, `compare = "tam"`, []string{"market_cny.compare", `"tam" is not a series; did you mean tam_usd?`}},
		{"observed not a list", "observed = [0.050, 0.061, 0.062]", `observed = "fast"`, []string{"observed"}},
	}
	for _, c := range cases {
		_, err := ParseMarket("m.toml", edit(t, c.old, c.new))
		var fe *FileError
		if err == nil || !errors.As(err, &fe) || fe.Line == 0 {
			t.Errorf("%s: %v, want a FileError with a line", c.name, err)
			continue
		}
		for _, s := range c.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%s: %q does not say %q", c.name, err, s)
			}
		}
	}
}
