package main

import (
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
)

// TestThreePointsAreP5P50P95: on a market whose series are its inputs,
// report --uncertainty reads each input's draws back (DESIGN.md §11): an
// amount, a share and a growth rate have their low, default and high as
// P5, P50 and P95; a triangular(1, 2, 5) has its median 1 + 4(1 − √⅜) =
// 2.551; a decision is never drawn.
func TestThreePointsAreP5P50P95(t *testing.T) {
	code, out, errs := runCmd(t, "report", "--market", "testdata/three-point.toml", "--uncertainty", "--samples", "200000", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("csv: %v\n%s", err, out)
	}
	got := func(col string) float64 {
		for j, h := range rows[0] {
			if h == col {
				x, err := strconv.ParseFloat(rows[1][j], 64)
				if err != nil {
					t.Fatal(err)
				}
				return x
			}
		}
		t.Fatalf("no column %s in %v", col, rows[0])
		return 0
	}
	for _, c := range []struct {
		name           string
		low, def, high float64
	}{{"size", 4, 10, 30}, {"share", 0.05, 0.20, 0.30}, {"growth", -0.05, 0.10, 0.40}} {
		for _, q := range []struct {
			p    string
			want float64
			tol  float64
		}{{"p5", c.low, 0.03}, {"p50", c.def, 0.02}, {"p95", c.high, 0.03}} {
			x := got(c.name + "_" + q.p)
			t.Logf("%s %s = %.5g (want %.5g)", c.name, q.p, x, q.want)
			if math.Abs(x-q.want) > q.tol*math.Abs(q.want) {
				t.Errorf("%s %s = %v, want %v within %.0f%%", c.name, q.p, x, q.want, 100*q.tol)
			}
		}
	}
	if med, se := got("tri_p50"), got("tri_p50_se"); math.Abs(med-2.551) > math.Max(3*se, 0.0005) {
		t.Errorf("triangular(1, 2, 5) median %v ± %v, want 2.551", med, se)
	}
	if lo, hi := got("tri_p5"), got("tri_p95"); lo < 1 || hi > 5 {
		t.Errorf("triangular(1, 2, 5) P5 %v, P95 %v: outside its bounds", lo, hi)
	}
	if p5, p50, p95 := got("price_p5"), got("price_p50"), got("price_p95"); p5 != 7 || p50 != 7 || p95 != 7 {
		t.Errorf("the decision price drawn: P5 %v, P50 %v, P95 %v; want 7 each", p5, p50, p95)
	}
}
