package markets

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"sizeup/market"
)

func TestDefaultMarketMatchesDataSources(t *testing.T) {
	m, err := DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	if m.BaseYear != 2015 || m.Horizon != 10 {
		t.Errorf("base %d horizon %d, want 2015 and 10", m.BaseYear, m.Horizon)
	}
	// shared/data-sources.md, "Model defaults", in model units.
	want := map[market.ID][3]float64{
		InternetUsers:   {649e6, 618e6, 688e6},
		UserGrowth:      {0.06, 0.03, 0.07},
		VideoReach:      {0.73, 0.667, 0.75},
		MobileShare:     {0.60, 0.60, 0.86},
		TVShare:         {0.25, 0.10, 0.50},
		MarketSize:      {6.0e9, 3.9e9, 6.2e9},
		MarketGrowth:    {0.35, 0.25, 0.50}, // issue 18: iResearch's 2015 forecast to 2018, not a ten-year assumption
		LicenceMobile:   {1, 0, 1},
		LicencePC:       {1, 0, 1},
		LicenceTV:       {1, 0, 1},
		LaunchYear:      {2016, 2016, 2020},
		ApprovalLag:     {6, 0, 12},
		Conversion:      {0.02, 0.005, 0.08},
		Price:           {4.00, 2.39, 9.99},
		PartnerCut:      {0.50, 0.30, 0.70},
		BassP:           {0.03, 0.01, 0.05},
		BassQ:           {0.38, 0.2, 0.6},
		DealProbability: {0.50, 0.20, 0.80},
		FXCNYPerUSD:     {6.28, 6.12, 6.64},
	}
	for id, w := range want {
		in := m.Inputs[id]
		if in.Default != w[0] || in.Low != w[1] || in.High != w[2] {
			t.Errorf("%s: default/low/high %v/%v/%v, want %v/%v/%v", idName(id), in.Default, in.Low, in.High, w[0], w[1], w[2])
		}
	}
	// Sourced or labelled an assumption, as data-sources.md has it.
	assumptions := map[market.ID]bool{TVShare: true, ApprovalLag: true,
		Conversion: true, Price: true, PartnerCut: true, DealProbability: true, mustID("pay_share_year"): true}
	for id := market.ID(0); id < numInputs; id++ {
		in := m.Inputs[id]
		if in.IsAssumption() != assumptions[id] {
			t.Errorf("%s: assumption %v, want %v (source %q)", idName(id), in.IsAssumption(), assumptions[id], in.Source)
		}
		if in.Note == "" {
			t.Errorf("%s has no note", idName(id))
		}
	}
	if len(m.Order) != int(numInputs) || len(m.History) < 4 || len(m.Facts) < 3 {
		t.Errorf("order %d, history %d, facts %d", len(m.Order), len(m.History), len(m.Facts))
	}
	var iresearch *market.Series
	for i := range m.History {
		if m.History[i].ID == "market_cny" {
			iresearch = &m.History[i]
		}
	}
	if iresearch == nil || iresearch.Values[3] != 60.9e9 || iresearch.Years[3] != 2016 {
		t.Errorf("iResearch series %+v, want 60.9bn CNY in 2016", iresearch)
	}
}

// edit returns the embedded market with one line replaced.
func edit(t *testing.T, old, new string) []byte {
	t.Helper()
	s := string(DefaultMarketSource())
	if !strings.Contains(s, old) {
		t.Fatalf("the embedded market has no %q", old)
	}
	return []byte(strings.Replace(s, old, new, 1))
}

// lineOf is the 1-based line of the first occurrence of s after the line
// containing anchor.
func lineOf(t *testing.T, text []byte, anchor, s string) int {
	t.Helper()
	lines := strings.Split(string(text), "\n")
	seen := anchor == ""
	for i, l := range lines {
		if !seen && strings.Contains(l, anchor) {
			seen = true
		}
		if seen && strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("no line with %q after %q", s, anchor)
	return 0
}

func TestMarketFileErrorsNameFileLineAndField(t *testing.T) {
	cases := []struct {
		name   string
		text   []byte
		anchor string // the line the error must point at is the first with `at` after `anchor`
		at     string
		says   []string
	}{
		{"unknown field", edit(t, `label = "Conversion"`, "label = \"Conversion\"\nlabell = \"x\""), `id = "conversion"`, "labell", []string{"labell", "not a field"}},
		{"low above high", edit(t, "low = 0.005", "low = 0.09"), `id = "conversion"`, "low = 0.09", []string{"conversion.low", "9.0%", "above high", "8.0%"}},
		{"default outside min..max", edit(t, "default = 0.02", "default = 1.5"), `id = "conversion"`, "default = 1.5", []string{"conversion.default", "outside min..max"}},
		{"wrong kind", edit(t, `kind = "share"`+"\nunit = \"percent\"\ndefault = 0.73", `kind = "amount"`+"\nunit = \"percent\"\ndefault = 0.73"), `id = "video_reach"`, `kind = "amount"`, []string{"video_reach.kind", "wrong kind", `"share"`}},
		{"unknown kind", edit(t, `kind = "months"`, `kind = "weeks"`), "", `kind = "weeks"`, []string{"approval_lag.kind", `"weeks"`, "amount, growth"}},
		{"bad input id", edit(t, `id = "tv_share"`, `id = "TV share"`), "", `id = "TV share"`, []string{"input.id", `"TV share" is not an id`}},
		{"text for a number", edit(t, "high = 9.99", `high = "9.99"`), "", `high = "9.99"`, []string{"high", "a string", "a number"}},
		{"syntax", edit(t, "step = 0.25", "step = = 0.25"), "", "step = = 0.25", []string{}},
		{"missing number", edit(t, "step = 0.25\n", ""), `id = "price"`, "[[input]]", []string{"price.step", "missing"}},
		{"history mismatch", edit(t, "values = [618e6, 649e6, 688e6, 731e6]", "values = [618e6, 649e6]"), `id = "internet_users"`, "values = [618e6, 649e6]", []string{"internet_users.values", "2 values for 4 years"}},
		{"check id twice", edit(t, `id = "arpu"`, `id = "above_sam"`), `say = "Gross revenue is above SAM`, `id = "above_sam"`, []string{"check.id", `"above_sam" is given twice`}},
		{"default outside its own low..high", edit(t, "default = 0.02", "default = 0.09"), `id = "conversion"`, "default = 0.09", []string{"conversion.default", "9.0%", "outside its own low..high", "0.5%", "8.0%"}},
		// How an input is drawn (DESIGN.md §11).
		{"unknown dist", edit(t, `id = "conversion"`, "id = \"conversion\"\ndist = \"tringular\""), "", `dist = "tringular"`, []string{"conversion.dist", `"tringular" is not a dist; did you mean triangular?`}},
		{"dist the kind refuses", edit(t, `id = "conversion"`, "id = \"conversion\"\ndist = \"normal\""), "", `dist = "normal"`, []string{"conversion.dist", `"normal" is not accepted for kind share`, `"triangular" or "pert" or "uniform"`}},
		{"dist on a kind never drawn", edit(t, `id = "launch_year"`, "id = \"launch_year\"\ndist = \"uniform\""), "", `dist = "uniform"`, []string{"launch_year.dist", "kind year is never drawn"}},
		{"triangular default outside its bounds", edit(t, "default = 0.02", "dist = \"triangular\"\ndefault = 0.09"), `id = "conversion"`, "default = 0.09", []string{"conversion.default", "9.0%", "bounds of a triangular draw", "mode"}},
		{"unknown role", edit(t, "id = \"price\"\nrole = \"decision\"", "id = \"price\"\nrole = \"decison\""), "", `role = "decison"`, []string{"price.role", "did you mean decision?"}},
		{"horizon", edit(t, "horizon = 10", "horizon = 0"), "", "horizon = 0", []string{"market.horizon", "1 to 50"}},
		// The model's rules (market.Input.Validate) at the line of the field at fault.
		{"hard limit", edit(t, "max = 2_000_000_000", "max = 2e12"), `id = "internet_users"`, "max = 2e12", []string{"internet_users.max", "above what a number of people accepts"}},
		{"step too small", edit(t, "step = 5_000_000", "step = 5"), `id = "internet_users"`, "step = 5", []string{"internet_users.step", "too small"}},
		{"wrong kind before a missing number", edit(t, "kind = \"amount\"\nunit = \"people\"\ndefault = 649_000_000\nlow = 618_000_000", "kind = \"share\"\nunit = \"people\"\ndefault = 649_000_000"), `id = "internet_users"`, `kind = "share"`, []string{"internet_users.kind", "wrong kind"}},
		{"not finite before a missing number", edit(t, "default = 649_000_000\nlow = 618_000_000", "default = nan"), `id = "internet_users"`, "default = nan", []string{"internet_users.default", "not a finite number"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseMarket("bad.toml", c.text)
			if err == nil {
				t.Fatal("accepted")
			}
			anchor := c.anchor
			line := lineOf(t, c.text, anchor, c.at)
			if c.name == "missing number" {
				// the [[input]] that holds the price
				line = lineOf(t, c.text, "", `id = "price"`) - 1
			}
			prefix := "bad.toml:" + strconv.Itoa(line) + ": "
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

func TestMissingInputNamed(t *testing.T) {
	text := edit(t, `id = "bass_q"`, `id = "bass_p"`)
	_, err := ParseMarket("bad.toml", text)
	if err == nil || !strings.Contains(err.Error(), "given twice") {
		t.Fatalf("duplicate input: %v", err)
	}
	// Drop the whole fx block.
	s := string(DefaultMarketSource())
	i := strings.Index(s, "[[input]]\nid = \"fx_cny_per_usd\"")
	j := strings.Index(s[i+1:], "[[input]]") + i + 1
	_, err = ParseMarket("bad.toml", []byte(s[:i]+s[j:]))
	if err == nil || !strings.Contains(err.Error(), "market.currency.rate") || !strings.Contains(err.Error(), `"fx_cny_per_usd" is not an input`) {
		t.Fatalf("missing input: %v", err)
	}
}

func TestLoadMarketFromDisk(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "india.toml")
	if err := os.WriteFile(path, edit(t, `name = "China online video"`, `name = "India online video"`), 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := LoadMarket(path)
	if err != nil || m.Name != "India online video" {
		t.Fatalf("LoadMarket = %v, %v", m, err)
	}
	_, err = LoadMarket(filepath.Join(dir, "nope.toml"))
	if err == nil || !strings.Contains(err.Error(), "nope.toml") || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
}

// BenchmarkDefaultMarket is parsing and validating the embedded market,
// part of every start.
func BenchmarkDefaultMarket(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DefaultMarket(); err != nil {
			b.Fatal(err)
		}
	}
}
