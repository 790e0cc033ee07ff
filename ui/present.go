package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"sizeup/market"
)

// Presentation mode (p) and charts alone: a frame that can go on a slide
// as it is. No cursor, no help bar, no selection, no key hints; a title, a
// subtitle saying which market, scenario, years and currency, and a footer
// with the key assumptions, the sources and, for Monte Carlo, the sample
// count and seed.

// Chart names a chart that can be drawn alone, for export and for
// sizeup render.
type Chart string

// The charts that can be drawn alone.
const (
	ChartProjection Chart = "projection"
	ChartFunnel     Chart = "funnel"
	ChartFan        Chart = "fan"
	ChartTornado    Chart = "tornado"
	ChartCompare    Chart = "compare"
)

// chartOf is the chart the current view is about.
func (m *Model) chartOf() Chart {
	switch m.view {
	case viewUncertainty:
		return ChartFan
	case viewSensitivity:
		return ChartTornado
	case viewScenarios:
		return ChartCompare
	}
	return ChartProjection
}

// viewTitle is what a slide of the current view is called.
func (m *Model) viewTitle() string {
	switch m.view {
	case viewUncertainty:
		return fmt.Sprintf("Net revenue under uncertainty, %d–%d", m.market.BaseYear, m.market.LastYear())
	case viewSensitivity:
		return fmt.Sprintf("What moves %s in %d", m.sensOutput.Label(), m.sensYear)
	case viewScenarios:
		return "Scenarios compared"
	case viewSources:
		return "Sources"
	}
	return fmt.Sprintf("Market, subscribers and revenue, %d–%d", m.market.BaseYear, m.market.LastYear())
}

// subtitle is market · scenario · years · currency.
func (m *Model) subtitle() string {
	scenario := m.scenario
	if m.values != m.scenarioValues {
		scenario += ", changed"
	}
	return fmt.Sprintf("%s · scenario %s · %d–%d · money in %s", m.market.Name, scenario, m.market.BaseYear, m.market.LastYear(), m.currency().Code)
}

// titleBlock is the two lines above a slide.
func (m *Model) titleBlock(title string, w int) string {
	s := m.styles
	return fit(" "+s.Title.Render(title), w) + "\n" + fit(" "+s.Subtle.Render(m.subtitle()), w)
}

// assumptions names the inputs a reader needs to read the numbers, moved
// ones marked with ●.
func (m *Model) assumptions() string {
	cur := m.currency()
	ids := []market.ID{market.InternetUsers, market.VideoReach, market.MarketSize, market.MarketGrowth,
		market.LaunchYear, market.ApprovalLag, market.Conversion, market.Price, market.PartnerCut, market.DealProbability}
	parts := make([]string, 0, len(ids)+1)
	for _, id := range ids {
		in := m.market.Input(id)
		p := strings.ToLower(in.Label) + " " + in.Format(m.values[id], cur)
		if m.values[id] != in.Default {
			p += "●"
		}
		parts = append(parts, p)
	}
	var off []string
	for _, id := range []market.ID{market.LicenceMobile, market.LicencePC, market.LicenceTV} {
		if m.values[id] < 0.5 {
			off = append(off, strings.TrimPrefix(m.market.Input(id).Label, "Licence: "))
		}
	}
	if len(off) > 0 {
		parts = append(parts, "no licence for "+strings.Join(off, ", ")+"●")
	}
	return "Assumptions: " + strings.Join(parts, ", ") + "."
}

// sourcesLine names the sources behind the inputs, once each.
func (m *Model) sourcesLine() string {
	seen := map[string]bool{}
	var names []string
	assumed := 0
	for _, id := range m.market.Order {
		in := m.market.Input(id)
		if in.IsAssumption() {
			assumed++
			continue
		}
		src := in.Source
		if i := strings.Index(src, " ("); i > 0 {
			src = src[:i] // "Bloomberg via The Hollywood Reporter (CNNIC …)" → the outlet
		}
		first, _, _ := strings.Cut(src, " ") // CNNIC's reports once, not per report
		if !seen[first] {
			seen[first] = true
			if in.SourceYear != 0 {
				src += fmt.Sprintf(" %d", in.SourceYear)
			}
			names = append(names, src)
		}
	}
	line := "Sources: " + strings.Join(names, "; ") + fmt.Sprintf("; %d inputs are assumptions (see Sources).", assumed)
	if m.view == viewUncertainty || m.chartShown == ChartFan {
		if r := m.result(); r != nil {
			line += fmt.Sprintf(" Monte Carlo: %s samples, seed %d, percentiles given a signed deal.", groupInt(r.N), r.Seed)
		}
	}
	return line + " Made with sizeup."
}

// footerLines are the assumptions and sources below a slide, wrapped to
// the width (at most six lines).
func (m *Model) footerLines(w int) []string {
	s := m.styles
	var lines []string
	for _, text := range []string{m.assumptions(), m.sourcesLine()} {
		for _, l := range strings.Split(ansi.Wordwrap(text, w-2, " "), "\n") {
			lines = append(lines, fit(" "+s.Faint.Render(l), w))
		}
	}
	if len(lines) > 6 {
		lines = lines[:6]
	}
	return lines
}

// renderPresentation is the current view as a slide.
func (m Model) renderPresentation() string {
	w := m.width
	foot := m.footerLines(w)
	m.layout = presentLayout(m.layout, m.height-2-len(foot))
	b := m.layout.body
	var body string
	switch m.view {
	case viewUncertainty:
		body = m.renderUncertainty()
	case viewSensitivity:
		body = m.renderTornado(b.w, b.h)
	case viewScenarios:
		body = m.renderCompare(m.compared(m.items()), b.w, b.h)
	case viewSources:
		body = m.renderSources()
	default:
		body = m.renderDashboard()
	}
	return m.titleBlock(m.viewTitle(), w) + "\n" + fitLines(body, w, b.h) + "\n" + strings.Join(foot, "\n")
}

// chartAlone draws one chart as a w×h slide: title, subtitle, the chart,
// the footer. ok is false when the chart has nothing to show (the fan
// before any Monte Carlo result).
func (m *Model) chartAlone(c Chart, w, h int) (string, bool) {
	m.chartShown = c
	foot := m.footerLines(w)
	bodyH := h - 2 - len(foot)
	if w < minWidth || bodyH < 8 {
		return "", false
	}
	defer func() { m.chartShown = "" }()
	was := m.present
	m.present = true
	defer func() { m.present = was }()
	var title, body string
	switch c {
	case ChartProjection:
		title, body = fmt.Sprintf("Revenue projection, %d–%d", m.market.BaseYear, m.market.LastYear()), m.renderChart(w, bodyH)
	case ChartFunnel:
		title, body = fmt.Sprintf("From internet users to subscribers, %d", m.market.LastYear()), m.renderFunnel(w, min(bodyH, 10))
	case ChartFan:
		if m.result() == nil {
			return "", false
		}
		title, body = fmt.Sprintf("Net revenue under uncertainty, %d–%d", m.market.BaseYear, m.market.LastYear()), m.renderFan(w, bodyH)
	case ChartTornado:
		title, body = fmt.Sprintf("What moves %s in %d", m.sensOutput.Label(), m.sensYear), m.renderTornado(w, bodyH)
	case ChartCompare:
		title, body = "Scenarios compared", m.renderCompare(m.compared(m.items()), w, bodyH)
	default:
		return "", false
	}
	return m.titleBlock(title, w) + "\n" + fitLines(body, w, bodyH) + "\n" + strings.Join(foot, "\n"), true
}
