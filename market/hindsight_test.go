package market

import (
	"math"
	"testing"
)

// withHistory is the test market with the China file's history: the
// iResearch market in yuan, FRED's yearly rates and CNNIC's users.
func withHistory() *Market {
	m := testMarket()
	m.History = []Series{
		{ID: "market_cny", Label: "Online-video market (iResearch)", Unit: "CNY", Compare: "tam_usd", Implies: "market_growth",
			Years: []int{2013, 2014, 2015, 2016, 2017, 2018}, Values: []float64{12.8e9, 23.97e9, 36.8e9, 60.9e9, 72.59e9, 96.27e9}},
		{ID: "cny_per_usd", Label: "CNY per USD", Unit: RateUnit,
			Years: []int{2014, 2015, 2016, 2017, 2018}, Values: []float64{6.1620, 6.2843, 6.6400, 6.7569, 6.6090}},
		{ID: "internet_users", Label: "Internet users (CNNIC)", Unit: "people", Compare: "users",
			Years: []int{2013, 2014, 2015, 2016}, Values: []float64{618e6, 649e6, 688e6, 731e6}},
		{ID: "iqiyi_paying", Label: "iQiyi paying members", Unit: "people",
			Years: []int{2015, 2016, 2017}, Values: []float64{5e6, 20e6, 50.8e6}},
	}
	return m
}

func TestHindsightJudgesAtEachYearsRate(t *testing.T) {
	m := withHistory()
	v := m.Defaults()
	p := m.Evaluate(&v)
	js := m.Judge(&p, v[FXCNYPerUSD])
	if len(js) != 2 || js[0].Column != "tam_usd" || js[1].Column != "users" {
		t.Fatalf("judgements %+v, want the market against tam_usd and users against users", js)
	}
	market := js[0]
	// Model TAM $6B × 1.25^t against yuan at that year's FRED rate:
	// 2015: 6 / (36.8 / 6.2843 = 5.85586) − 1 = +2.4614%
	// 2016: 7.5 / (60.9 / 6.64 = 9.17169) − 1 = −18.2266% (not 60.9/6.28 = 9.70)
	// 2017: 9.375 / (72.59 / 6.7569 = 10.74309) − 1 = −12.7346%
	// 2018: 11.71875 / (96.27 / 6.609 = 14.56650) − 1 = −19.5500%
	want := []struct {
		year       int
		actual     float64
		rate, err_ float64
	}{
		{2015, 36.8e9 / 6.2843, 6.2843, 0.024614130},
		{2016, 60.9e9 / 6.64, 6.64, -0.182266010},
		{2017, 72.59e9 / 6.7569, 6.7569, -0.127346225},
		{2018, 96.27e9 / 6.609, 6.609, -0.195499961},
	}
	if len(market.Rows) != len(want) {
		t.Fatalf("market rows %+v, want 2015–2018", market.Rows)
	}
	for i, w := range want {
		r := market.Rows[i]
		if r.Year != w.year || !near(r.Actual, w.actual) || r.Rate != w.rate || !r.OwnRate || math.Abs(r.Error-w.err_) > 1e-9 {
			t.Errorf("row %d = %+v, want year %d, actual %v at %v (own rate), error %v", i, r, w.year, w.actual, w.rate, w.err_)
		}
	}
	if math.Abs(market.Rows[1].Actual-9.17e9) > 0.01e9 {
		t.Errorf("2016's ¥60.9bn = %v, want about $9.17B", market.Rows[1].Actual)
	}
	// Growth the actuals imply, 2015→2018: (96.27 / 36.8)^(1/3) − 1 =
	// 2.616033^(1/3) − 1 = 37.7889%; in USD at each year's rate (14.56650 /
	// 5.85586)^(1/3) − 1 = 2.487497^(1/3) − 1 = 35.4944%. The model's is
	// its 25%.
	if !market.HasGrowth || market.FromYear != 2015 || market.ToYear != 2018 ||
		math.Abs(market.Growth-0.377889) > 1e-6 || math.Abs(market.GrowthUSD-0.354944) > 1e-6 {
		t.Errorf("implied growth %+v, want 37.7889%% (35.4944%% in USD) over 2015–2018", market)
	}
	if g, ok := market.ModelGrowth(&p); !ok || math.Abs(g-0.25) > 1e-12 {
		t.Errorf("model growth %v, %v; want 25%%", g, ok)
	}
	if j, id, ok := m.ImpliedGrowth(&p, v[FXCNYPerUSD]); !ok || j.Growth != market.Growth || id != MarketGrowth {
		t.Errorf("ImpliedGrowth = %+v, %v, %v", j, id, ok)
	}
	// Users: 649M against CNNIC's 688M in 2015 (649/688 − 1 = −5.669%),
	// 687.94M against 731M in 2016 (−5.891%): a year behind.
	u := js[1]
	if len(u.Rows) != 2 || math.Abs(u.Rows[0].Error+0.0566860) > 1e-6 || math.Abs(u.Rows[1].Error+0.0589056) > 1e-6 || u.Rows[0].Rate != 0 {
		t.Errorf("users rows %+v", u.Rows)
	}

	// A year the rate series does not cover falls back to the slider's.
	m.History[1].Years, m.History[1].Values = []int{2015}, []float64{6.2843}
	js = m.Judge(&p, 7)
	if r := js[0].Rows[1]; r.OwnRate || r.Rate != 7 {
		t.Errorf("2016 without its own rate: %+v, want the fallback 7", r)
	}
}

// A row a calibrated input was fitted to is marked in-sample and left out
// of the error range; the market says what it was calibrated to.
func TestJudgeMarksInSampleRows(t *testing.T) {
	m := withHistory()
	if m.CalibrationNote() != "" {
		t.Errorf("no input is calibrated, yet the note is %q", m.CalibrationNote())
	}
	m.Inputs[MarketGrowth].Calibrated = true
	m.History[0].InSample = []int{2016, 2018}
	m.History[2].InSample = []int{2014}
	v := m.Defaults()
	p := m.Evaluate(&v)
	j := m.Judge(&p, v[FXCNYPerUSD])[0]
	var in []int
	for _, r := range j.Rows {
		if r.InSample {
			in = append(in, r.Year)
		}
	}
	if len(in) != 2 || in[0] != 2016 || in[1] != 2018 || len(j.HeldOut()) != 2 {
		t.Fatalf("in-sample rows %v, held out %v", in, j.HeldOut())
	}
	// Held out: 2015 +2.46% and 2017 −12.73%; 2016 (−18.2%) and 2018 (−19.6%) are not scored.
	lo, hi, ok := j.ErrorRange(2015, 2018)
	if !ok || math.Abs(lo+0.127346) > 1e-5 || math.Abs(hi-0.024614) > 1e-5 {
		t.Errorf("error range %v..%v, want −12.73%%..+2.46%%", lo, hi)
	}
	if got := m.CalibrationNote(); got != "calibrated to 2014, 2016, 2018" {
		t.Errorf("note %q", got)
	}
	m.History[0].InSample = []int{2015, 2016, 2018}
	if got := m.CalibrationNote(); got != "calibrated to 2014–2016, 2018" {
		t.Errorf("note %q", got)
	}
	m.History[0].InSample, m.History[2].InSample = nil, nil
	if got := m.CalibrationNote(); got != "calibrated with hindsight" {
		t.Errorf("note %q", got)
	}
}
