package ui

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/guptarohit/asciigraph"

	"sizeup/market"
)

// The dashboard: the assumptions as sliders, the KPI cards, the
// triangulation and sanity notes, the projection chart and the funnel.

type dashboard struct {
	s       *session
	w, h    int
	l       dashLayout
	present bool // drawn as a slide: no sliders

	rows       []row
	open       map[string]bool        // the inputs with dims whose items are shown (setOpen replaces it, never writes it)
	items      map[string][]market.ID // each input with dims' items, in item order
	noteSeries market.Output          // the series on the note row, if there is one
	cardNotes  []string               // each card's formula in words (formulaWords)
	selected   int                    // index into rows; always an input row
	offset     int                    // first visible row of the sliders panel

	logChart  bool
	stacked   bool // a chart of one series' items draws them stacked
	hindsight bool // the actual market drawn on the projection

	dragging bool     // a drag on a slider's bar is under way
	dragFrom snapshot // the state when it started, for one undo step

	chart    *plotCache
	rowCache *rowCache
	notes    []string           // the triangulation and sanity notes, wrapped, for the width
	notesFor string             // what notes were wrapped for
	judged   []market.Judgement // the model against what happened, while hindsight is on
	implied  impliedGrowth      // the growth the actuals imply, while hindsight is on
	detail   *textCache         // the selected input's panel
	drawn    dashPanels         // the costly panels, drawn by refresh for View
}

// textCache keeps a drawn panel and what it was drawn from.
type textCache struct{ key, out string }

// dashPanels are the dashboard's costly panels as refresh last drew them
// (through the caches above, so a keystroke redraws only what changed);
// View pastes them.
type dashPanels struct {
	sliders []string // the assumptions panel's body, by line
	chart   string   // the projection's panel
	detail  string   // the selected input's panel
}

func newDashboard(s *session) dashboard {
	d := dashboard{s: s, rows: buildRows(s.market, nil), items: familyItems(s.market), logChart: true, chart: &plotCache{}, rowCache: &rowCache{}, detail: &textCache{}}
	d.noteSeries, _ = switchSeries(s.market)
	for _, o := range s.market.Outputs.Cards {
		d.cardNotes = append(d.cardNotes, formulaWords(s.market, s.market.Series[o].Formula))
	}
	for i, rw := range d.rows {
		if rw.isInput() {
			d.selected = i
			break
		}
	}
	return d
}

// SetSize lays the dashboard out in a w×h body.
func (d *dashboard) SetSize(w, h int, present bool) {
	d.w, d.h, d.present = w, h, present
	d.relayout()
}

// refresh lays out again and draws the costly panels for View: after
// every message while the dashboard is on screen.
func (d *dashboard) refresh() {
	d.relayout()
	l := d.l
	d.drawn = dashPanels{}
	if l.sliders.w > 0 {
		d.drawn.sliders = d.refreshSliders(l.sliders.w-4, l.sliders.h-2)
	}
	if l.chart.h > 0 {
		d.drawn.chart = d.chartPanel(l.chart.w, l.chart.h, d.chart)
	}
	if l.detail.h > 0 {
		d.drawn.detail = d.refreshDetail(l.detail.w, l.detail.h)
	}
}

// relayout re-wraps the notes and lays out again: after a resize and after
// anything that changes the values.
func (d *dashboard) relayout() {
	width := d.w
	if d.w >= wideWidth && !d.present {
		width = d.w - clamp(d.w*36/100, 46, 62) - 1
	}
	d.wrapNotes(width)
	d.judged, d.implied = nil, impliedGrowth{}
	funnel, judge := max(funnelHeight, len(d.s.market.Outputs.Funnel)+2), 0
	if d.hindsight {
		fx := d.s.localRate()
		d.judged = d.s.market.Judge(&d.s.proj, fx)
		d.implied.j, d.implied.input, d.implied.ok = d.s.market.ImpliedGrowth(&d.s.proj, fx)
		judge = len(d.hindsightLines(width-4)) + 2
	}
	d.l = dashboardLayout(d.w, d.h, len(d.rows), len(d.notes), funnel, judge, d.present)
	d.offset = sliderWindow(d.offset, d.selected, len(d.rows), d.sliderRows())
}

func (d *dashboard) sliderRows() int { return max(0, d.l.sliders.h-2) }

// selectedID is the input on the selected row.
func (d dashboard) selectedID() market.ID { return d.rows[d.selected].input }

// shortHelp is the dashboard's part of the help bar.
func (d dashboard) shortHelp() []key.Binding {
	k := d.s.keys
	nav := k.Up // on the last input only ↑ moves
	switch {
	case k.Up.Enabled() && k.Down.Enabled():
		nav = key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "select input"))
	case k.Down.Enabled():
		nav = k.Down
	}
	if d.rows[d.selected].item {
		// On an item its own keys come first; esc, which closes the
		// items, after them.
		return []key.Binding{nav, k.Left, k.Toggle, k.Edit, k.CloseItems, k.GoalSeek, k.Undo, k.Save, k.NextView}
	}
	return []key.Binding{nav, k.OpenItems, k.CloseItems, k.Left, k.Toggle, k.Edit, k.GoalSeek, k.Undo, k.Save, k.NextView}
}

// inputBeyond reports whether there is an input before (-1) or after (+1)
// the selected one: ↑ and ↓ are off at the ends, where they do nothing.
func (d dashboard) inputBeyond(dir int) bool {
	for i := d.selected + dir; i >= 0 && i < len(d.rows); i += dir {
		if d.rows[i].isInput() {
			return true
		}
	}
	return false
}

// enableKeys switches on the slider keys for the selected input: a switch
// toggles, a number steps; reset only when moved; the range keys only
// when Monte Carlo draws it. Nothing on a slide.
func (d *dashboard) enableKeys(k *keyMap, presenting bool) {
	if presenting {
		return
	}
	s := d.s
	id := d.selectedID()
	in := s.market.Input(id)
	isSwitch := in.Kind == market.KindSwitch
	k.Up.SetEnabled(d.inputBeyond(-1))
	k.Down.SetEnabled(d.inputBeyond(+1))
	k.Up.SetHelp("↑/k", "previous input")
	k.Down.SetHelp("↓/j", "next input")
	k.ChartScale.SetEnabled(true)
	k.Stacked.SetEnabled(d.chartItems() > 1)
	k.Hindsight.SetEnabled(hasHindsight(s.market))
	k.TryImplied.SetEnabled(d.hindsight && d.implied.ok)
	if r := d.rows[d.selected]; r.isFamily() {
		d.enableFamilyKeys(k, d.familyOf(r), d.open[r.family])
		return
	} else if r.item {
		k.CloseItems.SetKeys("esc")
		k.CloseItems.SetHelp("esc", "close the items")
		k.CloseItems.SetEnabled(true)
	}
	enable(true, &k.Left, &k.Right, &k.Edit)
	if isSwitch {
		k.Left.SetHelp("←/h", "switch off")
		k.Right.SetHelp("→/l", "switch on")
	} else {
		k.Left.SetHelp("←/h", "decrease")
		k.Right.SetHelp("→/l", "increase")
	}
	k.Edit.SetHelp("⏎", "type a value")
	enable(!isSwitch, &k.BigLeft, &k.BigRight)
	k.Toggle.SetEnabled(isSwitch)
	k.Reset.SetEnabled(s.values[id] != s.defaults[id])
	k.Reset.SetHelp("r", "reset input")
	sampled := s.mc != nil && in.Drawn()
	enable(sampled && !s.unc.Pinned[id], &k.Narrow, &k.Widen)
	k.Pin.SetEnabled(sampled)
}

// promptOnEnter: ⏎ types the selected input's value.
func (d *dashboard) promptOnEnter() promptRequest {
	return promptRequest{kind: promptValue, id: d.selectedID()}
}

// Update takes the keys and mouse events meant for the dashboard.
func (d *dashboard) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return d.key(msg)
	case tea.MouseMsg:
		return d.mouse(msg)
	}
	return nil
}

func (d *dashboard) key(msg tea.KeyMsg) tea.Cmd {
	k := d.s.keys
	id := d.selectedID()
	in := d.s.market.Input(id)
	r := d.rows[d.selected]
	switch {
	case key.Matches(msg, k.ChartScale), key.Matches(msg, k.Stacked), key.Matches(msg, k.Hindsight), key.Matches(msg, k.TryImplied):
		// the chart's keys, below, whatever the row
	case r.isFamily():
		return d.familyKey(msg, r)
	case r.item && key.Matches(msg, k.CloseItems):
		d.closeItemsOf(r)
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		d.moveSelection(-1)
	case key.Matches(msg, k.Down):
		d.moveSelection(+1)
	case in.Kind == market.KindSwitch && (key.Matches(msg, k.Left) || key.Matches(msg, k.Right)):
		on := 0.0
		if key.Matches(msg, k.Right) {
			on = 1
		}
		return d.setSwitch(id, on)
	case key.Matches(msg, k.Left):
		return d.step(id, -1)
	case key.Matches(msg, k.Right):
		return d.step(id, +1)
	case key.Matches(msg, k.BigLeft):
		return d.step(id, -10)
	case key.Matches(msg, k.BigRight):
		return d.step(id, +10)
	case key.Matches(msg, k.Toggle):
		return d.setSwitch(id, 1-d.s.values[id])
	case key.Matches(msg, k.Reset):
		return d.s.change(func(v *market.Values) { v[id] = in.Default }, "reset "+in.Label,
			in.Label+" reset to "+in.Format(in.Default, d.s.currency())+".")
	case key.Matches(msg, k.ChartScale):
		d.logChart = !d.logChart
	case key.Matches(msg, k.Stacked):
		d.stacked = !d.stacked
		return d.s.setStatus(map[bool]string{true: "Items stacked: each line adds the next item to those below it.", false: "Items as lines, one each."}[d.stacked])
	case key.Matches(msg, k.Hindsight):
		d.hindsight = !d.hindsight
		if d.hindsight && !d.logChart {
			d.logChart = true // the market is only on the log chart
		}
		d.relayout()
	case key.Matches(msg, k.TryImplied):
		if !d.implied.ok {
			return nil
		}
		j, gid := d.implied.j, d.implied.input
		in := d.s.market.Input(gid)
		v := in.Clamp(j.ModelRate()) // in USD, the model's unit, never the yuan rate
		return d.s.change(func(vals *market.Values) { vals[gid] = v }, d.s.stepWhat(gid, v)+" (what the actuals imply)",
			fmt.Sprintf("%s set to %s, what %s implies for %d–%d (u undoes it).", in.Label, in.Format(v, d.s.currency()), j.Series.Label, j.FromYear, j.ToYear))
	case key.Matches(msg, k.Narrow), key.Matches(msg, k.Widen), key.Matches(msg, k.Pin):
		return d.adjustUncertainty(id, msg)
	}
	return nil
}

func (d *dashboard) moveSelection(delta int) {
	for i := d.selected + delta; i >= 0 && i < len(d.rows); i += delta {
		if d.rows[i].isInput() {
			d.selectRow(i)
			return
		}
	}
}

func (d *dashboard) selectRow(i int) {
	if i < 0 || i >= len(d.rows) || !d.rows[i].isInput() {
		return
	}
	d.selected = i
	d.offset = sliderWindow(d.offset, d.selected, len(d.rows), d.sliderRows())
	// Keep the heading above the first input of a group in view.
	if d.selected > 0 && d.offset == d.selected && !d.rows[d.selected-1].isInput() {
		d.offset--
	}
}

// step moves an input by n steps, within its hard limits.
func (d *dashboard) step(id market.ID, n int) tea.Cmd {
	in := d.s.market.Input(id)
	v := in.StepBy(d.s.values[id], n)
	if v == d.s.values[id] {
		return d.s.setStatus(in.Label + " is at its limit (" + in.Format(v, d.s.currency()) + ").")
	}
	return d.s.change(func(vals *market.Values) { vals[id] = v }, d.s.stepWhat(id, v), "")
}

// setSwitch turns an on/off input on (1) or off (0).
func (d *dashboard) setSwitch(id market.ID, on float64) tea.Cmd {
	in := d.s.market.Input(id)
	if in.Kind != market.KindSwitch {
		return nil
	}
	if d.s.values[id] == on {
		return d.s.setStatus(in.Label + " is already " + in.Format(on, d.s.currency()) + ".")
	}
	return d.s.change(func(vals *market.Values) { vals[id] = on }, d.s.stepWhat(id, on),
		in.Label+" "+in.Format(on, d.s.currency())+".")
}

// adjustUncertainty narrows, widens or pins the selected input's range.
func (d *dashboard) adjustUncertainty(id market.ID, msg tea.KeyMsg) tea.Cmd {
	s := d.s
	if s.mc == nil || !s.market.Input(id).Drawn() {
		return nil
	}
	switch {
	case key.Matches(msg, s.keys.Narrow):
		s.unc.Narrow(id)
	case key.Matches(msg, s.keys.Widen):
		s.unc.Widen(id)
	case key.Matches(msg, s.keys.Pin):
		s.unc.Pinned[id] = !s.unc.Pinned[id]
	}
	return s.setStatus(s.market.Input(id).Label + ": " + intervalText(s, id) + ".")
}

// Mouse: click an input to select it, click or drag on its bar to set it,
// wheel to scroll. Coordinates are the body's.
func (d *dashboard) mouse(msg tea.MouseMsg) tea.Cmd {
	sl := d.l.sliders
	switch {
	case msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown:
		if sl.contains(msg.X, msg.Y) {
			d.scrollSliders(map[bool]int{true: -1, false: 1}[msg.Button == tea.MouseButtonWheelUp])
		}
		return nil
	case msg.Button != tea.MouseButtonLeft:
		return nil
	case msg.Action == tea.MouseActionRelease:
		d.dragging = false
		return nil
	case msg.Action == tea.MouseActionMotion && !d.dragging:
		return nil
	}
	if !sl.contains(msg.X, msg.Y) && !d.dragging {
		return nil
	}
	g := geometryFor(sl.w - 4)
	barStart := sl.x + 2 + g.barX()
	if msg.Action == tea.MouseActionPress {
		i := d.offset + msg.Y - sl.y - 1
		if msg.Y <= sl.y || msg.Y >= sl.y+sl.h-1 || i < 0 || i >= len(d.rows) || !d.rows[i].isInput() {
			return nil
		}
		d.selectRow(i)
		if msg.X < barStart || msg.X >= barStart+g.bar {
			return nil
		}
		if r := d.rows[i]; r.isFamily() {
			// A click where its bar would be opens or closes it.
			d.setOpen(r.family, !d.open[r.family])
			return nil
		}
		in := d.s.market.Input(d.selectedID())
		if in.Kind == market.KindSwitch {
			return d.setSwitch(in.ID, 1-d.s.values[in.ID])
		}
		d.dragging = true
		d.dragFrom = d.s.snapshot("")
	}
	in := d.s.market.Input(d.selectedID())
	if in.Kind == market.KindSwitch || g.bar < 2 || d.rows[d.selected].isFamily() {
		return nil
	}
	v := in.At(float64(msg.X-barStart) / float64(g.bar-1))
	if v == d.s.values[in.ID] {
		return nil
	}
	// A drag is one change for undo: the state before the press.
	if msg.Action == tea.MouseActionMotion && len(d.s.undo) > 0 && d.s.undo[len(d.s.undo)-1].values == d.dragFrom.values {
		d.s.undo[len(d.s.undo)-1].what = in.Label + " " + in.Format(d.dragFrom.values[in.ID], d.s.currency()) + " → " + in.Format(v, d.s.currency())
		d.s.values[in.ID] = v
		d.s.evaluate()
		return nil
	}
	return d.s.change(func(vals *market.Values) { vals[in.ID] = v }, d.s.stepWhat(in.ID, v), "")
}

func (d *dashboard) scrollSliders(delta int) {
	h := d.sliderRows()
	d.offset = clamp(d.offset+delta, 0, max(0, len(d.rows)-h))
	// Keep the selection inside the window.
	if d.selected < d.offset {
		d.selectNearest(d.offset, +1)
	} else if d.selected >= d.offset+h {
		d.selectNearest(d.offset+h-1, -1)
	}
}

// selectNearest selects the nearest input row from i in direction delta,
// without moving the window.
func (d *dashboard) selectNearest(i, delta int) {
	for ; i >= 0 && i < len(d.rows); i += delta {
		if d.rows[i].isInput() {
			d.selected = i
			return
		}
	}
}

// View places the sliders, cards, notes, chart and funnel where the
// layout says.
func (d dashboard) View() string { return d.renderCanvas().String() }

// viewFramed is View between the frame's header and footer.
func (d dashboard) viewFramed(head, foot string) string { return d.renderCanvas().framed(head, foot) }

// renderCanvas is the dashboard's panels pasted at their places (named
// render… so the test that View assigns no field covers it).
func (d dashboard) renderCanvas() *canvas {
	l := d.l
	st := d.s.styles
	c := newCanvas(d.w, d.h)
	if l.sliders.w > 0 {
		c.at(l.sliders, st.boxLines("Assumptions", d.drawn.sliders, l.sliders.w, l.sliders.h, true, false))
	}
	if l.compactKPIs {
		c.at(l.kpis, d.renderCompactKPIs(l.kpis.w))
	} else {
		for _, card := range d.renderKPIs(l.kpis.w) {
			c.paste(l.kpis.x+card.x, l.kpis.y, card.w, card.text)
		}
	}
	c.at(l.warn, d.renderNotes(l.warn.w, l.warn.h))
	if l.chart.h > 0 {
		c.at(l.chart, d.drawn.chart)
	}
	if l.funnel.h > 0 && d.hindsight {
		c.at(l.funnel, d.renderHindsight(l.funnel.w, l.funnel.h))
	} else if l.funnel.h > 0 {
		c.at(l.funnel, d.renderFunnel(l.funnel.w, l.funnel.h))
	}
	if l.detail.h > 0 {
		c.at(l.detail, d.drawn.detail)
	}
	if l.side.h > 0 {
		c.at(l.side, d.renderFunnel(l.side.w, l.side.h))
	}
	return c
}

// kpi is one card's content.
type kpi struct {
	title string
	main  string
	lines [][2]string // each line long and short, the short for narrow cards
	delta string      // "+$42M vs default", "" when unchanged
	up    bool
}

func (d dashboard) kpis() []kpi {
	s := d.s
	m := s.market
	cur := s.currency()
	by := s.proj.Year(0)
	cards := make([]kpi, 0, len(m.Outputs.Cards))
	launchShown := false
	for i, o := range m.Outputs.Cards {
		format := func(v float64) string { return m.Format(o, v, cur) }
		last, first := s.proj.Last(o), s.proj.First(o)
		c := kpi{title: shortLabel(m, o), main: format(last)}
		base := [2]string{fmt.Sprintf("%d: %s", by, format(first)), ""}
		switch {
		case o == m.Outputs.Headline && m.Outputs.HasDeal:
			risk := format(last * s.dealChance())
			c.lines = [][2]string{{"× deal chance " + risk, "× deal " + risk}, base}
		case m.IsMoney(o):
			c.lines = [][2]string{base}
			if next, ok := nextChartLine(m, o); ok {
				// The next line of the chart: what this money narrows to.
				v := chartLabel(m, next) + " " + m.Format(next, s.proj.Last(next), cur)
				c.lines = [][2]string{{v, v}, {fmt.Sprintf("%d: %s %s", by, m.Label(o), format(first)), base[0]}}
			}
		case m.IsPeople(o):
			c.lines = [][2]string{base}
			if id, ok := launchYear(m); ok && !launchShown {
				launchShown = true
				c.lines = append(c.lines, [2]string{"launch " + m.Input(id).Format(s.values[id], cur), ""})
			}
		default:
			// A share says what it is a share of: "gross ÷ SAM".
			c.lines = [][2]string{{d.cardNotes[i], "-"}, base}
		}
		c.delta, c.up = cardDelta(m, o, last, s.defaultProj.Last(o), cur)
		cards = append(cards, c)
	}
	return cards
}

// nextChartLine is the chart's line after o, when o is one of its lines
// and not the last: SAM after TAM.
func nextChartLine(m *market.Market, o market.Output) (market.Output, bool) {
	for i, x := range m.Outputs.Chart {
		if x == o && i+1 < len(m.Outputs.Chart) {
			return m.Outputs.Chart[i+1], true
		}
	}
	return 0, false
}

// cardDelta says how far a card's figure is from the defaults': "+$42M vs
// default", shares in points; "" when it is where the defaults put it, or
// so near that the change would print as nothing (+0.00 pt).
func cardDelta(m *market.Market, o market.Output, now, before float64, cur market.Currency) (string, bool) {
	diff := now - before
	if math.IsNaN(diff) || math.IsInf(diff, 0) {
		// No number now or at the defaults: the figure shows "–" and the
		// warnings say why; a change of NaN is no change to print.
		return "", false
	}
	if math.Abs(diff) <= 1e-9*math.Max(1, math.Abs(before)) {
		return "", false
	}
	sign := "+"
	if diff < 0 {
		sign = "−"
	}
	text := m.Format(o, math.Abs(diff), cur)
	if text == m.Format(o, 0, cur) {
		return "", false
	}
	if m.Series[o].Unit == market.UnitPercent {
		text = fmt.Sprintf("%.2f pt", math.Abs(diff)*100)
		if text == "0.00 pt" {
			return "", false
		}
	}
	return sign + text + " vs default", diff > 0
}

// sameText is what a card whose figure did not move says: "at default"
// only while every input is at its default; after moves that leave it
// where it was, "unchanged".
func (d dashboard) sameText() string {
	if d.s.moved() {
		return "unchanged"
	}
	return "at default"
}

// renderKPIs draws the cards for one row across width w, at least one
// space apart: the cells the widths leave over widen the gaps, so cards of
// alike width stay alike and the last card ends at w.
func (d dashboard) renderKPIs(w int) []piece {
	st := d.s.styles
	cards := d.kpis()
	n := len(cards)
	widths := cardWidths(cards, w)
	spare := w - (n - 1)
	for _, wd := range widths {
		spare -= wd
	}
	boxes := make([]piece, 0, n)
	x := 0
	for i, c := range cards {
		if i > 0 {
			x += 1 + spare/(n-1)
			if i <= spare%(n-1) {
				x++
			}
		}
		width := widths[i]
		body := []string{st.CardValue.Render(c.main)}
		for _, l := range c.lines {
			text := l[0]
			if cellWidth(text) > width-4 && l[1] != "" {
				text = l[1]
			}
			if text == "-" || cellWidth(text) > width-4 {
				continue // too long for the card, and no short form: a cut figure would mislead
			}
			body = append(body, st.CardLabel.Render(text))
		}
		if c.delta != "" {
			p := st.Good
			if !c.up {
				p = st.Bad
			}
			text := c.delta
			if cellWidth(text) > width-4 {
				text = strings.TrimSuffix(text, " vs default")
			}
			body = append(body, p.Render(text))
		} else {
			body = append(body, st.Faint.Render(d.sameText()))
		}
		boxes = append(boxes, piece{x: x, w: width, text: st.box(c.title, strings.Join(body, "\n"), width, kpiHeight, false)})
		x += width
	}
	return boxes
}

// cardWidths shares w (less a space between cards) among the cards: each
// gets room for its whole title when all of them fit, and the rest goes
// evenly; when they do not fit, every card is as wide as the others.
func cardWidths(cards []kpi, w int) []int {
	n := len(cards)
	room := w - (n - 1)
	title := func(c kpi) int { return max(cellWidth(c.title)+6, cellWidth(c.main)+4, cellWidth("at default")+4) }
	whole := func(c kpi) int {
		// The title, and each line in its shorter form.
		width := title(c)
		for _, l := range c.lines {
			text := l[0]
			if l[1] != "" && l[1] != "-" && cellWidth(l[1]) < cellWidth(text) {
				text = l[1]
			}
			width = max(width, cellWidth(text)+4)
		}
		return width
	}
	alike := func() []int {
		widths := make([]int, n)
		for i := range widths {
			widths[i] = room / n // what is left over widens the gaps
		}
		return widths
	}
	fits := true
	for i, wd := range alike() {
		fits = fits && whole(cards[i]) <= wd
	}
	if fits {
		return alike() // every card whole at the same width
	}
	// Room for every line if it fits, else for every title, else alike;
	// the rest raises the narrowest cards to one width (water-filling), so
	// only a card that needs more is wider than the others.
	for _, need := range []func(kpi) int{whole, title} {
		widths := make([]int, n)
		sum := 0
		for i, c := range cards {
			widths[i] = need(c)
			sum += widths[i]
		}
		if sum > room {
			continue
		}
		level := 0
		for t := 1; t <= room; t++ {
			total := 0
			for _, wd := range widths {
				total += max(wd, t)
			}
			if total > room {
				break
			}
			level = t
		}
		for i := range widths {
			widths[i] = max(widths[i], level)
		}
		return widths
	}
	return alike()
}

// renderCompactKPIs is the cards' figures on one bordered line, for short
// terminals: each card's title (the same words as on the cards) and
// figure, with its change from the defaults. When that does not fit the
// separators tighten, then the changes become arrows (▲ ▼), then each title
// goes by its first word, then the arrows go: never a cut figure.
func (d dashboard) renderCompactKPIs(w int) string {
	st := d.s.styles
	cards := d.kpis()
	type level struct {
		sep          string
		arrows, word bool
		deltas       bool
	}
	line := func(lv level) string {
		parts := make([]string, 0, len(cards))
		for _, c := range cards {
			title := c.title
			if lv.word {
				title = firstWord(title)
			}
			part := st.CardLabel.Render(title+" ") + st.CardValue.Render(c.main)
			if c.delta != "" && lv.deltas {
				p, text := st.Good, strings.TrimSuffix(c.delta, " vs default")
				if !c.up {
					p = st.Bad
				}
				if lv.arrows {
					part += p.Render(map[bool]string{true: "▲", false: "▼"}[c.up])
				} else {
					part += " " + p.Render(text)
				}
			}
			parts = append(parts, part)
		}
		return strings.Join(parts, st.Faint.Render(lv.sep))
	}
	var body string
	arrows := false
	for _, lv := range []level{
		{"  │  ", false, false, true}, {" │ ", false, false, true}, {" │ ", true, false, true},
		{" │ ", true, true, true}, {" │ ", false, true, false},
	} {
		body, arrows = line(lv), lv.arrows
		if cellWidth(body) <= w-4 {
			break
		}
	}
	title := fmt.Sprint(d.s.proj.LastYear())
	if d.s.moved() {
		title += " · changes vs default"
		if arrows {
			title += " ▲▼"
		}
	}
	return st.box(title, body, w, compactHeight, false)
}

// wrapNotes wraps the notes for a width, again only when the warnings, the
// width, the height or the theme changed: most keystrokes change none.
func (d *dashboard) wrapNotes(width int) {
	var b strings.Builder
	b.WriteString(strconv.Itoa(width))
	if d.h < 30 {
		b.WriteByte('s')
	}
	if d.s.styles.dark {
		b.WriteByte('d')
	}
	if d.present {
		b.WriteByte('p') // a slide says where to read every warning differently
	}
	for _, wn := range d.s.warnings {
		b.WriteByte(0)
		b.WriteString(wn.Message)
	}
	key := b.String()
	if key == d.notesFor && d.notes != nil {
		return
	}
	d.notesFor = key
	d.notes = d.noteLines(width)
	if d.h < 30 && len(d.notes) > 1 && len(d.s.warnings) == 0 {
		// No room for the good news in full: its first words.
		d.notes = []string{fit(d.s.styles.Faint.Render(" ✓ No warnings."), width)}
		return
	}
	if d.h < 30 && len(d.notes) > 1 {
		// A short window has no room for more: one line, cut, that says
		// how many warnings there are.
		first := alarmsFirst(d.s.warnings)[0]
		msg, mark, style := first.Message, " ⚠ ", d.s.styles.Warn
		if first.Expected != "" {
			msg, mark, style = msg+" (expected)", " · ", d.s.styles.Faint
		}
		if n := len(d.s.warnings); n > 1 {
			msg = fmt.Sprintf("(1 of %d%s) %s", n, d.readAll(", w: all"), msg)
		}
		d.notes = []string{fit(style.Render(mark+msg), width)}
	}
}

// noteLines is what the notes line says, wrapped to width w: a check mark
// when bottom-up and top-down agree, else each warning in full.
func (d dashboard) noteLines(w int) []string {
	st := d.s.styles
	if w < 10 {
		return []string{""}
	}
	if len(d.s.warnings) == 0 {
		// A check that holds is a warning: none holding is the good news.
		n := len(d.s.market.Checks)
		checks := fmt.Sprintf("all %d of the market's checks pass", n)
		if n == 1 {
			checks = "the market's one check passes"
		}
		msg := "✓ No warnings: " + checks + " in every year, and every growth rate is within what its sources saw."
		if cellWidth(msg) > w-1 {
			msg = "✓ No warnings: " + checks + " in every year."
		}
		if n == 0 {
			msg = "✓ No warnings: every growth rate is within what its sources saw (the market file has no checks)."
		}
		return wrapLines(" "+msg, w, st.Faint)
	}
	// Whole warnings only: one that does not fit goes to the count below.
	// Alarms first; a check expected to hold is a note after them, its
	// reason on the w screen.
	var lines []string
	for i, wn := range alarmsFirst(d.s.warnings) {
		var block []string
		mark, style, text := " ⚠ ", st.Warn, wn.Message
		if wn.Expected != "" {
			mark, style, text = " · ", st.Faint, wn.Message+" (expected)"
		}
		for j, l := range wrap(text, w-3) {
			lead := mark
			if j > 0 {
				lead = "   "
			}
			block = append(block, style.Render(lead+l))
		}
		room := maxNotes
		if i < len(d.s.warnings)-1 {
			room-- // keep a line to say how many more
		}
		if len(lines)+len(block) > room && len(lines) > 0 {
			more := st.Warn // faint when what is left is only notes that hold by design
			if !slices.ContainsFunc(d.s.warnings[i:], func(w market.Warning) bool { return w.Expected == "" }) {
				more = st.Faint
			}
			lines = append(lines, more.Render(fmt.Sprintf("   … and %d more; %s.", len(d.s.warnings)-i, d.readAll("w shows every warning"))))
			break
		}
		lines = append(lines, block...)
	}
	if len(lines) > maxNotes {
		lines = lines[:maxNotes]
	}
	return lines
}

// alarmsFirst are the warnings with the expected notes moved after the
// alarms, each group in its order.
func alarmsFirst(ws []market.Warning) []market.Warning {
	out := make([]market.Warning, 0, len(ws))
	for _, w := range ws {
		if w.Expected == "" {
			out = append(out, w)
		}
	}
	for _, w := range ws {
		if w.Expected != "" {
			out = append(out, w)
		}
	}
	return out
}

// readAll is where to read every warning: the w screen in the app, or,
// on a slide (where no key is for reading), sizeup report; inApp is what
// to say in the app.
func (d dashboard) readAll(inApp string) string {
	switch {
	case !d.present:
		return inApp
	case strings.HasPrefix(inApp, ","):
		return ""
	}
	return "sizeup report lists every warning"
}

// maxNotes is the most lines the notes take above the chart.
const maxNotes = 4

func (d dashboard) renderNotes(w, h int) string {
	lines := d.notes
	if len(lines) > h {
		lines = lines[:h]
	}
	return fitLines(strings.Join(lines, "\n"), w, h)
}

// renderFunnel draws the horizon year's funnel as aligned bars, each
// stage as a share of the one before.
func (d dashboard) renderFunnel(w, h int) string {
	st := d.s.styles
	m := d.s.market
	p := &d.s.proj
	stages := m.Outputs.Funnel
	if len(stages) == 0 {
		return st.box(fmt.Sprintf("Funnel, %d", p.LastYear()), st.Faint.Render("The market file names no funnel ([outputs] funnel)."), w, h, false)
	}
	top := p.Last(stages[0])
	lw := 15
	for _, o := range stages {
		lw = max(lw, min(22, cellWidth(m.Label(o))))
	}
	// The values' column fits the widest ("6.10M homes"), at least "649M" and room.
	vw := 7
	for _, o := range stages {
		vw = max(vw, cellWidth(m.Format(o, p.Last(o), d.s.currency())))
	}
	// Each share says of what ("73.0% of internet users") when the bars
	// keep room; in a narrow panel the stage above says it.
	var shares []string
	var sw, bw int
	title := fmt.Sprintf("Funnel, %d", p.LastYear())
	for _, of := range []bool{true, false} {
		if !of {
			title += " · each as a share of the one above"
		}
		shares, sw = make([]string, len(stages)), 0
		for i, o := range stages {
			shares[i] = "100%"
			if i > 0 {
				shares[i] = "–"
				if prev := p.Last(stages[i-1]); prev != 0 {
					shares[i] = market.FormatShare(p.Last(o) / prev)
				}
				if of {
					shares[i] += " of " + m.Phrase(stages[i-1])
				}
			}
			sw = max(sw, cellWidth(shares[i]))
		}
		bw = max(4, w-4-lw-1-vw-2-sw-1)
		if bw >= 12 {
			break
		}
	}
	lines := make([]string, 0, 2*len(stages))
	spaced := h-2 >= 2*len(stages)
	for i, o := range stages {
		if spaced && i > 0 {
			lines = append(lines, "")
		}
		n, share := p.Last(o), shares[i]
		f := 0.0
		if top > 0 {
			f = n / top
		}
		lines = append(lines, st.Label.Render(fit(m.Label(o), lw))+" "+st.Value.Render(padLeft(m.Format(o, n, d.s.currency()), vw))+"  "+
			st.BarFill.Render(fit(blockBar(f, bw), bw))+" "+st.Subtle.Render(share))
	}
	if len(lines) > h-2 {
		lines = lines[:max(0, h-2)]
	}
	return st.box(title, strings.Join(lines, "\n"), w, h, false)
}

// blockBar is a horizontal bar f of width cells long, in eighths of a cell.
func blockBar(f float64, width int) string {
	if math.IsNaN(f) || f <= 0 || width <= 0 {
		return ""
	}
	f = math.Min(f, 1)
	eighths := int(math.Round(f * float64(width) * 8))
	if eighths == 0 {
		eighths = 1 // a sliver, so a small but real step is not drawn as nothing
	}
	full, rest := eighths/8, eighths%8
	return strings.Repeat("█", full) + []string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}[rest]
}

// refreshDetail is the selected input's panel, drawn again only when
// what it shows changed.
func (d *dashboard) refreshDetail(w, h int) string {
	s := d.s
	id := d.selectedID()
	// The effect lines depend on every value, so the key holds them all.
	key := fmt.Sprint(id, w, h, s.values, s.currency(), s.styles.dark, s.mc != nil, s.unc.Pinned[id], s.unc.WidthOf(id))
	r := d.rows[d.selected]
	if r.isFamily() {
		// Pins and ranges of every item show on its panel.
		key = fmt.Sprint("family ", key, s.unc.Pinned, s.unc.Width)
	}
	if d.detail.key == key {
		return d.detail.out
	}
	if r.isFamily() {
		d.detail.key, d.detail.out = key, d.drawFamilyDetail(r, w, h)
		return d.detail.out
	}
	d.detail.key, d.detail.out = key, d.drawDetail(w, h)
	return d.detail.out
}

// drawDetail explains the selected input in full: value, default,
// range, how Monte Carlo draws it, source and note.
func (d dashboard) drawDetail(w, h int) string {
	s := d.s
	st := s.styles
	cur := s.currency()
	in := s.market.Input(d.selectedID())
	inner := w - 4
	var lines []string
	add := func(label, value string) { lines = append(lines, st.Subtle.Render(fit(label, 9))+value) }
	addWrapped := func(label, text string, p paint) {
		for i, l := range wrap(text, inner-9) {
			if i > 0 {
				label = ""
			}
			add(label, p.Render(l))
		}
	}
	add("value", st.Value.Render(in.FormatFull(s.values[in.ID], cur)))
	def := in.Format(in.Default, cur)
	rng := in.Format(in.Low, cur) + " to " + in.Format(in.High, cur)
	if cellWidth(def)+3+len("range ")+cellWidth(rng)+len(" plausible") <= inner-9 {
		// Both on one line, so the note keeps a line more.
		add("default", st.Text.Render(def)+st.Faint.Render(" · range ")+st.Text.Render(rng)+st.Faint.Render(" plausible"))
	} else {
		add("default", st.Text.Render(def))
		add("range", st.Text.Render(rng)+st.Faint.Render(" plausible"))
	}
	if s.mc != nil {
		addWrapped("drawn", intervalText(s, in.ID), st.Text)
	}
	if in.IsAssumption() {
		add("source", st.Warn.Render("assumption"))
	} else {
		addWrapped("source", in.SourceText(), st.Accent)
	}
	if in.Note != "" {
		lines = append(lines, wrapLines(in.Note, inner, st.Faint)...)
	}
	if len(lines)+effectRows <= h-2 {
		sw := inputSweep(s, in)
		lines = append(lines, d.effectLines(sw, inner, "")...)
		if rows := h - 2 - len(lines) - 2; rows >= minCurveRows && !sw.steps {
			lines = append(lines, d.effectCurve(sw, inner, rows)...)
		}
	}
	if len(lines) > h-2 && h > 2 {
		// Cut, and saying so on a line of its own (cutting a line of text
		// would read as if that line were all there is): Sources has it whole.
		lines = append(lines[:h-3], st.Faint.Render(fit("… the rest in Sources (5)", inner)))
	}
	return st.box(in.Label, strings.Join(lines, "\n"), w, h, false)
}

// effectRows is how many lines effectLines gives.
const effectRows = 5

// effectLines say what the input (or every item of an input with dims,
// who) does to the headline in the horizon year at its low and its high,
// the others as set: the panel's spare rows at large sizes (one row of
// the Sensitivity view, for this input).
func (d dashboard) effectLines(sw sweep, inner int, who string) []string {
	s := d.s
	st := s.styles
	m := s.market
	cur := s.currency()
	o := m.Outputs.Headline
	var p market.Projection
	head := fmt.Sprintf("Its effect on %s in %d, the others as set", m.Phrase(o), m.LastYear())
	if who != "" {
		head = fmt.Sprintf("%s at once: %s in %d", capitalize(who), m.Phrase(o), m.LastYear())
	}
	lines := []string{"", st.Subtle.Render(fit(head, inner))}
	for _, x := range []struct {
		name string
		set  func(*market.Values)
	}{
		{"at low", func(v *market.Values) { sw.end(m, v, false) }},
		{"as set", func(*market.Values) {}},
		{"at high", func(v *market.Values) { sw.end(m, v, true) }},
	} {
		trial := s.values
		x.set(&trial)
		m.EvaluateInto(&p, &trial)
		lines = append(lines, st.Subtle.Render(fit(x.name, 9))+st.Text.Render(padLeft(sw.format(sw.value(&trial)), 10))+st.Faint.Render("  →  ")+st.Value.Render(m.Format(o, p.Last(o), cur)))
	}
	return lines
}

// minCurveRows is the fewest plot rows worth an effect curve.
const minCurveRows = 3

// effectCurve draws the headline in the horizon year as the input (or
// every item together) runs from its low to its high, the others as set:
// the rows a tall panel has left after the three effect lines, where a
// curve says what three points cannot (a cap that bites, a launch year
// that jumps). asciigraph draws it over rows rows, with the range's ends
// under it.
func (d dashboard) effectCurve(sw sweep, inner, rows int) []string {
	s := d.s
	st := s.styles
	m := s.market
	cur := s.currency()
	o := m.Outputs.Headline
	label := func(v float64) string { return m.Format(o, v, cur) }
	labelW := 0
	points := 2 * inner
	ys := make([]float64, points)
	var p market.Projection
	trial := s.values
	for i := range ys {
		sw.at(m, &trial, float64(i)/float64(points-1))
		m.EvaluateInto(&p, &trial)
		ys[i] = p.Last(o)
		if math.IsNaN(ys[i]) || math.IsInf(ys[i], 0) {
			return nil // no curve rather than a broken one; the warnings say why
		}
		labelW = max(labelW, cellWidth(label(ys[i])))
	}
	plotW := inner - labelW - 3
	if plotW < 10 || slices.Min(ys) == slices.Max(ys) {
		return nil // a flat line says no more than the three lines above
	}
	graph := asciigraph.Plot(ys, asciigraph.Height(rows-1), asciigraph.Width(plotW), asciigraph.Offset(2),
		asciigraph.YAxisValueFormatter(label))
	lines := []string{""}
	graphW := 0
	for _, l := range strings.Split(graph, "\n") {
		lines = append(lines, st.Text.Render(fit(l, inner)))
		graphW = max(graphW, cellWidth(l))
	}
	// The range's ends under the curve's first and last columns.
	lo, hi := trial, trial
	sw.end(m, &lo, false)
	sw.end(m, &hi, true)
	loText, hiText := sw.format(sw.value(&lo)), sw.format(sw.value(&hi))
	ends := spaces(labelW+2) + loText + spaces(max(1, graphW-(labelW+2)-cellWidth(loText)-cellWidth(hiText))) + hiText
	return append(lines, st.Faint.Render(fit(ends, inner)))
}

// intervalText says how an input is drawn now: its distribution and its
// P5 to P95 (or its bounds) and width, or that it is a decision, pinned or
// fixed.
func intervalText(s *session, id market.ID) string {
	in := s.market.Input(id)
	cur := s.currency()
	switch {
	case in.IsDecision():
		return "never: a decision, set not drawn"
	case s.mc == nil || !in.Drawn():
		return "fixed in Monte Carlo"
	case s.unc.Pinned[id]:
		return "pinned at " + in.Format(s.values[id], cur) + " (no uncertainty)"
	}
	lo, hi, sampled := s.market.Interval(id, &s.values, &s.unc)
	if !sampled {
		return "fixed at " + in.Format(s.values[id], cur)
	}
	text := distName(in) + ", P5–P95 " + in.Format(lo, cur) + " to " + in.Format(hi, cur)
	if in.HasBounds() {
		text = distName(in) + " " + in.Format(lo, cur) + " to " + in.Format(hi, cur)
	}
	if w := s.unc.WidthOf(id); w != 1 {
		text += fmt.Sprintf(" (×%.2f width)", w)
	}
	return text
}

// distName is the distribution an input is drawn from, in a word or two.
func distName(in *market.Input) string {
	switch {
	case in.Dist == market.DistPERT:
		return "PERT"
	case in.Dist != market.DistKind && in.Dist != market.DistLognormal:
		return in.Dist.String()
	case in.Kind == market.KindShare:
		return "logit-normal"
	case in.Kind == market.KindMonths:
		return "uniform"
	}
	return "lognormal"
}

// title is what a slide of the dashboard is called: the cards' story, the
// market, the last stage of the funnel (China's subscribers) and revenue;
// the linear chart has no market on it.
func (d *dashboard) title() string {
	mk := d.s.market
	what, people := "Market and revenue", ""
	if f := mk.Outputs.Funnel; len(f) > 0 {
		people = mk.Phrase(f[len(f)-1])
		what = "Market, " + people + " and revenue"
	}
	if !d.logChart {
		what = "Revenue"
		if people != "" {
			what = capitalize(people) + " and revenue"
		}
	}
	return what + ", " + itoa(mk.BaseYear) + "–" + itoa(mk.LastYear())
}
