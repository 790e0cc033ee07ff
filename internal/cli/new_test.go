package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNewWritesAMarketThatRuns: `sizeup new FILE` writes a market that
// report, report --uncertainty, inputs and render run as written, and
// never writes over a file that is there.
func TestNewWritesAMarketThatRuns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mine.toml")
	if code, out, errs := runCmd(t, "new", path); code != 0 || !strings.Contains(out, "Wrote "+path) {
		t.Fatalf("new: exit %d: %s%s", code, out, errs)
	}
	for _, args := range [][]string{
		{"report", "--market", path},
		{"report", "--market", path, "--format", "csv"},
		{"report", "--market", path, "--uncertainty", "--samples", "5000", "--format", "csv"},
		{"report", "--market", path, "--currency", "eur"},
		{"inputs", "--market", path},
		{"render", "--market", path, "--view", "dashboard", "--size", "120x40", "--format", "txt", "-o", filepath.Join(filepath.Dir(path), "d.txt")},
	} {
		if code, _, errs := runCmd(t, args...); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
	}
	_, csv, _ := runCmd(t, "report", "--market", path, "--uncertainty", "--samples", "5000", "--format", "csv")
	if !strings.HasPrefix(csv, "year,revenue_p5,revenue_p50,revenue_p95,subscribers_p5,") {
		t.Errorf("uncertainty columns: %s", strings.SplitN(csv, "\n", 2)[0])
	}
	before, _ := os.ReadFile(path)
	os.WriteFile(path, append(before, "# mine\n"...), 0o644)
	code, _, errs := runCmd(t, "new", path)
	if code != 1 || !strings.Contains(errs, "already exists and was kept") {
		t.Errorf("new over a file: exit %d: %s", code, errs)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before)+"# mine\n" {
		t.Error("new wrote over an existing file")
	}
}

// TestMarketsListsTheBuiltInOnes: `sizeup markets` lists each built-in
// market, and --market opens each by that name.
func TestMarketsListsTheBuiltInOnes(t *testing.T) {
	code, out, errs := runCmd(t, "markets")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"china-2015 (default)", "China online video", "india-2016", "India online video", "USD, INR", "europe-heatpumps-2021", "Europe residential heat pumps", "USD, EUR"} {
		if !strings.Contains(out, want) {
			t.Errorf("markets lacks %q:\n%s", want, out)
		}
	}
	code, out, errs = runCmd(t, "report", "--market", "india-2016", "--currency", "inr")
	if code != 0 || !strings.Contains(out, "India online video, 2016–2024") || !strings.Contains(out, "₹") {
		t.Errorf("report --market india-2016 --currency inr: exit %d: %s%s", code, out, errs)
	}
	code, _, errs = runCmd(t, "report", "--market", "atlantis-2030")
	if code != 1 || !strings.Contains(errs, "not a built-in market (china-2015, india-2016, europe-heatpumps-2021)") {
		t.Errorf("unknown market: exit %d: %s", code, errs)
	}
}
