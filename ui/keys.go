package ui

import (
	"slices"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"

	"sizeup/market"
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
	Notes                                    key.Binding
	TryImplied                               key.Binding
	Narrow, Widen, Pin                       key.Binding
	GoalSeek, Output, YearBack, YearOn       key.Binding
	PageUp, PageDown, Top, Bottom            key.Binding
	Save, Open, Mark, Rename, Delete         key.Binding
	Present, Export, ExportChart, Copy       key.Binding
	NextView, PrevView, Views                key.Binding
	Help, Back, Quit                         key.Binding
	Message                                  key.Binding // a cut status message, whole

	// An input with dims: its row opens to a row per item and closes
	// again; a chart of one series' items is stacked or one line each.
	OpenItems, CloseItems, Stacked key.Binding

	// On the ? screen: ? and esc close it.
	CloseHelp key.Binding

	// In the goal seek form.
	FieldUp, FieldDown, ChoicePrev, ChoiceNext key.Binding

	// While a value is being typed.
	Apply, Cancel key.Binding

	// While asking whether to quit with unsaved changes.
	QuitNow, Stay key.Binding
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
		ResetAll:    b([]string{"R"}, "R", "reset all inputs (pins and ranges stay)"),
		Undo:        b([]string{"u"}, "u", "undo"),
		Redo:        b([]string{"ctrl+r"}, "ctrl+r", "redo"),
		Currency:    b([]string{"$"}, "$", "USD/"+local),
		Theme:       b([]string{"t"}, "t", "light/dark"),
		ChartScale:  b([]string{"c"}, "c", "log/linear chart"),
		Hindsight:   b([]string{"a"}, "a", "what actually happened"),
		TryImplied:  b([]string{"A"}, "A", "try the growth the actuals imply"),
		Notes:       b([]string{"w"}, "w", "every warning"),
		Narrow:      b([]string{"["}, "[", "narrow range"),
		Widen:       b([]string{"]"}, "]", "widen range"),
		Pin:         b([]string{"="}, "=", "pin/unpin"),
		GoalSeek:    b([]string{"g"}, "g", "goal seek"),
		Output:      b([]string{"m"}, "m", "next output"),
		YearBack:    b([]string{"left", "h"}, "←/h", "earlier year"),
		YearOn:      b([]string{"right", "l"}, "→/l", "later year"),
		PageUp:      b([]string{"pgup", "b"}, "pgup/b", "page up"),
		PageDown:    b([]string{"pgdown", "f", " "}, "pgdn/f", "page down"),
		Top:         b([]string{"home", "g"}, "g/home", "top"),
		Bottom:      b([]string{"end", "G"}, "G/end", "bottom"),
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
		OpenItems:   b([]string{"enter", "right", "l"}, "⏎/→", "open it: a slider per item"),
		CloseItems:  b([]string{"left", "h", "esc"}, "←/esc", "close it (esc on an item too)"),
		Stacked:     b([]string{"S"}, "S", "chart's items stacked/lines"),
		Help:        b([]string{"?"}, "?", "help"),
		Back:        b([]string{"esc"}, "esc", "close help, leave a slide"),
		Quit:        b([]string{"q", "ctrl+c"}, "q", "quit"),
		CloseHelp:   b([]string{"?", "esc"}, "?/esc", "close"),
		FieldUp:     b([]string{"up", "shift+tab"}, "↑", "previous field"),
		FieldDown:   b([]string{"down", "tab"}, "↓", "next field"),
		ChoicePrev:  b([]string{"left"}, "←", "previous choice"),
		ChoiceNext:  b([]string{"right"}, "→", "next choice"),
		Apply:       b([]string{"enter"}, "⏎", "apply"),
		Cancel:      b([]string{"esc"}, "esc", "cancel"),
		QuitNow:     b([]string{"q", "y"}, "q/y", "quit anyway"),
		Stay:        b([]string{"esc"}, "esc", "stay"),
	}
}

// keyGroup is one titled block of the ? screen and one section of the
// README's key table: the keys of one view or one overlay.
type keyGroup struct {
	title string
	keys  []key.Binding
}

// groups is every key by where it works: the keys every view shares, each
// view's own, then the overlays'. Within a group a key means one thing,
// in the words its help bar says there; a view's own key comes before a
// shared one (g is the top of the text in Sources, goal seek elsewhere).
func (k keyMap) groups() []keyGroup {
	// The keys of a family's row are on only where its open key is (the ?
	// screen of a market without dims leaves the group out).
	withDims := func(b key.Binding, keys, desc string) key.Binding {
		b = as(b, keys, desc)
		b.SetEnabled(b.Enabled() && k.OpenItems.Enabled())
		return b
	}
	scroll := []key.Binding{as(k.Up, "↑/k", "scroll up"), as(k.Down, "↓/j", "scroll down"), k.PageUp, k.PageDown, k.Top, k.Bottom}
	return []keyGroup{
		{"Every view", []key.Binding{k.NextView, k.PrevView, k.Views, k.Undo, k.Redo, k.ResetAll, k.Save, k.Open,
			k.GoalSeek, k.Currency, k.Theme, k.Present, k.Export, k.ExportChart, k.Copy, k.Notes, k.Message, k.Help, k.Quit}},
		{"Dashboard", []key.Binding{k.Up, k.Down, k.Left, k.Right, k.BigLeft, k.BigRight, k.Edit, k.Toggle, k.Reset,
			k.ChartScale, k.Stacked, k.Hindsight, k.TryImplied, k.Narrow, k.Widen, k.Pin}},
		{"Dashboard, on an input with dims (+)", []key.Binding{k.OpenItems, k.CloseItems,
			withDims(k.Reset, "r", "reset every item"), withDims(k.Pin, "[ ] =", "range and pin of every item")}},
		{"Uncertainty", []key.Binding{as(k.Edit, "⏎", "change target"), k.Output}},
		{"Sensitivity", []key.Binding{k.YearBack, k.YearOn, k.Output}},
		{"Scenarios", []key.Binding{as(k.Up, "↑/k", "previous scenario"), as(k.Down, "↓/j", "next scenario"),
			as(k.Edit, "⏎", "open"), k.Mark, k.Rename, k.Delete}},
		{"Sources", scroll},
		{"Help (?)", []key.Binding{as(k.Down, "↑/↓ g/G", "scroll as in Sources"), k.CloseHelp}},
		{"Slides (p)", []key.Binding{as(k.Back, "p/esc", "leave the slide")}},
		{"Goal seek (g)", []key.Binding{as(k.FieldDown, "↑/↓", "field"), as(k.ChoiceNext, "←/→", "choice"),
			as(k.Apply, "⏎", "seek, then apply"), as(k.Cancel, "esc", "close")}},
		{"Typing a value (⏎)", []key.Binding{k.Apply, k.Cancel}},
	}
}

// as is a key in the words one view or overlay says for it.
func as(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
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

// resetAllSaid is what R says: every input is back at its default, and
// the Monte Carlo pins and ranges, which are not inputs and which undo
// does not bring back, stay as they were.
func resetAllSaid(s *session) string {
	pins, ranges := 0, 0
	for id := range s.market.Inputs {
		if s.unc.Pinned[id] {
			pins++
		} else if s.unc.WidthOf(market.ID(id)) != 1 {
			ranges++
		}
	}
	count := func(n int, what string) string {
		if n == 1 {
			return "1 " + what
		}
		return strconv.Itoa(n) + " " + what + "s"
	}
	var kept []string
	if pins > 0 {
		kept = append(kept, count(pins, "pin")+" kept (= unpins)")
	}
	if ranges > 0 {
		kept = append(kept, count(ranges, "changed range")+" kept ([ and ] set ranges)")
	}
	if len(kept) == 0 {
		return "Every input reset to its default."
	}
	return "Every input reset to its default; " + strings.Join(kept, ", ") + "."
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
// tab, ? and q (the way on, the way to every other key, the way out) are
// always shown when on: the other keys are dropped from the end until the
// line fits.
func helpBar(h help.Model, list []key.Binding, w int) string {
	var on []key.Binding
	for _, b := range list {
		if b.Enabled() {
			on = append(on, b)
		}
	}
	h.Width = 0
	for {
		line := h.ShortHelpView(on)
		i := lastDroppable(on)
		if cellWidth(line) <= w || i < 0 {
			return line
		}
		on = append(on[:i], on[i+1:]...)
	}
}

// lastDroppable is the last key of a bar that may leave it, -1 for none.
func lastDroppable(bar []key.Binding) int {
	for i := len(bar) - 1; i >= 0; i-- {
		keys := bar[i].Keys()
		if !slices.Contains(keys, "tab") && !slices.Contains(keys, "?") && !slices.Contains(keys, "q") {
			return i
		}
	}
	return -1
}
