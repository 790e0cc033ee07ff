package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sizeup/data/markets"
)

// A report keeps no draws and no samples (a one-shot run), so a million
// samples over fifty years of China fit its budget; a market recording
// eight outputs over fifty years does not, and --samples is refused with
// the most that fits.
func TestOneShotMemoryBudget(t *testing.T) {
	if code, _, errs := runCmd(t, "report", "--uncertainty", "--format", "csv", "--samples", "1000000", "--horizon", "50", "--seed", "1"); code != 0 {
		t.Fatalf("China, 1,000,000 samples over 50 years: exit %d: %s", code, errs)
	}
	src, ok := markets.EmbeddedSource("china-2015")
	if !ok {
		t.Fatal("no embedded china-2015")
	}
	eight := `uncertain = [["net", "net_usd"], ["subscribers", "subscribers"], ["users", "users"], ["viewers", "viewers"], ["tam", "tam_usd"], ["sam", "sam_usd"], ["paying", "paying"], ["gross", "gross_usd"]]`
	text := strings.Replace(string(src), `uncertain = [["net", "net_usd"], ["subscribers", "subscribers"]]`, eight, 1)
	if text == string(src) {
		t.Fatal("the uncertain line of china-2015 moved; update this test")
	}
	file := filepath.Join(t.TempDir(), "eight.toml")
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCmd(t, "report", "--market", file, "--uncertainty", "--samples", "1000000", "--horizon", "50")
	if code == 0 || !strings.Contains(errs, "--samples") || !strings.Contains(errs, "or fewer") || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
		t.Errorf("eight outputs, 1,000,000 samples over 50 years: exit %d, stderr %q; want one line refusing --samples with the most that fits", code, errs)
	}
}
