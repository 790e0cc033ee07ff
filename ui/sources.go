package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"sizeup/market"
)

// The Sources view: every input with its value, range, unit, source and
// note, then what actually happened and the facts behind the market, in a
// scrollable viewport.

func (m *Model) sourcesText(width int) string {
	s := m.styles
	cur := m.currency()
	wrap := func(text string, indent int) string {
		w := max(20, width-indent)
		lines := strings.Split(ansi.Wordwrap(text, w, " "), "\n")
		pad := strings.Repeat(" ", indent)
		for i := range lines {
			lines[i] = pad + lines[i]
		}
		return strings.Join(lines, "\n")
	}
	var b strings.Builder
	b.WriteString(s.Title.Render(m.market.Title) + "\n")
	b.WriteString(s.Faint.Render(fmt.Sprintf("Base year %d, horizon %d years. Ranges are plausible low–high; inputs without a source are assumptions.", m.market.BaseYear, m.market.Horizon)) + "\n")
	group := ""
	for _, id := range m.market.Order {
		in := m.market.Input(id)
		if in.Group != group {
			group = in.Group
			b.WriteString("\n" + s.Group.Render(strings.ToUpper(group)) + "\n")
		}
		v := m.values[id]
		val := in.FormatFull(v, cur)
		if v != in.Default {
			val += s.Moved.Render(" ● default " + in.Format(in.Default, cur))
		}
		b.WriteString("\n" + s.Bold.Render(in.Label) + s.Faint.Render("  "+id.String()) + "\n")
		b.WriteString("  " + s.Subtle.Render("value   ") + s.Value.Render(val) + "\n")
		b.WriteString("  " + s.Subtle.Render("range   ") + s.Text.Render(in.Format(in.Low, cur)+" to "+in.Format(in.High, cur)) +
			s.Faint.Render("   (accepted "+in.Format(in.Min, cur)+" to "+in.Format(in.Max, cur)+")") + "\n")
		src := s.Accent.Render(in.SourceText())
		if in.IsAssumption() {
			src = s.Warn.Render("assumption")
		}
		b.WriteString("  " + s.Subtle.Render("source  ") + src + "\n")
		if in.URL != "" {
			b.WriteString("  " + s.Subtle.Render("link    ") + s.Faint.Render(in.URL) + "\n")
		}
		if in.Note != "" {
			b.WriteString(s.Text.Render(wrap(in.Note, 10)) + "\n")
		}
	}
	if len(m.market.History) > 0 {
		b.WriteString("\n" + s.Group.Render("WHAT ACTUALLY HAPPENED") + "\n")
		for _, h := range m.market.History {
			b.WriteString("\n" + s.Bold.Render(h.Label) + s.Faint.Render("  "+h.Source) + "\n")
			var pts []string
			for i, y := range h.Years {
				pts = append(pts, fmt.Sprintf("%d %s", y, historyValue(h, h.Values[i])))
			}
			b.WriteString(s.Text.Render(wrap(strings.Join(pts, " · "), 2)) + "\n")
			if h.Note != "" {
				b.WriteString(s.Faint.Render(wrap(h.Note, 2)) + "\n")
			}
		}
	}
	if len(m.market.Facts) > 0 {
		b.WriteString("\n" + s.Group.Render("REGULATION AND PLAYERS") + "\n")
		for _, f := range m.market.Facts {
			b.WriteString("\n" + s.Text.Render(wrap("• "+f.Text, 0)) + "\n")
			if f.Source != "" {
				b.WriteString(s.Faint.Render(wrap(f.Source, 2)) + "\n")
			}
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

func historyValue(h market.Series, v float64) string {
	switch h.Unit {
	case "CNY":
		return market.FormatMoney(v, market.Currency{Code: "CNY", Symbol: "¥", PerUSD: 1})
	case "USD":
		return market.FormatMoney(v, market.USD)
	case "people":
		return market.FormatPeople(v)
	}
	return fmt.Sprint(v)
}

// syncSources sizes the viewport to the body and rebuilds its text when
// the width, the values, the currency or the theme changed.
func (m *Model) syncSources() {
	b := m.layout.body
	w, h := max(1, b.w-4), max(1, b.h-2)
	m.sources.Width, m.sources.Height = w, h
	key := fmt.Sprint(w, m.values, m.cny, m.styles.dark)
	if key != m.srcKey {
		offset := m.sources.YOffset
		m.sources.SetContent(m.sourcesText(w))
		m.sources.SetYOffset(offset)
		m.srcKey = key
	}
}

// renderSources draws the viewport in a panel.
func (m Model) renderSources() string {
	b := m.layout.body
	title := fmt.Sprintf("Sources · %d%%", int(m.sources.ScrollPercent()*100))
	return m.styles.box(title, m.sources.View(), b.w, b.h, true)
}
