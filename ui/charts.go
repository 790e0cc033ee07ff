package ui

import (
	"math"
	"strconv"
	"strings"

	"sizeup/market"
	"sizeup/ui/export"
)

// A line chart of yearly series, each drawn by asciigraph and laid on one
// grid of cells (chartgrid.go) so lines that meet stay whole: the data
// cleaned of NaN and infinities, round ticks chosen here, the x axis
// labelled with whole years and each series' name and last value at the
// right end of its line.

// seriesKind names a series; it picks the colour and the line characters.
type seriesKind string

// legendSample is how a series' line looks in the legend.
func legendSample(k seriesKind) string {
	h := lineSet(k).h
	return h + h
}

type series struct {
	kind   seriesKind
	label  string    // "gross"
	values []float64 // one per year from the first year
}

// chartSpec is everything a plot depends on; the plot is redrawn only when
// it changes.
type chartSpec struct {
	firstYear int
	series    []series
	log       bool
	width     int // the whole chart, labels included
	height    int // rows, x axis and year labels included
	money     bool
	currency  moneyFormat
	styles    *Styles // the theme's chart colours; nil draws none
}

// moneyFormat turns USD into the display currency for tick labels.
type moneyFormat struct {
	symbol string
	perUSD float64
}

// plotCache keeps the last plot and the spec it was drawn from, and the
// room the next draw reuses.
type plotCache struct {
	key, next []byte
	out       string
	geom      func() *export.Plot // where the lines are, for an exporter
	scratch   plotScratch         // the grid, asciigraph's drawings of its series, buffers
}

// get returns the chart for spec, re-plotting only when spec changed;
// a nil cache plots every time.
func (c *plotCache) get(spec chartSpec) string {
	if c == nil {
		out, _ := plot(spec)
		return out
	}
	c.next = spec.appendKey(c.next[:0])
	if c.out != "" && string(c.next) == string(c.key) {
		return c.out
	}
	c.key, c.next = c.next, c.key
	c.scratch.graphs.turn()
	c.out, c.geom = spec.draw(&c.scratch)
	return c.out
}

// plots is the last plot's geometry, for an exporter; none for a nil
// cache or no plot.
func (c *plotCache) plots() []export.Plot {
	if c == nil || c.geom == nil {
		return nil
	}
	if g := c.geom(); g != nil {
		return []export.Plot{*g}
	}
	return nil
}

func (s chartSpec) appendKey(b []byte) []byte {
	b = strconv.AppendInt(b, int64(s.firstYear), 10)
	b = strconv.AppendBool(b, s.log)
	b = strconv.AppendInt(b, int64(s.width), 10)
	b = strconv.AppendInt(b, int64(s.height), 10)
	b = strconv.AppendBool(b, s.money)
	b = append(b, s.currency.symbol...)
	b = strconv.AppendFloat(b, s.currency.perUSD, 'g', -1, 64)
	b = strconv.AppendBool(b, s.color())
	b = strconv.AppendBool(b, s.styles != nil && s.styles.dark)
	for _, sr := range s.series {
		b = append(b, sr.kind...)
		b = append(b, sr.label...)
		for _, v := range sr.values {
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
			b = append(b, ',')
		}
	}
	return b
}

// color reports whether the plot is drawn in colour.
func (s chartSpec) color() bool { return s.styles != nil && !s.styles.colorless() }

// clean scales values and replaces what asciigraph cannot take (NaN, ±Inf,
// and for a log scale anything ≤ 0) with NaN gaps; it reports whether
// anything is left to draw.
func clean(values []float64, scale float64, logScale bool) ([]float64, bool) {
	out := make([]float64, len(values))
	any := false
	for i, v := range values {
		v *= scale
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			out[i] = math.NaN()
		case logScale && v <= 0:
			out[i] = math.NaN()
		case logScale:
			out[i] = math.Log10(v)
			any = true
		default:
			out[i] = v
			any = true
		}
	}
	return out, any
}

// niceStep is the smallest of 1, 2, 2.5, 5 × 10^k not below x.
func niceStep(x float64) float64 {
	if x <= 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= x*(1-1e-12) {
			return m * p
		}
	}
	return 10 * p
}

// scale turns the series' USD into the display currency, so that ticks are
// round in the currency shown.
func (s chartSpec) scale() float64 {
	if s.money && s.currency.perUSD > 0 {
		return s.currency.perUSD
	}
	return 1
}

func (s chartSpec) symbol() string {
	if !s.money {
		return ""
	}
	if s.currency.symbol == "" {
		return "$"
	}
	return s.currency.symbol
}

// tickLabel is a short label for an axis value already in display units:
// $1.5B, ¥300M, 2.5M.
func (s chartSpec) tickLabel(v float64) string { return trimZeros(shortNum(v, s.symbol())) }

// shortNum is v with k/M/B/T and up to two decimals.
func shortNum(v float64, symbol string) string {
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	for _, u := range []struct {
		scale float64
		s     string
	}{{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "k"}} {
		if v >= u.scale*0.9995 {
			return sign + symbol + strconv.FormatFloat(v/u.scale, 'f', 2, 64) + u.s
		}
	}
	return sign + symbol + strconv.FormatFloat(v, 'f', 2, 64)
}

// trimZeros drops trailing zero decimals: $1.00M → $1M, $2.50B → $2.5B.
func trimZeros(s string) string {
	i := strings.IndexByte(s, '.')
	if i < 0 {
		return s
	}
	j := i + 1
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	num := strings.TrimRight(s[i:j], "0")
	if num == "." {
		num = ""
	}
	return s[:i] + num + s[j:]
}

// maxDecades is the most powers of ten a log axis spans; more says nothing,
// so the bottom is clipped.
const maxDecades = 6

// axis is a y axis whose labels are the true values of their rows: the
// plot gets rows = ticks × rowsPerTick, so every tick falls on a row, and
// rows between ticks carry no label (a label is skipped, never rounded).
type axis struct {
	bottom, top, step float64 // in plotted units (log10 of the value on a log axis)
	rows              int     // rows of the plot body, one per step/rowsPerTick
}

// logAxis spans whole decades from lo to hi (log10 units) in at most rows.
func logAxis(lo, hi float64, rows int) (axis, bool) {
	bottom, top := math.Floor(lo), math.Ceil(hi)
	if top == bottom {
		top++
	}
	bottom = math.Max(bottom, top-maxDecades)
	span := int(top - bottom)
	for every := 1; every <= span; every++ {
		ticks := (span + every - 1) / every
		if rows >= ticks {
			per := rows / ticks
			return axis{bottom: top - float64(ticks*every), top: top, step: float64(every), rows: ticks * per}, true
		}
	}
	return axis{}, false
}

// linearAxis runs from 0 (or, when lo is below it, a round step under
// lo: a loss is drawn where it is) to a round top in round steps, in at
// most rows.
func linearAxis(lo, hi float64, rows int) (axis, bool) {
	lo = math.Min(lo, 0)
	if rows < 1 || !(hi > 0) && !(lo < 0) || math.IsInf(lo, 0) || math.IsNaN(lo) {
		return axis{}, false
	}
	hi = math.Max(hi, 0)
	target := max(2, min(5, rows/3)) // ticks a few rows apart
	if rows < 6 {
		target = max(1, rows) // a short chart: a tick on every row it has
	}
	step := niceStep((hi - lo) / float64(target))
	for range 64 {
		below := int(math.Ceil(-lo/step - 1e-9))
		ticks := below + int(math.Ceil(hi/step-1e-9))
		if ticks >= 1 && rows >= ticks {
			per := rows / ticks
			bottom := -step * float64(below)
			return axis{bottom: bottom, top: bottom + step*float64(ticks), step: step, rows: ticks * per}, true
		}
		step = niceStep(step * 1.0001)
	}
	return axis{}, false
}

// tickAt is the label of a row at magnitude mag, or "" when the row holds no
// tick. Rows are exact multiples of the step, so a tick row matches its
// value to rounding error.
func (a axis) tickAt(mag float64) (float64, bool) {
	j := math.Round((mag - a.bottom) / a.step)
	tick := a.bottom + j*a.step
	if math.Abs(mag-tick) > 1e-6*a.step {
		return 0, false
	}
	return tick, true
}

// shift is how far a log axis that starts below 1 (a negative power of
// ten) is moved up for asciigraph, to start at 0: asciigraph rounds half
// a row away from zero, so below zero its bottom and top could round
// apart by one row more than the axis has, and every line sit a row off.
func (a axis) shift() float64 { return max(0, -a.bottom) }

// ratio is rows per plotted unit.
func (a axis) ratio() float64 { return float64(a.rows) / (a.top - a.bottom) }

// zero is the bottom row's value times ratio, rounded where asciigraph
// rounds it (on the shifted axis).
func (a axis) zero() float64 {
	s := a.shift()
	return math.Round((a.bottom+s)*a.ratio()) - s*a.ratio()
}

// rowOf is the body row (0 at the top) asciigraph draws v on.
func (a axis) rowOf(v float64) int {
	s := a.shift()
	return a.rows - int(math.Round((v+s)*a.ratio())-math.Round((a.bottom+s)*a.ratio()))
}

// plot draws the chart, and says where its lines are for an exporter
// (nil when there is no chart). It never panics: with nothing to draw it
// returns "".
func plot(spec chartSpec) (string, *export.Plot) {
	out, geom := spec.draw(nil)
	if geom == nil {
		return out, nil
	}
	return out, geom()
}

// draw is plot, in sc's room and with asciigraph's drawings of the last
// plot's series in its memo (nil: none); where the lines are is worked
// out when asked, from sc's grid, so only until sc draws again.
func (spec chartSpec) draw(sc *plotScratch) (string, func() *export.Plot) {
	if spec.width < 20 || spec.height < 5 || len(spec.series) == 0 {
		return "", nil
	}
	n := len(spec.series[0].values)
	data, keep, lo, hi := spec.cleanSeries(n)
	if len(data) == 0 || (!spec.log && hi <= 0) {
		return "", nil
	}
	// The plot body has ax.rows+1 lines; under it the x axis and its labels.
	room := spec.height - 3
	ax, ok := spec.axisFor(data, lo, hi, room)
	if !ok || ax.rows < 2 {
		return "", nil
	}
	label := spec.labeller(ax)
	labelWidth := 0
	for j := 0.0; ax.bottom+j*ax.step <= ax.top+ax.step/2; j++ {
		labelWidth = max(labelWidth, cellWidth(label(ax.bottom+j*ax.step)))
	}
	ends, endWidth := spec.endLabels(keep, data, ax, n)
	plotWidth := spec.width - labelWidth - 3 - endWidth
	if plotWidth < 10 {
		endWidth = 0
		plotWidth = spec.width - labelWidth - 3
		if plotWidth < 10 {
			return "", nil
		}
	}
	body, plotLines := spec.layoutBody(keep, data, ax, label, labelWidth, plotWidth, n, sc)
	if endWidth > 0 {
		ends = body.placeEnds(ends)
		body.quietTicks(ends, ax)
	} else {
		ends = nil
	}
	var buf []byte
	if sc != nil {
		buf = sc.out[:0]
	}
	// Rows the axis could not use go above the plot, blank.
	buf = spec.appendText(buf, body, keep, ends, labelWidth+3+plotWidth, max(0, room-ax.rows))
	out := string(buf)
	if sc != nil {
		sc.out = buf
	}
	geom := func() *export.Plot {
		rows := body.plain()
		bodyWidth := labelWidth + 3 + plotWidth
		for _, e := range ends {
			if e.row >= 0 && e.row < len(rows) {
				p := rows[e.row]
				rows[e.row] = p + spaces(max(0, bodyWidth-cellWidth(p))) + " " + e.text
			}
		}
		return &export.Plot{Rows: rows, Left: body.left, W: plotWidth, Mask: body.mask(), Lines: plotLines()}
	}
	return out, geom
}

// cleanSeries is the series that can be drawn (n values each, something
// left after clean), their plotted values, and the lowest and highest.
func (spec chartSpec) cleanSeries(n int) (data [][]float64, keep []series, lo, hi float64) {
	data = make([][]float64, 0, len(spec.series))
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, sr := range spec.series {
		if len(sr.values) != n || n < 2 {
			continue
		}
		vals, ok := clean(sr.values, spec.scale(), spec.log)
		if !ok {
			continue
		}
		for _, v := range vals {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		data = append(data, vals)
		keep = append(keep, sr)
	}
	return data, keep, lo, hi
}

// axisFor fits the y axis in room rows; on a log axis, values below its
// bottom become gaps.
func (spec chartSpec) axisFor(data [][]float64, lo, hi float64, room int) (axis, bool) {
	if !spec.log {
		return linearAxis(lo, hi, room)
	}
	ax, ok := logAxis(lo, hi, room)
	for _, d := range data {
		for i, v := range d {
			if v < ax.bottom {
				d[i] = math.NaN()
			}
		}
	}
	return ax, ok
}

// labeller labels the rows that hold a tick with their true value.
func (spec chartSpec) labeller(ax axis) func(float64) string {
	return func(mag float64) string {
		tick, ok := ax.tickAt(mag)
		if !ok {
			return ""
		}
		if spec.log {
			return spec.tickLabel(math.Pow(10, tick))
		}
		return spec.tickLabel(tick)
	}
}

// endLabels are "gross $616M" at the row where each line ends, and the
// width they need (0 when there are more than rows to put them on).
func (spec chartSpec) endLabels(keep []series, data [][]float64, ax axis, n int) ([]endLabel, int) {
	ends := make([]endLabel, 0, len(keep))
	endWidth := 0
	placed := 0
	for i, sr := range keep {
		text := sr.label + " " + spec.valueLabel(sr.values[n-1])
		ends = append(ends, endLabel{kind: sr.kind, text: text, row: -1, owner: i + 1, val: data[i][n-1]})
		if d := data[i][n-1]; !math.IsNaN(d) {
			ends[i].row = ax.rowOf(d)
			placed++
		}
		endWidth = max(endWidth, cellWidth(text)+2)
	}
	if placed > ax.rows+1 {
		// More labels than rows: pushed apart they would sit beside other
		// lines than their own. The legend names the lines instead.
		endWidth = 0
	}
	return ends, endWidth
}

type endLabel struct {
	kind    seriesKind
	text    string
	row     int     // the row of the line's last value; -1 for none
	owner   int     // the series' mark in the plot grid
	dropped bool    // no row points at its line: said under the axis
	line    int     // the chart line it is written on (appendText); -1 for none
	val     float64 // the last value, plotted (log10 on a log axis)
}

// quietTicks blanks the y label of a row whose end label says a value
// more than a quarter step away from it (on a short axis "$200M" beside
// "net $299M"): the row is the line's, and the tick would contradict its
// label.
func (b plotBody) quietTicks(ends []endLabel, ax axis) {
	for _, e := range ends {
		if e.row < 0 || e.row > b.rows || math.IsNaN(e.val) {
			continue
		}
		tick, ok := ax.tickAt(ax.top - float64(e.row)*(ax.top-ax.bottom)/float64(b.rows))
		if ok && math.Abs(tick-e.val) > ax.step/4 {
			b.yLabels[e.row] = spaces(cellWidth(b.yLabels[e.row]))
		}
	}
}

// placeEnds puts each end label on a row of its own that points at its
// line: the row where the line ends, or failing that the nearest free row
// the line itself reaches in the last column (a label is never put beside
// another line). A label with no such row is dropped (row -1, dropped).
// The first series listed chooses first.
func (b plotBody) placeEnds(ends []endLabel) []endLabel {
	used := make([]bool, b.rows+1)
	last := b.grid.w - 2 // the last column a line is drawn in
	ownRow := func(r, owner int) bool {
		return last >= 0 && int(b.grid.cells[r*b.grid.w+last].owner) == owner
	}
	for i := range ends {
		e := &ends[i]
		if e.row < 0 || e.row > b.rows {
			e.row = -1
			continue
		}
		want := e.row
		e.row = -1
		for d := 0; d <= b.rows && e.row < 0; d++ {
			for _, r := range []int{want - d, want + d} {
				if r < 0 || r > b.rows || used[r] || (d > 0 && !ownRow(r, e.owner)) {
					continue
				}
				if d == 0 && !ownRow(r, e.owner) && b.grid.cells[r*b.grid.w+max(0, last)].owner != 0 {
					// Its end is under another line there: that row reads
					// as the other line's unless the other has no label.
					if otherEnds(ends, i, r) {
						continue
					}
				}
				e.row = r
				used[r] = true
				break
			}
		}
		e.dropped = e.row < 0
	}
	return ends
}

// otherEnds reports whether another label than ends[i] wants row r.
func otherEnds(ends []endLabel, i, r int) bool {
	for j := range ends {
		if j != i && ends[j].row == r {
			return true
		}
	}
	return false
}

// valueLabel is a series' last value in display units, for its end label:
// three significant figures, as everywhere else money and people are shown.
func (s chartSpec) valueLabel(v float64) string {
	if !s.money {
		return market.FormatPeople(v)
	}
	return market.FormatMoney(v, market.Currency{Symbol: s.symbol(), PerUSD: s.scale()})
}

// legend writes "══ TAM  ╌╌ SAM  ━━ gross" in the series' colours.
func (s Styles) legend(items []series) string {
	parts := make([]string, 0, len(items))
	for _, it := range items {
		parts = append(parts, s.Series[string(it.kind)].Render(legendSample(it.kind)+" "+it.label))
	}
	return strings.Join(parts, "  ")
}
