package ui

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

// keyMap is every key the app answers to. The help bar, the ? screen and
// the README's key table are made from these words. Which keys are on
// depends on the view and the mode: updateKeys switches every key off,
// then the root switches on the shared ones and the view or the modal part
// with the keys its own (enableKeys), so the help never lies.
type keyMap struct {
	Up, Down, Left, Right, BigLeft, BigRight key.Binding
	Edit, Toggle, Reset, ResetAll            key.Binding
	Undo, Redo                               key.Binding
	Currency, Theme, ChartScale, Hindsight   key.Binding
	TryImplied                               key.Binding
	Narrow, Widen, Pin                       key.Binding
	GoalSeek, Output, YearBack, YearOn       key.Binding
	PageUp, PageDown                         key.Binding
	Save, Open, Mark, Rename, Delete         key.Binding
	Present, Export, ExportChart, Copy       key.Binding
	NextView, PrevView, Views                key.Binding
	Help, Back, Quit                         key.Binding
	Message                                  key.Binding // a cut status message, whole

	// In the goal seek form.
	FieldUp, FieldDown, ChoicePrev, ChoiceNext key.Binding

	// While a value is being typed.
	Apply, Cancel key.Binding
}

// newKeyMap builds the keys for a market whose own currency is local
// ("CNY"; "" for none: then $ has nothing to switch).
func newKeyMap(local string) keyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return keyMap{
		Up:          b([]string{"up", "k"}, "↑/k", "previous input"),
		Down:        b([]string{"down", "j"}, "↓/j", "next input"),
		Left:        b([]string{"left", "h"}, "←/h", "decrease (a switch: off)"),
		Right:       b([]string{"right", "l"}, "→/l", "increase (a switch: on)"),
		BigLeft:     b([]string{"shift+left", "H"}, "⇧←/H", "decrease ×10"),
		BigRight:    b([]string{"shift+right", "L"}, "⇧→/L", "increase ×10"),
		Edit:        b([]string{"enter"}, "⏎", "type a value"),
		Toggle:      b([]string{" "}, "space", "switch on/off"),
		Reset:       b([]string{"r"}, "r", "reset input"),
		ResetAll:    b([]string{"R"}, "R", "reset all"),
		Undo:        b([]string{"u"}, "u", "undo"),
		Redo:        b([]string{"ctrl+r"}, "ctrl+r", "redo"),
		Currency:    b([]string{"$"}, "$", "USD/"+local),
		Theme:       b([]string{"t"}, "t", "light/dark"),
		ChartScale:  b([]string{"c"}, "c", "log/linear chart"),
		Hindsight:   b([]string{"a"}, "a", "what actually happened"),
		TryImplied:  b([]string{"A"}, "A", "try the growth the actuals imply"),
		Narrow:      b([]string{"["}, "[", "narrow range"),
		Widen:       b([]string{"]"}, "]", "widen range"),
		Pin:         b([]string{"="}, "=", "pin/unpin"),
		GoalSeek:    b([]string{"g"}, "g", "goal seek"),
		Output:      b([]string{"m"}, "m", "next output"),
		YearBack:    b([]string{"left", "h"}, "←/h", "earlier year"),
		YearOn:      b([]string{"right", "l"}, "→/l", "later year"),
		PageUp:      b([]string{"pgup", "b"}, "pgup/b", "page up"),
		PageDown:    b([]string{"pgdown", "f", " "}, "pgdn/f", "page down"),
		Save:        b([]string{"s"}, "s", "save scenario"),
		Open:        b([]string{"o"}, "o", "open scenarios"),
		Mark:        b([]string{" "}, "space", "mark to compare"),
		Rename:      b([]string{"n"}, "n", "rename"),
		Delete:      b([]string{"d"}, "d", "delete"),
		Present:     b([]string{"p"}, "p", "presentation mode"),
		Export:      b([]string{"x"}, "x", "screenshot view"),
		ExportChart: b([]string{"X"}, "X", "screenshot chart"),
		Copy:        b([]string{"y"}, "y", "copy chart as text"),
		NextView:    b([]string{"tab"}, "tab", "next view"),
		PrevView:    b([]string{"shift+tab"}, "⇧tab", "previous view"),
		Views:       b(viewKeys(), views[0].key+"-"+views[len(views)-1].key, "go to view"),
		Message:     b([]string{"v"}, "v", "read the whole message"),
		Help:        b([]string{"?"}, "?", "help"),
		Back:        b([]string{"esc"}, "esc", "close help, leave a slide"),
		Quit:        b([]string{"q", "ctrl+c"}, "q", "quit"),
		FieldUp:     b([]string{"up", "shift+tab"}, "↑", "previous field"),
		FieldDown:   b([]string{"down", "tab"}, "↓", "next field"),
		ChoicePrev:  b([]string{"left"}, "←", "previous choice"),
		ChoiceNext:  b([]string{"right"}, "→", "next choice"),
		Apply:       b([]string{"enter"}, "⏎", "apply"),
		Cancel:      b([]string{"esc"}, "esc", "cancel"),
	}
}

// keyGroup is one titled column of the ? screen.
type keyGroup struct {
	title string
	keys  []key.Binding
}

// groups is every key, grouped as the ? screen and the README show them.
func (k keyMap) groups() []keyGroup {
	return []keyGroup{
		{"Sliders", []key.Binding{k.Up, k.Down, k.Left, k.Right, k.BigLeft, k.BigRight, k.Edit, k.Toggle, k.Reset, k.ResetAll}},
		{"History and display", []key.Binding{k.Undo, k.Redo, k.Currency, k.Theme, k.ChartScale, k.Hindsight, k.TryImplied}},
		{"Uncertainty and analysis", []key.Binding{k.Narrow, k.Widen, k.Pin, k.GoalSeek, k.Output, k.YearBack, k.YearOn}},
		{"Scenarios", []key.Binding{k.Save, k.Open, k.Mark, k.Rename, k.Delete}},
		{"Slides and screenshots", []key.Binding{k.Present, k.Export, k.ExportChart, k.Copy}},
		{"Views", []key.Binding{k.NextView, k.PrevView, k.Views, k.PageUp, k.PageDown, k.Message, k.Help, k.Back, k.Quit}},
		{"In a form or while typing", []key.Binding{k.Apply, k.Cancel, k.FieldUp, k.FieldDown, k.ChoicePrev, k.ChoiceNext}},
	}
}

// ShortHelp and FullHelp make keyMap a help.KeyMap.
func (k keyMap) ShortHelp() []key.Binding { return nil }

// FullHelp is every key in its group.
func (k keyMap) FullHelp() [][]key.Binding {
	var out [][]key.Binding
	for _, g := range k.groups() {
		out = append(out, g.keys)
	}
	return out
}

// barCache keeps the last help bars drawn, keyed by what they show: the
// bar is the same from one keystroke to the next nearly always, and
// drawing it with Lip Gloss is a good part of a frame.
type barCache struct {
	keys [4]string
	bars [4]string
	next int
}

// get returns the bar for list at width w in the theme's styles.
func (c *barCache) get(h help.Model, list []key.Binding, w int, st *Styles) string {
	dark := st.dark
	var b strings.Builder
	b.WriteString(strconv.Itoa(w))
	if dark {
		b.WriteByte('d')
	}
	for _, k := range list {
		if k.Enabled() {
			b.WriteString(k.Help().Key)
			b.WriteByte(0)
			b.WriteString(k.Help().Desc)
			b.WriteByte(1)
		}
	}
	key := b.String()
	for i, k := range c.keys {
		if k == key && c.bars[i] != "" {
			return c.bars[i]
		}
	}
	bar := st.keepBG(helpBar(h, list, w))
	c.keys[c.next], c.bars[c.next] = key, bar
	c.next = (c.next + 1) % len(c.keys)
	return bar
}

// helpBar draws the enabled keys of a short list on one line of width w.
// The last keys (? help, q quit) are always shown: keys are dropped from
// the middle until the line fits.
func helpBar(h help.Model, list []key.Binding, w int) string {
	var on []key.Binding
	for _, b := range list {
		if b.Enabled() {
			on = append(on, b)
		}
	}
	h.Width = 0
	keep := 2 // the tail that always stays
	for len(on) > keep {
		line := h.ShortHelpView(on)
		if cellWidth(line) <= w {
			return line
		}
		// Drop the last of the droppable keys.
		i := len(on) - keep - 1
		on = append(on[:i], on[i+1:]...)
	}
	return h.ShortHelpView(on)
}
