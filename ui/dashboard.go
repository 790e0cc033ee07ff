package ui

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// The dashboard: the assumptions as sliders, the KPI cards, the
// triangulation and sanity notes, the projection chart and the funnel.

type dashboard struct {
	s       *session
	w, h    int
	l       dashLayout
	present bool // drawn as a slide: no sliders

	rows     []row
	selected int // index into rows; always an input row
	offset   int // first visible row of the sliders panel

	logChart  bool
	hindsight bool // the actual market drawn on the projection

	dragging bool     // a drag on a slider's bar is under way
	dragFrom snapshot // the state when it started, for one undo step

	chart    *plotCache
	rowCache *rowCache
	notes    []string           // the triangulation and sanity notes, wrapped, for the width
	notesFor string             // what notes were wrapped for
	judged   []market.Judgement // the model against what happened, while hindsight is on
	detail   *textCache         // the selected input's panel
}

// textCache keeps a drawn panel and what it was drawn from.
type textCache struct{ key, out string }

func newDashboard(s *session) dashboard {
	d := dashboard{s: s, rows: buildRows(s.market), logChart: true, chart: &plotCache{}, rowCache: &rowCache{}, detail: &textCache{}}
	for i, rw := range d.rows {
		if rw.isInput() {
			d.selected = i
			break
		}
	}
	return d
}

// SetSize lays the dashboard out in a w×h body.
func (d *dashboard) SetSize(w, h int) {
	d.w, d.h = w, h
	d.refresh()
}

// refresh re-wraps the notes and lays out again: after a resize and after
// anything that changes the values.
func (d *dashboard) refresh() {
	width := d.w
	if d.w >= wideWidth && !d.present {
		width = d.w - clamp(d.w*36/100, 46, 62) - 1
	}
	d.wrapNotes(width)
	d.judged = nil
	lower := funnelHeight
	if d.hindsight {
		d.judged = d.s.market.Judge(&d.s.proj, d.s.values[market.FXCNYPerUSD])
		lower = len(d.hindsightLines(width-4)) + 2
	}
	d.l = dashboardLayout(d.w, d.h, len(d.rows), len(d.notes), lower, d.present)
	d.offset = sliderWindow(d.offset, d.selected, len(d.rows), d.sliderRows())
}

func (d *dashboard) sliderRows() int { return max(0, d.l.sliders.h-2) }

// selectedID is the input on the selected row.
func (d dashboard) selectedID() market.ID { return d.rows[d.selected].input }

// shortHelp is the dashboard's part of the help bar.
func (d dashboard) shortHelp() []key.Binding {
	k := d.s.keys
	return []key.Binding{k.Up, k.Left, k.Toggle, k.Edit, k.GoalSeek, k.Undo, k.Save, k.NextView}
}

// Update takes the keys and mouse events meant for the dashboard.
func (d dashboard) Update(msg tea.Msg) (dashboard, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.KeyMsg:
		cmd = d.key(msg)
	case tea.MouseMsg:
		cmd = d.mouse(msg)
	}
	return d, cmd
}

func (d *dashboard) key(msg tea.KeyMsg) tea.Cmd {
	k := d.s.keys
	id := d.selectedID()
	in := d.s.market.Input(id)
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
	case key.Matches(msg, k.Hindsight):
		d.hindsight = !d.hindsight
		if d.hindsight && !d.logChart {
			d.logChart = true // the market is only on the log chart
		}
		d.refresh()
	case key.Matches(msg, k.TryImplied):
		j, ok := d.impliedGrowth()
		if !ok {
			return nil
		}
		in := d.s.market.Input(market.MarketGrowth)
		v := in.Clamp(j.Growth)
		return d.s.change(func(vals *market.Values) { vals[market.MarketGrowth] = v }, d.s.stepWhat(market.MarketGrowth, v)+" (what the actuals imply)",
			fmt.Sprintf("Market growth set to %s, what the reported market implies for %d–%d (u undoes it).", in.Format(v, d.s.currency()), j.FromYear, j.ToYear))
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
	if s.mc == nil || !id.Kind().Uncertain() {
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
		in := d.s.market.Input(d.selectedID())
		if in.Kind == market.KindSwitch {
			return d.setSwitch(in.ID, 1-d.s.values[in.ID])
		}
		d.dragging = true
		d.dragFrom = d.s.snapshot("")
	}
	in := d.s.market.Input(d.selectedID())
	if in.Kind == market.KindSwitch || g.bar < 2 {
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
func (d dashboard) View() string {
	l := d.l
	st := d.s.styles
	c := newCanvas(d.w, d.h)
	if l.sliders.w > 0 {
		c.at(l.sliders, st.box("Assumptions", d.renderSliders(l.sliders.w-4, l.sliders.h-2), l.sliders.w, l.sliders.h, true))
	}
	if l.compactKPIs {
		c.at(l.kpis, d.renderCompactKPIs(l.kpis.w))
	} else {
		x := l.kpis.x
		for _, card := range d.renderKPIs(l.kpis.w) {
			c.paste(x, l.kpis.y, card.w, card.text)
			x += card.w + 1
		}
	}
	c.at(l.warn, d.renderNotes(l.warn.w, l.warn.h))
	if l.chart.h > 0 {
		c.at(l.chart, d.renderChart(l.chart.w, l.chart.h))
	}
	if l.funnel.h > 0 && d.hindsight {
		c.at(l.funnel, d.renderHindsight(l.funnel.w, l.funnel.h))
	} else if l.funnel.h > 0 {
		c.at(l.funnel, d.renderFunnel(l.funnel.w, l.funnel.h))
	}
	if l.detail.h > 0 {
		c.at(l.detail, d.renderDetail(l.detail.w, l.detail.h))
	}
	return c.String()
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
	cur := s.currency()
	last, first := s.proj.Last(), s.proj.First()
	dl := s.defaultProj.Last()
	by, ly := first.Year, last.Year
	money := func(v float64) string { return market.FormatMoney(v, cur) }
	delta := func(now, before float64, prefix string, format func(float64) string) (string, bool) {
		diff := now - before
		if math.Abs(diff) <= 1e-9*math.Max(1, math.Abs(before)) {
			return "", false
		}
		sign := "+"
		if diff < 0 {
			sign = "−"
		}
		return prefix + sign + format(math.Abs(diff)) + " vs default", diff > 0
	}
	var cards []kpi

	c := kpi{title: fmt.Sprint(ly), main: "TAM " + money(last.TAM),
		lines: [][2]string{{"SAM " + money(last.SAM), "SAM " + money(last.SAM)}, {fmt.Sprintf("%d: TAM %s", by, money(first.TAM)), fmt.Sprintf("%d: %s", by, money(first.TAM))}}}
	c.delta, c.up = delta(last.SAM, dl.SAM, "SAM ", money)
	cards = append(cards, c)

	c = kpi{title: "Subscribers", main: market.FormatPeople(last.Subscribers),
		lines: [][2]string{{fmt.Sprintf("%d: %s", by, market.FormatPeople(first.Subscribers))}, {"launch " + s.market.Input(market.LaunchYear).Format(s.values[market.LaunchYear], cur)}}}
	c.delta, c.up = delta(last.Subscribers, dl.Subscribers, "", market.FormatPeople)
	cards = append(cards, c)

	c = kpi{title: "Net revenue", main: money(last.Net),
		lines: [][2]string{{"× deal chance " + money(last.RiskNet), "× deal " + money(last.RiskNet)}, {fmt.Sprintf("%d: %s", by, money(first.Net))}}}
	c.delta, c.up = delta(last.Net, dl.Net, "", money)
	cards = append(cards, c)

	c = kpi{title: "Share of SAM", main: market.FormatShare(last.ShareOfSAM),
		lines: [][2]string{{"gross ÷ the paid market " + money(last.SAM), "gross ÷ SAM"}, {"of TAM " + market.FormatShare(last.ShareOfTAM) + " (gross ÷ " + money(last.TAM) + ")", "of TAM " + market.FormatShare(last.ShareOfTAM)}}}
	c.delta, c.up = delta(last.ShareOfSAM*100, dl.ShareOfSAM*100, "", func(v float64) string { return fmt.Sprintf("%.2f pt", v) })
	cards = append(cards, c)
	return cards
}

// renderKPIs draws the cards for one row across width w, one space apart.
func (d dashboard) renderKPIs(w int) []piece {
	st := d.s.styles
	cards := d.kpis()
	n := len(cards)
	cw := (w - (n - 1)) / n
	boxes := make([]piece, 0, n)
	for i, c := range cards {
		width := cw
		if i == n-1 {
			width = w - (cw+1)*(n-1)
		}
		body := []string{st.CardValue.Render(c.main)}
		for _, l := range c.lines {
			text := l[0]
			if cellWidth(text) > width-4 && l[1] != "" {
				text = l[1]
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
			body = append(body, st.Faint.Render("at default"))
		}
		boxes = append(boxes, piece{w: width, text: st.box(c.title, strings.Join(body, "\n"), width, kpiHeight, false)})
	}
	return boxes
}

// renderCompactKPIs is the cards' figures on one bordered line, for short
// terminals.
func (d dashboard) renderCompactKPIs(w int) string {
	st := d.s.styles
	short := map[string]string{"Subscribers": "Subs", "Net revenue": "Net", "Share of SAM": "of SAM"}
	last := fmt.Sprint(d.s.proj.Last().Year)
	var parts []string
	for _, c := range d.kpis() {
		title := c.title
		if t, ok := short[title]; ok && w < 120 {
			title = t
		}
		part := st.CardLabel.Render(title+" ") + st.CardValue.Render(c.main)
		if c.title == last {
			part = st.CardValue.Render(c.main) + st.CardLabel.Render(" "+c.lines[0][1])
		}
		if c.delta != "" {
			p := st.Good
			if !c.up {
				p = st.Bad
			}
			part += " " + p.Render(strings.TrimSuffix(c.delta, " vs default"))
		}
		parts = append(parts, part)
	}
	title := last
	if d.s.moved() {
		title += " · changes vs default"
	}
	return st.box(title, strings.Join(parts, st.Faint.Render("  │  ")), w, compactHeight, false)
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
	if d.h < 30 && len(d.notes) > 1 {
		// A short window has no room for more: one line, cut, that says
		// how many warnings there are.
		msg := d.s.warnings[0].Message
		if n := len(d.s.warnings); n > 1 {
			msg = fmt.Sprintf("(1 of %d) %s", n, msg)
		}
		d.notes = []string{fit(d.s.styles.Warn.Render(" ⚠ "+msg), width)}
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
		msg := fmt.Sprintf("✓ Triangulation: gross ≤ SAM, and revenue per subscriber ≤ %.0f× the market's per viewer, every year.", market.ARPUWarnRatio)
		if cellWidth(msg) > w-1 {
			msg = fmt.Sprintf("✓ Gross ≤ SAM; revenue per subscriber ≤ %.0f× the market's per viewer.", market.ARPUWarnRatio)
		}
		return wrapLines(" "+msg, w, st.Faint)
	}
	// Whole warnings only: one that does not fit goes to the count below.
	var lines []string
	for i, wn := range d.s.warnings {
		var block []string
		for j, l := range wrap(wn.Message, w-3) {
			lead := " ⚠ "
			if j > 0 {
				lead = "   "
			}
			block = append(block, st.Warn.Render(lead+l))
		}
		room := maxNotes
		if i < len(d.s.warnings)-1 {
			room-- // keep a line to say how many more
		}
		if len(lines)+len(block) > room && len(lines) > 0 {
			lines = append(lines, st.Warn.Render(fmt.Sprintf("   … and %d more; sizeup report lists every warning.", len(d.s.warnings)-i)))
			break
		}
		lines = append(lines, block...)
	}
	if len(lines) > maxNotes {
		lines = lines[:maxNotes]
	}
	return lines
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

// renderFunnel draws the horizon year's funnel as aligned bars.
func (d dashboard) renderFunnel(w, h int) string {
	st := d.s.styles
	y := d.s.proj.Last()
	ratio := func(a, b float64) string {
		if b == 0 {
			return "–"
		}
		return market.FormatShare(a / b)
	}
	steps := []struct {
		label string
		n     float64
		share string
	}{
		{"Internet users", y.Users, "100%"},
		{"Video viewers", y.Viewers, ratio(y.Viewers, y.Users) + " of users"},
		{"Reachable", y.Reachable, ratio(y.Reachable, y.Viewers) + " of viewers"},
		{"Subscribers", y.Subscribers, ratio(y.Subscribers, y.Reachable) + " of reachable"},
	}
	const lw, vw, sw = 15, 7, 20
	bw := max(4, w-4-lw-1-vw-2-sw-1)
	lines := make([]string, 0, 2*len(steps))
	spaced := h-2 >= 2*len(steps)
	for i, step := range steps {
		if spaced && i > 0 {
			lines = append(lines, "")
		}
		f := 0.0
		if y.Users > 0 {
			f = step.n / y.Users
		}
		lines = append(lines, st.Label.Render(fit(step.label, lw))+" "+st.Value.Render(padLeft(market.FormatPeople(step.n), vw))+"  "+
			st.BarFill.Render(fit(blockBar(f, bw), bw))+" "+st.Subtle.Render(step.share))
	}
	return st.box(fmt.Sprintf("Funnel, %d", y.Year), strings.Join(lines, "\n"), w, h, false)
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

// renderDetail explains the selected input in full: value, default,
// range, how Monte Carlo draws it, source and note.
func (d dashboard) renderDetail(w, h int) string {
	s := d.s
	id := d.selectedID()
	key := fmt.Sprint(id, w, h, s.values[id], s.cny, s.values[market.FXCNYPerUSD], s.styles.dark, s.mc != nil, s.unc.Pinned[id], s.unc.WidthOf(id))
	if d.detail.key == key {
		return d.detail.out
	}
	d.detail.key, d.detail.out = key, d.drawDetail(w, h)
	return d.detail.out
}

// drawDetail draws the selected input's panel.
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
	add("default", st.Text.Render(in.Format(in.Default, cur)))
	add("range", st.Text.Render(in.Format(in.Low, cur)+" to "+in.Format(in.High, cur))+st.Faint.Render(" plausible"))
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
	if len(lines) > h-2 {
		lines = lines[:h-2]
	}
	return st.box(in.Label, strings.Join(lines, "\n"), w, h, false)
}

// intervalText says how an input is drawn now: its 90% interval and width,
// or that it is pinned or fixed.
func intervalText(s *session, id market.ID) string {
	in := s.market.Input(id)
	cur := s.currency()
	switch {
	case s.mc == nil || !id.Kind().Uncertain():
		return "fixed in Monte Carlo"
	case s.unc.Pinned[id]:
		return "pinned at " + in.Format(s.values[id], cur) + " (no uncertainty)"
	}
	lo, hi, sampled := s.market.Interval(id, &s.values, &s.unc)
	if !sampled {
		return "fixed at " + in.Format(s.values[id], cur)
	}
	what := "90% interval "
	if in.Kind == market.KindMonths {
		what = "uniform "
	}
	text := what + in.Format(lo, cur) + " to " + in.Format(hi, cur)
	if w := s.unc.WidthOf(id); w != 1 {
		text += fmt.Sprintf(" (×%.2f width)", w)
	}
	return text
}
