package ui

import (
	"slices"
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
	// A market without dims has no input to open and no items to stack.
	enable(len(s.market.Dims) > 0, &keys.OpenItems, &keys.CloseItems, &keys.Stacked)

	return helpScreen{s: s, vp: newTextViewport(), keys: keys}
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
	return []key.Binding{k.Down, k.Up, k.PageDown, k.CloseHelp}
}

// enableKeys: the text scrolls, where there is more of it; ? and esc
// close it, and the bar says so (the ? that opens help is off while it
// is open).
func (v *helpScreen) enableKeys(k *keyMap) {
	k.CloseHelp.SetEnabled(true)
	enable(!v.vp.AtTop(), &k.Up, &k.PageUp, &k.Top)
	enable(!v.vp.AtBottom(), &k.Down, &k.PageDown, &k.Bottom)
	k.Up.SetHelp("↑/k", "scroll up")
	k.Down.SetHelp("↓/j", "scroll down")
}

// Update scrolls; q quits, ? and esc close the screen.
func (v *helpScreen) Update(msg tea.Msg) (tea.Cmd, bool) {
	k := v.s.keys
	if msg, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(msg, k.Quit):
			return tea.Quit, false
		case key.Matches(msg, k.CloseHelp):
			return nil, true
		case key.Matches(msg, k.Top):
			v.vp.GotoTop()
			return nil, false
		case key.Matches(msg, k.Bottom):
			v.vp.GotoBottom()
			return nil, false
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

// text is the groups in as many columns as fit in width, then how values
// are typed and what the mouse does.
func (v helpScreen) text(width int) string {
	st := v.s.styles
	tail := []string{
		"",
		strings.Join(wrapLines("Type values as you would say them: 5%, 0.05, 6B, $6bn, 649M"+v.localExample()+", 2017, on/off. The value shown when typing starts is selected: typing replaces it, ←/→ keep it.", width, st.Subtle), "\n"),
		strings.Join(wrapLines("Mouse: click an input to select it, click or drag on its bar to set it, wheel to scroll, click a tab to open its view.", width, st.Subtle), "\n"),
		"",
		st.Faint.Render("? or esc closes this help."),
	}
	// A group with no key on (the keys of inputs with dims, in a market
	// without) is left out.
	groups := slices.DeleteFunc(v.keys.groups(), func(g keyGroup) bool {
		return !slices.ContainsFunc(g.keys, key.Binding.Enabled)
	})
	return keyColumns(groups, width, st) + "\n" + strings.Join(tail, "\n")
}

// helpColumnMin is the narrowest column of the ? screen: a key and a
// few words of what it does, longer words wrapping under them.
const helpColumnMin = 32

// keyColumns lays the groups out in as many columns of at least
// helpColumnMin cells as fit in width, in order, each column about as
// tall as the others.
func keyColumns(groups []keyGroup, width int, st *Styles) string {
	const gap = 3
	n := max(1, min(len(groups), (width+gap)/(helpColumnMin+gap)))
	colW := (width - gap*(n-1)) / n
	blocks := make([][]string, len(groups))
	heights := make([]int, len(groups))
	for i, g := range groups {
		blocks[i] = keyBlock(g, colW, st)
		heights[i] = len(blocks[i]) + 1 // and the blank line under it
	}
	cols := make([]string, 0, n)
	for _, part := range balance(heights, n) {
		var lines []string
		for _, i := range part {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, blocks[i]...)
		}
		cols = append(cols, fitLines(strings.Join(lines, "\n"), colW, len(lines)))
	}
	for i := 0; i < len(cols)-1; i++ {
		cols[i] = lipgloss.JoinHorizontal(lipgloss.Top, cols[i], spaces(gap))
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, cols...)
}

// keyBlock is one group: its title, then a line per enabled key, the
// words wrapping under themselves when longer than the column.
func keyBlock(g keyGroup, w int, st *Styles) []string {
	keyW := 0
	for _, b := range g.keys {
		keyW = max(keyW, cellWidth(b.Help().Key))
	}
	title, keyed, _ := strings.Cut(g.title, " (") // "Goal seek (g)": the key as it is typed
	if keyed != "" {
		keyed = " (" + keyed
	}
	lines := []string{st.Group.Render(strings.ToUpper(title) + keyed)}
	for _, b := range g.keys {
		if !b.Enabled() {
			continue
		}
		for i, l := range wrap(b.Help().Desc, max(8, w-keyW-2)) {
			k := spaces(keyW)
			if i == 0 {
				k = st.Accent.Render(fit(b.Help().Key, keyW))
			}
			lines = append(lines, k+"  "+st.Subtle.Render(l))
		}
	}
	return lines
}

// balance splits heights, in order, into at most n runs whose tallest is
// as short as it can be: the columns of the ? screen.
func balance(heights []int, n int) [][]int {
	// best[c][i]: the tallest column when the first i groups are in c columns.
	inf := int(^uint(0) >> 1)
	best := make([][]int, n+1)
	cut := make([][]int, n+1)
	for c := range best {
		best[c] = make([]int, len(heights)+1)
		cut[c] = make([]int, len(heights)+1)
		for i := range best[c] {
			best[c][i] = inf
		}
	}
	best[0][0] = 0
	for c := 1; c <= n; c++ {
		for i := 1; i <= len(heights); i++ {
			sum := 0
			for j := i; j >= 1; j-- { // the last column holds groups j-1 … i-1
				sum += heights[j-1]
				if best[c-1][j-1] == inf {
					continue
				}
				if t := max(best[c-1][j-1], sum); t < best[c][i] {
					best[c][i], cut[c][i] = t, j-1
				}
			}
		}
	}
	c := n
	for c > 1 && best[c-1][len(heights)] == best[c][len(heights)] {
		c-- // no taller with fewer columns: use fewer
	}
	runs := make([][]int, c)
	for i := len(heights); c > 0; c-- {
		j := cut[c][i]
		for g := j; g < i; g++ {
			runs[c-1] = append(runs[c-1], g)
		}
		i = j
	}
	return runs
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
