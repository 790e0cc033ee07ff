package cli

import (
	"encoding/csv"
	"strings"
	"testing"
)

// The China file's ramps run over calendar years (DESIGN.md §11): a
// longer or shorter horizon never changes a year both runs show. Before
// issue 18 the paid share ramped over the horizon, so 2020's SAM was
// $7.3B at --horizon 5 and $3.9B at --horizon 20.
func TestChinaHorizonNeverChangesAPastYear(t *testing.T) {
	rows := map[string][][]string{}
	for _, h := range []string{"5", "10", "20"} {
		code, out, errs := runCmd(t, "report", "--format", "csv", "--horizon", h)
		if code != 0 {
			t.Fatalf("--horizon %s: exit %d: %s", h, code, errs)
		}
		r, err := csv.NewReader(strings.NewReader(out)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		rows[h] = r
	}
	for _, h := range []string{"10", "20"} {
		if strings.Join(rows[h][0], ",") != strings.Join(rows["5"][0], ",") {
			t.Fatalf("columns differ at --horizon %s", h)
		}
		for i := 1; i < len(rows["5"]); i++ { // 2015–2020
			if got, want := strings.Join(rows[h][i], ","), strings.Join(rows["5"][i], ","); got != want {
				t.Errorf("%s at --horizon %s:\n%s\nat --horizon 5:\n%s", rows["5"][i][0], h, got, want)
			}
		}
	}
}

// China's defaults trip none of its checks as an alarm: the two that hold
// by design say why, as notes, and no growth rate is outside what its
// sources observed.
func TestChinaDefaultsPassTheirChecksOrSayWhy(t *testing.T) {
	code, out, errs := runCmd(t, "report")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(out, "Warning:") {
		t.Errorf("the defaults raise a warning:\n%s", out)
	}
	for _, s := range []string{"Note: The market's revenue per viewer passes what a subscriber pays in 2023", "Expected: the market's revenue counts advertising",
		"Note: Internet users reach the ceiling", "Expected: CNNIC counted 1,092M"} {
		if !strings.Contains(out, s) {
			t.Errorf("report does not say %q:\n%s", s, out)
		}
	}
	// Bear's forecast growth is below what the sources saw: a warning, not a note.
	_, out, _ = runCmd(t, "report", "--scenario", "bear")
	if !strings.Contains(out, "Warning: Market growth of 25.0%/yr is below every rate its sources observed") {
		t.Errorf("Bear's market growth raises no warning:\n%s", out)
	}
}

// India's hindsight marks the points its calibrated inputs were fitted to
// as in-sample and scores only the held-out ones; its title says what it
// was calibrated to; TRAI's broadband share prints as a percent; the
// household count of 2023 is gone; filings are set against revenue less
// tax, before any channel's cut.
func TestIndiaHindsightScoresOnlyHeldOutPoints(t *testing.T) {
	code, out, errs := runCmd(t, "report", "--market", "india-2016", "--hindsight")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, s := range []string{
		"India online video, 2016–2024 · calibrated to 2016–2019: the model beside what happened",
		"* in-sample: a calibrated input was fitted to this figure",
		// the table is turned (a row per history, its error under it)
		"    error                                                        −4.5%*     +38.9%",
		"    error                                                        −0.5%*     +9.6%*      0.0%*     −2.1%*",
		"    error                                                                              +0.9%*    −14.7%*",
		"Netflix members in India (estimates), held out 2017, 2019–2020, 2024: the model is −32.0% to +38.9% off it; in-sample (calibrated): 2016.",
		"Broadband share of internet subscriptions (TRAI): every point is in-sample (calibrated): 2016–2019, so none is scored.",
		"(RoC filings), held out 2021–2023: the model is −1.2% to +17.9% off it; in-sample (calibrated): 2018–2019.",
		"Revenue less tax (model)",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("report --hindsight does not say %q:\n%s", s, out)
		}
	}
	for _, s := range []string{"43.0M", "−4.5% off", "                 1  "} {
		if strings.Contains(out, s) {
			t.Errorf("report --hindsight says %q:\n%s", s, out)
		}
	}
	// csv flags them too: netflix_members_in_sample is 1 in 2016, 0 in 2017.
	_, data, _ := runCmd(t, "report", "--market", "india-2016", "--hindsight", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, name := range rows[0] {
		if name == "netflix_members_in_sample" {
			col = i
		}
	}
	if col < 0 || rows[1][col] != "1" || rows[2][col] != "0" || rows[3][col] != "" {
		t.Errorf("csv in-sample flags: column %d of %v", col, rows[:4])
	}
	// The plain report's title says so too, and the paid share's ramp is
	// by calendar year: --horizon 4 and 12 agree on 2016–2020.
	_, short, _ := runCmd(t, "report", "--market", "india-2016", "--horizon", "4", "--format", "csv")
	_, long, _ := runCmd(t, "report", "--market", "india-2016", "--horizon", "12", "--format", "csv")
	if !strings.HasPrefix(long, short) {
		t.Errorf("--horizon 12 changes 2016–2020:\n%s\nagainst --horizon 4:\n%s", long, short)
	}
	_, plain, _ := runCmd(t, "report", "--market", "india-2016")
	if !strings.HasPrefix(plain, "India online video, 2016–2024 · calibrated to 2016–2019, money in USD") {
		t.Errorf("title %q", strings.SplitN(plain, "\n", 2)[0])
	}
}

// China's hindsight scores what happened to the deal: no partner launch,
// against the 50% deal probability (Brier 0.25), or Bear's 20% (0.04).
func TestChinaHindsightScoresTheDeal(t *testing.T) {
	_, out, _ := runCmd(t, "report", "--hindsight")
	if s := "A licensed partner deal, signed and launched, 2017: no. The model gave it 50.0% (deal probability): Brier score 0.25"; !strings.Contains(out, s) {
		t.Errorf("report --hindsight does not say %q:\n%s", s, out)
	}
	_, out, _ = runCmd(t, "report", "--hindsight", "--scenario", "bear")
	if s := "The model gave it 20.0% (deal probability): Brier score 0.04"; !strings.Contains(out, s) {
		t.Errorf("Bear's hindsight does not say %q:\n%s", s, out)
	}
}
