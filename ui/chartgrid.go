package ui

import (
	"math"
	"strconv"
	"strings"

	"sizeup/ui/export"
)

// The chart's lines are laid on a grid of cells that remembers which line
// holds each cell and which way it runs from there (up, down, left,
// right). A line drawn where another already is keeps both: two lines
// running the same way share the later line's glyph; a line that turns off
// or crosses the other becomes a junction of the two (┷, ╪, ┼), in the
// later line's colour. So every line stays continuous wherever it meets
// another, in one fixed order.

// Arms of a cell, indexes into plotCell.arms.
const (
	armUp = iota
	armDown
	armLeft
	armRight
)

// lineChars is how one series draws: its glyphs (a horizontal, a
// vertical and the four corners) and the weight of its strokes for joins
// (1 light, 2 heavy, 3 double).
type lineChars struct {
	h, v, dr, dl, ur, ul string
	weight               uint8
}

var (
	lightLine  = lineChars{"─", "│", "╭", "╮", "╰", "╯", 1}
	heavyLine  = lineChars{"━", "┃", "┏", "┓", "┗", "┛", 2}
	doubleLine = lineChars{"═", "║", "╔", "╗", "╚", "╝", 3}
	dashLine   = lineChars{"╌", "╎", "╭", "╮", "╰", "╯", 1}
	fineLine   = lineChars{"┈", "┊", "╭", "╮", "╰", "╯", 1}
	dotLine    = lineChars{"·", "·", "·", "·", "·", "·", 1}
)

// lineSets distinguishes series by line character as well as colour, so a
// chart reads in a black-and-white screenshot.
var lineSets = map[seriesKind]lineChars{
	"line1": doubleLine, "line2": dashLine, "line3": heavyLine, "line4": lightLine,
	"risk": fineLine, "actual": dotLine,
	"p50": lightLine, "p5": fineLine, "p95": fineLine,
	"s1": lightLine, "s2": heavyLine, "s3": doubleLine,
}

// lineSet is a kind's characters, light lines for an unknown kind.
func lineSet(k seriesKind) lineChars {
	if c, ok := lineSets[k]; ok {
		return c
	}
	return lightLine
}

// plotCell is one cell of the plot body.
type plotCell struct {
	glyph string
	arms  [4]uint8 // weight of the stroke leaving towards each side
	owner int      // the series on top, +1; 0 for an empty cell
}

// plotGrid is the plot body: rows+1 lines of w cells.
type plotGrid struct {
	w     int
	cells []plotCell
}

func newPlotGrid(w, rows int) *plotGrid {
	return &plotGrid{w: w, cells: make([]plotCell, w*(rows+1))}
}

// put lays glyph (its arms) of series owner on a cell.
func (g *plotGrid) put(row, col int, arms [4]uint8, glyph string, owner int) {
	if row < 0 || col < 0 || col >= g.w || (row+1)*g.w > len(g.cells) {
		return
	}
	c := &g.cells[row*g.w+col]
	if c.owner == 0 || c.owner == owner {
		*c = plotCell{glyph, arms, owner}
		return
	}
	merged, covered := c.arms, true
	var weight uint8
	for i, a := range arms {
		if a != 0 {
			merged[i] = a
			weight = max(weight, a)
		} else if c.arms[i] != 0 {
			covered = false
		}
	}
	c.owner, c.arms = owner, merged
	if covered {
		// The line below runs only where this one does: it goes on
		// under this one's glyph.
		c.glyph = glyph
		return
	}
	if j, ok := boxGlyphs[merged]; ok {
		c.glyph = j
		return
	}
	// No glyph mixes these weights: the junction in this line's.
	for i := range merged {
		if merged[i] != 0 {
			merged[i] = weight
		}
	}
	if j, ok := boxGlyphs[merged]; ok {
		c.glyph = j
		return
	}
	c.glyph = glyph
}

// arm is the arms of a glyph that runs to the given sides.
func arm(w uint8, sides ...int) (a [4]uint8) {
	for _, s := range sides {
		a[s] = w
	}
	return a
}

// draw lays one series, already stretched to one point per column and in
// rows from the bottom (NaN a gap), as asciigraph draws a line: a
// horizontal where two points share a row, else corners at both rows and
// a vertical between.
func (g *plotGrid) draw(ys []float64, rows int, lc lineChars, owner int) {
	w := lc.weight
	row := func(v float64) int { return rows - min(rows, max(0, int(v))) }
	for x := 0; x+1 < len(ys); x++ {
		d0, d1 := ys[x], ys[x+1]
		switch {
		case math.IsNaN(d0) && math.IsNaN(d1):
		case math.IsNaN(d1):
			g.put(row(d0), x, arm(w, armLeft), capGlyph(lc, arm(w, armLeft), "╴"), owner)
		case math.IsNaN(d0):
			g.put(row(d1), x, arm(w, armRight), capGlyph(lc, arm(w, armRight), "╶"), owner)
		case row(d0) == row(d1):
			g.put(row(d0), x, arm(w, armLeft, armRight), lc.h, owner)
		default:
			r0, r1 := row(d0), row(d1)
			if r0 < r1 { // falling: ╮ at the start, ╰ at the end
				g.put(r0, x, arm(w, armLeft, armDown), lc.dl, owner)
				g.put(r1, x, arm(w, armUp, armRight), lc.ur, owner)
			} else { // rising: ╯ at the start, ╭ at the end
				g.put(r0, x, arm(w, armLeft, armUp), lc.ul, owner)
				g.put(r1, x, arm(w, armDown, armRight), lc.dr, owner)
			}
			for r := min(r0, r1) + 1; r < max(r0, r1); r++ {
				g.put(r, x, arm(w, armUp, armDown), lc.v, owner)
			}
		}
	}
}

// capGlyph is where a line stops at a gap: a half stroke of its weight,
// or its own dot.
func capGlyph(lc lineChars, a [4]uint8, light string) string {
	if lc.h == "·" {
		return lc.h
	}
	if g, ok := boxGlyphs[a]; ok {
		return g
	}
	return light
}

// stretch spreads values over w points, as asciigraph does: the first and
// last at the ends, linear in between.
func stretch(data []float64, w int) []float64 {
	out := make([]float64, w)
	if len(data) == 0 || w == 0 {
		return out
	}
	if w == 1 || len(data) == 1 {
		out[0] = data[0]
		return out
	}
	k := float64(len(data)-1) / float64(w-1)
	for i := range out {
		at := float64(i) * k
		lo := math.Floor(at)
		hi := math.Ceil(at)
		if i == w-1 {
			lo, hi = float64(len(data)-1), float64(len(data)-1)
		}
		a, b := data[int(lo)], data[int(hi)]
		out[i] = a + (b-a)*(at-lo)
		if lo == hi {
			out[i] = a
		}
	}
	return out
}

// plotBody is a drawn chart before it is coloured: the lines of the plot
// body, its labels and axes, and what an exporter needs to draw the lines
// again from the data.
type plotBody struct {
	grid     *plotGrid
	rows     int
	yLabels  []string // per body row, right-aligned to labelWidth
	firstRow []bool   // rows where a line starts at the axis (┼)
	xAxis    string
	xLabels  string
	left     int // the body's first column
}

// layoutBody draws the series (the first listed on top) on a grid of
// plotWidth columns and ax.rows+1 rows, with the y labels, the axis marks
// and the year axis; rowOf maps a plotted value to its exact row (0 at
// the top) for the exporter.
func (spec chartSpec) layoutBody(keep []series, data [][]float64, ax axis, label func(float64) string, labelWidth, plotWidth, n int) (plotBody, []export.PlotLine) {
	rows := ax.rows
	ratio := float64(rows) / (ax.top - ax.bottom)
	min2 := math.Round(ax.bottom * ratio)
	b := plotBody{grid: newPlotGrid(plotWidth, rows), rows: rows, left: labelWidth + 2,
		yLabels: make([]string, rows+1), firstRow: make([]bool, rows+1)}
	for r := 0; r <= rows; r++ {
		l := label(ax.top - float64(r)*(ax.top-ax.bottom)/float64(rows))
		b.yLabels[r] = spaces(labelWidth+1-cellWidth(l)) + l
	}
	var lines []export.PlotLine
	for i := len(keep) - 1; i >= 0; i-- {
		ys := stretch(data[i], plotWidth)
		for j, v := range ys {
			ys[j] = math.Round(v*ratio) - min2
		}
		if !math.IsNaN(ys[0]) {
			b.firstRow[rows-min(rows, max(0, int(ys[0])))] = true
		}
		b.grid.draw(ys, rows, lineSet(keep[i].kind), i+1)
		lines = append(lines, spec.exportLine(keep[i].kind, data[i], ratio, min2, rows, plotWidth))
	}
	b.xAxis, b.xLabels = spec.yearAxis(labelWidth+2, plotWidth, n)
	return b, lines
}

// exportLine is a series at one point per year, in cells from the body's
// top-left corner, at its exact value.
func (spec chartSpec) exportLine(k seriesKind, data []float64, ratio, min2 float64, rows, plotWidth int) export.PlotLine {
	n := len(data)
	l := export.PlotLine{X: make([]float64, n), Y: make([]float64, n), Weight: lineSet(k).weight}
	for i, v := range data {
		l.X[i] = float64(i)*float64(plotWidth-1)/float64(max(1, n-1)) + 0.5
		l.Y[i] = float64(rows) - (v*ratio - min2) + 0.5
	}
	switch lineSet(k) {
	case dashLine, fineLine:
		l.Style = export.Dashed
	case dotLine:
		l.Style = export.Dotted
	}
	if spec.color() { // without colour (NO_COLOR) the line is the text's
		l.Color = seriesRGB(k, spec.styles.dark)
	}
	return l
}

// yearAxis is the x axis (└──┬──) under the body and its year labels,
// each centred on its tick and left out where it would touch the one
// before.
func (spec chartSpec) yearAxis(leftPad, w, n int) (axisLine, labelLine string) {
	ticks := (n-1)/export.YearStep(n-1, max(2, w/6), true) + 1
	ticks = min(max(ticks, 2), w)
	axis := []rune(strings.Repeat(" ", leftPad-1) + "└" + strings.Repeat("─", w))
	labels := []rune(strings.Repeat(" ", leftPad+w+8))
	lastEnd := -1
	for i := range ticks {
		col := int(math.Round(float64(w-1) * float64(i) / float64(ticks-1)))
		axis[leftPad+col] = '┬'
		year := strconv.Itoa(int(math.Round(float64(spec.firstYear) + float64(i)/float64(ticks-1)*float64(n-1))))
		start := max(0, leftPad+col-len(year)/2)
		if start <= lastEnd {
			continue
		}
		copy(labels[start:], []rune(year))
		lastEnd = start + len(year)
	}
	return string(axis), strings.TrimRight(string(labels), " ")
}

// text is the body's lines, coloured by styles (nil: none), each line
// ending where its last mark does.
func (b plotBody) text(st *Styles, kinds []seriesKind) []string {
	paintOf := func(name string) paint {
		if st == nil || st.colorless() {
			return paint{}
		}
		return st.Series[name]
	}
	axis, label := paintOf("axis"), paintOf("label")
	out := make([]string, 0, b.rows+3)
	var sb strings.Builder
	for r := 0; r <= b.rows; r++ {
		sb.Reset()
		sb.WriteString(label.Render(b.yLabels[r]))
		mark := "┤"
		if b.firstRow[r] {
			mark = "┼"
		}
		sb.WriteString(axis.Render(mark))
		cells := b.grid.cells[r*b.grid.w : (r+1)*b.grid.w]
		end := len(cells)
		for end > 0 && cells[end-1].owner == 0 {
			end--
		}
		for x := 0; x < end; {
			o := cells[x].owner
			var p paint
			if o != 0 {
				p = paintOf(string(kinds[o-1]))
			}
			sb.WriteString(p.pre)
			for ; x < end && cells[x].owner == o; x++ {
				if o == 0 {
					sb.WriteByte(' ')
				} else {
					sb.WriteString(cells[x].glyph)
				}
			}
			if p.pre != "" {
				sb.WriteString(p.post)
			}
		}
		out = append(out, sb.String())
	}
	out = append(out, axis.Render(b.xAxis))
	if b.xLabels != "" {
		out = append(out, label.Render(b.xLabels))
	}
	return out
}

// plain is the body's rows as plain text (no colour), as they appear in
// the frame, for finding the plot there.
func (b plotBody) plain() []string {
	out := make([]string, 0, b.rows+1)
	for r := 0; r <= b.rows; r++ {
		var sb strings.Builder
		sb.WriteString(b.yLabels[r])
		if b.firstRow[r] {
			sb.WriteString("┼")
		} else {
			sb.WriteString("┤")
		}
		for _, c := range b.grid.cells[r*b.grid.w : (r+1)*b.grid.w] {
			if c.owner == 0 {
				sb.WriteByte(' ')
			} else {
				sb.WriteString(c.glyph)
			}
		}
		out = append(out, sb.String())
	}
	return out
}

// mask is where the body holds a line, row by row.
func (b plotBody) mask() []bool {
	m := make([]bool, len(b.grid.cells))
	for i, c := range b.grid.cells {
		m[i] = c.owner != 0
	}
	return m
}

// seriesRGB is a series' colour in the app, as the exporter draws it.
func seriesRGB(k seriesKind, dark bool) export.Color {
	c, ok := palette[string(k)]
	if !ok {
		return export.Color{}
	}
	h := c.light
	if dark {
		h = c.dark
	}
	v, err := strconv.ParseUint(strings.TrimPrefix(h, "#"), 16, 32)
	if err != nil {
		return export.Color{}
	}
	return export.RGB(uint8(v>>16), uint8(v>>8), uint8(v))
}
