package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"

	"sizeup/market"
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
	tabs := make([]string, len(viewInfo))
	for i, vi := range viewInfo {
		switch {
		case vi.v != m.view || m.mode == modeHelp:
			tabs[i] = " " + st.Tab.Render(vi.name) + " "
		case st.colorless():
			tabs[i] = "[" + vi.name + "]" // no colour, no underline: brackets say which
		default:
			tabs[i] = " " + st.TabActive.Render(vi.name) + " "
		}
	}
	tabBar := strings.Join(tabs, "")
	right := st.HeaderRight.Render("   "+s.currency().Code+" · "+s.themeName()) + " "
	name := s.scenarioLabel()
	title := func(name string) string {
		return st.Subtle.Render(" " + s.market.Name + " · " + itoa(s.market.BaseYear) + "–" + itoa(s.market.LastYear()) + " · " + name)
	}
	// Tried in order, each only when the one before does not fit.
	candidates := []func() (string, string){
		func() (string, string) { return left + title(name), right },
		func() (string, string) { return left + title(truncate(name, 16)), right },
		func() (string, string) { return left + title(truncate(name, 16)), "" },
		func() (string, string) { return left + st.Subtle.Render(" "+truncate(name, 16)), "" },
		func() (string, string) { return left, "" },
	}
	tabsW := cellWidth(tabBar)
	for _, c := range candidates {
		head, tail := c()
		gap := m.width - cellWidth(head) - tabsW - cellWidth(tail)
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
	return append(lines, fit(" "+s.bars.get(s.help, m.shortHelp(), w-2, st), w))
}

// shortHelp is the help bar for what has the keys, ending in ? help and q
// quit, which always stay.
func (m Model) shortHelp() []key.Binding {
	k := m.s.keys
	var list []key.Binding
	switch m.mode {
	case modeSeek:
		return m.seek.shortHelp()
	case modeHelp:
		list = m.help.shortHelp()
	case modePresent:
		list = m.slide.shortHelp()
	default:
		switch m.view {
		case viewDashboard:
			list = m.dash.shortHelp()
		case viewUncertainty:
			list = m.unc.shortHelp()
		case viewSensitivity:
			list = m.sens.shortHelp()
		case viewScenarios:
			list = m.scen.shortHelp()
		case viewSources:
			list = m.src.shortHelp()
		}
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
// help never lies.
func (m *Model) updateKeys() {
	s := m.s
	k := &s.keys
	view := m.mode == modeView
	dash := view && m.view == viewDashboard
	scen := view && m.view == viewScenarios
	sens := (view || m.mode == modePresent) && m.view == viewSensitivity
	unc := (view || m.mode == modePresent) && m.view == viewUncertainty && s.mc.result() != nil
	src := view && m.view == viewSources
	id := m.dash.selectedID()
	in := s.market.Input(id)
	isSwitch := in.Kind == market.KindSwitch

	for _, b := range []*key.Binding{&k.Left, &k.Right, &k.ChartScale, &k.Edit} {
		b.SetEnabled(dash)
	}
	k.Up.SetEnabled(dash || scen || src || m.mode == modeHelp)
	k.Down.SetEnabled(dash || scen || src || m.mode == modeHelp)
	switch {
	case scen:
		k.Up.SetHelp("↑/k", "previous scenario")
		k.Down.SetHelp("↓/j", "next scenario")
	case src || m.mode == modeHelp:
		k.Up.SetHelp("↑/k", "scroll up")
		k.Down.SetHelp("↓/j", "scroll down")
	default:
		k.Up.SetHelp("↑/k", "previous input")
		k.Down.SetHelp("↓/j", "next input")
	}
	if isSwitch {
		k.Left.SetHelp("←/h", "switch off")
		k.Right.SetHelp("→/l", "switch on")
	} else {
		k.Left.SetHelp("←/h", "decrease")
		k.Right.SetHelp("→/l", "increase")
	}
	k.BigLeft.SetEnabled(dash && !isSwitch)
	k.BigRight.SetEnabled(dash && !isSwitch)
	k.Toggle.SetEnabled(dash && isSwitch)
	k.Reset.SetEnabled(dash && s.values[id] != s.defaults[id])
	k.ResetAll.SetEnabled(view && s.moved())
	k.Undo.SetEnabled(view && len(s.undo) > 0)
	k.Redo.SetEnabled(view && len(s.redo) > 0)
	k.Hindsight.SetEnabled(dash && hasHindsight(s.market))
	k.TryImplied.SetEnabled(dash && m.dash.hindsight && m.dash.implied.ok)
	sampled := s.mc != nil && in.Kind.Uncertain()
	k.Narrow.SetEnabled(dash && sampled && !s.unc.Pinned[id])
	k.Widen.SetEnabled(dash && sampled && !s.unc.Pinned[id])
	k.Pin.SetEnabled(dash && sampled)

	k.Save.SetEnabled(view)
	k.Open.SetEnabled(view && m.view != viewScenarios)
	k.Mark.SetEnabled(scen)
	k.Delete.SetEnabled(scen)
	k.Rename.SetEnabled(scen)
	k.PageUp.SetEnabled(src || m.mode == modeHelp)
	k.PageDown.SetEnabled(src || m.mode == modeHelp)
	k.YearBack.SetEnabled(sens && view)
	k.YearOn.SetEnabled(sens && view)
	k.GoalSeek.SetEnabled(view && m.view != viewSources)
	k.Output.SetEnabled(sens || unc)
	switch {
	case m.view == viewUncertainty:
		k.Edit.SetEnabled(view && unc)
		k.Edit.SetHelp("⏎", "change target")
	case scen:
		k.Edit.SetEnabled(true)
		k.Edit.SetHelp("⏎", "open")
	default:
		k.Edit.SetHelp("⏎", "type a value")
	}

	live := view || m.mode == modePresent
	k.Present.SetEnabled(live)
	k.Export.SetEnabled(live)
	k.ExportChart.SetEnabled(live && m.view != viewSources)
	k.Copy.SetEnabled(live && m.view != viewSources && s.clipboard != nil)
	for _, b := range []*key.Binding{&k.Currency, &k.Theme, &k.NextView, &k.PrevView, &k.Views} {
		b.SetEnabled(live)
	}
	k.Currency.SetEnabled(live && s.market.HasLocal())
	k.Help.SetEnabled(view || m.mode == modeHelp)
	k.Quit.SetEnabled(m.mode != modePrompt && m.mode != modeSeek)
	k.Back.SetEnabled(m.mode == modeHelp || m.mode == modePresent)
	if m.mode == modePresent {
		k.Back.SetHelp("esc", "leave the slide")
	} else {
		k.Back.SetHelp("esc", "close help")
	}

	seek := m.mode == modeSeek
	k.Apply.SetEnabled(seek || m.mode == modePrompt)
	k.Cancel.SetEnabled(seek || m.mode == modePrompt)
	for _, b := range []*key.Binding{&k.FieldUp, &k.FieldDown, &k.ChoicePrev, &k.ChoiceNext} {
		b.SetEnabled(seek)
	}
	k.ChoicePrev.SetEnabled(seek && m.seek.field != seekTarget)
	k.ChoiceNext.SetEnabled(seek && m.seek.field != seekTarget)
	switch {
	case seek && m.seek.answer != nil && m.seek.answer.Found:
		k.Apply.SetHelp("⏎", "apply (u undoes it)")
	case seek:
		k.Apply.SetHelp("⏎", "seek")
	default:
		k.Apply.SetHelp("⏎", "apply")
	}
	if seek {
		k.FieldDown.SetHelp("↑/↓", "field")
		k.ChoiceNext.SetHelp("←/→", "choice")
		k.Cancel.SetHelp("esc", "close")
	} else {
		k.FieldDown.SetHelp("↓", "next field")
		k.ChoiceNext.SetHelp("→", "next choice")
		k.Cancel.SetHelp("esc", "cancel")
	}
}
