package ui

import (
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// Mouse: click an input to select it, click or drag on its bar to set it,
// wheel to scroll. Hit-testing uses the same layout the frame was drawn with.

func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.layout.tooSmall || m.editing || m.showHelp || m.present || m.seeking {
		return nil
	}
	if msg.Action == tea.MouseActionPress && msg.Button == tea.MouseButtonLeft && msg.Y == 0 {
		m.clickTab(msg.X)
		return nil
	}
	switch m.view {
	case viewSources:
		var cmd tea.Cmd
		m.sources, cmd = m.sources.Update(msg)
		return cmd
	case viewDashboard:
		m.mouseSliders(msg)
	}
	return nil
}

func (m *Model) mouseSliders(msg tea.MouseMsg) {
	sl := m.layout.sliders
	switch {
	case msg.Button == tea.MouseButtonWheelUp || msg.Button == tea.MouseButtonWheelDown:
		if !sl.contains(msg.X, msg.Y) {
			return
		}
		d := 1
		if msg.Button == tea.MouseButtonWheelUp {
			d = -1
		}
		m.scrollSliders(d)
		return
	case msg.Button != tea.MouseButtonLeft:
		return
	case msg.Action == tea.MouseActionRelease:
		m.dragging = false
		return
	case msg.Action == tea.MouseActionMotion && !m.dragging:
		return
	}
	if !sl.contains(msg.X, msg.Y) && !m.dragging {
		return
	}
	inner := sl.w - 4
	g := geometryFor(inner)
	barStart := sl.x + 2 + g.barX()
	if msg.Action == tea.MouseActionPress {
		i := m.offset + msg.Y - sl.y - 1
		if msg.Y <= sl.y || msg.Y >= sl.y+sl.h-1 || i < 0 || i >= len(m.rows) || !m.rows[i].isInput() {
			return
		}
		m.selectRow(i)
		in := m.market.Input(m.selectedID())
		if msg.X >= barStart && msg.X < barStart+g.bar {
			if in.Kind == market.KindSwitch {
				m.toggle(in.ID)
				return
			}
			m.dragging = true
			m.dragFrom = m.values
		} else {
			return
		}
	}
	in := m.market.Input(m.selectedID())
	if in.Kind == market.KindSwitch || g.bar < 2 {
		return
	}
	f := float64(msg.X-barStart) / float64(g.bar-1)
	v := valueAt(in, f)
	if v == m.values[in.ID] {
		return
	}
	// A drag is one change for undo: the values before the press.
	if msg.Action == tea.MouseActionMotion && len(m.undo) > 0 && m.undo[len(m.undo)-1] == m.dragFrom {
		m.values[in.ID] = v
		m.evaluate()
		return
	}
	m.change(func(vals *market.Values) { vals[in.ID] = v }, "")
}

func (m *Model) scrollSliders(d int) {
	h := m.sliderRows()
	m.offset = clamp(m.offset+d, 0, max(0, len(m.rows)-h))
	// Keep the selection inside the window.
	if m.selected < m.offset {
		m.moveSelectionTo(m.offset, +1)
	} else if m.selected >= m.offset+h {
		m.moveSelectionTo(m.offset+h-1, -1)
	}
}

// moveSelectionTo selects the nearest input row from i in direction d,
// without moving the window.
func (m *Model) moveSelectionTo(i, d int) {
	for ; i >= 0 && i < len(m.rows); i += d {
		if m.rows[i].isInput() {
			m.selected = i
			return
		}
	}
}

// clickTab switches to the tab under column x of the header.
func (m *Model) clickTab(x int) {
	for _, t := range m.tabSpans() {
		if x >= t.from && x < t.to {
			m.view = t.v
			m.showHelp = false
			return
		}
	}
}
