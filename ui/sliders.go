package ui

import (
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"sizeup/market"
)

// The assumptions panel: the inputs as sliders, grouped as the market file
// groups them. Each row shows label, value with unit, a bar of where the
// value sits between the input's low and high, and a dot when it differs
// from the default.

// row is one line of the panel: a group heading, an input, an input with
// dims (its family's row, and when open one row per item), or a derived note.
type row struct {
	group  string    // a heading when set
	input  market.ID // the input, when group and note are empty; on a family's row its first item
	note   bool      // the share the switches decide, under the last switch (switchSeries)
	family string    // an input with dims: the id the file writes, on its row and on each item's
	item   bool      // one item of an open family, indented under the family's row
}

// isInput reports whether the row can be selected: an input, an item or
// a family's row.
func (r row) isInput() bool { return r.group == "" && !r.note }

// isFamily reports whether the row stands for every item of an input with
// dims: it shows their total or mean, and opens to them.
func (r row) isFamily() bool { return r.family != "" && !r.item }

// buildRows lays the inputs out in the market file's order under group
// headings, the decisions first under their own (market.DecisionGroup); an input with dims is one row, followed by a row per item
// when open names it.
func buildRows(m *market.Market, open map[string]bool) []row {
	var rows []row
	group := ""
	lastLicence := -1
	for _, id := range m.ShownOrder() {
		in := m.Inputs[id]
		if g := in.ShownGroup(); g != group {
			group = g
			rows = append(rows, row{group: group})
		}
		if in.Family != "" {
			if last := rows[len(rows)-1]; last.family != in.Family {
				rows = append(rows, row{input: id, family: in.Family})
			}
			if open[in.Family] {
				rows = append(rows, row{input: id, family: in.Family, item: true})
			}
			continue
		}
		rows = append(rows, row{input: id})
		if in.Kind == market.KindSwitch {
			lastLicence = len(rows) - 1
		}
	}
	if _, ok := switchSeries(m); ok && lastLicence >= 0 {
		rows = append(rows[:lastLicence+1], append([]row{{note: true}}, rows[lastLicence+1:]...)...)
	}
	return rows
}

// sliderGeometry is the column layout of a row for a panel's inner width.
type sliderGeometry struct {
	label, value, bar int
}

const (
	cursorWidth = 2 // "▸ "
	labelWidth  = 16
	valueWidth  = 9
	markerWidth = 3 // " =●": pinned in Monte Carlo, moved from the default
)

func geometryFor(inner int) sliderGeometry {
	g := sliderGeometry{label: labelWidth, value: valueWidth}
	g.bar = inner - cursorWidth - g.label - 1 - g.value - 1 - 2 - markerWidth
	if g.bar < 6 {
		// Narrow: shorten the label before the bar disappears.
		g.label = max(10, g.label-(6-g.bar))
		g.bar = inner - cursorWidth - g.label - 1 - g.value - 1 - 2 - markerWidth
	}
	return g
}

// barX is where the bar starts within a row (after the ◂).
func (g sliderGeometry) barX() int { return cursorWidth + g.label + 1 + g.value + 1 + 1 }

// position is where v sits between low and high, 0..1, and whether it is
// outside that range (-1 below, +1 above).
func position(in *market.Input, v float64) (float64, int) {
	if in.High <= in.Low {
		return 0.5, 0
	}
	f := (v - in.Low) / (in.High - in.Low)
	switch {
	case f < 0:
		return 0, -1
	case f > 1:
		return 1, 1
	}
	return f, 0
}

// renderRow draws one row of the assumptions panel.
func (d dashboard) renderRow(r row, selected bool, g sliderGeometry, inner int) string {
	s := d.s.styles
	switch {
	case r.group != "":
		return s.Group.Render(strings.ToUpper(r.group))
	case r.note:
		o := d.noteSeries
		return s.Faint.Render(strings.Repeat(" ", cursorWidth+2)+d.s.market.Phrase(o)+": ") + s.Subtle.Render(market.FormatPercent(d.s.proj.First(o), 0))
	}
	if r.isFamily() {
		return d.renderFamilyRow(r, selected, g, inner)
	}
	in := d.s.market.Input(r.input)
	v := d.s.values[r.input]
	moved := v != in.Default

	cursor := "  "
	label := s.Label
	if selected {
		cursor = s.Cursor.Render("▸ ")
		label = s.LabelSelected
	}
	val := s.Value
	if moved {
		val = s.ValueMoved
	}
	text := in.Format(v, d.s.currency())
	if in.Kind == market.KindSwitch {
		text = "" // the box says on or off, once
	}
	// A value wider than its column (₹500.34/mo) takes cells from the
	// label's, never the other way round: a figure is not cut.
	vw := max(g.value, cellWidth(text))
	b := strings.Builder{}
	b.WriteString(cursor)
	b.WriteString(label.Render(fit(rowLabel(d.s.market, r), max(1, g.label+g.value-vw))))
	b.WriteString(" ")
	b.WriteString(val.Render(padLeft(text, vw)))
	b.WriteString(" ")
	left, right := " ", " "
	if selected {
		left, right = s.Subtle.Render("◂"), s.Subtle.Render("▸")
	}
	_, out := position(in, v)
	if in.Kind == market.KindSwitch {
		out = 0
	}
	// A value outside its plausible range has its knob outside the bar,
	// where the selection's arrow on that side would be.
	switch out {
	case -1:
		left = s.KnobOut.Render("◀")
	case 1:
		right = s.KnobOut.Render("▶")
	}
	b.WriteString(left)
	if in.Kind == market.KindSwitch {
		box := "[ ] off"
		if v >= 0.5 {
			box = "[x] on"
		}
		b.WriteString(fit(val.Render(box), g.bar))
	} else {
		b.WriteString(d.bar(in, v, g.bar))
	}
	b.WriteString(right)
	b.WriteString(" ")
	rowEnd(&b, s, d.s.mc != nil && d.s.unc.Pinned[r.input], moved)
	return fit(b.String(), inner)
}

// rowEnd is a slider row's last marks: = when Monte Carlo holds it at its
// value (pinned), ● when it is moved from its default.
func rowEnd(b *strings.Builder, s *Styles, pinned, moved bool) {
	if pinned {
		b.WriteString(s.Moved.Render("="))
	} else {
		b.WriteString(" ")
	}
	if moved {
		b.WriteString(s.Moved.Render("●"))
	}
}

// rowLabel is an input's label on its row; an item's is the item,
// indented under its family's row ("North").
func rowLabel(m *market.Market, r row) string {
	in := m.Input(r.input)
	if r.item {
		return itemIndent + m.ItemLabel(in.Dims, in.Items)
	}
	return in.Label
}

// bar draws ━━━━◆──── for a value's place in its plausible range; a value
// that has left that range has no knob on the bar (renderRow draws it, ◀ or
// ▶, outside), which is empty or full. (● is the mark of a moved input, so
// the knob is not a dot.)
func (d dashboard) bar(in *market.Input, v float64, width int) string {
	s := d.s.styles
	if width < 3 {
		return strings.Repeat(" ", max(0, width))
	}
	f, out := position(in, v)
	switch out {
	case -1:
		return s.BarEmpty.Render(strings.Repeat("─", width))
	case 1:
		return s.BarFill.Render(strings.Repeat("━", width))
	}
	knob := int(math.Round(f * float64(width-1)))
	return s.BarFill.Render(strings.Repeat("━", knob)) + s.Knob.Render("◆") + s.BarEmpty.Render(strings.Repeat("─", width-1-knob))
}

// sliderWindow is the first row shown so that the selected row is visible
// in a panel of h rows.
func sliderWindow(offset, selected, total, h int) int {
	if h <= 0 {
		return 0
	}
	if selected < offset {
		offset = selected
	}
	if selected >= offset+h {
		offset = selected - h + 1
	}
	offset = min(offset, max(0, total-h))
	return max(0, offset)
}

// fitCut cuts or pads a line to w cells, without an ellipsis: the scroll
// arrows sit in the last cell of the row, a heading's row included.
func fitCut(line string, w int) string {
	line = ansi.Truncate(line, w, "")
	return line + spaces(w-cellWidth(line))
}

// rowKey is everything one row's drawing depends on; a row is drawn again
// only when its key changes, so a keystroke redraws one or two rows.
type rowKey struct {
	value    float64
	selected bool
	inner    int
	local    bool
	fx       float64
	dark     bool
	pinned   bool
	moved    bool // a family's row: an item differs from its default
}

type rowCache struct {
	keys  []rowKey
	lines []string
}

func (d dashboard) rowKeyFor(i int, inner int) rowKey {
	s := d.s
	r := d.rows[i]
	k := rowKey{selected: i == d.selected, inner: inner, local: s.local, dark: s.styles.dark}
	switch {
	case r.note:
		k.value = s.proj.First(d.noteSeries)
	case r.isFamily():
		k.value, _ = familyValue(s.market, &s.values, d.familyOf(r))
		k.moved = anyMoved(s, d.familyOf(r))
		k.pinned = s.mc != nil && allPinned(s, d.familyOf(r))
		if u := s.market.Input(r.input).Unit; s.local && (u == market.UnitUSD || u == market.UnitUSDPerMonth) {
			k.fx = s.localRate()
		}
	case r.isInput():
		k.value = s.values[r.input]
		k.pinned = s.mc != nil && s.unc.Pinned[r.input]
		if u := s.market.Input(r.input).Unit; s.local && (u == market.UnitUSD || u == market.UnitUSDPerMonth || u == market.UnitMoneyPer) {
			k.fx = s.localRate()
		}
	}
	return k
}

// refreshSliders draws the panel body's lines for the current window, each
// row again only when its key changed (refresh calls it, never View).
func (d *dashboard) refreshSliders(inner, h int) []string {
	g := geometryFor(inner)
	c := d.rowCache
	if len(c.keys) != len(d.rows) {
		c.keys, c.lines = make([]rowKey, len(d.rows)), make([]string, len(d.rows))
	}
	lines := make([]string, 0, h)
	end := min(len(d.rows), d.offset+h)
	for i := d.offset; i < end; i++ {
		k := d.rowKeyFor(i, inner)
		if c.lines[i] == "" || c.keys[i] != k {
			c.keys[i], c.lines[i] = k, d.renderRow(d.rows[i], i == d.selected, g, inner)
		}
		lines = append(lines, c.lines[i])
	}
	if d.offset > 0 && len(lines) > 0 {
		lines[0] = fitCut(lines[0], inner-1) + d.s.styles.Faint.Render("↑")
	}
	if end < len(d.rows) && len(lines) > 0 {
		lines[len(lines)-1] = fitCut(lines[len(lines)-1], inner-1) + d.s.styles.Faint.Render("↓")
	}
	return lines
}
