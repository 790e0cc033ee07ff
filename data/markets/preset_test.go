package markets

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"sizeup/market"
)

func TestPresetsShipWithTheDefaultMarket(t *testing.T) {
	m, err := DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range m.Presets {
		names = append(names, p.Name)
	}
	if got := strings.Join(names, ", "); got != "Base, Bull, Bear, Mobile-only licence" {
		t.Fatalf("presets %s, want Base, Bull, Bear, Mobile-only licence", got)
	}
	base, _ := m.Preset("base")
	if len(base.Settings) != 0 || base.Values(m) != m.Defaults() || base.Note == "" {
		t.Errorf("Base %+v is not the defaults with a note", base)
	}
	for _, p := range m.Presets {
		if p.Market != m.Name {
			t.Errorf("%s belongs to %q, want %q", p.Name, p.Market, m.Name)
		}
		if p.Note == "" {
			t.Errorf("%s has no note", p.Name)
		}
		for _, s := range p.Settings {
			in := m.Inputs[s.ID]
			// Defensible values stay within the plausible range, not only the hard limits.
			if s.Value < in.Low || s.Value > in.High {
				t.Errorf("%s %s = %v leaves low..high %v..%v", p.Name, idName(s.ID), s.Value, in.Low, in.High)
			}
			if s.Value == in.Default {
				t.Errorf("%s sets %s to its default", p.Name, idName(s.ID))
			}
			if len(s.Why) < 20 || strings.Contains(s.Why, "\n") {
				t.Errorf("%s %s: why %q is not a one-line reason", p.Name, idName(s.ID), s.Why)
			}
		}
	}

	// The values the presets document, in model units.
	want := map[string]map[market.ID]float64{
		"Bull": {VideoReach: 0.75, MobileShare: 0.86, MarketSize: 6.2e9, MarketGrowth: 0.50, mustID("late_growth"): 0.30,
			ApprovalLag: 3, PartnerCut: 0.30, DealProbability: 0.70, Conversion: 0.05, BassQ: 0.5},
		"Bear": {MarketSize: 3.9e9, MarketGrowth: 0.25, mustID("late_growth"): 0.15, LaunchYear: 2018, ApprovalLag: 12,
			PartnerCut: 0.70, DealProbability: 0.20, Conversion: 0.005, Price: 2.39},
		"Mobile-only licence": {LicencePC: 0, LicenceTV: 0},
	}
	for name, w := range want {
		p, ok := m.Preset(strings.ToUpper(name)) // case does not matter
		if !ok {
			t.Fatalf("no preset %s", name)
		}
		if len(p.Settings) != len(w) {
			t.Errorf("%s sets %d inputs, want %d", name, len(p.Settings), len(w))
		}
		for id, x := range w {
			s, ok := p.Setting(id)
			if !ok || math.Abs(s.Value-x) > 1e-12*math.Abs(x) {
				t.Errorf("%s %s = %v (set %v), want %v", name, idName(id), s.Value, ok, x)
			}
		}
	}

	// What the presets do to the model: Bull earns more than Base, Bear
	// less, and dropping the PC and TV licences leaves mobile viewing only.
	net := func(name string) float64 {
		p, _ := m.Preset(name)
		v := p.Values(m)
		pr := m.Evaluate(&v)
		return pr.Last(series("net_usd"))
	}
	if !(net("bull") > net("base") && net("base") > net("bear") && net("bear") > 0) {
		t.Errorf("2025 net: bull %v, base %v, bear %v", net("bull"), net("base"), net("bear"))
	}
	mob, _ := m.Preset("mobile-only licence")
	v := mob.Values(m)
	pm := m.Evaluate(&v)
	if got := pm.First(series("coverage")); got != m.Inputs[MobileShare].Default {
		t.Errorf("mobile-only coverage %v, want the mobile share %v", got, m.Inputs[MobileShare].Default)
	}
}

func TestPresetErrorsNameFileLineAndField(t *testing.T) {
	cases := []struct {
		name      string
		old, new  string
		at        string // the error points at the first line holding this
		says      []string
		wantField string
	}{
		{"unknown input", `conversion = { value = "5%"`, `conversoin = { value = "5%"`, "conversoin =",
			[]string{"not an input of the model", "conversion"}, `preset "Bull" set.conversoin`},
		{"above max", `bass_q = { value = 0.5,`, `bass_q = { value = 5,`, "bass_q = { value = 5,",
			[]string{"5 is outside what Bass q accepts", "0 to 1.5"}, `preset "Bull" set.bass_q`},
		{"a percent as a bare number", `partner_cut = { value = "70%"`, `partner_cut = { value = 70`, "partner_cut = { value = 70",
			[]string{"70 is outside", "fractions (0.05 = 5%)", `"5%"`}, `preset "Bear" set.partner_cut`},
		{"typed value refused", `price = { value = "$2.39"`, `price = { value = "cheap"`, `price = { value = "cheap"`,
			[]string{`"cheap" is not a value for Price`, "monthly price like"}, `preset "Bear" set.price`},
		{"not a whole year", `launch_year = { value = "2018"`, `launch_year = { value = 2018.5`, "launch_year = { value = 2018.5",
			[]string{"not a whole year"}, `preset "Bear" set.launch_year`},
		{"switch", `licence_pc = { value = "off"`, `licence_pc = { value = 0.5`, "licence_pc = { value = 0.5",
			[]string{"not a switch value"}, `preset "Mobile-only licence" set.licence_pc`},
		{"a list", `licence_tv = { value = "off"`, `licence_tv = { value = ["off"]`, `licence_tv = { value = ["off"]`,
			[]string{"is a list"}, `preset "Mobile-only licence" set.licence_tv`},
		{"unknown part of a setting", `why = "toward iQiyi`, `because = "toward iQiyi`, "conversion = {",
			[]string{`"because" is not part of a setting`}, `preset "Bull" set.conversion`},
		{"name twice", `name = "Bear"`, `name = "bull"`, `name = "bull"`,
			[]string{`"bull" is given twice`}, "preset.name"},
		{"a path for a name", `name = "Bear"`, `name = "../bear"`, `name = "../bear"`,
			[]string{"not a path"}, "preset.name"},
		{"base sets something", "name = \"Base\"\nnote", "name = \"Base\"\nset = { price = 5 }\nnote", "set = { price = 5 }",
			[]string{"Base is the market's defaults"}, `preset "Base" set`},
		{"a control character in a why", `why = "CNNIC Jun 2016`, `why = "CNNIC\u001b[2J Jun 2016`, `why = "CNNIC\u001b`,
			[]string{"control character U+001B"}, `preset "Bull" set.mobile_share`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text := edit(t, c.old, c.new)
			_, err := ParseMarket("bad.toml", text)
			if err == nil {
				t.Fatal("accepted")
			}
			prefix := "bad.toml:" + strconv.Itoa(lineOf(t, text, "", c.at)) + ": " + c.wantField + ": "
			if !strings.HasPrefix(err.Error(), prefix) {
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

func TestPresetValuesInYuanUseTheMarketRate(t *testing.T) {
	text := edit(t, `price = { value = "$2.39"`, `price = { value = "¥15"`)
	m, err := ParseMarket("yuan.toml", text)
	if err != nil {
		t.Fatal(err)
	}
	yuan, rate := 15.0, 6.28 // variables, so the division is float64's as in Parse
	bear, _ := m.Preset("Bear")
	if s, _ := bear.Setting(Price); s.Value != yuan/rate {
		t.Errorf("¥15 at 6.28 = %v, want %v", s.Value, yuan/rate)
	}
	// A preset that sets its own rate converts at that rate.
	text = edit(t, `price = { value = "$2.39"`, `fx_cny_per_usd = 6.5`+"\n"+`price = { value = "¥15"`)
	if m, err = ParseMarket("yuan.toml", text); err != nil {
		t.Fatal(err)
	}
	bear, _ = m.Preset("Bear")
	rate = 6.5
	if s, _ := bear.Setting(Price); s.Value != yuan/rate {
		t.Errorf("¥15 at the preset's 6.5 = %v, want %v", s.Value, yuan/rate)
	}
}

func TestAMarketWithoutPresetsStillHasBase(t *testing.T) {
	s := string(DefaultMarketSource())
	i := strings.Index(s, "[[preset]]")
	j := strings.Index(s, "[[history]]")
	m, err := ParseMarket("plain.toml", []byte(s[:i]+s[j:]))
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Presets) != 1 || m.Presets[0].Name != "Base" || len(m.Presets[0].Settings) != 0 {
		t.Errorf("presets %+v, want Base alone", m.Presets)
	}
	// Base listed last in the file is still shown first.
	text := []byte(s[:i] + strings.Replace(s[i:j], "[[preset]]\nname = \"Base\"", "[[preset]]\nname = \"Base2\"", 1) + "[[preset]]\nname = \"base\"\n\n" + s[j:])
	if m, err = ParseMarket("late.toml", text); err != nil {
		t.Fatal(err)
	}
	if m.Presets[0].Name != "base" || m.Presets[len(m.Presets)-1].Name == "base" {
		t.Errorf("Base is not first: %v", m.Presets)
	}
}
