package ui

import (
	"encoding/binary"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/guptarohit/asciigraph"

	"sizeup/ui/export"
)

// asciigraph draws each of the chart's lines alone, with the chart's
// labels and axes; its cells are laid on a grid that remembers which line
// holds each cell and which way it runs from there (up, down, left,
// right), in the line's own glyphs. A line laid where another already is
// keeps both: two lines
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
	owner int32    // the series on top, +1; 0 for an empty cell
}

// plotGrid is the plot body: rows+1 lines of w cells.
type plotGrid struct {
	w     int
	cells []plotCell
}

func newPlotGrid(w, rows int) *plotGrid {
	return &plotGrid{w: w, cells: make([]plotCell, w*(rows+1))}
}

// reset makes g an empty grid of rows+1 lines of w cells, in the cells it
// already has when they are enough.
func (g *plotGrid) reset(w, rows int) {
	n := w * (rows + 1)
	if cap(g.cells) < n {
		g.cells = make([]plotCell, n)
	} else {
		g.cells = g.cells[:n]
		clear(g.cells)
	}
	g.w = w
}

// put lays glyph (its arms) of series owner on a cell.
func (g *plotGrid) put(row, col int, arms [4]uint8, glyph string, series int) {
	if row < 0 || col < 0 || col >= g.w || (row+1)*g.w > len(g.cells) {
		return
	}
	owner := int32(series)
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
	if j, ok := boxGlyph(merged); ok {
		c.glyph = j
		return
	}
	// No glyph mixes these weights: the junction in this line's.
	for i := range merged {
		if merged[i] != 0 {
			merged[i] = weight
		}
	}
	if j, ok := boxGlyph(merged); ok {
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

// graphRunes is asciigraph's default character set, as runes.
var graphRunes = func() (r struct{ h, v, dr, dl, ur, ul, end, start rune }) {
	cs := asciigraph.DefaultCharSet
	first := func(s string) rune { return []rune(s)[0] }
	r.h, r.v, r.dr, r.dl = first(cs.Horizontal), first(cs.VerticalLine), first(cs.ArcDownRight), first(cs.ArcDownLeft)
	r.ur, r.ul, r.end, r.start = first(cs.ArcUpRight), first(cs.ArcUpLeft), first(cs.EndCap), first(cs.StartCap)
	return r
}()

// traceGlyph is the sides a glyph of asciigraph's default character set
// runs to, and the glyph series lc draws there instead; ok is false for
// anything else (a blank).
func (lc lineChars) traceGlyph(r rune) (arms [4]uint8, glyph string, ok bool) {
	w := lc.weight
	switch g := &graphRunes; r {
	case g.h:
		return arm(w, armLeft, armRight), lc.h, true
	case g.v:
		return arm(w, armUp, armDown), lc.v, true
	case g.dr:
		return arm(w, armDown, armRight), lc.dr, true
	case g.dl:
		return arm(w, armLeft, armDown), lc.dl, true
	case g.ur:
		return arm(w, armUp, armRight), lc.ur, true
	case g.ul:
		return arm(w, armLeft, armUp), lc.ul, true
	case g.end: // the line stops before a gap
		a := arm(w, armLeft)
		return a, capGlyph(lc, a, asciigraph.DefaultCharSet.EndCap), true
	case g.start: // the line starts after a gap
		a := arm(w, armRight)
		return a, capGlyph(lc, a, asciigraph.DefaultCharSet.StartCap), true
	}
	return arms, "", false
}

// traceMark is a cell asciigraph drew a line in: its body row, its
// column after the axis and asciigraph's glyph there.
type traceMark struct {
	row, col int32
	r        rune
}

// traced is asciigraph's drawing of one series read back (one line per
// body row, each a label, the axis ┤ or ┼, then one rune per column):
// the cells its line is in, each row's label and axis mark, and the year
// axis under the body when it drew one.
type traced struct {
	key            string // what it was drawn from, in its memo
	marks          []traceMark
	labels         []string // per body row
	axis           []uint8  // per body row: 0 no axis mark, 1 ┤, 2 ┼ (a line starts there)
	xAxis, xLabels string
}

// traceDrawing reads asciigraph's drawing of a body of rows+1 rows and
// cols columns.
func traceDrawing(drawn string, rows, cols int) *traced {
	// A line has a mark in every column, and one more a row it climbs.
	t := &traced{labels: make([]string, rows+1), axis: make([]uint8, rows+1), marks: make([]traceMark, 0, cols+rows+1)}
	for r := 0; r <= rows+2; r++ {
		line, rest, more := strings.Cut(drawn, "\n")
		switch {
		case r <= rows:
			t.traceRow(r, line)
		case r == rows+1:
			t.xAxis = line
		default:
			t.xLabels = line
		}
		if !more {
			break
		}
		drawn = rest
	}
	return t
}

// traceRow reads body row r of asciigraph's drawing.
func (t *traced) traceRow(r int, line string) {
	at := strings.IndexAny(line, "┤┼")
	if at < 0 {
		return
	}
	t.labels[r] = line[:at]
	t.axis[r] = 1
	if strings.HasPrefix(line[at:], "┼") {
		t.axis[r] = 2
	}
	col := int32(0)
	for _, c := range line[at+len("┤"):] { // ┤ and ┼ are both 3 bytes
		if c == ' ' {
			col++
			continue
		}
		if _, _, ok := lightLine.traceGlyph(c); ok {
			t.marks = append(t.marks, traceMark{int32(r), col, c})
		}
		col++
	}
}

// lay lays the plot body of one series as asciigraph drew it on the grid
// in the series' own glyphs; it keeps the rows' labels and where the line
// starts at the axis (┼).
func (b *plotBody) lay(t *traced, lc lineChars, owner int) {
	for r := 0; r <= b.rows && r < len(t.axis); r++ {
		if t.axis[r] == 0 {
			continue
		}
		b.yLabels[r] = t.labels[r]
		if t.axis[r] == 2 {
			b.firstRow[r] = true
		}
	}
	for _, m := range t.marks {
		if int(m.row) > b.rows {
			continue
		}
		arms, glyph, _ := lc.traceGlyph(m.r)
		b.grid.put(int(m.row), int(m.col), arms, glyph, owner)
	}
}

// capGlyph is where a line stops at a gap: a half stroke of its weight,
// or its own dot.
func capGlyph(lc lineChars, a [4]uint8, light string) string {
	if lc.h == "·" {
		return lc.h
	}
	if g, ok := boxGlyph(a); ok {
		return g
	}
	return light
}

// stretchInto spreads values over w points (in buf's room when it has
// enough), as asciigraph does with Width (interpolateArray): the first
// and last at the ends, linear in between.
// The chart stretches them itself because a value beyond the axis is held
// at its end only after stretching, so the line still meets the axis
// where the data crosses it.
func stretchInto(buf, data []float64, w int) []float64 {
	out := buf[:0]
	if cap(out) < w {
		out = make([]float64, w)
	}
	out = out[:w]
	clear(out)
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

// plotScratch is what a plot cache keeps from one draw to the next, so
// a redraw (in Update) allocates little: the grid and its rows' labels,
// asciigraph's drawings of the last plot's series read back, and buffers.
// A draw's body lives in it until the next draw.
type plotScratch struct {
	grid     plotGrid
	yLabels  []string
	firstRow []bool
	graphs   graphMemo
	ys       []float64 // a series stretched and held on the axis
	key      []byte    // what asciigraph's drawings depend on
	out      []byte    // the chart's text as it is written
}

// body is an empty plot body of rows+1 rows of w cells, in s's room (nil:
// new room).
func (s *plotScratch) body(w, rows, left int) plotBody {
	b := plotBody{rows: rows, left: left}
	if s == nil {
		b.grid = newPlotGrid(w, rows)
		b.yLabels, b.firstRow = make([]string, rows+1), make([]bool, rows+1)
		return b
	}
	s.grid.reset(w, rows)
	b.grid = &s.grid
	if cap(s.yLabels) < rows+1 {
		s.yLabels, s.firstRow = make([]string, rows+1), make([]bool, rows+1)
	}
	s.yLabels, s.firstRow = s.yLabels[:rows+1], s.firstRow[:rows+1]
	clear(s.yLabels)
	clear(s.firstRow)
	b.yLabels, b.firstRow = s.yLabels, s.firstRow
	return b
}

// layoutBody has asciigraph draw each series alone on plotWidth columns
// and ax.rows+1 rows, with the y labels, the axis marks and the year
// axis, and lays the lines on one grid, the first listed on top; a series
// drawn the same in the last plot is taken from sc's memo (nil: none, and
// new room). The lines for an exporter are worked out only when asked.
func (spec chartSpec) layoutBody(keep []series, data [][]float64, ax axis, label func(float64) string, labelWidth, plotWidth, n int, sc *plotScratch) (plotBody, func() []export.PlotLine) {
	rows := ax.rows
	b := sc.body(plotWidth, rows, labelWidth+2)
	shift := ax.shift()
	// Only the series drawn last (the first listed) gives the body its y
	// labels and the year axis: every drawing has an axis mark on every
	// row, so that one's labels are the ones kept. The others are drawn
	// with blank labels, which moves none of their cells (the plot starts
	// at the same column, Offset) and spares asciigraph the labels. Options
	// are made only when asciigraph draws.
	var labelled, blank []asciigraph.Option
	graphOpts := func(first bool) []asciigraph.Option {
		if !first {
			if blank == nil {
				blank = spec.bareOptions(ax, shift)
			}
			return blank
		}
		if labelled == nil {
			labelled = append(spec.graphOptions(ax, shift, label, labelWidth), spec.yearAxis(plotWidth, n)...)
		}
		return labelled
	}
	var memo *graphMemo
	var key []byte
	var buf []float64
	if sc != nil {
		memo, key, buf = &sc.graphs, sc.key[:0], sc.ys
	}
	key = spec.appendGraphKey(key, ax, labelWidth, plotWidth, n)
	for i := len(keep) - 1; i >= 0; i-- {
		buf = onAxis(stretchInto(buf, data[i], plotWidth), ax, shift)
		if i == 0 { // the last drawn also draws the year axis
			key = append(key, 'x')
		}
		t := memo.trace(key, buf, rows, func() []asciigraph.Option { return graphOpts(i == 0) })
		b.lay(t, lineSet(keep[i].kind), i+1)
		if i == 0 {
			b.xAxis, b.xLabels = t.xAxis, t.xLabels
		}
	}
	if sc != nil {
		sc.key, sc.ys = key, buf
	}
	lines := func() []export.PlotLine {
		ratio, min2 := ax.ratio(), ax.zero()
		out := make([]export.PlotLine, 0, len(keep))
		for i := len(keep) - 1; i >= 0; i-- {
			out = append(out, spec.exportLine(keep[i].kind, data[i], ratio, min2, rows, plotWidth))
		}
		return out
	}
	return b, lines
}

// graphOptions are how asciigraph draws every series of a chart (already
// stretched to the plot's width and shifted up by shift): the same rows
// and bounds, the y labels right-aligned to labelWidth (each made once
// for all the series) and the axis one column after them.
func (spec chartSpec) graphOptions(ax axis, shift float64, label func(float64) string, labelWidth int) []asciigraph.Option {
	labels := make(map[float64]string, ax.rows+1)
	return []asciigraph.Option{
		asciigraph.Height(ax.rows),
		asciigraph.Offset(2),
		asciigraph.LowerBound(ax.bottom + shift),
		asciigraph.UpperBound(ax.top + shift),
		asciigraph.YAxisValueFormatter(func(v float64) string {
			l, ok := labels[v]
			if !ok {
				l = label(v - shift)
				l = spaces(max(0, labelWidth-cellWidth(l))) + l
				labels[v] = l
			}
			return l
		}),
	}
}

// bareOptions are graphOptions with blank y labels, for a series whose
// labels are not kept.
func (spec chartSpec) bareOptions(ax axis, shift float64) []asciigraph.Option {
	return []asciigraph.Option{
		asciigraph.Height(ax.rows),
		asciigraph.Offset(2),
		asciigraph.LowerBound(ax.bottom + shift),
		asciigraph.UpperBound(ax.top + shift),
		asciigraph.YAxisValueFormatter(func(float64) string { return "" }),
	}
}

// yearAxis is asciigraph's x axis (└──┬──) for n years on w columns,
// labelled with whole years, a tick every YearStep.
func (spec chartSpec) yearAxis(w, n int) []asciigraph.Option {
	ticks := (n-1)/export.YearStep(n-1, max(2, w/6), true) + 1
	return []asciigraph.Option{
		asciigraph.XAxisRange(float64(spec.firstYear), float64(spec.firstYear+n-1)),
		asciigraph.XAxisTickCount(max(ticks, 2)),
		asciigraph.XAxisValueFormatter(func(v float64) string { return strconv.Itoa(int(math.Round(v))) }),
	}
}

// appendGraphKey appends what asciigraph's drawing of a series depends
// on besides its values: the axis, the labels' width and format, the
// plot's width and the years.
func (spec chartSpec) appendGraphKey(b []byte, ax axis, labelWidth, plotWidth, n int) []byte {
	for _, f := range [...]float64{ax.bottom, ax.top, ax.step, spec.currency.perUSD} {
		b = strconv.AppendFloat(b, f, 'g', -1, 64)
		b = append(b, ',')
	}
	for _, v := range [...]int{ax.rows, labelWidth, plotWidth, n, spec.firstYear} {
		b = strconv.AppendInt(b, int64(v), 10)
		b = append(b, ',')
	}
	b = strconv.AppendBool(b, spec.log)
	b = strconv.AppendBool(b, spec.money)
	return append(b, spec.currency.symbol...)
}

// graphMemo keeps asciigraph's drawings of the last plot's series, read
// back, by what each was drawn from, so a keystroke that moves some lines
// has asciigraph draw only those again, and the others cost a look-up.
type graphMemo struct {
	last, next map[string]*traced
	key        []byte
}

// turn starts a plot: the drawings of the one before are kept for it,
// older ones dropped.
func (m *graphMemo) turn() {
	if m.next == nil {
		m.last, m.next = map[string]*traced{}, map[string]*traced{}
		return
	}
	m.last, m.next = m.next, m.last
	clear(m.next)
}

// trace is asciigraph's drawing of ys (rows+1 body rows) with opts() (key
// says what they hold), read back; from the last plot when it drew the
// same. A nil memo always draws.
func (m *graphMemo) trace(key []byte, ys []float64, rows int, opts func() []asciigraph.Option) *traced {
	if m == nil {
		return traceDrawing(asciigraph.Plot(ys, opts()...), rows, len(ys))
	}
	m.key = append(m.key[:0], key...)
	for _, v := range ys {
		m.key = binary.LittleEndian.AppendUint64(m.key, math.Float64bits(v))
	}
	if t, ok := m.last[string(m.key)]; ok {
		m.next[t.key] = t
		return t
	}
	if t, ok := m.next[string(m.key)]; ok {
		return t
	}
	t := traceDrawing(asciigraph.Plot(ys, opts()...), rows, len(ys))
	t.key = string(m.key)
	m.next[t.key] = t
	return t
}

// onAxis is a series held within the axis and shifted up by shift, in
// place: asciigraph would stretch the axis to take a value beyond it (a
// loss under a linear axis's 0), so such a value is drawn at the axis'
// end instead.
func onAxis(ys []float64, ax axis, shift float64) []float64 {
	for i, v := range ys {
		ys[i] = math.Max(ax.bottom, math.Min(ax.top, v)) + shift // NaN stays NaN
	}
	return ys
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

// appendText appends the chart's lines to buf: pad blank lines, the
// body's rows coloured by spec's styles (each ending where its last mark
// does), the year axis and its labels; an end label after its line,
// padded to bodyWidth (one left off goes under the axis); every line then
// cut or padded to exactly the chart's width, so the panel need not
// measure them.
func (spec chartSpec) appendText(buf []byte, b plotBody, keep []series, ends []endLabel, bodyWidth, pad int) []byte {
	paintOf := func(name string) paint {
		if !spec.color() {
			return paint{}
		}
		return spec.styles.Series[name]
	}
	axis, label := paintOf("axis"), paintOf("label")
	lines := b.rows + 2 // the body, the axis, the years
	if b.xLabels != "" {
		lines++
	}
	under := b.rows + 1
	for i := range ends {
		e := &ends[i]
		e.line = e.row
		if e.row < 0 {
			e.line = -1
			if e.dropped && under < lines {
				e.line = under
				under++
			}
		}
	}
	buf = slices.Grow(buf, (pad+lines)*(spec.width*3+64))
	nl := false
	line := func(start, w, at int) {
		for _, e := range ends {
			if e.line != at || at < 0 {
				continue
			}
			if w < bodyWidth {
				buf = append(buf, spaces(bodyWidth-w)...)
				w = bodyWidth
			}
			buf = append(buf, ' ')
			p := paintOf(string(e.kind))
			buf = p.append(buf, e.text)
			w += 1 + cellWidth(e.text)
		}
		switch {
		case w > spec.width:
			cut := ansi.Truncate(string(buf[start:]), spec.width, "")
			buf = append(buf[:start], cut...)
		case w < spec.width:
			buf = append(buf, spaces(spec.width-w)...)
		}
	}
	begin := func() int {
		if nl {
			buf = append(buf, '\n')
		}
		nl = true
		return len(buf)
	}
	for range pad {
		line(begin(), 0, -1)
	}
	for r := 0; r <= b.rows; r++ {
		start := begin()
		buf = label.append(buf, b.yLabels[r])
		mark := "┤"
		if b.firstRow[r] {
			mark = "┼"
		}
		buf = axis.append(buf, mark)
		cells := b.grid.cells[r*b.grid.w : (r+1)*b.grid.w]
		end := len(cells)
		for end > 0 && cells[end-1].owner == 0 {
			end--
		}
		for x := 0; x < end; {
			o := cells[x].owner
			var p paint
			if o != 0 {
				p = paintOf(string(keep[o-1].kind))
			}
			buf = append(buf, p.pre...)
			for ; x < end && cells[x].owner == o; x++ {
				if o == 0 {
					buf = append(buf, ' ')
				} else {
					buf = append(buf, cells[x].glyph...)
				}
			}
			if p.pre != "" {
				buf = append(buf, p.post...)
			}
		}
		line(start, cellWidth(b.yLabels[r])+1+end, r)
	}
	start := begin()
	buf = axis.append(buf, b.xAxis)
	line(start, cellWidth(b.xAxis), b.rows+1)
	if b.xLabels != "" {
		start := begin()
		buf = label.append(buf, b.xLabels)
		line(start, cellWidth(b.xLabels), b.rows+2)
	}
	return buf
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
