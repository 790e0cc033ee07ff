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
