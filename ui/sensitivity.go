package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// The Sensitivity view: a tornado of the market model. Each input goes to
// its low and its high while the others stay where the sliders are; the
// bar shows how far the chosen output in the chosen year moves, largest
// swing first, with the input's value and the output at each end.

// sensitivityOutputs are the outputs the tornado can show, in the order o
// cycles through them.
var sensitivityOutputs = []market.Output{market.OutNet, market.OutGross, market.OutRiskNet, market.OutSubscribers, market.OutSAM, market.OutShareOfTAM}

func (m *Model) handleSensitivityKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	switch {
	case key.Matches(msg, k.YearBack):
		m.sensYear = max(m.market.BaseYear, m.sensYear-1)
	case key.Matches(msg, k.YearOn):
		m.sensYear = min(m.market.LastYear(), m.sensYear+1)
	case key.Matches(msg, k.Output):
		m.sensOutput = nextOutput(sensitivityOutputs, m.sensOutput)
	}
	return nil
}

func nextOutput(list []market.Output, o market.Output) market.Output {
	for i, x := range list {
		if x == o {
			return list[(i+1)%len(list)]
		}
	}
	return list[0]
}

func (m Model) renderSensitivity() string {
	b := m.layout.body
	return m.renderTornado(b.w, b.h)
}

// renderTornado draws the tornado panel w×h.
func (m Model) renderTornado(w, h int) string {
	s := m.styles
	cur := m.currency()
	t := m.market.Tornado(&m.values, m.sensOutput, m.sensYear)
	inner := w - 4
	title := fmt.Sprintf("Sensitivity: %s in %d", t.Output.Label(), t.Year)

	var lines []string
	hint := s.Faint.Render("   m: output · ←/→: year")
	if m.present {
		hint = ""
	}
	lines = append(lines, s.Subtle.Render("Each input at its low and its high, the others as set; ")+
		s.Text.Render(fmt.Sprintf("base %s", t.Output.Format(t.Base, cur)))+hint)
	lines = append(lines, "")

	const labelW, inW, outW = 16, 9, 8
	barW := inner - labelW - 2*(inW+outW+2) - 2
	if barW < 10 {
		barW = 10
	}
	maxSwing := 0.0
	for _, bar := range t.Bars {
		maxSwing = math.Max(maxSwing, math.Max(math.Abs(bar.AtLow-t.Base), math.Abs(bar.AtHigh-t.Base)))
	}
	half := barW / 2
	axis := "lower ◂ base ▸ higher"
	if barW < cellWidth(axis)+2 {
		axis = "◂ base ▸"
	}
	header := fit("", labelW) + padLeft("input", inW) + " " + padLeft("gives", outW) + " " + fit(center(axis, barW), barW) + " " + fit("gives", outW) + " " + fit("input", inW)
	lines = append(lines, s.Faint.Render(header))
	rows := h - 2 - len(lines) - 2
	spaced := 2*len(t.Bars)+2 <= rows // a blank line between bars when there is room
	for i, bar := range t.Bars {
		if spaced {
			lines = append(lines, "")
		}
		if i >= rows {
			lines = append(lines, s.Faint.Render(fmt.Sprintf("… %d more inputs with smaller swings", len(t.Bars)-i)))
			break
		}
		in := m.market.Input(bar.Input)
		// The end that lowers the output goes left, whichever input value it is.
		lowOut, lowIn, highOut, highIn := bar.AtLow, bar.LowValue, bar.AtHigh, bar.HighValue
		if lowOut > highOut {
			lowOut, lowIn, highOut, highIn = highOut, highIn, lowOut, lowIn
		}
		left := cellsFor(t.Base-lowOut, maxSwing, half)
		right := cellsFor(highOut-t.Base, maxSwing, half)
		barText := spaces(half-left) + s.Bad.Render(strings.Repeat("█", left)) + s.Faint.Render("│") + s.Good.Render(strings.Repeat("█", right)) + spaces(barW-half-1-right)
		line := s.Label.Render(fit(in.Label, labelW)) +
			s.Subtle.Render(padLeft(in.Format(lowIn, cur), inW)) + " " + s.Value.Render(padLeft(t.Output.Format(lowOut, cur), outW)) + " " +
			barText + " " +
			s.Value.Render(fit(t.Output.Format(highOut, cur), outW)) + " " + s.Subtle.Render(fit(in.Format(highIn, cur), inW))
		lines = append(lines, line)
	}
	if len(t.NoEffect) > 0 {
		names := make([]string, len(t.NoEffect))
		for i, id := range t.NoEffect {
			names[i] = m.market.Input(id).Label
		}
		lines = append(lines, "", s.Faint.Render(fmt.Sprintf("No effect on %s in %d: %s.", t.Output.Label(), t.Year, strings.Join(names, ", "))))
	}
	return s.box(title, strings.Join(lines, "\n"), w, h, !m.present)
}

// cellsFor is how many cells a swing takes when maxSwing fills half cells;
// any real swing gets at least one.
func cellsFor(swing, maxSwing float64, half int) int {
	if swing <= 0 || maxSwing <= 0 || math.IsNaN(swing) {
		return 0
	}
	n := int(math.Round(swing / maxSwing * float64(half-1)))
	return max(1, min(half-1, n))
}

func center(s string, w int) string {
	n := cellWidth(s)
	if n >= w {
		return s
	}
	return spaces((w-n)/2) + s
}
