package main

import (
	"path/filepath"
	"regexp"
	"testing"
)

// TestE2EDimsFamilyRow: in a real terminal at 80×24, the segmented
// market's households (an input per region) is one row with its total;
// ⏎ opens it to a slider per region, → on North moves North and the
// total with it, u undoes that, and esc closes the items again.
func TestE2EDimsFamilyRow(t *testing.T) {
	path, err := filepath.Abs("data/markets/testdata/segmented.toml")
	if err != nil {
		t.Fatal(err)
	}
	x := startTmux(t, "80", "24", "--market", path, "--theme", "dark")
	x.waitFor("+ Households         9.30M  total of 3 regions")
	x.keys("Enter")
	x.waitFor("− Households         9.30M", "    North              4.10M", "    South              3.20M", "    West               2.00M")
	x.keys("Down", "Right")
	// North one step (1e5) up; the family's total follows.
	s := x.waitFor("− Households         9.40M", "North              4.20M")
	if !regexp.MustCompile(`▸ +North +4\.20M`).MatchString(s) {
		t.Errorf("North is not the selected row:\n%s", s)
	}
	x.keys("u")
	x.waitFor("− Households         9.30M", "North              4.10M", "back to 4.10M")
	x.keys("Escape")
	x.waitFor("▸ + Households         9.30M")
	x.waitGoneText("    North              4.10M")
}
