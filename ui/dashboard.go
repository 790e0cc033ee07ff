package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"sizeup/market"
)

// renderDashboard places the sliders, KPI cards, triangulation line,
// projection chart and funnel where the layout says.
func (m Model) renderDashboard() string {
	l := m.layout
	b := l.body
	// A canvas of body lines, each part pasted at its rectangle.
	canvas := newCanvas(b.w, b.h)
	sl := l.sliders
	at := func(r rect, block string) { canvas.paste(r.x-b.x, r.y-b.y, r.w, block) }
	if sl.w > 0 {
		at(sl, m.styles.box("Assumptions", m.renderSliders(sl.w-4, sl.h-2), sl.w, sl.h, true))
	}
	if l.compactKPIs {
		at(l.kpis, m.renderCompactKPIs(l.kpis.w))
	} else {
		x := l.kpis.x - b.x
		for _, card := range m.renderKPIs(l.kpis.w) {
			canvas.paste(x, l.kpis.y-b.y, card.w, card.text)
			x += card.w + 1
		}
	}
	at(l.warn, fit(m.renderWarning(l.warn.w), l.warn.w))
	if l.chart.h > 0 {
		at(l.chart, m.renderChart(l.chart.w, l.chart.h))
	}
	if l.funnel.h > 0 {
		at(l.funnel, m.renderFunnel(l.funnel.w, l.funnel.h))
	}
	if l.detail.h > 0 {
		at(l.detail, m.renderDetail(l.detail.w, l.detail.h))
	}
	return canvas.String()
}

// canvas is a block of lines that parts are pasted into side by side.
// Each part is pasted with its width, which the part guarantees, so
// assembling the frame measures nothing.
type canvas struct {
	w      int
	pieces [][]piece // per line
}

type piece struct {
	x, w int
	text string
}

func newCanvas(w, h int) *canvas {
	return &canvas{w: w, pieces: make([][]piece, h)}
}

// paste puts a block w cells wide with its top-left corner at (x, y).
func (c *canvas) paste(x, y, w int, block string) {
	for i, line := range strings.Split(block, "\n") {
		if y+i < 0 || y+i >= len(c.pieces) {
			continue
		}
		c.pieces[y+i] = append(c.pieces[y+i], piece{x, w, line})
	}
}

func (c *canvas) String() string {
	var b strings.Builder
	b.Grow(len(c.pieces) * c.w * 3)
	for i, pieces := range c.pieces {
		sortPieces(pieces)
		if i > 0 {
			b.WriteByte('\n')
		}
		col := 0
		for _, p := range pieces {
			if p.x > col {
				b.WriteString(spaces(p.x - col))
				col = p.x
			}
			b.WriteString(p.text)
			col += p.w
		}
		if col < c.w {
			b.WriteString(spaces(c.w - col))
		}
	}
	return b.String()
}

// spaces is n blanks without allocating for the usual widths.
func spaces(n int) string {
	const blank = "                                                                                                                                "
	if n <= len(blank) {
		return blank[:max(0, n)]
	}
	return strings.Repeat(" ", n)
}

// sortPieces orders a line's pieces by x (a few per line: insertion sort).
func sortPieces(ps []piece) {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && ps[j].x < ps[j-1].x; j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// kpi is one card's content.
type kpi struct {
	title string
	main  string
	lines [][2]string // each line long and short, the short for narrow cards
	delta string      // "+$42M vs default", "" when unchanged
	up    bool
}

func (m Model) kpis() []kpi {
	cur := m.currency()
	last, first := m.proj.Last(), m.proj.First()
	dl := m.defaultProj.Last()
	by, ly := first.Year, last.Year
	money := func(v float64) string { return market.FormatMoney(v, cur) }
	delta := func(now, before float64, prefix string, format func(float64) string) (string, bool) {
		d := now - before
		if math.Abs(d) <= 1e-9*math.Max(1, math.Abs(before)) {
			return "", false
		}
		sign := "+"
		if d < 0 {
			sign = "−"
		}
		return prefix + sign + format(math.Abs(d)) + " vs default", d > 0
	}
	var cards []kpi

	c := kpi{title: fmt.Sprint(ly), main: "TAM " + money(last.TAM),
		lines: [][2]string{{"SAM " + money(last.SAM), "SAM " + money(last.SAM)}, {fmt.Sprintf("%d: TAM %s", by, money(first.TAM)), fmt.Sprintf("%d: %s", by, money(first.TAM))}}}
	c.delta, c.up = delta(last.SAM, dl.SAM, "SAM ", money)
	cards = append(cards, c)

	c = kpi{title: "Subscribers", main: market.FormatPeople(last.Subscribers),
		lines: [][2]string{{fmt.Sprintf("%d: %s", by, market.FormatPeople(first.Subscribers))}, {"launch " + m.market.Input(market.LaunchYear).Format(m.values[market.LaunchYear], cur)}}}
	c.delta, c.up = delta(last.Subscribers, dl.Subscribers, "", market.FormatPeople)
	cards = append(cards, c)

	c = kpi{title: "Net revenue", main: money(last.Net),
		lines: [][2]string{{"risk-weighted " + money(last.RiskNet), "× deal " + money(last.RiskNet)}, {fmt.Sprintf("%d: %s", by, money(first.Net))}}}
	c.delta, c.up = delta(last.Net, dl.Net, "", money)
	cards = append(cards, c)

	c = kpi{title: "Share of TAM", main: market.FormatShare(last.ShareOfTAM),
		lines: [][2]string{{"of a " + money(last.TAM) + " market", "of " + money(last.TAM)}, {fmt.Sprintf("%d: %s", by, market.FormatShare(first.ShareOfTAM))}}}
	c.delta, c.up = delta(last.ShareOfTAM*100, dl.ShareOfTAM*100, "", func(v float64) string { return fmt.Sprintf("%.2f pt", v) })
	cards = append(cards, c)
	return cards
}

// renderKPIs draws the cards for one row across width w, one space apart.
func (m Model) renderKPIs(w int) []piece {
	s := m.styles
	cards := m.kpis()
	n := len(cards)
	gap := 1
	cw := (w - gap*(n-1)) / n
	boxes := make([]piece, 0, n)
	for i, c := range cards {
		width := cw
		if i == n-1 {
			width = w - (cw+gap)*(n-1)
		}
		body := []string{s.CardValue.Render(c.main)}
		for _, l := range c.lines {
			text := l[0]
			if cellWidth(text) > width-4 && l[1] != "" {
				text = l[1]
			}
			body = append(body, s.CardLabel.Render(text))
		}
		if c.delta != "" {
			st := s.Good
			if !c.up {
				st = s.Bad
			}
			d := c.delta
			if cellWidth(d) > width-4 {
				d = strings.TrimSuffix(d, " vs default")
			}
			body = append(body, st.Render(d))
		} else {
			body = append(body, s.Faint.Render("at default"))
		}
		boxes = append(boxes, piece{w: width, text: s.box(c.title, strings.Join(body, "\n"), width, kpiHeight, false)})
	}
	return boxes
}

// renderWarning says plainly whether bottom-up and top-down agree.
func (m Model) renderWarning(w int) string {
	s := m.styles
	if len(m.warnings) == 0 {
		msg := fmt.Sprintf(" ✓ Triangulation: gross ≤ SAM, and revenue per subscriber ≤ %.0f× the market's per viewer, every year.", market.ARPUWarnRatio)
		if cellWidth(msg) > w {
			msg = fmt.Sprintf(" ✓ Gross ≤ SAM; revenue per subscriber ≤ %.0f× the market's per viewer.", market.ARPUWarnRatio)
		}
		return s.Faint.Render(msg)
	}
	msg := m.warnings[0].Message
	if len(m.warnings) > 1 {
		msg = fmt.Sprintf("(1 of %d) %s", len(m.warnings), msg)
	}
	return s.Warn.Render(" ⚠ " + msg)
}

// renderChart draws the projection panel: legend, then the plot.
func (m *Model) renderChart(w, h int) string {
	s := m.styles
	cur := m.currency()
	years := len(m.proj.Years)
	col := func(f func(y *market.Year) float64) []float64 {
		out := make([]float64, years)
		for i := range m.proj.Years {
			out[i] = f(&m.proj.Years[i])
		}
		return out
	}
	var ser []series
	title := fmt.Sprintf("Projection %d–%d, %s", m.market.BaseYear, m.market.LastYear(), cur.Code)
	if m.logChart {
		title += " · log scale"
		ser = []series{
			{"tam", "TAM", col(func(y *market.Year) float64 { return y.TAM })},
			{"sam", "SAM", col(func(y *market.Year) float64 { return y.SAM })},
			{"gross", "gross", col(func(y *market.Year) float64 { return y.Gross })},
			{"net", "net", col(func(y *market.Year) float64 { return y.Net })},
		}
		if m.hindsight {
			// First, so it is drawn over TAM where the two meet.
			ser = append([]series{{"actual", "actual market", m.actualMarket()}}, ser...)
		}
	} else {
		title = fmt.Sprintf("Revenue %d–%d, %s", m.market.BaseYear, m.market.LastYear(), cur.Code)
		ser = []series{
			{"gross", "gross", col(func(y *market.Year) float64 { return y.Gross })},
			{"net", "net", col(func(y *market.Year) float64 { return y.Net })},
			{"risk", "risk-wtd", col(func(y *market.Year) float64 { return y.RiskNet })},
		}
	}
	spec := chartSpec{
		firstYear: m.market.BaseYear,
		series:    ser,
		log:       m.logChart,
		width:     w - 4,
		height:    h - 3,
		money:     true,
		currency:  moneyFormat{cur.Symbol, cur.PerUSD},
		dark:      s.dark,
		color:     !s.colorless(),
	}
	note := "c: linear revenue"
	switch {
	case m.present && m.logChart:
		note = "log scale"
	case m.present:
		note = ""
	case !m.logChart:
		note = "c: log scale with TAM and SAM"
	}
	legend := s.legend(ser)
	legendLine := fit(legend+spaces(max(1, w-4-cellWidth(legend)-cellWidth(note)))+s.Faint.Render(note), w-4)
	head := []string{legendLine}
	if m.hindsight {
		for _, l := range wrapLines(m.hindsightNote(), w-4, s.Series["actual"]) {
			head = append(head, fit(l, w-4))
		}
		spec.height -= len(head) - 1
	}
	body := m.chart.render(spec)
	if body == "" {
		msg := s.Subtle.Render(fmt.Sprintf("No revenue in %d–%d with these assumptions: check the licences, the launch year and conversion.", m.market.BaseYear, m.market.LastYear()))
		return s.box(title, strings.Join(head, "\n")+"\n"+msg, w, h, false)
	}
	// The plot's lines are exactly the chart's width: no need to measure them.
	return s.boxLines(title, append(head, strings.Split(body, "\n")...), w, h, false, true)
}

// renderFunnel draws the horizon year's funnel as aligned bars.
func (m Model) renderFunnel(w, h int) string {
	s := m.styles
	y := m.proj.Last()
	type step struct {
		label string
		n     float64
		share string
	}
	ratio := func(a, b float64) string {
		if b == 0 {
			return "–"
		}
		return market.FormatShare(a / b)
	}
	steps := []step{
		{"Internet users", y.Users, "100%"},
		{"Video viewers", y.Viewers, ratio(y.Viewers, y.Users) + " of users"},
		{"Reachable", y.Reachable, ratio(y.Reachable, y.Viewers) + " of viewers"},
		{"Subscribers", y.Subscribers, ratio(y.Subscribers, y.Reachable) + " of reachable"},
	}
	inner := w - 4
	const lw, vw, sw = 15, 7, 20
	bw := max(4, inner-lw-1-vw-2-sw-1)
	lines := make([]string, 0, 2*len(steps))
	spaced := h-2 >= 2*len(steps)
	for i, st := range steps {
		if spaced && i > 0 {
			lines = append(lines, "")
		}
		f := 0.0
		if y.Users > 0 {
			f = st.n / y.Users
		}
		line := s.Label.Render(fit(st.label, lw)) + " " + s.Value.Render(padLeft(market.FormatPeople(st.n), vw)) + "  " +
			s.BarFill.Render(fit(blockBar(f, bw), bw)) + " " + s.Subtle.Render(st.share)
		lines = append(lines, line)
	}
	return s.box(fmt.Sprintf("Funnel, %d", y.Year), strings.Join(lines, "\n"), w, h, false)
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

// renderCompactKPIs is the cards' figures on one bordered line, for short
// terminals.
func (m Model) renderCompactKPIs(w int) string {
	s := m.styles
	short := map[string]string{"Subscribers": "Subs", "Net revenue": "Net", "Share of TAM": "Share"}
	var parts []string
	for _, c := range m.kpis() {
		title := c.title
		if t, ok := short[title]; ok && w < 120 {
			title = t
		}
		part := s.CardLabel.Render(title+" ") + s.CardValue.Render(c.main)
		if c.title == fmt.Sprint(m.proj.Last().Year) {
			part = s.CardValue.Render(c.main) + s.CardLabel.Render(" "+c.lines[0][1])
		}
		if c.delta != "" {
			st := s.Good
			if !c.up {
				st = s.Bad
			}
			part += " " + st.Render(strings.TrimSuffix(c.delta, " vs default"))
		}
		parts = append(parts, part)
	}
	title := fmt.Sprint(m.proj.Last().Year)
	if m.moved() {
		title += " · changes vs default"
	}
	return s.box(title, strings.Join(parts, s.Faint.Render("  │  ")), w, compactHeight, false)
}

// renderDetail explains the selected input in full: value, default,
// range, source and note.
func (m Model) renderDetail(w, h int) string {
	s := m.styles
	cur := m.currency()
	in := m.market.Input(m.selectedID())
	v := m.values[in.ID]
	inner := w - 4
	var lines []string
	add := func(label, value string) {
		lines = append(lines, s.Subtle.Render(fit(label, 9))+value)
	}
	add("value", s.Value.Render(in.FormatFull(v, cur)))
	add("default", s.Text.Render(in.Format(in.Default, cur)))
	add("range", s.Text.Render(in.Format(in.Low, cur)+" to "+in.Format(in.High, cur))+s.Faint.Render(" plausible"))
	if m.mc != nil {
		add("drawn", s.Text.Render(m.intervalText(in.ID)))
	}
	if in.IsAssumption() {
		add("source", s.Warn.Render("assumption"))
	} else {
		for i, l := range strings.Split(ansi.Wordwrap(in.SourceText(), inner-9, " "), "\n") {
			label := "source"
			if i > 0 {
				label = ""
			}
			add(label, s.Accent.Render(l))
		}
	}
	if in.Note != "" {
		for _, l := range strings.Split(ansi.Wordwrap(in.Note, inner, " "), "\n") {
			lines = append(lines, s.Faint.Render(l))
		}
	}
	if len(lines) > h-2 {
		lines = lines[:h-2]
	}
	return s.box(in.Label, strings.Join(lines, "\n"), w, h, false)
}

// actualMarket is what the market was reported to be worth each year of
// the projection, in USD at the current exchange rate; NaN where no figure
// was reported.
func (m Model) actualMarket() []float64 {
	out := make([]float64, len(m.proj.Years))
	for i := range out {
		out[i] = math.NaN()
	}
	fx := m.values[market.FXCNYPerUSD]
	for _, h := range m.market.History {
		if h.Unit != "CNY" && h.Unit != "USD" {
			continue
		}
		for j, y := range h.Years {
			if i := y - m.market.BaseYear; i >= 0 && i < len(out) {
				v := h.Values[j]
				if h.Unit == "CNY" {
					v /= fx
				}
				out[i] = v
			}
		}
		break // the first money series is the market
	}
	return out
}

// hindsightNote compares the projection with what happened, in a sentence.
func (m Model) hindsightNote() string {
	cur := m.currency()
	var parts []string
	for _, h := range m.market.History {
		if len(h.Years) == 0 {
			continue
		}
		last := len(h.Years) - 1
		y, v := h.Years[last], h.Values[last]
		row := m.proj.At(y)
		switch {
		case (h.Unit == "CNY" || h.Unit == "USD") && row != nil:
			usd := v
			if h.Unit == "CNY" {
				usd = v / m.values[market.FXCNYPerUSD]
			}
			parts = append(parts, fmt.Sprintf("%s %d: %s against TAM %s", h.Label, y, market.FormatMoney(usd, cur), market.FormatMoney(row.TAM, cur)))
		case h.Unit == "people" && strings.Contains(strings.ToLower(h.Label), "paying") && row != nil:
			parts = append(parts, fmt.Sprintf("%s %d: %s against our %s", h.Label, y, market.FormatPeople(v), market.FormatPeople(row.Subscribers)))
		}
	}
	return "Actual (·· line): " + strings.Join(parts, " · ") + ". The iResearch market's definition changed between reports."
}
