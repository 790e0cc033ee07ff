package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// TestReportMatchesARecomputation: `report` on a segmented market
// (testdata/recompute.toml: two dimensions, a table held step by step, a
// path, prev per item, sums, a mean and an item) equals a recomputation
// written here by hand from the file's formulas — not from the engine's
// code — to 1e-9, for every column and year, over random --set values.
func TestReportMatchesARecomputation(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 10))
	for trial := range 25 {
		in := recomputeInputs{
			homes:  [3]float64{4.1e6, 3.2e6, 2.0e6},
			mix:    [3][2]float64{{0.8, 0.3}, {0.8, 0.1}, {0.8, 0.2}},
			growth: 0.04, built: 1, price: [2]float64{12000, 25000},
		}
		var sets []string
		if trial > 0 {
			regions, products := []string{"north", "south", "west"}, []string{"air", "ground"}
			r := rng.IntN(3)
			in.homes[r] = 1e6 + rng.Float64()*5e6
			sets = append(sets, fmt.Sprintf("homes.%s=%v", regions[r], in.homes[r]))
			p := rng.IntN(2)
			in.mix[r][p] = 0.05 + rng.Float64()*0.9
			sets = append(sets, fmt.Sprintf("mix.%s.%s=%v", regions[r], products[p], in.mix[r][p]))
			if rng.IntN(2) == 0 { // every item at once
				in.price = [2]float64{9000 + rng.Float64()*6000, 0}
				in.price[1] = in.price[0]
				sets = append(sets, fmt.Sprintf("price=%v", in.price[0]))
			}
			in.growth = rng.Float64() * 0.1
			in.built = 0.8 + rng.Float64()*0.4
			sets = append(sets, fmt.Sprintf("growth=%v", in.growth), fmt.Sprintf("built=%v", in.built))
		}
		args := []string{"report", "--market", "testdata/recompute.toml", "--format", "csv"}
		for _, s := range sets {
			args = append(args, "--set", s)
		}
		var out, errb bytes.Buffer
		if code := Run(args, &out, &errb, "test"); code != 0 {
			t.Fatalf("%v: exit %d: %s", sets, code, errb.String())
		}
		rows, err := csv.NewReader(&out).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := in.recompute()
		if len(rows)-1 != len(want) {
			t.Fatalf("%d rows, want %d", len(rows)-1, len(want))
		}
		for y, row := range rows[1:] {
			for c, name := range rows[0][1:] {
				got, err := strconv.ParseFloat(row[c+1], 64)
				w, ok := want[y][name]
				if err != nil || !ok {
					t.Fatalf("column %s: %q (recomputed: %v)", name, row[c+1], ok)
				}
				if math.Abs(got-w) > 1e-9*math.Max(1, math.Abs(w)) {
					t.Errorf("%v: %s in %s = %v, recomputed %v", sets, name, row[0], got, w)
				}
			}
			if len(want[y]) != len(rows[0])-1 {
				t.Errorf("%d columns, recomputed %d", len(rows[0])-1, len(want[y]))
			}
		}
	}
}

type recomputeInputs struct {
	homes  [3]float64    // north, south, west
	mix    [3][2]float64 // region × (air, ground)
	growth float64
	built  float64
	price  [2]float64
}

// recompute is every column of recompute.toml in each year 2024–2032.
func (in recomputeInputs) recompute() []map[string]float64 {
	regions, products := []string{"north", "south", "west"}, []string{"air", "ground"}
	// new_homes, linear between the years given, flat outside them
	newHomes := func(r, year int) float64 {
		pts := [][][2]float64{{{2023, 0.50e6}, {2030, 0.55e6}}, {{2023, 0.60e6}, {2027, 0.80e6}, {2030, 0.70e6}}, {{2025, 0.35e6}}}[r]
		if float64(year) <= pts[0][0] {
			return pts[0][1]
		}
		for i := 1; i < len(pts); i++ {
			if float64(year) <= pts[i][0] {
				a, b := pts[i-1], pts[i]
				return a[1] + (b[1]-a[1])*(float64(year)-a[0])/(b[0]-a[0])
			}
		}
		return pts[len(pts)-1][1]
	}
	subsidy := func(year int) float64 { // step: 2024 0.1, 2027 0.25, 2030 0.05
		switch {
		case year >= 2030:
			return 0.05
		case year >= 2027:
			return 0.25
		}
		return 0.1
	}
	var out []map[string]float64
	var installed [3]float64
	for t := 0; t <= 8; t++ {
		year := 2024 + t
		row := map[string]float64{}
		total, revenue, regionSum := 0.0, 0.0, 0.0
		var byRegion [3]float64
		for r := range 3 {
			for p := range 2 {
				s := (in.homes[r]*math.Pow(1+in.growth, float64(t))*0.04 + in.built*newHomes(r, year)*0.2) * in.mix[r][p] * (1 + subsidy(year))
				row["sales."+regions[r]+"."+products[p]] = s
				total += s
				byRegion[r] += s
				revenue += s * in.price[p]
			}
			installed[r] += byRegion[r]
			row["by_region."+regions[r]] = byRegion[r]
			row["installed."+regions[r]] = installed[r]
			regionSum += byRegion[r]
		}
		row["sales"] = total
		row["revenue_usd"] = revenue
		row["north_share"] = byRegion[0] / regionSum
		row["mean_mix"] = (in.mix[0][0] + in.mix[1][0] + in.mix[2][0]) / 3
		out = append(out, row)
	}
	return out
}

// TestInputsListsTables: `sizeup inputs` lists the tables after the
// inputs, item by item, with their figures, how they run between years
// and their source.
func TestInputsListsTables(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Run([]string{"inputs", "--market", "testdata/recompute.toml"}, &out, &errb, "test"); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{
		"new_homes.south  2023 0.60M homes, 2027 0.80M homes, 2030 0.70M homes  linear   an assumption for the test",
		"2024 10.0%, 2027 25.0%, 2030 5.0%",
		"mix.west.ground",
	} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("inputs does not list %q:\n%s", want, out.String())
		}
	}
}

// TestRenderWithoutChecksShort: a market with no checks at 80×24, where
// the good news does not fit one line, renders (it indexed the first of
// no warnings and crashed).
func TestRenderWithoutChecksShort(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Run([]string{"render", "--market", "testdata/recompute.toml", "--size", "80x24", "--format", "txt"}, &out, &errb, "test"); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	if !bytes.Contains(out.Bytes(), []byte("✓ No warnings.")) {
		t.Errorf("no good news at 80×24:\n%s", out.String())
	}
}

// TestReportTableOfItemsByYear: the table of a market with dims is a row
// per series, items indented under their value, a column per year.
func TestReportTableOfItemsByYear(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Run([]string{"report", "--market", "../../data/markets/testdata/segmented.toml"}, &out, &errb, "test"); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{
		"                     2024         2025",
		"  Units sold  0.61M homes  0.62M homes",
		"    North     0.26M homes  0.26M homes",
		"  Revenue          $7.35B       $7.39B",
		"  Installed   ",
		"    West      0.14M homes  0.27M homes",
	} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("the table has no %q:\n%s", want, out.String())
		}
	}
}

// TestHindsightOfItemsByYear: Europe's hindsight, a dozen columns wide
// as a row per year, is a row per series and history, each error under
// its history, a column per year.
func TestHindsightOfItemsByYear(t *testing.T) {
	var out, errb bytes.Buffer
	if code := Run([]string{"report", "--market", "europe-heatpumps-2021", "--hindsight"}, &out, &errb, "test"); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	lines := strings.Split(out.String(), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "  Heat pumps sold, UK (HPA)") {
			if !strings.HasPrefix(lines[i+1], "    error") || !strings.Contains(lines[i+1], "+238.0%") {
				t.Errorf("the UK's error is not under it:\n%s\n%s", l, lines[i+1])
			}
			return
		}
	}
	t.Errorf("no row for the UK's history:\n%s", out.String())
}
