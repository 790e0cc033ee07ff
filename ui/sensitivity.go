package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"sizeup/market"
)

// The Sensitivity view: a tornado of the market model. Each input goes to
// its low and its high while the others stay where the sliders are; the
// bar shows how far the chosen output in the chosen year moves, largest
// swing first, with the input's value and the output at each end.

type sensitivity struct {
	s       *session
	w, h    int
	present bool
	output  market.Output
	outputs []market.Output // what m cycles through (analysisOutputs)
	year    int
}

func newSensitivity(s *session) sensitivity {
	return sensitivity{s: s, output: s.market.Outputs.Headline, outputs: analysisOutputs(s.market), year: s.market.LastYear()}
}

func (v *sensitivity) SetSize(w, h int, present bool) { v.w, v.h, v.present = w, h, present }

func (v sensitivity) shortHelp() []key.Binding {
	k := v.s.keys
	return []key.Binding{k.YearBack, k.Output, k.GoalSeek, k.NextView}
}

// enableKeys: m cycles the output (on a slide too); ←/→ move the year.
func (v *sensitivity) enableKeys(k *keyMap, presenting bool) {
	k.Output.SetEnabled(true)
	enable(!presenting, &k.YearBack, &k.YearOn)
}

// refresh: the tornado is worked out as it is drawn; nothing is kept.
func (v *sensitivity) refresh() {}

func (v *sensitivity) Update(msg tea.Msg) tea.Cmd {
	key_, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	k := v.s.keys
	switch {
	case key.Matches(key_, k.YearBack):
		v.year = max(v.s.market.BaseYear, v.year-1)
	case key.Matches(key_, k.YearOn):
		v.year = min(v.s.market.LastYear(), v.year+1)
	case key.Matches(key_, k.Output):
		v.output = nextOutput(v.outputs, v.output)
	}
	return nil
}

// title is what a slide of this view is called.
func (v sensitivity) title() string {
	return fmt.Sprintf("What moves %s in %d", v.s.market.Phrase(v.output), v.year)
}

func (v sensitivity) View() string { return v.renderTornado(v.w, v.h) }

func nextOutput(list []market.Output, o market.Output) market.Output {
	for i, x := range list {
		if x == o {
			return list[(i+1)%len(list)]
		}
	}
	return list[0]
}

// renderTornado draws the tornado panel w×h.
func (v sensitivity) renderTornado(w, h int) string {
	s := v.s.styles
	cur := v.s.currency()
	m := v.s.market
	t := familyTornado(v.s, m.Tornado(&v.s.values, v.output, v.year))
	items := familyItems(m)
	format := func(x float64) string { return m.Format(t.Output, x, cur) }
	inner := w - 4
	title := fmt.Sprintf("Sensitivity: %s in %d", m.Phrase(t.Output), t.Year)

	intro := fmt.Sprintf("Each input at its low and its high, the others as set; base %s.", format(t.Base))
	if len(m.Dims) > 0 {
		intro = fmt.Sprintf("Each input at its low and its high (an input with dims: every item at once), the others as set; base %s.", format(t.Base))
	}
	lines := wrapLines(intro, inner, s.Subtle)
	if hint := "m: output · ←/→: year"; !v.present {
		if last := ansi.Strip(lines[len(lines)-1]); cellWidth(last)+3+len(hint) <= inner {
			lines[len(lines)-1] += "   " + s.Faint.Render(hint)
		} else {
			lines = append(lines, s.Faint.Render(hint))
		}
	}
	lines = append(lines, "")
	var tail []string
	if len(t.NoEffect) > 0 {
		names := make([]string, len(t.NoEffect))
		for i, id := range t.NoEffect {
			names[i] = inputLabel(m, id, items)
		}
		tail = append([]string{""}, wrapLines(fmt.Sprintf("No effect on %s in %d: %s.", m.Phrase(t.Output), t.Year, strings.Join(names, " · ")), inner, s.Faint)...)
	}

	const labelW, outW = 16, 8
	inW := tornadoInputWidth(&t, m, cur, inner-labelW-2*(outW+2)-2)
	barW := inner - labelW - 2*(inW+outW+2) - 2
	if barW < 10 {
		barW = 10
	}
	half, scale := tornadoScale(&t, barW)
	axis := "lower ◂ base ▸ higher"
	if barW < cellWidth(axis)+2 {
		axis = "◂ base ▸"
	}
	// The axis words centred on the base line.
	axisAt := clamp(half-cellWidth("lower ◂ b"), 0, max(0, barW-cellWidth(axis)))
	if axis != "lower ◂ base ▸ higher" {
		axisAt = clamp(half-cellWidth("◂ b"), 0, max(0, barW-cellWidth(axis)))
	}
	header := fit("", labelW) + padLeft("input", inW) + " " + padLeft("gives", outW) + " " + fit(spaces(axisAt)+axis, barW) + " " + fit("gives", outW) + " " + fit("input", inW)
	lines = append(lines, s.Faint.Render(header))
	rows := h - 2 - len(lines) - len(tail)
	// The rows go to the bars: a blank line between them when there is
	// room, and each bar two rows thick when there is room for that too,
	// if need be in the blank lines around the list.
	n := len(t.Bars)
	spaced := 2*n <= rows
	thick := n > 0 && 3*n <= rows
	if !thick && n > 0 && 3*n <= rows+2 && len(tail) > 0 && lines[len(lines)-2] == "" {
		thick = true
		tail = tail[1:]
		if 3*n > rows+1 {
			lines = append(lines[:len(lines)-2], lines[len(lines)-1]) // the blank under the intro
		}
	}
	// Rows still spare after thick, spaced bars widen the gaps between
	// them, one row at most each, spread evenly, so a tall window shows the
	// list from top to bottom rather than a blank block under it.
	spare := 0
	if thick {
		spare = min(rows-3*n, n-1)
	}
	for i, bar := range t.Bars {
		if spaced {
			lines = append(lines, "")
		}
		if i > 0 && spare > 0 && spare*i/(n-1) != spare*(i-1)/(n-1) {
			lines = append(lines, "")
		}
		if !spaced && i >= rows-1 && i < len(t.Bars)-1 {
			lines = append(lines, s.Faint.Render(fmt.Sprintf("… %d more inputs with smaller swings", len(t.Bars)-i)))
			break
		}
		// The end that lowers the output goes left, whichever input value it is.
		lowOut, lowIn, highOut, highIn := bar.AtLow, bar.LowValue, bar.AtHigh, bar.HighValue
		if lowOut > highOut {
			lowOut, lowIn, highOut, highIn = highOut, highIn, lowOut, lowIn
		}
		barText := tornadoBar(s, cellsAt(t.Base-lowOut, scale, half), cellsAt(highOut-t.Base, scale, barW-half), half, barW, spaced)
		in := m.Input(bar.Input)
		line := s.Label.Render(fit(inputLabel(m, bar.Input, items), labelW)) +
			s.Subtle.Render(padLeft(fitValue(in.Format(lowIn, cur), inW), inW)) + " " + s.Value.Render(padLeft(format(lowOut), outW)) + " " +
			barText + " " +
			s.Value.Render(fit(format(highOut), outW)) + " " + s.Subtle.Render(fit(fitValue(in.Format(highIn, cur), inW), inW))
		lines = append(lines, line)
		if thick {
			lines = append(lines, spaces(labelW+inW+1+outW+1)+barText)
		}
	}
	lines = append(lines, tail...)
	return s.box(title, strings.Join(lines, "\n"), w, h, !v.present)
}

// tornadoScale places the base line: where the largest fall and the
// largest rise share the bar's width between them, so neither side is
// left blank when the swings are lopsided (conversion's rise against its
// fall); scale is the output per cell on both sides.
func tornadoScale(t *market.Tornado, barW int) (half int, scale float64) {
	maxDown, maxUp := 0.0, 0.0
	for _, bar := range t.Bars {
		lo, hi := math.Min(bar.AtLow, bar.AtHigh), math.Max(bar.AtLow, bar.AtHigh)
		maxDown, maxUp = math.Max(maxDown, t.Base-lo), math.Max(maxUp, hi-t.Base)
	}
	half = barW / 2
	if maxDown+maxUp > 0 {
		half = clamp(int(math.Round(float64(barW-1)*maxDown/(maxDown+maxUp)))+1, 2, barW-2)
	}
	return half, math.Max(maxDown/float64(max(1, half-1)), maxUp/float64(max(1, barW-half-1)))
}

// cellsAt is how many cells a swing takes at scale (output per cell) on a
// side of side cells, the base line's included; any real swing gets at
// least one.
func cellsAt(swing, scale float64, side int) int {
	if swing <= 0 || scale <= 0 || math.IsNaN(swing) {
		return 0
	}
	n := int(math.Round(swing / scale))
	return max(1, min(side-1, n))
}

// fitValue is a figure in w cells: without its unit's word when it does
// not fit ("6.62M homes" → "6.62M", "$17.6k/home" → "$17.6k"), the
// column's header and the input's panel saying what it is of.
func fitValue(text string, w int) string {
	if cellWidth(text) <= w {
		return text
	}
	if i := strings.IndexAny(text, " /"); i > 0 {
		return text[:i]
	}
	return text
}

// tornadoInputWidth is the width of the tornado's input columns: their
// widest value ($17.6k/home, 6.62M homes) where room (the width left for
// the two columns and the bars) keeps bars of 24 cells, 9 at least.
func tornadoInputWidth(t *market.Tornado, m *market.Market, cur market.Currency, room int) int {
	w := 9
	for _, bar := range t.Bars {
		in := m.Input(bar.Input)
		w = max(w, cellWidth(in.Format(bar.LowValue, cur)), cellWidth(in.Format(bar.HighValue, cur)))
	}
	return min(w, max(9, (room-24)/2))
}

// tornadoBar is one bar, left cells of fall and right cells of rise about
// the base line at half, barW cells in all. Bars on consecutive rows are
// three-quarter blocks, so that a gap shows between them (full blocks
// merge into one slab).
func tornadoBar(s *Styles, left, right, half, barW int, spaced bool) string {
	block := "█"
	if !spaced {
		block = "▆"
	}
	return spaces(half-left) + s.Bad.Render(strings.Repeat(block, left)) + s.Faint.Render("│") + s.Good.Render(strings.Repeat(block, right)) + spaces(barW-half-1-right)
}
