package ui

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// Inputs with dims on the dashboard (DESIGN.md §10). The market holds
// one input per item (households.north); the assumptions panel shows
// them as one row, the family's, with their total or mean, which opens
// (⏎ or →) to a slider per item and closes again (← or esc). An item is
// an ordinary input: undo, goal seek, pins and ranges work on it as on
// any other.

// itemIndent sets an item's label under its family's.
const itemIndent = "  "

// familyItems maps each input with dims to its items, in item order.
func familyItems(m *market.Market) map[string][]market.ID {
	out := map[string][]market.ID{}
	for i := range m.Inputs {
		if f := m.Inputs[i].Family; f != "" {
			out[f] = append(out[f], market.ID(i))
		}
	}
	return out
}

// familyOf is the items of a family's row (or of an item's row).
func (d dashboard) familyOf(r row) []market.ID { return d.items[r.family] }

// sumsItems reports whether a family's row shows its items' total (a
// count of people, homes or an amount of money: households, a budget)
// rather than their mean (a share, a growth rate, a price, a factor).
func sumsItems(in *market.Input) bool {
	return in.Kind == market.KindAmount && (in.Unit == market.UnitPeople || in.Unit == market.UnitUSD || in.Unit == market.UnitCount)
}

// familyValue is the total or the mean of the items' values in vals, and
// whether it is the total.
func familyValue(m *market.Market, vals *market.Values, ids []market.ID) (float64, bool) {
	if len(ids) == 0 {
		return 0, false
	}
	sum := 0.0
	for _, id := range ids {
		sum += vals[id]
	}
	if sumsItems(m.Input(ids[0])) {
		return sum, true
	}
	return sum / float64(len(ids)), false
}

// familyAt is familyValue of every item at one end of its range (or at
// its default): lo, hi or default picked by end.
func familyAt(m *market.Market, ids []market.ID, end func(*market.Input) float64) float64 {
	var vals market.Values
	for _, id := range ids {
		vals[id] = end(m.Input(id))
	}
	v, _ := familyValue(m, &vals, ids)
	return v
}

// familyLabel is the label the file gives the input, without the item:
// "Households" of "Households · North".
func familyLabel(m *market.Market, ids []market.ID) string {
	in := m.Input(ids[0])
	return strings.TrimSuffix(in.Label, " · "+m.ItemLabel(in.Dims, in.Items))
}

// itemsWord says how many items a family has, in its dimension's word:
// "3 regions"; "6 items" across two dimensions.
func itemsWord(m *market.Market, ids []market.ID) string {
	n := strconv.Itoa(len(ids))
	in := m.Input(ids[0])
	if len(in.Dims) != 1 {
		return n + " items"
	}
	word := strings.ToLower(m.Dims[in.Dims[0]].Label)
	if len(ids) == 1 {
		return n + " " + word
	}
	return n + " " + plural(word)
}

// plural is an English noun's plural, for a dimension's label: regions,
// countries, channels, classes.
func plural(w string) string {
	switch {
	case w == "":
		return "items"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	case strings.HasSuffix(w, "y") && len(w) > 1 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func anyMoved(s *session, ids []market.ID) bool {
	return slices.ContainsFunc(ids, func(id market.ID) bool { return s.values[id] != s.defaults[id] })
}

func allPinned(s *session, ids []market.ID) bool {
	return !slices.ContainsFunc(ids, func(id market.ID) bool { return !s.unc.Pinned[id] })
}

// renderFamilyRow draws a family's row: a + (closed) or − (open) before
// its label, the items' total or mean where an input's value is, and in
// place of a bar how many items it has and what the figure is of.
func (d dashboard) renderFamilyRow(r row, selected bool, g sliderGeometry, inner int) string {
	s := d.s.styles
	m := d.s.market
	ids := d.familyOf(r)
	in := m.Input(r.input)
	v, total := familyValue(m, &d.s.values, ids)
	cursor, label := "  ", s.Label
	if selected {
		cursor, label = s.Cursor.Render("▸ "), s.LabelSelected
	}
	val := s.Value
	moved := anyMoved(d.s, ids)
	if moved {
		val = s.ValueMoved
	}
	mark, hint := "+ ", "  ⏎ opens"
	if d.open[r.family] {
		mark, hint = "− ", "  ← closes"
	}
	text := in.Format(v, d.s.currency())
	vw := max(g.value, cellWidth(text))
	what := itemsWord(m, ids)
	kinds := []string{map[bool]string{true: "total of ", false: "mean of "}[total] + what, what, fmt.Sprintf("(%d)", len(ids))}
	if in.Kind == market.KindSwitch {
		// switches are counted, not averaged: "on in all 6 countries", "2 of 6 on"
		text, kinds = switchesText(&d.s.values, ids, what)
		kinds = append(kinds, fmt.Sprintf("(%d)", len(ids)))
		vw = max(g.value, cellWidth(text))
	}
	// The words where the bar would be, with the key that opens it when
	// selected and there is room: what the figure is comes first, then
	// the count of items alone (the input's panel says total or mean).
	room := g.bar + 1
	for _, w := range kinds {
		if cellWidth(w) <= room {
			what = w
			break
		}
	}
	if selected && cellWidth(what+hint) <= room {
		what += hint
	}
	b := strings.Builder{}
	b.WriteString(cursor)
	b.WriteString(label.Render(fit(mark+familyLabel(m, ids), max(1, g.label+g.value-vw))))
	b.WriteString(" ")
	b.WriteString(val.Render(padLeft(text, vw)))
	b.WriteString("  ")
	b.WriteString(s.Faint.Render(fit(what, room)))
	b.WriteString(" ")
	rowEnd(&b, s, d.s.mc != nil && allPinned(d.s, ids), moved)
	return fit(b.String(), inner)
}

// setOpen opens or closes a family's rows and selects the family's row;
// an opened family's items are brought into view under it.
func (d *dashboard) setOpen(family string, on bool) {
	open := maps.Clone(d.open)
	if open == nil {
		open = map[string]bool{}
	}
	if on {
		open[family] = true
	} else {
		delete(open, family)
	}
	d.open = open
	d.rows = buildRows(d.s.market, open)
	d.rowCache = &rowCache{} // the rows moved: every line is drawn again
	last := 0
	for i, r := range d.rows {
		if r.family == family {
			if r.isFamily() {
				d.selected = i
			}
			last = i
		}
	}
	d.relayout()
	if on {
		h := d.sliderRows()
		d.offset = sliderWindow(d.offset, last, len(d.rows), h)
		d.offset = sliderWindow(d.offset, d.selected, len(d.rows), h)
		if d.selected > 0 && d.offset == d.selected && !d.rows[d.selected-1].isInput() {
			d.offset--
		}
	}
}

// enableFamilyKeys switches on the keys of a family's row: ⏎ and → open
// it, ← esc and ⏎ close it; r resets every item; the range keys and the
// pin act on every item Monte Carlo draws.
func (d *dashboard) enableFamilyKeys(k *keyMap, ids []market.ID, open bool) {
	s := d.s
	if open {
		k.CloseItems.SetKeys("left", "h", "esc", "enter")
		k.CloseItems.SetHelp("←/⏎", "close its items")
	} else {
		k.OpenItems.SetKeys("enter", "right", "l")
		k.OpenItems.SetHelp("⏎/→", "open its items")
	}
	k.CloseItems.SetEnabled(open)
	k.OpenItems.SetEnabled(!open)
	k.Reset.SetEnabled(anyMoved(s, ids))
	k.Reset.SetHelp("r", "reset its items")
	sampled := s.mc != nil && s.market.Input(ids[0]).Drawn()
	enable(sampled && !allPinned(s, ids), &k.Narrow, &k.Widen)
	k.Pin.SetEnabled(sampled)
}

// familyKey answers a key on a family's row.
func (d *dashboard) familyKey(msg tea.KeyMsg, r row) tea.Cmd {
	s, k := d.s, d.s.keys
	ids := d.familyOf(r)
	label := familyLabel(s.market, ids)
	switch {
	case key.Matches(msg, k.Up):
		d.moveSelection(-1)
	case key.Matches(msg, k.Down):
		d.moveSelection(+1)
	case key.Matches(msg, k.OpenItems):
		d.setOpen(r.family, true)
	case key.Matches(msg, k.CloseItems):
		d.setOpen(r.family, false)
	case key.Matches(msg, k.Reset):
		return s.change(func(v *market.Values) {
			for _, id := range ids {
				v[id] = s.defaults[id]
			}
		}, "reset "+label, label+": every item reset to its default.")
	case key.Matches(msg, k.Narrow), key.Matches(msg, k.Widen), key.Matches(msg, k.Pin):
		if s.mc == nil || !s.market.Input(ids[0]).Drawn() {
			return nil
		}
		pin := !allPinned(s, ids)
		for _, id := range ids {
			switch {
			case key.Matches(msg, k.Narrow):
				s.unc.Narrow(id)
			case key.Matches(msg, k.Widen):
				s.unc.Widen(id)
			default:
				s.unc.Pinned[id] = pin
			}
		}
		return s.setStatus(label + ", every item: " + intervalText(s, ids[0]) + ".")
	}
	return nil
}

// closeItemsOf closes the family of an item's row (esc on an item).
func (d *dashboard) closeItemsOf(r row) { d.setOpen(r.family, false) }

// familyDrawn says how Monte Carlo draws a family's items.
func familyDrawn(s *session, ids []market.ID) string {
	in := s.market.Input(ids[0])
	if s.mc == nil || !in.Drawn() {
		return intervalText(s, ids[0])
	}
	pinned := 0
	for _, id := range ids {
		if s.unc.Pinned[id] {
			pinned++
		}
	}
	switch pinned {
	case 0:
		return "each item on its own"
	case len(ids):
		return "every item pinned (no uncertainty)"
	}
	return fmt.Sprintf("each item on its own; %d of %d pinned", pinned, len(ids))
}

// drawFamilyDetail explains a family's row: its total or mean, each
// item's value, the range of the whole, how it is drawn, its source and
// note, then what moving every item together does to the headline.
func (d dashboard) drawFamilyDetail(r row, w, h int) string {
	s := d.s
	st := s.styles
	m := s.market
	cur := s.currency()
	ids := d.familyOf(r)
	in := m.Input(ids[0])
	inner := w - 4
	v, total := familyValue(m, &s.values, ids)
	var lines []string
	add := func(label, value string) { lines = append(lines, st.Subtle.Render(fit(label, 9))+value) }
	what := "mean of " + itemsWord(m, ids)
	if total {
		what = "total of " + itemsWord(m, ids)
	}
	full := in.FormatFull(v, cur)
	if in.Kind == market.KindSwitch {
		// switches are counted: "2 on of 6 countries", "on in all 6 countries"
		var words []string
		full, words = switchesText(&s.values, ids, itemsWord(m, ids))
		what = words[0]
	}
	if of := ", " + what; in.Kind != market.KindSwitch && cellWidth(full+of) <= inner-9 {
		add("value", st.Value.Render(full)+st.Faint.Render(of))
	} else if of := " " + what; in.Kind == market.KindSwitch && cellWidth(full+of) <= inner-9 {
		add("value", st.Value.Render(full)+st.Faint.Render(of))
	} else {
		add("value", st.Value.Render(full))
		add("", st.Faint.Render(fit(what, inner-9)))
	}
	def := in.Format(familyAt(m, ids, func(in *market.Input) float64 { return in.Default }), cur)
	rng := in.Format(familyAt(m, ids, func(in *market.Input) float64 { return in.Low }), cur) + " to " +
		in.Format(familyAt(m, ids, func(in *market.Input) float64 { return in.High }), cur)
	add("default", st.Text.Render(def)+st.Faint.Render(" · range ")+st.Text.Render(rng))
	add("drawn", st.Text.Render(fit(familyDrawn(s, ids), inner-9)))
	if in.IsAssumption() {
		add("source", st.Warn.Render("assumption"))
	} else {
		for i, l := range wrap(in.SourceText(), inner-9) {
			add(map[bool]string{true: "source", false: ""}[i == 0], st.Accent.Render(l))
		}
	}
	// Each item's value, as many as there is room for beside the effect
	// lines; ⏎ opens the row to every one of them.
	room := h - 2 - len(lines) - 1
	if room >= effectRows+3 {
		room -= effectRows
	}
	items := d.familyItemLines(ids, inner, room)
	if len(items) > 1 {
		lines = append(lines, items...)
	}
	sw := familySweep(s, ids)
	if len(lines)+effectRows <= h-2 {
		lines = append(lines, d.effectLines(sw, inner, "all items")...)
		if rows := h - 2 - len(lines) - 2; rows >= minCurveRows {
			lines = append(lines, d.effectCurve(sw, inner, rows)...)
		}
	}
	if in.Note != "" && len(lines) < h-2 {
		lines = append(lines, "")
		lines = append(lines, wrapLines(in.Note, inner, st.Faint)...)
	}
	if len(lines) > h-2 && h > 2 {
		lines = append(lines[:h-3], st.Faint.Render(fit("… the rest in Sources (5)", inner)))
	}
	return st.box(familyLabel(m, ids), strings.Join(lines, "\n"), w, h, false)
}

// familyItemLines are a family's items on its panel, each with its value
// and range, at most room lines (the first blank) and the rest counted.
func (d dashboard) familyItemLines(ids []market.ID, inner, room int) []string {
	s := d.s
	st := s.styles
	m := s.market
	cur := s.currency()
	lw := 0
	for _, id := range ids {
		lw = max(lw, cellWidth(m.ItemLabel(m.Input(id).Dims, m.Input(id).Items)))
	}
	lw = min(lw, max(6, inner-9-12))
	items := []string{""}
	for i, id := range ids {
		if len(items) >= room && i < len(ids)-1 {
			items = append(items, st.Faint.Render(fmt.Sprintf("… %d more: ⏎ opens the row", len(ids)-i)))
			break
		}
		it := m.Input(id)
		mark := ""
		if s.values[id] != s.defaults[id] {
			mark = st.Moved.Render(" ●")
		}
		line := st.Subtle.Render(fit(itemIndent+m.ItemLabel(it.Dims, it.Items), lw+2)) + "  " + st.Value.Render(padLeft(it.Format(s.values[id], cur), 9))
		if rng := "  " + it.Format(it.Low, cur) + " to " + it.Format(it.High, cur); lw+2+2+9+cellWidth(rng)+2 <= inner {
			line += st.Faint.Render(rng)
		}
		items = append(items, line+mark)
	}
	return items
}

// sweep is what the effect lines and curve move from low to high: one
// input, or every item of an input with dims together, and how its value
// is shown (a family's as its total or mean).
type sweep struct {
	ids    []market.ID
	value  func(vals *market.Values) float64
	format func(v float64) string
	steps  bool // a switch: no curve
}

func inputSweep(s *session, in *market.Input) sweep {
	cur := s.currency()
	return sweep{
		ids:    []market.ID{in.ID},
		value:  func(vals *market.Values) float64 { return vals[in.ID] },
		format: func(v float64) string { return in.Format(v, cur) },
		steps:  in.Kind == market.KindSwitch,
	}
}

func familySweep(s *session, ids []market.ID) sweep {
	cur := s.currency()
	in := s.market.Input(ids[0])
	return sweep{
		ids:    ids,
		value:  func(vals *market.Values) float64 { v, _ := familyValue(s.market, vals, ids); return v },
		format: func(v float64) string { return in.Format(v, cur) },
	}
}

// at sets every input of the sweep a fraction f of the way from its low
// to its high, within its hard limits (Clamp snaps a year to a whole one,
// so a launch year steps).
func (sw sweep) at(m *market.Market, vals *market.Values, f float64) {
	for _, id := range sw.ids {
		in := m.Input(id)
		vals[id] = in.Clamp(in.Low + (in.High-in.Low)*f)
	}
}

// end sets every input of the sweep to its low or its high as written.
func (sw sweep) end(m *market.Market, vals *market.Values, high bool) {
	for _, id := range sw.ids {
		in := m.Input(id)
		vals[id] = in.Low
		if high {
			vals[id] = in.High
		}
	}
}

// familyTornado is the tornado with each input with dims as one bar, all
// its items at their lows or their highs together: a bar per item would
// make a 100-item input a hundred bars, none of them readable, and the
// question the tornado answers is which assumption matters.
func familyTornado(s *session, t market.Tornado) market.Tornado {
	m := s.market
	if len(m.Dims) == 0 {
		return t
	}
	out := market.Tornado{Output: t.Output, Year: t.Year, Base: t.Base}
	for _, b := range t.Bars {
		if m.Input(b.Input).Family == "" {
			out.Bars = append(out.Bars, b)
		}
	}
	for _, id := range t.NoEffect {
		if m.Input(id).Family == "" {
			out.NoEffect = append(out.NoEffect, id)
		}
	}
	var p market.Projection
	at := func(vals *market.Values) float64 {
		m.EvaluateInto(&p, vals)
		x, _ := p.At(t.Output, t.Year)
		return x
	}
	items := familyItems(m)
	for _, id := range m.Order {
		in := m.Input(id)
		if in.Family == "" || items[in.Family][0] != id {
			continue
		}
		ids := items[in.Family]
		sw := familySweep(s, ids)
		lo, hi := s.values, s.values
		sw.end(m, &lo, false)
		sw.end(m, &hi, true)
		b := market.Bar{Input: id, LowValue: sw.value(&lo), HighValue: sw.value(&hi), AtLow: at(&lo), AtHigh: at(&hi)}
		if b.AtLow == t.Base && b.AtHigh == t.Base {
			out.NoEffect = append(out.NoEffect, id)
			continue
		}
		out.Bars = append(out.Bars, b)
	}
	slices.SortStableFunc(out.Bars, func(a, b market.Bar) int {
		switch {
		case a.Swing() > b.Swing():
			return -1
		case a.Swing() < b.Swing():
			return 1
		}
		return 0
	})
	return out
}

// inputLabel is an input's label, or its family's on a bar that stands
// for every item (familyTornado).
func inputLabel(m *market.Market, id market.ID, items map[string][]market.ID) string {
	in := m.Input(id)
	if in.Family == "" {
		return in.Label
	}
	return familyLabel(m, items[in.Family])
}

// familySpread is each input's share of the spread with the items of an
// input with dims added up into one (independent draws' shares of the
// variance add), largest first, like the tornado's bars.
func familySpread(m *market.Market, spread []market.SpreadShare) []market.SpreadShare {
	if len(m.Dims) == 0 {
		return spread
	}
	out := make([]market.SpreadShare, 0, len(spread))
	at := map[string]int{}
	items := familyItems(m)
	for _, sh := range spread {
		fam := m.Input(sh.Input).Family
		if fam == "" {
			out = append(out, sh)
			continue
		}
		if i, ok := at[fam]; ok {
			out[i].Share += sh.Share
			continue
		}
		at[fam] = len(out)
		out = append(out, market.SpreadShare{Input: items[fam][0], Share: sh.Share})
	}
	market.SortShares(out)
	return out
}

// switchesText is a family of switches as its row shows it: how many are
// on, and the words beside it.
func switchesText(vals *market.Values, ids []market.ID, what string) (string, []string) {
	on := 0
	for _, id := range ids {
		if vals[id] >= 0.5 {
			on++
		}
	}
	switch on {
	case len(ids):
		return "on", []string{"in all " + what, what}
	case 0:
		return "off", []string{"in all " + what, what}
	}
	return fmt.Sprintf("%d on", on), []string{"of " + what, what}
}
