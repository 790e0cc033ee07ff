package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// render draws the whole frame: header, the current view, status and help.
// Every line is exactly the terminal's width, so nothing wraps.
func (m Model) render() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	if m.layout.tooSmall {
		return m.renderTooSmall()
	}
	if m.present {
		return m.renderPresentation()
	}
	var body string
	switch {
	case m.showHelp:
		body = fitLines(m.renderHelp(), m.width, m.layout.body.h)
	case m.view == viewSources:
		body = fitLines(m.renderSources(), m.width, m.layout.body.h)
	case m.view == viewSensitivity:
		body = fitLines(m.renderSensitivity(), m.width, m.layout.body.h)
	case m.view == viewUncertainty:
		body = fitLines(m.renderUncertainty(), m.width, m.layout.body.h)
	case m.view == viewScenarios:
		body = fitLines(m.renderScenarios(), m.width, m.layout.body.h)
	default:
		body = m.renderDashboard() // exactly the body's size by construction
	}
	if m.seeking {
		w := min(m.width-4, 84)
		form, h := m.renderSeek(w)
		body = overlay(body, form, (m.width-w)/2, max(0, (m.layout.body.h-h)/2), w)
	}
	return m.renderHeader() + "\n" + body + "\n" + m.renderFooter()
}

func (m Model) renderTooSmall() string {
	msg := fmt.Sprintf("sizeup needs a window of at least %d×%d; this one is %d×%d. Please make it larger.", minWidth, minHeight, m.width, m.height)
	style := m.styles.r.NewStyle().Width(m.width).Align(lipgloss.Center)
	text := m.styles.Text.Render(style.Render(ansi.Wordwrap(msg, max(10, m.width-4), " ")))
	return fitLines(lipgloss.PlaceVertical(m.height, lipgloss.Center, text), m.width, m.height)
}

// tabSpan is where a view's tab sits in the header, for mouse clicks.
type tabSpan struct {
	v        view
	from, to int
}

func (m Model) renderHeader() string {
	line, _ := m.header()
	return line
}

func (m Model) tabSpans() []tabSpan {
	_, spans := m.header()
	return spans
}

// header draws the top line and says where each tab landed.
func (m Model) header() (string, []tabSpan) {
	s := m.styles
	left := s.Brand.Render(" sizeup ")
	scenario := m.scenario
	if m.values != m.scenarioValues {
		scenario += "*" // moved since it was opened or saved
	}
	title := s.Subtle.Render(fmt.Sprintf(" %s · %d–%d · %s", m.market.Name, m.market.BaseYear, m.market.LastYear(), scenario))

	tabs := make([]string, len(viewInfo))
	for i, vi := range viewInfo {
		if vi.v == m.view && !m.showHelp {
			tabs[i] = " " + s.TabActive.Render(vi.name) + " "
		} else {
			tabs[i] = " " + s.Tab.Render(vi.name) + " "
		}
	}
	tabBar := strings.Join(tabs, "")
	right := s.HeaderRight.Render("   "+m.currency().Code+" · "+m.themeName()) + " "

	// Drop the title first, then the settings on the right, when space runs out.
	for _, withTitle := range []bool{true, false} {
		for _, withRight := range []bool{true, false} {
			if !withRight && withTitle {
				continue
			}
			head, tail := left, ""
			if withTitle {
				head += title
			}
			if withRight {
				tail = right
			}
			gap := m.width - cellWidth(head) - cellWidth(tabBar) - cellWidth(tail)
			if gap < 1 {
				continue
			}
			x := cellWidth(head) + gap
			spans := make([]tabSpan, len(viewInfo))
			for i, t := range tabs {
				w := cellWidth(t)
				spans[i] = tabSpan{viewInfo[i].v, x, x + w}
				x += w
			}
			return head + strings.Repeat(" ", gap) + tabBar + tail, spans
		}
	}
	return fit(left+tabBar, m.width), nil
}

// renderFooter is the status line and the help bar. While a value is
// being typed, a refusal takes the help bar's line so it can be read whole.
func (m Model) renderFooter() string {
	s := m.styles
	var status string
	second := " " + m.helpBar()
	switch {
	case m.editing:
		in := m.market.Input(m.selectedID())
		label, accepted := in.Label, in.Accepted()
		switch m.edit {
		case editTarget:
			label, accepted = "Target net revenue", "an amount like $500M, 1.2bn or ¥3bn"
		case editSaveName:
			label, accepted = "Save as", "a name: letters, digits, spaces and - _ . , ' ( ) + &, up to 64 characters"
		case editSaveNote:
			label, accepted = "Note for "+m.pendingName, "a sentence on what this scenario is about (or nothing); enter saves"
		case editRename:
			label, accepted = "Rename "+m.renameFrom+" to", "a name: letters, digits, spaces and - _ . , ' ( ) + &, up to 64 characters"
		}
		status = s.Accent.Render(" "+label+" ▸ ") + m.editor.View() + "  " + s.Faint.Render(m.helpBar())
		if m.isError {
			second = " " + s.Error.Render(m.status)
		} else {
			second = " " + s.Faint.Render("type "+accepted)
		}
	case m.status != "" && m.isError:
		status = " " + s.Error.Render(m.status)
	case m.status != "":
		status = " " + s.Text.Render(m.status)
	default:
		status = " " + m.explainSelected()
	}
	return fit(status, m.width) + "\n" + fit(second, m.width)
}

// helpBar is the short help for the keys enabled now. It is drawn again
// only when that set, the width or the theme changes.
func (m Model) helpBar() string {
	var key [64]byte
	k := append(key[:0], byte(m.width), byte(m.width>>8))
	if m.styles.dark {
		k = append(k, 'd')
	}
	for _, b := range m.keys.ShortHelp() {
		if b.Enabled() {
			k = append(k, '1')
		} else {
			k = append(k, '0')
		}
	}
	if m.helpCache.out != "" && string(k) == m.helpCache.key {
		return m.helpCache.out
	}
	m.helpCache.key, m.helpCache.out = string(k), m.help.View(m.keys)
	return m.helpCache.out
}

// explainSelected says what the selected input means and where it comes from.
func (m Model) explainSelected() string {
	s := m.styles
	if m.view != viewDashboard {
		return s.Faint.Render(m.market.Title)
	}
	in := m.market.Input(m.selectedID())
	note := firstSentence(in.Note)
	src := in.SourceText()
	return s.Subtle.Render(in.Label+": ") + s.Text.Render(note) + s.Faint.Render(" · ") + s.Accent.Render(src)
}

func firstSentence(s string) string {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' {
			return s[:i+1]
		}
	}
	return s
}

func (m Model) renderHelp() string {
	s := m.styles
	h := m.help
	h.ShowAll = true
	full := h.View(m.keys)
	text := s.Title.Render("Keys") + "\n\n" + full + "\n\n" +
		s.Subtle.Render("Type values as you would say them: 5%, 0.05, 6B, $6bn, 649M, ¥36.8bn (yuan at the market's rate), 2017, on/off.") + "\n" +
		s.Subtle.Render("Mouse: click an input to select it, click or drag on its bar to set it, wheel to scroll.") + "\n\n" +
		s.Faint.Render("? or esc closes this help.")
	return s.box("Help", text, m.width, m.layout.body.h, true)
}
