package ui

import (
	"fmt"
	"math"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"

	"sizeup/data/markets"
)

// chartModel is the app on a built-in market at a size.
func chartModel(t *testing.T, name string, w, h int) Model {
	t.Helper()
	mk, err := markets.OpenMarket(name)
	if err != nil {
		t.Fatal(err)
	}
	m := New(Options{Market: mk, Values: mk.Defaults(), Renderer: testRenderer(), Theme: "dark"})
	return send(m, tea.WindowSizeMsg{Width: w, Height: h})
}

// glyphArms is the sides a chart glyph runs to; ok is false for a glyph
// that shows no sides (a dot).
func glyphArms(g string) (arms [4]bool, ok bool) {
	for a, gl := range boxGlyphs {
		if gl == g {
			for i, w := range a {
				arms[i] = w != 0
			}
			return arms, true
		}
	}
	for _, lc := range lineSets {
		if lc.h == "·" {
			continue
		}
		for _, c := range []struct {
			g     string
			sides []int
		}{{lc.h, []int{armLeft, armRight}}, {lc.v, []int{armUp, armDown}}, {lc.dr, []int{armDown, armRight}},
			{lc.dl, []int{armDown, armLeft}}, {lc.ur, []int{armUp, armRight}}, {lc.ul, []int{armUp, armLeft}}} {
			if c.g == g {
				for _, s := range c.sides {
					arms[s] = true
				}
				return arms, true
			}
		}
	}
	return arms, false
}

// bodies draws the series together and each alone, on the axis plot
// would choose.
func bodies(t *testing.T, spec chartSpec, plotWidth int) (plotBody, []plotBody) {
	t.Helper()
	n := len(spec.series[0].values)
	data, keep, lo, hi := spec.cleanSeries(n)
	ax, ok := spec.axisFor(data, lo, hi, spec.height-3)
	if !ok {
		t.Fatal("no axis")
	}
	label := spec.labeller(ax)
	all, _ := spec.layoutBody(keep, data, ax, label, 6, plotWidth, n, nil)
	alone := make([]plotBody, len(keep))
	for i := range keep {
		alone[i], _ = spec.layoutBody(keep[i:i+1], data[i:i+1], ax, label, 6, plotWidth, n, nil)
	}
	return all, alone
}

// Where lines meet, each keeps running: every side a line runs to from a
// cell when drawn alone is still a side of the glyph drawn there with all
// the lines (a crossing ┼, a junction ┷, or the same direction shared).
func TestChartLinesStayWholeWhereTheyMeet(t *testing.T) {
	for _, name := range []string{"china-2015", "india-2016"} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {160, 48}} {
			for _, hindsight := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%dx%d/hindsight=%v", name, sz[0], sz[1], hindsight), func(t *testing.T) {
					m := chartModel(t, name, sz[0], sz[1])
					d := m.dash
					d.hindsight = hindsight
					if hindsight {
						d.judged = m.s.market.Judge(&m.s.proj, m.s.localRate())
					}
					ser, _, _ := d.projectionLines(m.s.chartLines(false), nil, nil, "")
					for _, logScale := range []bool{true, false} {
						spec := chartSpec{firstYear: m.s.market.BaseYear, series: ser, log: logScale, width: sz[0] - 40, height: sz[1] / 2, money: true}
						all, alone := bodies(t, spec, sz[0]-60)
						for i, a := range alone {
							for c, cell := range a.grid.cells {
								if cell.owner == 0 {
									continue
								}
								got, ok := glyphArms(all.grid.cells[c].glyph)
								if !ok {
									if all.grid.cells[c].glyph != cell.glyph {
										t.Errorf("log=%v: series %d's %q at row %d col %d is under a %q", logScale, i, cell.glyph, c/a.grid.w, c%a.grid.w, all.grid.cells[c].glyph)
									}
									continue
								}
								for side, w := range cell.arms {
									if w != 0 && !got[side] {
										t.Errorf("log=%v: series %d (%s) runs to side %d at row %d col %d, but %q there does not", logScale, i, ser[i].label, side, c/a.grid.w, c%a.grid.w, all.grid.cells[c].glyph)
									}
								}
							}
						}
					}
				})
			}
		}
	}
}

// The crossing of a vertical run of one line through another's
// horizontal is a crossing glyph in the later (upper) line's colour.
func TestChartCrossingIsDrawnAsACrossing(t *testing.T) {
	g := newPlotGrid(3, 2)
	g.put(1, 1, arm(1, armLeft, armRight), "─", 2)
	g.put(1, 1, arm(2, armUp, armDown), "┃", 1)
	if c := g.cells[1*3+1]; c.glyph != "╂" || c.owner != 1 {
		t.Errorf("heavy vertical over a light horizontal: %q owned by %d, want ╂ by 1", c.glyph, c.owner)
	}
	g.put(0, 0, arm(3, armLeft, armRight), "═", 2)
	g.put(0, 0, arm(2, armUp, armLeft), "┛", 1)
	// No glyph mixes heavy and double: the junction is the later line's.
	if c := g.cells[0]; c.glyph != "┻" {
		t.Errorf("heavy ┛ over a double ═: %q, want ┻", c.glyph)
	}
}

// chartRows is the projection panel's lines of a frame, plain.
func chartRows(frame string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(ansi.Strip(frame), "\n") {
		if strings.Contains(l, "╭─ Projection") || strings.Contains(l, "╭─ Revenue") {
			in = true
		}
		if in {
			out = append(out, l)
			if strings.Contains(l, "╰") {
				break
			}
		}
	}
	return out
}

// One rule for both markets at 80×24: the lines far above the business
// are left off and the chart says so; no tick label sits beside an end
// label saying another value.
func TestShortChartOneRuleForBothMarkets(t *testing.T) {
	for _, name := range []string{"china-2015", "india-2016"} {
		t.Run(name, func(t *testing.T) {
			m := chartModel(t, name, 80, 24)
			rows := chartRows(m.View())
			if len(rows) == 0 {
				t.Fatalf("no chart at 80×24:\n%s", ansi.Strip(m.View()))
			}
			text := strings.Join(rows, "\n")
			if strings.Contains(rows[1], "TAM") || !strings.Contains(text, "above this axis") {
				t.Errorf("TAM should be left out of a short chart, and the chart should say so:\n%s", text)
			}
			for _, r := range rows {
				// "│  $200M┤ … net $299M": a tick beside an end label.
				tick, rest, ok := strings.Cut(r, "┤")
				if !ok {
					tick, rest, ok = strings.Cut(r, "┼")
				}
				tick = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(tick), "│"))
				if !ok || tick == "" {
					continue
				}
				fields := strings.Fields(strings.TrimSuffix(strings.TrimSpace(rest), "│"))
				if len(fields) < 2 {
					continue
				}
				end := fields[len(fields)-1]
				tv, ev := money(tick), money(end)
				if math.IsNaN(tv) || math.IsNaN(ev) {
					continue
				}
				if math.Abs(tv-ev) > 0.3*math.Max(tv, ev) {
					t.Errorf("the tick %s sits beside the end label %s:\n%s", tick, end, text)
				}
			}
		})
	}
}

// money reads "$299M", "$1.5B", "$0"; NaN for anything else.
func money(s string) float64 {
	s = strings.TrimPrefix(s, "$")
	mul := 1.0
	switch {
	case strings.HasSuffix(s, "B"):
		mul, s = 1e9, strings.TrimSuffix(s, "B")
	case strings.HasSuffix(s, "M"):
		mul, s = 1e6, strings.TrimSuffix(s, "M")
	}
	var v float64
	if _, err := fmt.Sscanf(s, "%g", &v); err != nil {
		return math.NaN()
	}
	return v * mul
}

// An end label sits only on a row its own line reaches in the last
// column, or its line's end row; with no such row free it is dropped and
// said under the axis.
func TestEndLabelsPointAtTheirLine(t *testing.T) {
	b := plotBody{grid: newPlotGrid(5, 2), rows: 2}
	// Line 1 ends on row 1; line 2 also ends on row 1, under line 1.
	for x := range 4 {
		b.grid.put(1, x, arm(1, armLeft, armRight), "─", 2)
		b.grid.put(1, x, arm(2, armLeft, armRight), "━", 1)
	}
	ends := b.placeEnds([]endLabel{{text: "a", row: 1, owner: 1}, {text: "b", row: 1, owner: 2}})
	if ends[0].row != 1 {
		t.Errorf("a's label moved off its row: %d", ends[0].row)
	}
	if ends[1].row != -1 || !ends[1].dropped {
		t.Errorf("b's label should be dropped (no row points at its line), got row %d", ends[1].row)
	}
	// Line 2 rises through row 0 in the last column: its label may go there.
	b.grid.put(0, 3, arm(1, armDown, armRight), "╭", 2)
	ends = b.placeEnds([]endLabel{{text: "a", row: 1, owner: 1}, {text: "b", row: 1, owner: 2}})
	if ends[1].row != 0 {
		t.Errorf("b's label should move to row 0, where its line is: %d", ends[1].row)
	}
}

// A light line is drawn in asciigraph's own glyphs, so alone on a chart
// its body, y labels and year axis are asciigraph's Plot of the series,
// cell for cell, gaps (NaN) included.
func TestChartLineIsAsciigraphs(t *testing.T) {
	nan := math.NaN()
	for _, vals := range [][]float64{
		{120e6, 180e6, 260e6, 250e6, 400e6, 610e6},
		{120e6, nan, 260e6, 250e6, nan, nan, 610e6, 300e6},
		{5e6, 5e6, 5e6},
	} {
		spec := chartSpec{firstYear: 2020, series: []series{{kind: "line4", label: "net", values: vals}}, width: 90, height: 20, money: true}
		n := len(vals)
		data, keep, lo, hi := spec.cleanSeries(n)
		ax, ok := spec.axisFor(data, lo, hi, spec.height-3)
		if !ok {
			t.Fatal("no axis")
		}
		label := spec.labeller(ax)
		const labelWidth, plotWidth = 6, 70
		b, _ := spec.layoutBody(keep, data, ax, label, labelWidth, plotWidth, n, nil)
		got := append(b.plain(), b.xAxis, b.xLabels)
		for i := range got {
			got[i] = strings.TrimRight(got[i], " ")
		}
		opts := append(spec.graphOptions(ax, 0, label, labelWidth), asciigraph.Width(plotWidth))
		want := strings.Split(asciigraph.Plot(data[0], append(opts, spec.yearAxis(plotWidth, n)...)...), "\n")
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("%v:\ngot\n%s\nasciigraph draws\n%s", vals, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// On a log axis that starts below 1 ($0.1) each line is on the row
// nearest its value: $10 on the $10 row, not a row higher, where half a
// row rounded away from zero put it.
func TestLogChartBelowOneKeepsRows(t *testing.T) {
	spec := chartSpec{firstYear: 2020, log: true, width: 60, height: 5, money: true, series: []series{
		{kind: "line3", label: "big", values: []float64{500, 500, 500}},
		{kind: "line4", label: "ten", values: []float64{10, 10, 10}},
		{kind: "line2", label: "small", values: []float64{0.2, 0.2, 0.2}},
	}}
	out, _ := plot(spec)
	want := map[string]string{"$1k": "━", "$10": "─", "$0.1": "╌"}
	seen := 0
	for _, row := range strings.Split(out, "\n") {
		tick, rest, ok := strings.Cut(row, "┤")
		if !ok {
			tick, rest, ok = strings.Cut(row, "┼")
		}
		if g, found := want[strings.TrimSpace(tick)]; ok && found {
			seen++
			if !strings.Contains(rest, g+g) {
				t.Errorf("row %s does not hold its line (%s):\n%s", strings.TrimSpace(tick), g, out)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("want rows $1k, $10 and $0.1:\n%s", out)
	}
}

// A chart re-plotted through its cache, reusing asciigraph's drawings of
// the series that did not move, is the chart plotted afresh.
func TestPlotCacheReusesOnlyUnmovedLines(t *testing.T) {
	c := &plotCache{}
	base := []float64{100e6, 150e6, 230e6, 310e6, 420e6}
	for step := range 6 {
		moved := make([]float64, len(base))
		for i, v := range base {
			moved[i] = v * (0.4 + 0.05*float64(step*i))
		}
		spec := chartSpec{firstYear: 2021, width: 70, height: 16, money: true, log: step%3 == 2, series: []series{
			{kind: "line1", label: "TAM", values: base},
			{kind: "line4", label: "net", values: moved},
		}}
		want, _ := plot(spec)
		if got := c.get(spec); got != want {
			t.Errorf("step %d: cached\n%s\nafresh\n%s", step, got, want)
		}
	}
}

// TestLinearAxisTakesALoss: a linear axis reaches below 0 when a series
// does (a profit's P5), in round steps, and starts at 0 otherwise.
func TestLinearAxisTakesALoss(t *testing.T) {
	ax, ok := linearAxis(-15.2e6, 169e6, 16)
	if !ok || ax.bottom >= -15.2e6 || ax.top < 169e6 || ax.bottom != -ax.step*math.Round(-ax.bottom/ax.step) {
		t.Errorf("a loss of $15.2M to $169M: %+v", ax)
	}
	if _, isTick := ax.tickAt(0); !isTick {
		t.Errorf("0 is not a tick of %+v", ax)
	}
	if ax, _ := linearAxis(3, 169e6, 16); ax.bottom != 0 {
		t.Errorf("no loss: the axis starts at %v, want 0", ax.bottom)
	}
	if ax, ok := linearAxis(-5e6, -1e6, 10); !ok || ax.top != 0 || ax.bottom > -5e6 {
		t.Errorf("losses only: %+v %v", ax, ok)
	}
}
