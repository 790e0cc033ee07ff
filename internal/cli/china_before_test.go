package cli

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestChinaAsFormulasMatchesTheGoModel: the China market written as
// formulas (data/china-2015.toml) reports what the model written in Go
// reported before issue 12. testdata/china-2015-before holds that binary's
// output for the commands in cases.txt — presets, horizons from 1 to 50,
// --set combinations that move every input, and Monte Carlo runs at
// several sizes and seeds (no longer compared: see below) — and every
// column of every row must agree to a
// relative 1e-9 (report and report --uncertainty, csv and json), with the
// same columns in the same order.
func TestChinaAsFormulasMatchesTheGoModel(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "china-2015-before")
	list, err := os.ReadFile(filepath.Join(dir, "cases.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSpace(string(list)), "\n") {
		args := strings.Fields(line)
		if testing.Short() && strings.Contains(line, "100000") {
			continue
		}
		// Issue 18 changed how Monte Carlo draws an input (DESIGN.md
		// §11: low, default and high are P5, P50 and P95, no longer a 90%
		// interval about its centre), so the Go model's Monte Carlo runs
		// no longer apply; the kernel is held to Evaluate sample by sample
		// (data/markets TestMonteCarloIsEverySampleEvaluated).
		if strings.Contains(line, "--uncertainty") {
			continue
		}
		want, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("case%d.out", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		// The case's own --set flags come after these, so they win.
		code, got, errs := runCmd(t, append(append(args[:1:1], beforeIssue18(args)...), args[1:]...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", line, code, errs)
		}
		wantCols, wantRows := table(t, string(want))
		gotCols, gotRows := table(t, got)
		if strings.Join(gotCols, ",") != strings.Join(wantCols, ",") || len(gotRows) != len(wantRows) {
			t.Fatalf("%s: columns %v and %d rows, want %v and %d rows", line, gotCols, len(gotRows), wantCols, len(wantRows))
		}
		for r := range wantRows {
			for c, w := range wantRows[r] {
				g := gotRows[r][c]
				if math.Abs(g-w) > 1e-9*math.Abs(w) {
					t.Errorf("%s: row %d %s = %v, was %v", line, r, wantCols[c], g, w)
				}
			}
		}
	}
}

// beforeIssue18 are the settings under which the China file of issue 18
// is the model of before: one market growth for every year (late growth
// equal to it) at the old default of 25%, Bull's 35%, Bear's 15% or the
// case's own, and the paid share ramping to the run's last year.
func beforeIssue18(args []string) []string {
	horizon := 10
	growth := "25%"
	for i := 0; i+1 < len(args); i++ {
		switch {
		case args[i] == "--horizon":
			horizon, _ = strconv.Atoi(args[i+1])
		case args[i] == "--scenario" && args[i+1] == "bull":
			growth = "35%"
		case args[i] == "--scenario" && args[i+1] == "bear":
			growth = "15%"
		case args[i] == "--set" && strings.HasPrefix(args[i+1], "market_growth="):
			growth = strings.TrimPrefix(args[i+1], "market_growth=")
		}
	}
	return []string{"--set", fmt.Sprintf("pay_share_year=%d", 2015+horizon),
		"--set", "market_growth=" + growth, "--set", "late_growth=" + growth}
}

// table reads a report in csv or json into its columns and rows of numbers.
func table(t *testing.T, text string) ([]string, [][]float64) {
	t.Helper()
	if strings.HasPrefix(strings.TrimSpace(text), "[") {
		var objs []map[string]json.RawMessage
		if err := json.Unmarshal([]byte(text), &objs); err != nil {
			t.Fatal(err)
		}
		// The keys in their written order, from the first object's text.
		first := text[strings.Index(text, "{"):strings.Index(text, "}")]
		var cols []string
		for _, field := range strings.Split(strings.Trim(first, "{ "), ", ") {
			name, _, _ := strings.Cut(field, ":")
			unq, err := strconv.Unquote(name)
			if err != nil {
				t.Fatalf("key %q", name)
			}
			cols = append(cols, unq)
		}
		var rows [][]float64
		for _, o := range objs {
			row := make([]float64, len(cols))
			for i, c := range cols {
				if err := json.Unmarshal(o[c], &row[i]); err != nil {
					t.Fatalf("%s: %v", c, err)
				}
			}
			rows = append(rows, row)
		}
		return cols, rows
	}
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var rows [][]float64
	for _, rec := range recs[1:] {
		row := make([]float64, len(rec))
		for i, s := range rec {
			if row[i], err = strconv.ParseFloat(s, 64); err != nil {
				t.Fatal(err)
			}
		}
		rows = append(rows, row)
	}
	return recs[0], rows
}
