package ui

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// The Uncertainty view: Monte Carlo over every input's plausible range.
// A fan chart of P5/P50/P95 per year (given a deal), the horizon year's
// histogram, the chance of reaching a target, the chance of no revenue at
// all, the risk-weighted mean, and how much of the spread each input
// explains. The median is the headline; each percentile carries its Monte
// Carlo error.

func (m *Model) handleUncertaintyKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Output):
		if m.fanOutput == market.OutNet {
			m.fanOutput = market.OutSubscribers
		} else {
			m.fanOutput = market.OutNet
		}
	case key.Matches(msg, m.keys.Edit):
		return m.startTargetEdit()
	}
	return nil
}

// renderUncertainty lays the view out: fan chart and figures above,
// histogram and spread shares below (side by side when wide).
func (m *Model) renderUncertainty() string {
	b := m.layout.body
	c := newCanvas(b.w, b.h)
	r := m.result()
	if r == nil {
		msg := "Working out the first Monte Carlo run…"
		if m.mc != nil && m.mc.err != nil {
			msg = "Monte Carlo failed: " + m.mc.err.Error()
		}
		return m.styles.box("Uncertainty", m.styles.Subtle.Render(msg), b.w, b.h, true)
	}
	if b.w >= wideWidth {
		left := b.w * 58 / 100
		right := b.w - left - 1
		top := max(12, b.h*55/100)
		c.paste(0, 0, left, m.renderFan(left, top))
		c.paste(left+1, 0, right, m.renderFigures(right, top))
		c.paste(0, top, left, m.renderHistogram(left, b.h-top))
		c.paste(left+1, top, right, m.renderSpread(right, b.h-top))
		return c.String()
	}
	figH := 8
	rest := b.h - figH
	fanH, histH, spreadH := rest, 0, 0
	if rest >= 24 {
		fanH = max(10, rest*45/100)
		histH = min(12, (rest-fanH)/2)
		spreadH = rest - fanH - histH
	}
	y := 0
	c.paste(0, y, b.w, m.renderFigures(b.w, figH))
	y += figH
	c.paste(0, y, b.w, m.renderFan(b.w, fanH))
	y += fanH
	if histH >= 5 {
		c.paste(0, y, b.w, m.renderHistogram(b.w, histH))
		y += histH
	} else {
		spreadH += histH
	}
	if spreadH >= 6 {
		c.paste(0, y, b.w, m.renderSpread(b.w, spreadH))
	}
	return c.String()
}

// staleNote marks figures that lag the sliders.
func (m *Model) staleNote() string {
	if m.stale() {
		return m.styles.Warn.Render(" · stale, recomputing…")
	}
	return ""
}

func (m *Model) renderFan(w, h int) string {
	s := m.styles
	r := m.result()
	cur := m.currency()
	n := len(r.Years)
	p5, p50, p95 := make([]float64, n), make([]float64, n), make([]float64, n)
	for i, y := range r.Years {
		pc := y.Net
		if m.fanOutput == market.OutSubscribers {
			pc = y.Subscribers
		}
		p5[i], p50[i], p95[i] = pc.P5, pc.P50, pc.P95
	}
	ser := []series{{"p95", "P95", p95}, {"p50", "P50", p50}, {"p5", "P5", p5}}
	money := m.fanOutput == market.OutNet
	spec := chartSpec{
		firstYear: r.BaseYear, series: ser, width: w - 4, height: h - 3,
		money: money, currency: moneyFormat{cur.Symbol, cur.PerUSD}, dark: s.dark, color: !s.colorless(),
	}
	body := m.fanCache.render(spec)
	if body == "" {
		body = s.Subtle.Render("Nothing to draw: every sample gives zero.")
	}
	what := "Net revenue"
	if !money {
		what = "Subscribers"
	}
	title := fmt.Sprintf("%s given a deal, P5–P50–P95%s", what, "")
	legend := s.legend([]series{ser[1], {"p5", "P5 / P95", nil}})
	hint := "m: " + map[bool]string{true: "subscribers", false: "net revenue"}[money]
	if m.present {
		hint = ""
	}
	line := legend + spaces(max(1, w-4-cellWidth(legend)-cellWidth(hint))) + s.Faint.Render(hint)
	return s.box(title, line+"\n"+body, w, h, false)
}

func (m *Model) renderFigures(w, h int) string {
	s := m.styles
	r := m.result()
	mc := m.mc
	cur := m.currency()
	money := func(v float64) string { return market.FormatMoney(v, cur) }
	last := r.Last()
	net, subs := last.Net, last.Subscribers
	deal := market.FormatPercent(r.Values[market.DealProbability], 0)
	took := " · " + roundDuration(mc.took)
	if m.headless {
		took = "" // a file must not depend on how fast this machine was
	}
	run := s.Faint.Render(fmt.Sprintf("%s samples · seed %d%s", groupInt(r.N), r.Seed, took)) + m.staleNote()
	row := func(label, value, note string) string {
		return s.CardLabel.Render(fit("  "+label, 16)) + value + s.Faint.Render(note)
	}
	var lines []string
	if h-2 >= 17 {
		lines = []string{
			s.Bold.Render(fmt.Sprintf("Net revenue in %d, given a deal", r.LastYear())),
			row("median", s.CardValue.Render(money(net.P50)), " ± "+money(net.P50SE)),
			row("90% range", s.Text.Render(money(net.P5)+" to "+money(net.P95)), ""),
			row("", "", "± "+money(net.P5SE)+" and ± "+money(net.P95SE)),
			s.Bold.Render("The deal"),
			row("no revenue", s.Text.Render(market.FormatPercent(r.PZeroRevenue, 1)), " (deal "+deal+" likely)"),
			row("risk-weighted", s.Text.Render(money(r.RiskWeightedMean)), " mean (no deal = 0)"),
			s.Bold.Render(fmt.Sprintf("Target: %s net in %d", money(mc.target), r.LastYear())),
			row("P(reach it)", s.CardValue.Render(market.FormatPercent(mc.pGiven, 1)), " given a deal"),
			row("", s.Text.Render(market.FormatPercent(mc.pWith, 1)), " with the deal risk"),
			s.Bold.Render(fmt.Sprintf("Subscribers in %d, given a deal", r.LastYear())),
			row("median", s.Text.Render(market.FormatPeople(subs.P50)), ""),
			row("90% range", s.Text.Render(market.FormatPeople(subs.P5)+" to "+market.FormatPeople(subs.P95)), ""),
			"",
			run,
		}
		if !m.present {
			lines = append(lines, s.Faint.Render("⏎ target · m subscribers · g goal seek"), s.Faint.Render("[ ] = narrow, widen, pin (Dashboard)"))
		}
	} else {
		lines = []string{
			s.Subtle.Render(fmt.Sprintf("Net revenue in %d, given a deal", r.LastYear())),
			s.CardLabel.Render("median ") + s.CardValue.Render(money(net.P50)) + s.Faint.Render(" ± "+money(net.P50SE)) +
				s.CardLabel.Render("   90% ") + s.Text.Render(money(net.P5)+" to "+money(net.P95)),
			s.CardLabel.Render("no revenue ") + s.Text.Render(market.FormatPercent(r.PZeroRevenue, 1)) + s.Faint.Render(" (deal "+deal+" likely)") +
				s.CardLabel.Render("   risk-weighted ") + s.Text.Render(money(r.RiskWeightedMean)),
			s.CardLabel.Render("P(net ≥ "+money(mc.target)+") ") + s.CardValue.Render(market.FormatPercent(mc.pGiven, 1)) + s.Faint.Render(" given a deal, ") +
				s.Text.Render(market.FormatPercent(mc.pWith, 1)) + s.Faint.Render(" with its risk"),
			run,
		}
		if !m.present {
			lines = append(lines, s.Faint.Render("⏎ target · m subscribers · [ ] = on the Dashboard"))
		}
	}
	return s.box("Monte Carlo", strings.Join(lines, "\n"), w, h, false)
}

func (m *Model) renderHistogram(w, h int) string {
	s := m.styles
	mc := m.mc
	r := m.result()
	cur := m.currency()
	inner := w - 4
	rows := h - 5 // border, axis, ticks, legend
	title := fmt.Sprintf("Net revenue in %d given a deal, log scale", r.LastYear())
	if rows < 1 || inner < 10 {
		return s.box(title, "", w, h, false)
	}
	mc.histogram(inner)
	cols, edges := mc.hist, mc.histEdges
	if len(cols) == 0 {
		return s.box(title, s.Subtle.Render("Every sample gives zero net revenue."), w, h, false)
	}
	peak := 0
	for _, c := range cols {
		peak = max(peak, c)
	}
	eighths := []string{" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"}
	lines := make([]string, 0, h)
	for row := rows - 1; row >= 0; row-- {
		var b strings.Builder
		for _, c := range cols {
			fill := 0
			if peak > 0 {
				fill = int(math.Round(float64(c) / float64(peak) * float64(rows*8)))
			}
			b.WriteString(eighths[min(8, max(0, fill-row*8))])
		}
		lines = append(lines, s.Series["p50"].Render(fit(b.String(), inner)))
	}
	// The axis: P5, P50 and P95 where they fall, the target, and round
	// amounts as ticks.
	lo, hi := math.Log(edges[0]), math.Log(edges[len(edges)-1])
	col := func(v float64) int {
		if !(hi > lo) || v <= 0 {
			return 0
		}
		return clamp(int((math.Log(v)-lo)/(hi-lo)*float64(len(cols))), 0, len(cols)-1)
	}
	axis := []rune(strings.Repeat("─", len(cols)))
	ticks := []rune(strings.Repeat(" ", inner+12))
	for d := math.Floor(lo / math.Ln10); d <= math.Ceil(hi/math.Ln10); d++ {
		for _, mult := range []float64{1, 3} {
			v := mult * math.Pow(10, d)
			if math.Log(v) < lo || math.Log(v) > hi {
				continue
			}
			c := col(v)
			label := []rune(trimZeros(shortNum(v*cur.PerUSD, cur.Symbol)))
			if c+len(label) <= inner && (c == 0 || ticks[c-1] == ' ') && ticks[c] == ' ' {
				axis[c] = '┬'
				copy(ticks[c:], label)
			}
		}
	}
	last := r.Last().Net
	for _, v := range []float64{last.P5, last.P50, last.P95} {
		axis[col(v)] = '┼'
	}
	target := "   ▲ target " + market.FormatMoney(mc.target, cur)
	if mc.target > 0 && math.Log(mc.target) >= lo && math.Log(mc.target) <= hi {
		axis[col(mc.target)] = '▲'
	} else {
		target = "   target " + market.FormatMoney(mc.target, cur) + " is off this axis"
	}
	lines = append(lines, s.Faint.Render(string(axis)), s.Faint.Render(string(ticks[:inner])))
	legend := "┼ P5, P50, P95" + target
	if mc.histZeros > 0 {
		legend += fmt.Sprintf("   %s of samples give zero", market.FormatPercent(float64(mc.histZeros)/float64(r.N), 1))
	}
	lines = append(lines, s.Faint.Render(legend))
	return s.box(title, strings.Join(lines, "\n"), w, h, false)
}

func (m *Model) renderSpread(w, h int) string {
	s := m.styles
	r := m.result()
	inner := w - 4
	lines := []string{}
	note := wrapLines(r.SpreadNote(), inner, s.Faint)
	const lw = 16
	barW := max(4, inner-lw-8)
	room := h - 2 - len(note)
	for i, sh := range m.mc.spread {
		if len(lines) >= room-1 && i < len(m.mc.spread)-1 {
			lines = append(lines, s.Faint.Render(fmt.Sprintf("… %d more", len(m.mc.spread)-i)))
			break
		}
		if sh.Share < 0.0005 {
			continue
		}
		in := m.market.Input(sh.Input)
		bar := blockBar(sh.Share, barW)
		lines = append(lines, s.Label.Render(fit(in.Label, lw))+" "+s.BarFill.Render(fit(bar, barW))+" "+s.Text.Render(padLeft(market.FormatPercent(sh.Share, 0), 5)))
	}
	lines = append(lines, note...)
	return s.box("What drives the spread", strings.Join(lines, "\n"), w, h, false)
}

func groupInt(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// roundDuration shows a run's time in whole milliseconds.
func roundDuration(d time.Duration) string {
	if d < time.Millisecond {
		return "<1 ms"
	}
	return fmt.Sprintf("%d ms", d.Milliseconds())
}

// adjustUncertainty narrows, widens or pins the selected input's range.
func (m *Model) adjustUncertainty(id market.ID, msg tea.KeyMsg) {
	if m.mc == nil || !id.Kind().Uncertain() {
		return
	}
	in := m.market.Input(id)
	switch {
	case key.Matches(msg, m.keys.Narrow):
		m.unc.Narrow(id)
	case key.Matches(msg, m.keys.Widen):
		m.unc.Widen(id)
	case key.Matches(msg, m.keys.Pin):
		m.unc.Pinned[id] = !m.unc.Pinned[id]
	}
	m.setStatus(in.Label + ": " + m.intervalText(id) + ".")
}

// intervalText says how an input is drawn now: its 90% interval and width,
// or that it is pinned or fixed.
func (m *Model) intervalText(id market.ID) string {
	in := m.market.Input(id)
	cur := m.currency()
	switch {
	case m.mc == nil || !id.Kind().Uncertain():
		return "fixed in Monte Carlo"
	case m.unc.Pinned[id]:
		return "pinned at " + in.Format(m.values[id], cur) + " (no uncertainty)"
	}
	lo, hi, sampled := m.market.Interval(id, &m.values, &m.unc)
	if !sampled {
		return "fixed at " + in.Format(m.values[id], cur)
	}
	what := "90% interval "
	if in.Kind == market.KindMonths {
		what = "uniform "
	}
	text := what + in.Format(lo, cur) + " to " + in.Format(hi, cur)
	if w := m.unc.WidthOf(id); w != 1 {
		text += fmt.Sprintf(" (×%.2f width)", w)
	}
	return text
}

// startTargetEdit opens the editor on the target of P(net ≥ target).
func (m *Model) startTargetEdit() tea.Cmd {
	if m.mc == nil {
		return nil
	}
	m.editing, m.edit = true, editTarget
	m.editor.SetValue(market.FormatMoney(m.mc.target, m.currency()))
	m.editor.CursorEnd()
	m.editor.Width = 20
	m.status, m.isError = "", false
	return m.editor.Focus()
}

// applyTarget reads the typed target.
func (m *Model) applyTarget() {
	text := m.editor.Value()
	v, err := market.OutNet.ParseTarget(text, m.values[market.FXCNYPerUSD])
	if err != nil {
		m.setError(errorSentence(err))
		return
	}
	if m.cny && !hasCurrency(text) {
		v /= m.values[market.FXCNYPerUSD]
	}
	m.stopEdit()
	m.mc.target = v
	m.updateProb()
	m.setStatus("Target: net revenue of " + market.FormatMoney(v, m.currency()) + " in " + fmt.Sprint(m.market.LastYear()) + ".")
}
