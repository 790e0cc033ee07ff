package markets

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"sizeup/market"
)

// editAll applies edits in turn to the embedded market.
func editAll(t *testing.T, pairs ...string) []byte {
	t.Helper()
	s := string(DefaultMarketSource())
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("the embedded market has no %q", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return []byte(s)
}

const (
	usersHistory = "values = [618e6, 649e6, 688e6, 731e6]"
	conversionAt = "step = 0.001\n"
	tvShareNote  = `note = "Share of the non-mobile viewing`
)

// A calibrated input and the history points it was fitted to are read,
// and the market says what it was calibrated to.
func TestCalibratedInputsAndInSamplePointsAreRead(t *testing.T) {
	text := editAll(t, conversionAt, conversionAt+"calibrated = true\nknown = 2018\n", usersHistory, usersHistory+"\nin_sample = [2014, 2015]\nknown = 2017")
	m, err := ParseMarket("cal.toml", text)
	if err != nil {
		t.Fatal(err)
	}
	id, _ := m.LookupInput("conversion")
	if in := m.Inputs[id]; !in.Calibrated || in.Known != 2018 {
		t.Errorf("conversion: calibrated %v known %d, want true 2018", in.Calibrated, in.Known)
	}
	for _, h := range m.History {
		if h.ID == "internet_users" && (!h.IsInSample(2014) || h.IsInSample(2016) || h.Known != 2017) {
			t.Errorf("internet_users history: in-sample %v, known %d", h.InSample, h.Known)
		}
	}
	if got := m.CalibrationNote(); got != "calibrated to 2014–2015" {
		t.Errorf("calibration note %q", got)
	}
}

// Each refusal of calibration keys says what was wrong and what is
// accepted, at the line of the key.
func TestCalibrationKeysRefused(t *testing.T) {
	cases := []struct {
		name   string
		text   []byte
		anchor string // the error is at the first line with at after anchor
		at     string
		says   []string
	}{
		{"in_sample without a calibrated input", editAll(t, usersHistory, usersHistory+"\nin_sample = [2014]"), "", "in_sample = [2014]",
			[]string{"internet_users.in_sample", "no input says calibrated = true"}},
		{"in_sample year not in the history", editAll(t, conversionAt, conversionAt+"calibrated = true\n", usersHistory, usersHistory+"\nin_sample = [2019]"), "", "in_sample = [2019]",
			[]string{"2019 is not one of this history's years", "2013–2016"}},
		{"input known implausible", editAll(t, conversionAt, conversionAt+"known = 20\n"), `id = "conversion"`, "known = 20",
			[]string{"conversion.known", "20 is not a plausible year"}},
		{"history known implausible", editAll(t, usersHistory, usersHistory+"\nknown = 3000"), "", "known = 3000",
			[]string{"internet_users.known", "3000 is not a plausible year"}},
		{"ex-ante preset leaves a later figure", editAll(t, tvShareNote, "known = 2018\n"+tvShareNote, `name = "Bear"`, `name = "Bear"`+"\nex_ante = true"), "", "ex_ante = true",
			[]string{"uses only figures known by 2015", "leaves tv_share at its default, published in 2018", "set tv_share"}},
		{"ex-ante preset leaves a calibrated input", editAll(t, "step = 0.005\nsource = \"Sultan", "step = 0.005\ncalibrated = true\nsource = \"Sultan", `name = "Bear"`, `name = "Bear"`+"\nex_ante = true"), "", "ex_ante = true",
			[]string{"leaves bass_p at its default", "calibrated"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseMarket("bad.toml", c.text)
			if err == nil {
				t.Fatal("accepted")
			}
			prefix := "bad.toml:" + strconv.Itoa(lineOf(t, c.text, c.anchor, c.at)) + ": "
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

// An ex-ante preset that sets every input known only later is accepted.
func TestExAntePresetThatSetsLaterFiguresIsAccepted(t *testing.T) {
	// Bear sets price, known here only in 2017.
	text := editAll(t, "step = 0.25\n", "step = 0.25\nknown = 2017\n", `name = "Bear"`, `name = "Bear"`+"\nex_ante = true")
	if _, err := ParseMarket("ok.toml", text); err != nil {
		t.Fatalf("Bear sets price, known in 2017: %v", err)
	}
}

// A check expected to hold needs its reason, and only such a check has
// one; the China file's are read with theirs.
func TestCheckExpectedNeedsWhy(t *testing.T) {
	const say = `say = "Gross revenue is above SAM`
	for _, c := range []struct {
		name, add, at string
		says          []string
	}{
		{"expected without why", "expected = true\n", "expected = true", []string{"check.why", "missing", "needs why"}},
		{"why without expected", "why = \"because\"\n", "why = \"because\"", []string{"check.why", "only a check with expected = true"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := editAll(t, say, c.add+say)
			_, err := ParseMarket("bad.toml", text)
			if err == nil {
				t.Fatal("accepted")
			}
			if prefix := "bad.toml:" + strconv.Itoa(lineOf(t, text, "", c.at)) + ": "; !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q, want it to start %q", err, prefix)
			}
			for _, s := range c.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
		})
	}
	m, err := DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	expected := map[string]bool{}
	for _, c := range m.Checks {
		expected[c.ID] = c.Why != ""
	}
	if !expected["viewer_revenue"] || !expected["user_ceiling"] || expected["above_sam"] {
		t.Errorf("expected checks %v", expected)
	}
}

// The China file's observed market growth agrees with its own history:
// iResearch's 2014 growth (+76.4%, stated) is what the history's 2013 and
// 2014 give, where 12.8bn for 2013 had made it +87%.
func TestChinaObservedGrowthMatchesItsHistory(t *testing.T) {
	m, err := DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	var h *market.Series
	for i := range m.History {
		if m.History[i].ID == "market_cny" {
			h = &m.History[i]
		}
	}
	v13, _ := h.At(2013)
	v14, _ := h.At(2014)
	obs := m.Inputs[MarketGrowth].Observed[0]
	if g := v14/v13 - 1; math.Abs(g-obs) > 0.005 {
		t.Errorf("history gives %.3f for 2014, observed says %.3f", g, obs)
	}
}

// An outcome is scored against the probability input that forecast it:
// China's partner launch, which did not happen, against the 50% deal
// probability is a Brier score of 0.25. Each misuse is refused.
func TestOutcomeScoredAgainstItsForecast(t *testing.T) {
	m, err := DefaultMarket()
	if err != nil {
		t.Fatal(err)
	}
	v := m.Defaults()
	os := m.Outcomes(&v)
	if len(os) != 1 || os[0].Happened || os[0].Year != 2017 || os[0].P != 0.5 || os[0].Brier != 0.25 {
		t.Fatalf("outcomes %+v, want the 2017 launch that did not happen, P 50%%, Brier 0.25", os)
	}
	v[DealProbability] = 0.2
	if b := m.Outcomes(&v)[0].Brier; math.Abs(b-0.04) > 1e-12 {
		t.Errorf("at 20%% the Brier score is %v, want 0.04", b)
	}
	const at = `forecast = "deal_probability"`
	for _, c := range []struct {
		name, old, new, at string
		says               []string
	}{
		{"not a probability", at, `forecast = "conversion"`, `forecast = "conversion"`, []string{"partner_launch.forecast", `"conversion" is not a probability input`}},
		{"not 0 or 1", "values = [0]\nknown = 2017", "values = [0.5]\nknown = 2017", "values = [0.5]", []string{"0.5 is not an outcome", "1 (it happened) or 0"}},
		{"no forecast", at + "\n", "", `unit = "outcome"`, []string{"partner_launch.forecast", "missing"}},
		{"forecast on figures", usersHistory, usersHistory + "\nforecast = \"deal_probability\"", at, []string{"only a history of unit \"outcome\" has a forecast"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			text := editAll(t, c.old, c.new)
			_, err := ParseMarket("bad.toml", text)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, s := range c.says {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q does not say %q", err, s)
				}
			}
			if prefix := "bad.toml:" + strconv.Itoa(lineOf(t, text, "", c.at)) + ": "; !strings.HasPrefix(err.Error(), prefix) {
				t.Errorf("error %q, want it to start %q", err, prefix)
			}
		})
	}
}
