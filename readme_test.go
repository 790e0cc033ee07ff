package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"sizeup/internal/cli"
)

// TestREADMEMarketFromScratchRuns: the market the README writes from
// scratch is a working market: report, report --uncertainty and the app's
// dashboard run on it as printed.
func TestREADMEMarketFromScratchRuns(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- market-from-scratch -->\n```toml\n(.*?)```\n<!-- /market-from-scratch -->").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README has no market-from-scratch block")
	}
	// It teaches what an entry case needs (DESIGN.md §10): a dimension, a
	// table by year and a count unit of its own.
	for _, want := range []string{"dimension = [", "dims = [\"district\"]", "table = [", "units = { households", "sum("} {
		if !bytes.Contains(m[1], []byte(want)) {
			t.Errorf("the market from scratch does not use %q", want)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "coffee.toml")
	os.WriteFile(path, m[1], 0o644)
	code, out, errs := runCmd(t, "report", "--market", path)
	if code != 0 || !strings.Contains(out, "Coffee by post, Lisbon, 2026–2031") || !strings.Contains(out, "  Subscribers ") || !strings.Contains(out, "    Centre ") || !strings.Contains(out, "households") {
		t.Fatalf("report: exit %d: %s%s", code, out, errs)
	}
	code, out, errs = runCmd(t, "report", "--market", path, "--uncertainty", "--samples", "5000", "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "year,revenue_p5,revenue_p50,revenue_p95,") {
		t.Fatalf("report --uncertainty: exit %d: %s%s", code, out, errs)
	}
	code, _, errs = runCmd(t, "render", "--market", path, "--view", "dashboard", "--size", "120x40", "--format", "txt", "-o", filepath.Join(dir, "d.txt"))
	if code != 0 {
		t.Fatalf("render: exit %d: %s", code, errs)
	}
}

// TestREADMEFormulaErrorIsReal: the refusal the README shows is what
// sizeup prints for the template with one name misspelt.
func TestREADMEFormulaErrorIsReal(t *testing.T) {
	readme, _ := os.ReadFile("README.md")
	m := regexp.MustCompile(`\$ sizeup report --market mine\.toml\n(sizeup: mine\.toml:.*)\n`).FindSubmatch(readme)
	if m == nil {
		t.Fatal("README shows no formula error")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "mine.toml")
	if code, _, errs := runCmd(t, "new", path); code != 0 {
		t.Fatal(errs)
	}
	text, _ := os.ReadFile(path)
	os.WriteFile(path, []byte(strings.Replace(string(text), `formula = "prospects * conversion`, `formula = "prospect * conversion`, 1)), 0o644)
	_, _, errs := runCmd(t, "report", "--market", path)
	if got := strings.ReplaceAll(strings.TrimSpace(errs), path, "mine.toml"); got != string(m[1]) {
		t.Errorf("sizeup prints\n%s\nthe README shows\n%s", got, m[1])
	}
}

// runCmd runs sizeup's command line in this process, as the binary would.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = cli.Run(args, &out, &errb, version)
	return code, out.String(), errb.String()
}

// TestREADMEShowsEveryGeneratedPicture: every PNG that go generate makes
// (main.go's go:generate lines) is shown in the README; a picture made
// and never shown is work for nothing and drifts unseen.
func TestREADMEShowsEveryGeneratedPicture(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	made := regexp.MustCompile(`(?m)^//go:generate .* -o (docs/\S+\.png)$`).FindAllSubmatch(src, -1)
	if len(made) == 0 {
		t.Fatal("main.go generates no pictures")
	}
	for _, m := range made {
		if !strings.Contains(string(readme), "]("+string(m[1])+")") {
			t.Errorf("go generate makes %s, which the README does not show", m[1])
		}
	}
}
