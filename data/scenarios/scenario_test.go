package scenarios

import (
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"sizeup/data/markets"
	"sizeup/market"
)

func defaultMarket(t testing.TB) *market.Market {
	t.Helper()
	m, err := markets.DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestApplyAndDiff(t *testing.T) {
	m := defaultMarket(t)
	v := m.Defaults()
	if d := market.Diff(m, v); len(d) != 0 {
		t.Fatalf("the defaults differ from themselves: %v", d)
	}
	v[Price] = 2.39
	v[Conversion] = 0.03
	v[LicenceTV] = 0
	d := market.Diff(m, v)
	// The file's order: price (a decision, written first of them), then
	// licence_tv (Partner & licence), then conversion.
	want := []market.Setting{{ID: Price, Value: 2.39}, {ID: LicenceTV, Value: 0}, {ID: Conversion, Value: 0.03}}
	if len(d) != len(want) {
		t.Fatalf("Diff = %v, want %v", d, want)
	}
	for i := range want {
		if d[i] != want[i] {
			t.Errorf("Diff[%d] = %v, want %v", i, d[i], want[i])
		}
	}
	sc := market.Scenario{Settings: d}
	if got := sc.Values(m); got != v {
		t.Errorf("Apply(Diff(v)) = %v, want %v", got, v)
	}
	// Apply writes over the base it is given, not over the defaults.
	base := m.Defaults()
	base[BassQ] = 0.5
	if got := sc.Apply(m, base); got[BassQ] != 0.5 || got[Price] != 2.39 {
		t.Errorf("Apply over a base lost the base or the settings: %v", got)
	}
	// A value the model cannot take is clamped, an unknown input skipped.
	wild := market.Scenario{Settings: []market.Setting{{ID: Conversion, Value: 7}, {ID: numInputs, Value: 1}, {ID: Price, Value: math.NaN()}}}
	got := wild.Values(m)
	if got[Conversion] != 1 || got[Price] != m.Inputs[Price].Default {
		t.Errorf("Apply of out-of-range values = %v", got)
	}
	// The sign of a zero is a difference too, so Apply(Diff(v)) == v to the bit.
	m2 := *m
	m2.Inputs[UserGrowth].Default = 0
	v = m2.Defaults()
	v[UserGrowth] = math.Copysign(0, -1)
	back := (&market.Scenario{Settings: market.Diff(&m2, v)}).Values(&m2)
	if math.Float64bits(back[UserGrowth]) != math.Float64bits(v[UserGrowth]) {
		t.Error("Diff lost the sign of -0")
	}
}

func TestWithValuesKeepsTheReasonsOfUntouchedSettings(t *testing.T) {
	m := defaultMarket(t)
	bull, _ := m.Preset("bull")
	v := bull.Values(m)
	v[Conversion] = 0.06               // moved: its why no longer holds
	v[Price] = 5                       // new
	v[BassQ] = m.Inputs[BassQ].Default // back to the default: gone
	mine := bull.WithValues(m, v)
	if _, ok := mine.Setting(BassQ); ok {
		t.Error("an input back at its default is still set")
	}
	if s, _ := mine.Setting(Conversion); s.Why != "" || s.Value != 0.06 {
		t.Errorf("moved conversion %+v kept its old why", s)
	}
	if s, _ := mine.Setting(Price); s.Value != 5 {
		t.Errorf("price %+v", s)
	}
	old, _ := bull.Setting(PartnerCut)
	if s, _ := mine.Setting(PartnerCut); s.Why != old.Why || s.Why == "" {
		t.Errorf("untouched partner_cut lost its why: %+v", s)
	}
	if mine.Name != "Bull" || bull.Settings[len(bull.Settings)-1].ID != BassQ {
		t.Error("WithValues changed the preset it was called on")
	}
}

func TestValidNameRefusesWithASentence(t *testing.T) {
	refused := []struct{ name, says string }{
		{"", "empty"},
		{"   ", "only spaces"},
		{"../../x", `a name is not a path, so "/" is not allowed`},
		{"a/b", `"/" is not allowed`},
		{`a\b`, `"\\" is not allowed`},
		{".", "names a folder"},
		{"..", "names a folder"},
		{".hidden", "begins with a dot"},
		{" bear", "begins or ends with a space"},
		{"con", "device CON on Windows"},
		{"NUL", "device NUL on Windows"},
		{"Com1", "device COM1 on Windows"},
		{"lpt9.backup", "device LPT9 on Windows"},
		{"bell\a", "control character U+0007"},
		{"two\nlines", "control character U+000A"},
		{"esc\x1b[2J", "control character U+001B"},
		{"nul\x00byte", "control character U+0000"},
		{"bad\xffutf8", "not valid UTF-8"},
		{strings.Repeat("x", 65), "65 characters long"},
		{"50% growth", `"%" is not allowed`},
		{"what?", `"?" is not allowed`},
		{"a:b", `":" is not allowed`},
		{"()", "no letter or digit"},
		{"- _ -", "no letter or digit"},
	}
	for _, c := range refused {
		err := ValidName(c.name)
		if err == nil {
			t.Errorf("%q accepted", c.name)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, c.says) || !strings.Contains(msg, "letters, digits, spaces") || strings.Count(msg, "\n") > 0 {
			t.Errorf("%q: %q does not say %q and what is accepted in one line", c.name, msg, c.says)
		}
	}
	accepted := map[string]string{
		"Bear":                   "bear.toml",
		"Wasu deal":              "wasu-deal.toml",
		"Mobile-only licence":    "mobile-only-licence.toml",
		"Bear (2018)":            "bear-2018.toml",
		"Netflix's bet, v2.1":    "netflix-s-bet-v2.1.toml",
		"Wasu & Alibaba + iQiyi": "wasu-alibaba-iqiyi.toml",
		"万达 合作":                  "万达-合作.toml",
		"Café":                   "café.toml",
		"aux (old)":              "aux-old.toml",
		"console":                "console.toml",
		strings.Repeat("é", 64):  strings.Repeat("é", 64) + ".toml",
		"snake_case_name":        "snake_case_name.toml",
		"  spaced   out  ":       "spaced-out.toml", // FileName normalises first
		"trailing dot.":          "trailing-dot.toml",
		"a (b)":                  "a-b.toml",
		"2018":                   "2018.toml",
		"x.toml":                 "x.toml.toml",
	}
	for name, file := range accepted {
		if err := ValidName(NormalizeName(name)); err != nil {
			t.Errorf("%q refused: %v", name, err)
		}
		if got, err := FileName(name); got != file || err != nil {
			t.Errorf("FileName(%q) = %q, %v; want %q", name, got, err, file)
		}
	}
	if _, err := FileName("../../x"); err == nil {
		t.Error("FileName accepted ../../x")
	}
}

// randomValue is a value of in within min..max, often an awkward one: any
// bit pattern in range, the limits, tiny fractions, -0 where allowed.
func randomValue(r *rand.Rand, in *market.Input) float64 {
	switch in.Kind {
	case market.KindSwitch:
		return float64(r.IntN(2))
	case market.KindYear:
		return in.Min + float64(r.IntN(int(in.Max-in.Min)+1))
	}
	switch r.IntN(6) {
	case 0:
		return in.Min
	case 1:
		return in.Max
	case 2: // a short decimal, as typed
		step := in.Step * float64(r.IntN(200))
		return math.Min(in.Max, in.Min+step)
	case 3: // a tiny positive value
		if in.Min <= 0 && in.Max > 0 {
			// Capped: a small exponent gives up to 2, above some inputs' max.
			return math.Min(in.Max, math.Ldexp(1+r.Float64(), -r.IntN(1000)))
		}
	case 4:
		if in.Min <= 0 && in.Max >= 0 {
			return math.Copysign(0, -1)
		}
	}
	for {
		// A uniformly random float64 in [min, max], all 53 bits used.
		v := in.Min + (in.Max-in.Min)*r.Float64()
		if v >= in.Min && v <= in.Max {
			return v
		}
	}
}

func TestScenarioRoundTripIsExact(t *testing.T) {
	m := defaultMarket(t)
	r := rand.New(rand.NewPCG(1, 2))
	whys := []string{"", "iQiyi's 8.8%", `quote " and back\slash`, "unicode: ¥ 万 — ✓", "tab\tinside"}
	for trial := 0; trial < 2000; trial++ {
		v := m.Defaults()
		for id := range m.Inputs {
			if r.IntN(3) == 0 {
				v[id] = randomValue(r, &m.Inputs[id])
			}
		}
		sc := market.Scenario{Name: "Trial " + strconv.Itoa(trial), Note: "line one\nline \"two\"", Settings: market.Diff(m, v)}
		for i := range sc.Settings {
			w := whys[r.IntN(len(whys))]
			if strings.Contains(w, "\t") {
				w = "" // a why is one line of plain text
			}
			sc.Settings[i].Why = w
		}
		if trial%2 == 0 {
			sc.Saved = time.Date(2026, 11, 27, 11, 42, 5, 0, time.UTC)
		}
		text, err := EncodeScenario(m, &sc)
		if err != nil {
			t.Fatalf("trial %d: %v", trial, err)
		}
		back, err := ParseScenario("trial.toml", text, m)
		if err != nil {
			t.Fatalf("trial %d: %v\n%s", trial, err, text)
		}
		got := back.Values(m)
		for id := range v {
			if math.Float64bits(got[id]) != math.Float64bits(v[id]) {
				t.Fatalf("trial %d: %s wrote %v (%#x), read %v (%#x)\n%s", trial, idName(market.ID(id)), v[id], math.Float64bits(v[id]), got[id], math.Float64bits(got[id]), text)
			}
		}
		if back.Name != sc.Name || back.Note != sc.Note || back.Market != m.Name || !back.Saved.Equal(sc.Saved) || len(back.Settings) != len(sc.Settings) {
			t.Fatalf("trial %d: read %+v, wrote %+v", trial, back, sc)
		}
		for i := range sc.Settings {
			if back.Settings[i].Why != sc.Settings[i].Why {
				t.Fatalf("trial %d: why %q read as %q", trial, sc.Settings[i].Why, back.Settings[i].Why)
			}
		}
	}
}

func TestScenarioFileReadsAsWritten(t *testing.T) {
	m := defaultMarket(t)
	v := m.Defaults()
	v[ApprovalLag] = 9
	v[Conversion] = 0.03
	v[PartnerCut] = 0.6
	v[InternetUsers] = 700e6
	v[LicencePC] = 0
	v[LaunchYear] = 2017
	sc := market.Scenario{Name: "Wasu deal", Note: "All-device partner, slower approvals",
		Saved: time.Date(2026, 11, 27, 11, 42, 5, 0, time.UTC), Settings: market.Diff(m, v)}
	for i := range sc.Settings {
		if sc.Settings[i].ID == PartnerCut {
			sc.Settings[i].Why = "Wasu holds the licence and sets terms"
		}
	}
	text, err := EncodeScenario(m, &sc)
	if err != nil {
		t.Fatal(err)
	}
	want := `# sizeup scenario: the inputs that differ from the market's defaults.
# Numbers are in model units (people, US dollars, shares as fractions:
# 0.05 = 5%); text in quotes is read as typed in the app ("5%", "$2.39").
name = "Wasu deal"
market = "China online video"
note = "All-device partner, slower approvals"
saved = 2026-11-27T11:42:05Z

[set]
internet_users = 700_000_000  # 700M
launch_year = 2017
licence_pc = "off"
approval_lag = 9  # 9 mo
partner_cut = { value = 0.6, why = "Wasu holds the licence and sets terms" }  # 60.0%
conversion = 0.03  # 3.0%
`
	if string(text) != want {
		t.Errorf("wrote\n%s\nwant\n%s", text, want)
	}
}

func TestScenarioFileAcceptsTypedValues(t *testing.T) {
	m := defaultMarket(t)
	text := `# hand-written
name = "  Hand   made "
market = "china online video"
note = ""

[set]
conversion = "3%"
price = { value = "¥25", why = "above iQiyi's 19.8 CNY list price" }
fx_cny_per_usd = 6.25
licence_tv = false
launch_year = "2017"
internet_users = "700M"
approval_lag = "9 months"

[set.partner_cut]
value = 0.6
why = "set as a table"
`
	sc, err := ParseScenario("hand.toml", []byte(text), m)
	if err != nil {
		t.Fatal(err)
	}
	v := sc.Values(m)
	yuan, rate := 25.0, 6.25 // the scenario's own rate, whatever the order in the file
	want := map[market.ID]float64{Conversion: 0.03, Price: yuan / rate, FXCNYPerUSD: 6.25, LicenceTV: 0,
		LaunchYear: 2017, InternetUsers: 700e6, ApprovalLag: 9, PartnerCut: 0.6}
	for id, w := range want {
		if v[id] != w {
			t.Errorf("%s = %v, want %v", idName(id), v[id], w)
		}
	}
	if sc.Name != "Hand made" {
		t.Errorf("name %q, want it trimmed and its spaces folded", sc.Name)
	}
	if s, _ := sc.Setting(PartnerCut); s.Why != "set as a table" {
		t.Errorf("partner_cut why %q", s.Why)
	}
	rank := map[market.ID]int{}
	for i, id := range m.Order {
		rank[id] = i
	}
	for i := 1; i < len(sc.Settings); i++ {
		if rank[sc.Settings[i-1].ID] > rank[sc.Settings[i].ID] {
			t.Errorf("settings not in the market's order: %v", sc.Settings)
		}
	}
}

func TestScenarioFileErrorsNameFileLineAndField(t *testing.T) {
	m := defaultMarket(t)
	good := "name = \"Wasu deal\"\nmarket = \"China online video\"\nnote = \"x\"\n\n[set]\nconversion = 0.03\nprice = \"$5\"\n"
	cases := []struct {
		name, old, new string
		line           int
		field          string
		says           []string
	}{
		{"unknown key", "note = \"x\"", "notes = \"x\"", 3, "notes", []string{"not a field sizeup knows"}},
		{"unknown input", "conversion = 0.03", "conversoin = 0.03", 6, "set.conversoin", []string{"not an input of the model", "did you mean conversion?"}},
		{"out of range", "conversion = 0.03", "conversion = 3", 6, "set.conversion", []string{"3 is outside what Conversion accepts", "0 to 1", "fractions (0.05 = 5%)", `"5%"`}},
		{"unparsable text", `price = "$5"`, `price = "five"`, 7, "set.price", []string{`"five" is not a value for Price`, "monthly price like 7.99"}},
		{"text out of range", `price = "$5"`, `price = "$500"`, 7, "set.price", []string{"outside what Price accepts"}},
		{"percent for money", `price = "$5"`, `price = "5%"`, 7, "set.price", []string{"is a percent but"}},
		{"not finite", "conversion = 0.03", "conversion = nan", 6, "set.conversion", []string{"not a finite number"}},
		{"a date", "conversion = 0.03", "conversion = 2016-01-01", 6, "set.conversion", []string{"is a date or time"}},
		{"bool for a share", "conversion = 0.03", "conversion = true", 6, "set.conversion", []string{"only for on/off inputs"}},
		{"no value", "conversion = 0.03", `conversion = { why = "x" }`, 6, "set.conversion", []string{"has no value"}},
		{"missing name", "name = \"Wasu deal\"\n", "", 0, "name", []string{"missing"}},
		{"a path for a name", `name = "Wasu deal"`, `name = "../../x"`, 1, "name", []string{"not a path"}},
		{"missing market", "market = \"China online video\"\n", "", 0, "market", []string{"missing", `market = "China online video"`}},
		{"another market", `market = "China online video"`, `market = "India online video"`, 2, "market", []string{`"India online video"`, `"China online video"`, "--market"}},
		{"bad saved", `note = "x"`, "note = \"x\"\nsaved = \"yesterday\"", 4, "saved", []string{"is text but should be a date and time"}},
		{"syntax", "conversion = 0.03", "conversion = = 0.03", 6, "", nil},
		{"a number for text", `name = "Wasu deal"`, `name = 5`, 1, "name", []string{"is an integer but should be text in quotes"}},
		{"a number for the set", "[set]\nconversion = 0.03\nprice = \"$5\"\n", "set = 5\n", 5, "set", []string{"is an integer but should be a table"}},
		{"escape in note", `note = "x"`, `note = "\u001b]0;pwned\u0007"`, 3, "note", []string{"control character U+001B"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(good, c.old) {
				t.Fatalf("no %q", c.old)
			}
			text := strings.Replace(good, c.old, c.new, 1)
			_, err := ParseScenario("s.toml", []byte(text), m)
			if err == nil {
				t.Fatal("accepted")
			}
			prefix := "s.toml"
			if c.line > 0 {
				prefix += ":" + strconv.Itoa(c.line)
			}
			if c.field != "" {
				prefix += ": " + c.field + ": "
			}
			if !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q, want it to start %q", err, prefix)
			}
			for _, s := range c.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if errors.Is(err, ErrOtherMarket) != (c.name == "another market") {
				t.Errorf("errors.Is(ErrOtherMarket) = %v", errors.Is(err, ErrOtherMarket))
			}
		})
	}
	for _, junk := range []string{"", "\x00\x01\xff", "<html>", "[set]\nconversion = 0.03\n", "name = 5\n"} {
		if _, err := ParseScenario("junk.toml", []byte(junk), m); err == nil || !strings.HasPrefix(err.Error(), "junk.toml") {
			t.Errorf("%q: %v", junk, err)
		}
	}
}

func TestEncodeRefusesWhatParseWouldRefuse(t *testing.T) {
	m := defaultMarket(t)
	bad := []market.Scenario{
		{Name: "../x"},
		{Name: "ok", Market: "India online video"},
		{Name: "ok", Settings: []market.Setting{{ID: Conversion, Value: 2}}},
		{Name: "ok", Settings: []market.Setting{{ID: Conversion, Value: math.NaN()}}},
		{Name: "ok", Settings: []market.Setting{{ID: LicencePC, Value: 0.5}}},
		{Name: "ok", Settings: []market.Setting{{ID: LaunchYear, Value: 2017.5}}},
		{Name: "ok", Settings: []market.Setting{{ID: numInputs, Value: 1}}},
		{Name: "ok", Settings: []market.Setting{{ID: Price, Value: 5}, {ID: Price, Value: 6}}},
		{Name: "ok", Settings: []market.Setting{{ID: Price, Value: 5, Why: "two\nlines"}}},
		{Name: "ok", Note: "\x1b[2J"},
		{Name: "ok", Note: "price \u202eyalp"},
	}
	for _, sc := range bad {
		if text, err := EncodeScenario(m, &sc); err == nil {
			t.Errorf("%+v written:\n%s", sc, text)
		}
	}
}

func FuzzParseScenario(f *testing.F) {
	m, err := markets.DefaultMarket()
	if err != nil {
		f.Fatal(err)
	}
	for _, p := range m.Presets {
		text, err := EncodeScenario(m, &p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(text)
	}
	f.Add([]byte("name = \"x\"\nmarket = \"China online video\"\n[set]\nprice = \"¥25\"\nfx_cny_per_usd = 1\nconversion = { value = \"3%\", why = \"w\" }\nuser_growth = -0.0\n"))
	f.Add([]byte("name = \"x\"\nmarket = \"China online video\"\n[set.launch_year]\nvalue = 2e3\n"))
	f.Add([]byte("name = \"x\"\nmarket = \"China online video\"\nsaved = 1979-05-27\n[set]\ninternet_users = 1e-300\nbass_p = inf\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		sc, err := ParseScenario("fuzz.toml", text, m)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.toml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		seen := map[market.ID]bool{}
		for _, s := range sc.Settings {
			in := m.Inputs[s.ID]
			if seen[s.ID] || math.IsNaN(s.Value) || s.Value < in.Min || s.Value > in.Max {
				t.Fatalf("accepted %s = %v (min %v, max %v, twice %v)", idName(s.ID), s.Value, in.Min, in.Max, seen[s.ID])
			}
			seen[s.ID] = true
		}
		if ValidName(sc.Name) != nil || !sameMarket(sc.Market, m.Name) {
			t.Fatalf("accepted name %q market %q", sc.Name, sc.Market)
		}
		// Whatever was accepted is written and read back the same.
		again, err := EncodeScenario(m, sc)
		if err != nil {
			t.Fatalf("accepted but cannot write: %v", err)
		}
		back, err := ParseScenario("again.toml", again, m)
		if err != nil {
			t.Fatalf("written but cannot read: %v\n%s", err, again)
		}
		want, got := sc.Values(m), back.Values(m)
		for id := range want {
			if math.Float64bits(want[id]) != math.Float64bits(got[id]) {
				t.Fatalf("%s read back as %v, not %v:\n%s", idName(market.ID(id)), got[id], want[id], again)
			}
		}
	})
}
