package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// The ? screen: every key the app has, in titled groups laid out in as many
// columns as the window holds (the columns wrap into rows when it is
// narrow), scrolled when it is taller than the window.

type helpScreen struct {
	s      *session
	w, h   int
	vp     viewport.Model
	keys   keyMap // every key in its own words, as the README's table has them
	builtW int    // the width and theme the text was laid out for
	dark   bool
}

func newHelpScreen(s *session) helpScreen {
	keys := newKeyMap(s.market.Local.Code)
	keys.Currency.SetEnabled(s.market.HasLocal()) // nothing to switch to
	return helpScreen{s: s, vp: viewport.New(0, 0), keys: keys}
}

// SetSize sizes the viewport; the text is laid out again by refresh, when
// the screen is open.
func (v *helpScreen) SetSize(w, h int) {
	v.w, v.h = w, h
	v.vp.Width, v.vp.Height = max(1, w-4), max(1, h-2)
}

// refresh lays the groups out again when the width or the theme changed.
func (v *helpScreen) refresh() {
	if v.builtW == v.vp.Width && v.dark == v.s.styles.dark {
		return
	}
	v.vp.SetContent(v.text(v.vp.Width))
	v.builtW, v.dark = v.vp.Width, v.s.styles.dark
}

func (v helpScreen) shortHelp() []key.Binding {
	k := v.s.keys
	return []key.Binding{k.Down, k.PageDown, k.Back}
}

// enableKeys: the text scrolls; ? and esc close it.
func (v *helpScreen) enableKeys(k *keyMap) {
	enable(true, &k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Help, &k.Back)
	k.Up.SetHelp("↑/k", "scroll up")
	k.Down.SetHelp("↓/j", "scroll down")
	k.Back.SetHelp("esc", "close help")
}

// Update scrolls; q quits, ? and esc close the screen.
func (v *helpScreen) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := v.s.keys
	if msg, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(msg, k.Quit):
			return tea.Quit, false
		case key.Matches(msg, k.Help), key.Matches(msg, k.Back):
			return nil, true
		}
	}
	var cmd tea.Cmd
	v.vp, cmd = v.vp.Update(msg)
	return cmd, false
}

func (v helpScreen) View() string {
	title := "Help · every key"
	if v.vp.TotalLineCount() > v.vp.Height {
		title += " · ↑/↓ scroll"
	}
	return v.s.styles.box(title, v.s.styles.keepBG(v.vp.View()), v.w, v.h, true)
}

// text is the groups as columns, as many side by side as fit in width.
func (v helpScreen) text(width int) string {
	st := v.s.styles
	var cols []string
	colW := 0
	for _, g := range v.keys.groups() {
		keyW := 0
		for _, b := range g.keys {
			keyW = max(keyW, cellWidth(b.Help().Key))
		}
		lines := []string{st.Group.Render(strings.ToUpper(g.title))}
		for _, b := range g.keys {
			if !b.Enabled() {
				continue
			}
			lines = append(lines, st.Accent.Render(fit(b.Help().Key, keyW))+"  "+st.Subtle.Render(b.Help().Desc))
		}
		col := strings.Join(lines, "\n")
		colW = max(colW, lipgloss.Width(col))
		cols = append(cols, col)
	}
	const gap = 4
	per := max(1, (width+gap)/(colW+gap))
	var rows []string
	for i := 0; i < len(cols); i += per {
		var row []string
		for j := i; j < min(len(cols), i+per); j++ {
			row = append(row, fitLines(cols[j], colW+gap, lipgloss.Height(cols[j])))
		}
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	tail := []string{
		"",
		strings.Join(wrapLines("Type values as you would say them: 5%, 0.05, 6B, $6bn, 649M"+v.localExample()+", 2017, on/off. The value shown when typing starts is selected: typing replaces it, ←/→ keep it.", width, st.Subtle), "\n"),
		strings.Join(wrapLines("Mouse: click an input to select it, click or drag on its bar to set it, wheel to scroll, click a tab to open its view.", width, st.Subtle), "\n"),
		"",
		st.Faint.Render("? or esc closes this help."),
	}
	return strings.Join(rows, "\n\n") + "\n" + strings.Join(tail, "\n")
}

// localExample is an amount typed in the market's own currency, for the
// help's list of what can be typed: ", ¥36.8bn (CNY at the market's rate)".
func (v helpScreen) localExample() string {
	m := v.s.market
	if !m.HasLocal() {
		return ""
	}
	return ", " + m.Local.Symbol + "36.8bn (" + m.Local.Code + " at the market's rate)"
}
