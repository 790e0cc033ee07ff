package markets

import (
	"math"
	"slices"
	"testing"
)

// The third built-in market, European home heat pumps from 2021: it loads
// by name, splits six countries, reads its policy path from a table,
// counts homes, and its 2021 figures are the sourced counts its header
// lists (BDH, Uniclima, Assoclima, PORT PC, DHPA, HPA), not what a formula
// happened to give.
func TestEuropeHeatPumpsBaseYearIsTheSourcedCounts(t *testing.T) {
	m, err := OpenMarket("europe-heatpumps-2021")
	if err != nil {
		t.Fatal(err)
	}
	if m.BaseYear != 2021 || m.LastYear() != 2030 || m.Local.Code != "EUR" {
		t.Fatalf("years %d–%d, currency %q", m.BaseYear, m.LastYear(), m.Local.Code)
	}
	countries := []string{"germany", "france", "italy", "poland", "netherlands", "uk"}
	if len(m.Dims) != 1 || m.Dims[0].ID != "country" || !slices.Equal(m.Dims[0].Items, countries) {
		t.Fatalf("dimensions %+v", m.Dims)
	}
	if len(m.Tables) != 1 || m.Tables[0].ID != "hp_share_path" || len(m.Tables[0].Items) != len(countries) || m.Tables[0].Source == "" {
		t.Fatalf("tables %+v", m.Tables)
	}
	v := m.Defaults()
	p := m.Evaluate(&v)
	at := func(name string, year int) float64 {
		t.Helper()
		o, ok := m.LookupOutput(name)
		if !ok {
			t.Fatalf("no series %s", name)
		}
		x, _ := p.At(o, year)
		return x
	}
	// Heat pumps and all heating systems sold in 2021, per country.
	pumps := map[string]float64{"germany": 154_000, "france": 267_221 + 2_719, "italy": 161_500, "poland": 85_000, "netherlands": 70_000, "uk": 42_000}
	heating := map[string]float64{"germany": 929_000, "france": 715_000 + 34_900 + 267_221 + 2_719, "italy": 1_183_500, "poland": 724_000, "netherlands": 505_000, "uk": 1_742_000}
	prices := map[string]float64{"germany": 15_400, "france": 14_200, "italy": 13_000, "poland": 10_050, "netherlands": 10_650, "uk": 16_700}
	var total, tam float64
	for _, c := range countries {
		if got := at("heating."+c, 2021); got != heating[c] {
			t.Errorf("heating systems sold in %s, 2021: %v, want %v", c, got, heating[c])
		}
		// The table gives each share to six places: within one home.
		if got := at("hp_units."+c, 2021); math.Abs(got-pumps[c]) > 1 {
			t.Errorf("heat pumps sold in %s, 2021: %v, want %v", c, got, pumps[c])
		}
		total += pumps[c]
		tam += pumps[c] * prices[c]
	}
	if got := at("hp_units", 2021); math.Abs(got-total) > 3 || math.Abs(total-782_440) > 1 {
		t.Errorf("heat pumps sold in the six countries, 2021: %v, want %v (782,440)", got, total)
	}
	if got := at("tam_usd", 2021); math.Abs(got/tam-1) > 1e-5 {
		t.Errorf("TAM 2021 %v, want the counts at their installed prices, %v", got, tam)
	}
	// No sales before the launch year, and the switch of a country takes
	// it out of SAM and our sales.
	if at("our_units", 2021) != 0 || at("revenue_total", 2021) != 0 || at("our_units.uk", 2030) <= 0 {
		t.Errorf("our units 2021 %v, revenue 2021 %v, UK 2030 %v", at("our_units", 2021), at("revenue_total", 2021), at("our_units.uk", 2030))
	}
	sam := at("sam_usd", 2030)
	uk := m.Family("enter")
	if len(uk) != len(countries) {
		t.Fatalf("enter is %d inputs, want one per country", len(uk))
	}
	v[uk[len(uk)-1]] = 0
	p = m.Evaluate(&v)
	if at("our_units.uk", 2030) != 0 || at("sam_usd", 2030) >= sam {
		t.Errorf("with the UK off: our UK units %v, SAM %v (was %v)", at("our_units.uk", 2030), at("sam_usd", 2030), sam)
	}
	// Every input says where it comes from, or why it is an assumption.
	for i := range m.Inputs {
		if in := &m.Inputs[i]; in.Note == "" {
			t.Errorf("%s has no note", in.Name)
		}
	}
	// Hindsight: each country's sales after 2021, compared item by item.
	compared := map[string]string{}
	for _, h := range m.History {
		compared[h.ID] = h.Compare
		if h.Source == "" || h.URL == "" {
			t.Errorf("history %s has no source or URL", h.ID)
		}
	}
	for _, c := range countries {
		if compared["hp_sales_"+c] != "hp_units."+c {
			t.Errorf("history of %s compares %q", c, compared["hp_sales_"+c])
		}
	}
}
