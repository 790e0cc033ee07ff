package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
)

// The chrome around the views: the header with the market, the scenario
// and the tabs; the footer with the status line and the help bar; and the
// keys switched on for what is on screen.

func itoa(n int) string { return strconv.Itoa(n) }

func (m Model) tooSmall() string {
	st := m.s.styles
	msg := fmt.Sprintf("sizeup needs a window of at least %d×%d; this one is %d×%d. Please make it larger.", minWidth, minHeight, m.width, m.height)
	lines := wrapLines(msg, max(10, m.width-4), st.Text)
	for i, l := range lines {
		lines[i] = center(l, m.width)
	}
	return fitLines(lipgloss.PlaceVertical(m.height, lipgloss.Center, strings.Join(lines, "\n")), m.width, m.height)
}

// tabSpan is where a view's tab sits in the header, for mouse clicks.
type tabSpan struct {
	v        view
	from, to int
}

func (m Model) tabSpans() []tabSpan {
	_, spans := m.headerLine()
	return spans
}

func (m Model) header() string {
	line, _ := m.headerLine()
	return line
}

// headerLine draws the top line and says where each tab landed. When space
// runs out, a long scenario name is shortened first, then the market's
// title goes, then the settings on the right.
func (m Model) headerLine() (string, []tabSpan) {
	s := m.s
	st := s.styles
	left := st.Brand.Render(" sizeup ")
	tabs := make([]string, len(views))
	for i, e := range views {
		switch {
		case e.id != m.view || m.mode == modeHelp:
			tabs[i] = " " + st.Tab.Render(e.name) + " "
		case st.colorless():
			tabs[i] = "[" + e.name + "]" // no colour, no underline: brackets say which
		default:
			tabs[i] = " " + st.TabActive.Render(e.name) + " "
		}
	}
	tabBar := strings.Join(tabs, "")
	badge := m.badge() // kept in every candidate: a broken file is never hidden
	right := badge + st.HeaderRight.Render("   "+s.currency().Code+" · "+s.themeName()) + " "
	name := s.scenarioLabel()
	title := func(name string) string {
		return st.Subtle.Render(" " + s.market.Name + " · " + itoa(s.market.BaseYear) + "–" + itoa(s.market.LastYear()) + " · " + name)
	}
	// Tried in order, each only when the one before does not fit.
	candidates := []func() (string, string){
		func() (string, string) { return left + title(name), right },
		func() (string, string) { return left + title(truncate(name, 16)), right },
		func() (string, string) { return left + title(truncate(name, 16)), badge },
		func() (string, string) { return left + st.Subtle.Render(" "+truncate(name, 16)), badge },
		func() (string, string) { return left, badge },
		func() (string, string) { return left, m.shortBadge() },
	}
	tabsW := cellWidth(tabBar)
	for _, c := range candidates {
		head, tail := c()
		gap := m.width - cellWidth(head) - tabsW - cellWidth(tail)
		if gap < 1 {
			continue
		}
		x := cellWidth(head) + gap
		spans := make([]tabSpan, len(views))
		for i, t := range tabs {
			w := cellWidth(t)
			spans[i] = tabSpan{views[i].id, x, x + w}
			x += w
		}
		return head + spaces(gap) + tabBar + tail, spans
	}
	return fit(left+tabBar, m.width), nil
}

// footerHeight is the lines the footer needs now: the status (wrapped, up
// to three lines) or a prompt and its hint, and the help bar.
func (m Model) footerHeight() int {
	switch {
	case m.width <= 0:
		return 2
	case m.mode == modePrompt:
		hint, _ := m.prompt.hint()
		return 1 + min(3, len(wrap(hint, m.width-2)))
	case m.s.status.text != "":
		return 1 + min(3, len(wrap(m.s.status.text, m.width-2)))
	}
	return 2
}

func (m Model) footer() string { return strings.Join(m.footerLines(), "\n") }

func (m Model) footerLines() []string {
	s := m.s
	st := s.styles
	w := m.width
	if w <= 0 {
		return []string{"", ""}
	}
	if m.mode == modePrompt {
		hint, isErr := m.prompt.hint()
		p := st.Faint
		if isErr {
			p = st.Error
		}
		lines := []string{fit(st.keepBG(m.prompt.View()), w)}
		for _, l := range wrap(hint, w-2) {
			lines = append(lines, fit(" "+p.Render(l), w))
		}
		if len(lines) > 4 {
			lines = lines[:4]
		}
		return lines
	}
	var lines []string
	switch {
	case s.status.text != "":
		p := st.Text
		if s.status.isError {
			p = st.Error
		}
		for _, l := range wrap(s.status.text, w-2) {
			lines = append(lines, fit(" "+p.Render(l), w))
		}
		if len(lines) > 3 {
			lines = append(lines[:2], fit(" "+p.Render(truncate(strings.Join(wrap(s.status.text, w-2)[2:], " "), w-2)), w))
		}
	default:
		lines = []string{fit(" "+m.explainSelected(), w)}
	}
	return append(lines, fit(" "+m.bar, w))
}

// shortHelp is the help bar for what has the keys, ending in ? help and q
// quit, which always stay; a goal seek form draws its own.
func (m *Model) shortHelp() []key.Binding {
	k := m.s.keys
	list, ok := m.modalHelp()
	if !ok {
		list = m.current().shortHelp()
	}
	return append(list, k.Help, k.Quit)
}

// explainSelected says what the selected input means and where it comes
// from; on other views, the market's title.
func (m Model) explainSelected() string {
	s := m.s
	st := s.styles
	if m.view != viewDashboard {
		return st.Faint.Render(s.market.Title)
	}
	in := s.market.Input(m.dash.selectedID())
	if in.Note == "" {
		return st.Subtle.Render(in.Label+": ") + st.Accent.Render(in.SourceText())
	}
	return st.Subtle.Render(in.Label+": ") + st.Text.Render(firstSentence(in.Note)) + st.Faint.Render(" · ") + st.Accent.Render(in.SourceText())
}

// updateKeys switches on only the bindings that do something now, so the
// help never lies: every key off, then the keys the root shares across
// views, then those of the view and of the modal part that has the keys.
func (m *Model) updateKeys() {
	k := &m.s.keys
	k.disableAll()
	m.enableGlobalKeys(k)
	switch m.mode {
	case modeView:
		m.current().enableKeys(k, false)
	case modePresent:
		m.current().enableKeys(k, true)
	}
	m.modalKeys(k)
}

// enableGlobalKeys switches on the keys every view shares: history, files,
// display, views, help and quit. On a slide only the display, the views
// and the screenshots work; in a form or while typing, only the form's.
func (m *Model) enableGlobalKeys(k *keyMap) {
	s := m.s
	view := m.mode == modeView
	live := view || m.mode == modePresent
	chart := views[m.view].chart != ""
	enable(view, &k.Save, &k.Open, &k.GoalSeek)
	k.ResetAll.SetEnabled(view && s.moved())
	k.Undo.SetEnabled(view && len(s.undo) > 0)
	k.Redo.SetEnabled(view && len(s.redo) > 0)
	enable(live, &k.Present, &k.Export, &k.Theme, &k.NextView, &k.PrevView, &k.Views)
	k.ExportChart.SetEnabled(live && chart)
	k.Copy.SetEnabled(live && chart && s.clipboard != nil)
	k.Currency.SetEnabled(live && s.market.HasLocal())
	k.Help.SetEnabled(view)
	k.Notes.SetEnabled(view && m.hasNotes())
	k.Quit.SetEnabled(m.mode != modePrompt && m.mode != modeSeek) // q is typed there
}
