package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestE2EDimsFamilyRow: in a real terminal at 80×24, the segmented
// market's households (an input per region) is one row with its total;
// ⏎ opens it to a slider per region, → on North moves North and the
// total with it, u undoes it, and esc closes the items again. (A count
// may carry its unit, "9.30M homes": U in a pattern stands for it.)
func TestE2EDimsFamilyRow(t *testing.T) {
	path, err := filepath.Abs("data/markets/testdata/segmented.toml")
	if err != nil {
		t.Fatal(err)
	}
	x := startTmux(t, "80", "24", "--market", path, "--theme", "dark")
	waitMatch := func(patterns ...string) string {
		t.Helper()
		return x.poll("matched "+strings.Join(patterns, ", "), func(s string) bool {
			for _, p := range patterns {
				if !regexp.MustCompile(strings.ReplaceAll(p, "U", `(?: [a-z]+)?`)).MatchString(s) {
					return false
				}
			}
			return true
		})
	}
	waitMatch(`▸ \+ Households +9\.30MU  total of 3 regions`)
	x.keys("Enter")
	waitMatch(`− Households +9\.30MU`, `│ {5}North +4\.10MU +[━◆]`, `│ {5}South +3\.20MU +[━◆]`, `│ {5}West +2\.00MU +[━◆]`)
	x.keys("Down", "Right")
	// North one step (1e5) up, selected; the family's total follows.
	waitMatch(`− Households +9\.40MU`, `▸ {3}North +4\.20MU ◂`)
	x.keys("u")
	waitMatch(`− Households +9\.30MU`, `North +4\.10MU`, `back to 4\.10M`)
	x.keys("Escape")
	waitMatch(`▸ \+ Households +9\.30MU`)
	x.poll("closed the items", func(s string) bool { return !regexp.MustCompile(`│ {5}North`).MatchString(s) })
}
