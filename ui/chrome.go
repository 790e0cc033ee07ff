package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
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

// headerLine draws the top line and says where each tab landed. The tabs
// never move: the settings on the right keep one width whatever the theme.
// When space runs out, a long scenario name is shortened first, then the
// market's title gives way to its short name ("China 2015"), then the
// settings on the right go; the market is always named.
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
	badge := m.badge() // kept in every try: a broken file is never hidden
	theme := s.themeName()
	right := badge + st.HeaderRight.Render("   "+s.currency().Code+" · "+theme) + spaces(1+len("light")-len(theme))
	name := s.scenarioLabel()
	mk := s.market
	long := " " + mk.Name + " · " + itoa(mk.BaseYear) + "–" + itoa(mk.LastYear()) + " · "
	calibrated := long // a calibrated market says so while it fits
	if n := mk.CalibrationNote(); n != "" {
		calibrated += n + " · "
	}
	short := " " + firstWord(mk.Name) + " " + itoa(mk.BaseYear) + " · "
	// Tried in order, each only when the one before does not fit.
	type try struct {
		title string
		cut   int // the scenario name's most cells: 0 whole, -1 none, -2 what fits
		right string
	}
	tabsW := cellWidth(tabBar)
	for _, c := range []try{
		{calibrated, 0, right}, {calibrated, 16, right}, {long, 0, right}, {long, 16, right}, {short, 16, right}, {short, 16, badge}, {short, 8, badge},
		{" " + firstWord(mk.Name) + " · ", -2, badge}, {" " + firstWord(mk.Name), -1, badge},
		{" " + firstWord(mk.Name), -1, m.shortBadge()}, {"", -1, m.shortBadge()},
	} {
		title := c.title
		switch {
		case c.cut == 0:
			title += name
		case c.cut > 0:
			title += truncate(name, c.cut)
		case c.cut == -2: // what room is left, if it is enough to read
			room := m.width - cellWidth(left+title) - tabsW - 1
			if room < 4 {
				continue
			}
			title += truncate(name, room)
		}
		head := left + st.Subtle.Render(title)
		gap := m.width - cellWidth(head) - tabsW - cellWidth(c.right)
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
		return head + spaces(gap) + tabBar + c.right, spans
	}
	return fit(left+tabBar, m.width), nil
}

// footerHeight is the lines the footer takes: always two, the status on
// one row and the help bar (or a prompt and its hint), so that no message
// moves the panels above it.
func (m Model) footerHeight() int { return 2 }

func (m Model) footer() string { return strings.Join(m.footerLines(), "\n") }

// moreKey is what a cut message ends in: the key that shows it whole.
func (m Model) moreKey() string { return m.s.keys.Message.Help().Key + ": read it all" }

// statusCut reports whether the message on the status line is longer than
// its row, and so cut.
func (m Model) statusCut() bool {
	return m.width > 0 && m.s.status.text != "" && cellWidth(m.s.status.text) > m.width-1
}

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
		return []string{fit(st.keepBG(m.prompt.View()), w), fit(" "+p.Render(shorten(hint, w-2)), w)}
	}
	line := fit(" "+m.explainSelected(), w)
	if s.status.text != "" {
		p := st.Text
		if s.status.isError {
			p = st.Error
		}
		line, _ = statusRow(s.status.text, m.moreKey(), w, p, st.Accent)
	}
	return []string{line, fit(" "+m.bar, w)}
}

// shorten fits a hint to w cells on its one row: the asides in brackets
// at its end go first, the last first ("… ¥19.8 (CNY converted …) (typing
// replaces …)"), then the end of the text, cut with ….
func shorten(text string, w int) string {
	for t := text; ; {
		if cellWidth(t) <= w {
			return t
		}
		i := strings.LastIndex(t, " (")
		if i <= 0 || !strings.HasSuffix(t, ")") {
			break
		}
		t = t[:i]
	}
	return truncate(text, w)
}

// dimmed draws a form w×h over a frame whose colours give way to one dim
// colour, with a blank cell around the form so its border never runs into
// a panel's. Without colour the frame stays as it is, and the blank cells
// set the form apart.
func (m Model) dimmed(base, form string, w, h int) string {
	st := m.s.styles
	if st.Dim.pre != "" {
		lines := strings.Split(base, "\n")
		for i, l := range lines {
			lines[i] = st.Dim.Render(ansi.Strip(l))
		}
		base = strings.Join(lines, "\n")
	}
	rows := strings.Split(form, "\n")
	framed := make([]string, 0, len(rows)+2)
	framed = append(framed, spaces(w+2))
	for _, r := range rows {
		framed = append(framed, " "+r+" ")
	}
	framed = append(framed, spaces(w+2))
	x := (m.width - w) / 2
	y := max(0, (m.body.h-h)/2)
	return overlay(base, strings.Join(framed, "\n"), x-1, y-1, w+2)
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
	label := in.Label
	if r := m.dash.rows[m.dash.selected]; r.isFamily() {
		label = familyLabel(s.market, m.dash.familyOf(r))
	}
	if in.Note == "" {
		return st.Subtle.Render(label+": ") + st.Accent.Render(in.SourceText())
	}
	return st.Subtle.Render(label+": ") + st.Text.Render(firstSentence(in.Note)) + st.Faint.Render(" · ") + st.Accent.Render(in.SourceText())
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
	k.Message.SetEnabled(view && m.statusCut())
	k.Quit.SetEnabled(m.mode != modePrompt && m.mode != modeSeek && m.mode != modeMessage) // q is typed there, or closes the box
}
