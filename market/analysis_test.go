package market

import (
	"math"
	"strings"
	"testing"
)

func TestGoalSeekConversionForNet(t *testing.T) {
	// Net revenue is proportional to conversion: $83,864,748.29 at 2% in
	// 2020 (see report), so $200M needs 2% × 200 / 83.86474829 = 4.76958%.
	m := testMarket()
	v := m.Defaults()
	s, err := m.GoalSeek(&v, Goal{Input: Conversion, Output: OutNet, Year: 2020, Target: 200e6}, USD)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Found || math.Abs(s.Value-0.02*200/83.86474829) > 1e-7 || math.Abs(s.Achieved-200e6) > 1 {
		t.Fatalf("seek = %+v, want conversion 4.7696%% giving $200M", s)
	}
	if !s.InRange || !strings.Contains(s.Message, "Conversion 4.8%") {
		t.Errorf("message %q, want it to name Conversion 4.8%% within range", s.Message)
	}
}

func TestGoalSeekUnreachable(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	// Even 100% of reachable viewers paying gives ~$4.2B net in 2020 (50×
	// the 2% figure); $100B is out of reach.
	s, err := m.GoalSeek(&v, Goal{Input: Conversion, Output: OutNet, Year: 2020, Target: 100e9}, USD)
	if err != nil {
		t.Fatal(err)
	}
	if s.Found || s.Value != 1 {
		t.Fatalf("seek = %+v, want not found with the closest at 100%%", s)
	}
	// One sentence that starts with the input, so that it reads whole after
	// the app's "At P5 (the pessimistic case) …, " as well as alone.
	const want = "Conversion cannot make net revenue in 2020 reach $100B anywhere from 0.0% to 100.0%; the closest is $4.19B, at 100.0%."
	if s.Message != want {
		t.Errorf("message\n%q, want\n%q", s.Message, want)
	}
}

func TestGoalSeekOutsidePlausibleRange(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	// $1B net in 2020 needs 2% × 1000 / 83.865 = 23.8% conversion: possible
	// but far above the plausible 8%.
	s, _ := m.GoalSeek(&v, Goal{Input: Conversion, Output: OutNet, Year: 2020, Target: 1e9}, USD)
	if !s.Found || s.InRange || !strings.Contains(s.Message, "outside the plausible range 0.5% to 8.0%") {
		t.Errorf("seek = %+v, want found outside the plausible range", s)
	}
}

func TestGoalSeekLaunchYear(t *testing.T) {
	// The latest launch that still gives at least 5M subscribers in 2025:
	// launch years are whole, so the answer is the crossing year that comes closest.
	m := testMarket()
	v := m.Defaults()
	s, err := m.GoalSeek(&v, Goal{Input: LaunchYear, Output: OutSubscribers, Year: 2025, Target: 5e6}, USD)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Found || s.Value != math.Trunc(s.Value) {
		t.Fatalf("seek = %+v, want a whole year", s)
	}
	w := v
	w[LaunchYear] = s.Value
	p := m.Evaluate(&w)
	if got := yearAt(&p, 2025).Subscribers; got != s.Achieved {
		t.Errorf("achieved %v, evaluation at %v gives %v", s.Achieved, s.Value, got)
	}
	for _, y := range []float64{s.Value - 1, s.Value + 1} {
		w[LaunchYear] = y
		p := m.Evaluate(&w)
		if math.Abs(yearAt(&p, 2025).Subscribers-5e6) < math.Abs(s.Achieved-5e6) {
			t.Errorf("launch %v comes closer to 5M than the answer %v", y, s.Value)
		}
	}
}

func TestGoalSeekRefusals(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	if _, err := m.GoalSeek(&v, Goal{Input: LicenceTV, Output: OutNet, Year: 2020, Target: 1}, USD); err == nil || !strings.Contains(err.Error(), "switch") {
		t.Errorf("goal seek on a switch: %v, want a refusal", err)
	}
	if _, err := m.GoalSeek(&v, Goal{Input: Price, Output: OutNet, Year: 2040, Target: 1}, USD); err == nil || !strings.Contains(err.Error(), "2015 to 2025") {
		t.Errorf("goal seek past the horizon: %v, want a refusal naming the years", err)
	}
}

func TestTornadoMatchesSingleEvaluations(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	tor := m.Tornado(&v, OutNet, 2025)
	base := m.Evaluate(&v)
	if tor.Base != yearAt(&base, 2025).Net {
		t.Fatalf("base %v, want %v", tor.Base, yearAt(&base, 2025).Net)
	}
	for i, b := range tor.Bars {
		if i > 0 && b.Swing() > tor.Bars[i-1].Swing() {
			t.Errorf("bar %d (%s) swings more than bar %d", i, b.Input, i-1)
		}
		for _, end := range []struct {
			value, got float64
		}{{m.Inputs[b.Input].Low, b.AtLow}, {m.Inputs[b.Input].High, b.AtHigh}} {
			w := v
			w[b.Input] = end.value
			p := m.Evaluate(&w)
			if yearAt(&p, 2025).Net != end.got {
				t.Errorf("%s at %v: bar says %v, evaluation %v", b.Input, end.value, end.got, yearAt(&p, 2025).Net)
			}
		}
	}
	// Net revenue does not depend on the exchange rate, the deal
	// probability or the market's size in money.
	for _, id := range []ID{FXCNYPerUSD, DealProbability, MarketSize, MarketGrowth} {
		found := false
		for _, n := range tor.NoEffect {
			found = found || n == id
		}
		if !found {
			t.Errorf("%s should have no effect on net revenue", id)
		}
	}
	// Conversion spans 0.5%..8%, a 16× range: net moves by that factor.
	for _, b := range tor.Bars {
		if b.Input == Conversion && !near(b.AtHigh/b.AtLow, 16) {
			t.Errorf("conversion bar %v..%v, want a ratio of 16", b.AtLow, b.AtHigh)
		}
	}
}

func TestChecksAsFormulas(t *testing.T) {
	m := testMarket()
	v := m.Defaults()
	v[MarketGrowth] = 0.5 // inside what its sources saw, so only checks speak
	w := m.Warnings(&v, USD)
	if len(w) != 2 || w[0].Kind != "user_ceiling" || w[1].Kind != "tam_tenfold" {
		t.Fatalf("warnings %+v, want user_ceiling and tam_tenfold", w)
	}
	// $6B × 1.5^10 = $345.99B: 57.7× over the decade, the figures filled in.
	if want := "TAM grows 57.7× from $6.00B in 2015 to $346B in 2025."; w[1].Message != want {
		t.Errorf("tam_tenfold says %q, want %q", w[1].Message, want)
	}
	if !strings.Contains(w[0].Message, "ceiling of 1,100M in") {
		t.Errorf("user_ceiling says %q", w[0].Message)
	}
	// 40% conversion at $30/month makes subscriptions worth more than the
	// market; $30 × 12 = $360 a year is far above 2016's market ARPU of
	// $7.5B / 502M = $14.93.
	v = m.Defaults()
	v[Conversion], v[Price] = 0.4, 30
	w = m.Warnings(&v, USD)
	if len(w) == 0 || w[0].Kind != "above_sam" || !strings.HasPrefix(w[0].Message, "Gross revenue is above SAM in 2017–2025 (2017: $4.55B against $1.88B).") {
		t.Fatalf("warnings %+v, want above_sam first", w)
	}
}
