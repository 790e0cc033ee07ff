package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"sizeup/market"
)

func TestHindsightReports(t *testing.T) {
	m := withHistory(t)
	v := m.Defaults()
	p := m.Evaluate(&v)
	var b bytes.Buffer
	if err := HindsightCSV(&b, m, &p, fx(m, &v)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	if lines[0] != "year,tam_usd,users,subscribers,market_cny_usd,market_cny_usd_error,cny_per_usd,internet_users,internet_users_error,iqiyi_paying" {
		t.Errorf("header %q", lines[0])
	}
	if !strings.HasPrefix(lines[2], "2016,7500000000,") || !strings.Contains(lines[2], ",-0.1822660098522") {
		t.Errorf("2016 row %q", lines[2])
	}
	b.Reset()
	if err := HindsightJSON(&b, m, &p, fx(m, &v)); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	if err := json.Unmarshal(b.Bytes(), &rows); err != nil {
		t.Fatalf("JSON: %v\n%s", err, b.String())
	}
	if len(rows) != 11 || rows[1]["market_cny_usd_error"].(float64) > -0.18 || rows[5]["market_cny_usd"] != nil {
		t.Errorf("JSON rows %v", rows[:2])
	}
	b.Reset()
	if err := HindsightTable(&b, m, &p, fx(m, &v), market.USD); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"−18.2%", "$9.17B", "¥6.6400",
		"Online-video market (iResearch), 2016–2018: the model is 12.7% to 19.5% under it.",
		"37.8% a year in CNY (35.5% in USD at each year's rate); the model's is 25.0%"} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("table does not say %q:\n%s", s, b.String())
		}
	}
	if strings.Contains(b.String(), "2019") {
		t.Errorf("table shows a year with nothing to compare:\n%s", b.String())
	}
}

func TestHindsightCSV(t *testing.T) {
	m := china(t)
	m.History = []market.Series{
		{ID: "market_cny", Label: "Market", Unit: "CNY", Years: []int{2014, 2016}, Values: []float64{23.97e9, 60.9e9}},
		{ID: "iqiyi_paying", Label: "iQiyi paying", Unit: "people", Years: []int{2016}, Values: []float64{20e6}},
	}
	v := m.Defaults()
	p := m.Evaluate(&v)
	var b strings.Builder
	if err := HindsightCSV(&b, m, &p, 6.28); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	// No series names a model series to compare with: the model's side is
	// the people it records, subscribers.
	if lines[0] != "year,subscribers,market_cny_usd,iqiyi_paying" || len(lines) != 12 {
		t.Fatalf("header %q, %d lines", lines[0], len(lines))
	}
	// 2016: 60.9bn CNY at 6.28 = $9,697,452,229.30, the slider's rate, as
	// the market has no rate series; 2014 is before the projection. No
	// series names a column to compare with, so there are no errors.
	if !strings.HasPrefix(lines[2], "2016,359152.") || !strings.Contains(lines[2], ",9697452229.29") || !strings.HasSuffix(lines[2], ",20000000") {
		t.Errorf("2016 row %q", lines[2])
	}
	if !strings.HasSuffix(lines[1], ",,") {
		t.Errorf("2015 has no figures, row %q", lines[1])
	}
}

// Points a calibrated input was fitted to are shown, marked in-sample
// and never scored: the verdict scores the held-out years only and names
// the in-sample ones; a percent history prints as a percent.
func TestHindsightMarksInSamplePoints(t *testing.T) {
	m := withHistory(t)
	m.Inputs[input(t, m, "market_size")].Calibrated = true
	m.History[0].InSample = []int{2016}
	m.History = append(m.History, market.Series{ID: "reach", Label: "Video reach (CNNIC)", Unit: "percent",
		Years: []int{2016}, Values: []float64{0.732}})
	v := m.Defaults()
	p := m.Evaluate(&v)
	var b bytes.Buffer
	if err := HindsightTable(&b, m, &p, fx(m, &v), market.USD); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, s := range []string{"−18.2%*", "* in-sample: a calibrated input was fitted to this figure",
		// 2017 −12.7% and 2018 −19.5% are held out; 2016's −18.2% is not scored.
		"Online-video market (iResearch), held out 2017–2018: the model is 12.7% to 19.5% under it; in-sample (calibrated): 2016.",
		"73.2%"} {
		if !strings.Contains(out, s) {
			t.Errorf("table does not say %q:\n%s", s, out)
		}
	}
	// With 2017 in-sample too, the held-out range is 2018's error alone.
	m.History[0].InSample = []int{2016, 2017}
	b.Reset()
	if err := HindsightTable(&b, m, &p, fx(m, &v), market.USD); err != nil {
		t.Fatal(err)
	}
	if s := "held out 2018: the model is 19.5% under it; in-sample (calibrated): 2016–2017."; !strings.Contains(b.String(), s) {
		t.Errorf("table does not say %q:\n%s", s, b.String())
	}
	// Every point in-sample: nothing is scored.
	m.History[0].InSample = []int{2015, 2016, 2017, 2018}
	b.Reset()
	if err := HindsightTable(&b, m, &p, fx(m, &v), market.USD); err != nil {
		t.Fatal(err)
	}
	if s := "every point is in-sample (calibrated): 2015–2018, so none is scored"; !strings.Contains(b.String(), s) {
		t.Errorf("table does not say %q:\n%s", s, b.String())
	}
}
