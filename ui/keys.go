package ui

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key the app answers to. The help bar and the README's key
// table are generated from these words.
type keyMap struct {
	Up, Down, Left, Right, BigLeft, BigRight key.Binding
	Edit, Toggle, Reset, ResetAll            key.Binding
	Undo, Redo                               key.Binding
	Currency, Theme, ChartScale              key.Binding
	NextView, PrevView, Views                key.Binding
	PageUp, PageDown                         key.Binding
	GoalSeek, Output, YearBack, YearOn       key.Binding
	Narrow, Widen, Pin                       key.Binding
	Save, Open, Hindsight                    key.Binding
	Present, Export, ExportChart, Copy       key.Binding
	Mark, Rename, Delete                     key.Binding
	Help, Quit                               key.Binding

	// In the goal seek form.
	FieldUp, FieldDown, ChoicePrev, ChoiceNext key.Binding

	// While a value is being typed.
	Apply, Cancel key.Binding
}

func newKeyMap() keyMap {
	return keyMap{
		Up:          key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "previous input")),
		Down:        key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "next input")),
		Left:        key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "decrease")),
		Right:       key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "increase")),
		BigLeft:     key.NewBinding(key.WithKeys("shift+left", "H"), key.WithHelp("⇧←/H", "decrease ×10")),
		BigRight:    key.NewBinding(key.WithKeys("shift+right", "L"), key.WithHelp("⇧→/L", "increase ×10")),
		Edit:        key.NewBinding(key.WithKeys("enter"), key.WithHelp("⏎", "type a value")),
		Toggle:      key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "switch on/off")),
		Reset:       key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reset input")),
		ResetAll:    key.NewBinding(key.WithKeys("R"), key.WithHelp("R", "reset all")),
		Undo:        key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "undo")),
		Redo:        key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("ctrl+r", "redo")),
		Currency:    key.NewBinding(key.WithKeys("$"), key.WithHelp("$", "USD/CNY")),
		Theme:       key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "light/dark")),
		ChartScale:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "log/linear chart")),
		NextView:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next view")),
		PrevView:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("⇧tab", "previous view")),
		Views:       key.NewBinding(key.WithKeys("1", "2", "3", "4", "5"), key.WithHelp("1-5", "go to view")),
		PageUp:      key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:    key.NewBinding(key.WithKeys("pgdown", "f"), key.WithHelp("pgdn/f", "page down")),
		Narrow:      key.NewBinding(key.WithKeys("["), key.WithHelp("[", "narrow range")),
		Widen:       key.NewBinding(key.WithKeys("]"), key.WithHelp("]", "widen range")),
		Pin:         key.NewBinding(key.WithKeys("="), key.WithHelp("=", "pin/unpin")),
		GoalSeek:    key.NewBinding(key.WithKeys("g"), key.WithHelp("g", "goal seek")),
		Output:      key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "next output")),
		Present:     key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "presentation mode")),
		Export:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "screenshot view")),
		ExportChart: key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "screenshot chart")),
		Copy:        key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy chart as text")),
		Save:        key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save scenario")),
		Open:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open scenarios")),
		Hindsight:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "what actually happened")),
		Mark:        key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark to compare")),
		Rename:      key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "rename")),
		Delete:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		YearBack:    key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "earlier year")),
		YearOn:      key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "later year")),
		FieldUp:     key.NewBinding(key.WithKeys("up", "shift+tab"), key.WithHelp("↑", "previous field")),
		FieldDown:   key.NewBinding(key.WithKeys("down", "tab"), key.WithHelp("↓", "next field")),
		ChoicePrev:  key.NewBinding(key.WithKeys("left"), key.WithHelp("←", "previous choice")),
		ChoiceNext:  key.NewBinding(key.WithKeys("right"), key.WithHelp("→", "next choice")),
		Help:        key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:        key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Apply:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("⏎", "apply")),
		Cancel:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// ShortHelp is the help bar.
func (k keyMap) ShortHelp() []key.Binding {
	if k.FieldDown.Enabled() {
		return []key.Binding{k.Apply, k.FieldDown, k.ChoiceNext, k.Cancel}
	}
	if k.Apply.Enabled() {
		return []key.Binding{k.Apply, k.Cancel}
	}
	return []key.Binding{k.Up, k.Left, k.YearBack, k.Output, k.Edit, k.Toggle, k.Mark, k.GoalSeek, k.Save, k.Undo, k.NextView, k.Help, k.Quit}
}

// FullHelp is the ? screen, one column per group.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.Left, k.Right, k.BigLeft, k.BigRight},
		{k.Edit, k.Toggle, k.Reset, k.ResetAll, k.Undo, k.Redo, k.Narrow, k.Widen, k.Pin},
		{k.GoalSeek, k.Output, k.YearBack, k.YearOn, k.Currency, k.Theme, k.ChartScale, k.Hindsight, k.PageUp, k.PageDown},
		{k.Save, k.Open, k.Mark, k.Rename, k.Delete},
		{k.Present, k.Export, k.ExportChart, k.Copy},
		{k.NextView, k.PrevView, k.Views, k.Help, k.Quit},
	}
}
