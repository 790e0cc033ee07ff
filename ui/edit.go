package ui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"sizeup/market"
)

// editMode is what the editor is for.
type editMode int

const (
	editValue    editMode = iota // the selected input's value
	editTarget                   // the Uncertainty view's target
	editSaveName                 // the name to save the sliders under
	editSaveNote                 // then its note
	editRename                   // a saved scenario's new name
)

// Typing an exact value: enter opens the editor in the status line, the
// text goes through the market's own parser, and a refusal keeps both the
// old value and the editor open with the reason.

func (m *Model) startEdit() tea.Cmd {
	id := m.selectedID()
	in := m.market.Input(id)
	m.editing = true
	m.editor.SetValue(in.Format(m.values[id], m.currency()))
	m.editor.CursorEnd()
	m.editor.Width = 20
	m.status, m.isError = "", false
	return m.editor.Focus()
}

func (m *Model) handleEditKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Cancel):
		what := map[editMode]string{editTarget: "the target", editSaveName: "the scenario unsaved", editSaveNote: "the scenario unsaved", editRename: "the name"}[m.edit]
		if what == "" {
			what = m.market.Input(m.selectedID()).Label + " as it was"
		}
		m.stopEdit()
		m.setStatus("Kept " + what + ".")
		return nil
	case key.Matches(msg, m.keys.Apply):
		switch m.edit {
		case editTarget:
			m.applyTarget()
		case editSaveName, editSaveNote, editRename:
			return m.applyNameEdit()
		default:
			m.applyEdit()
		}
		return nil
	case msg.Type == tea.KeyCtrlC:
		return tea.Quit
	}
	var cmd tea.Cmd
	m.editor, cmd = m.editor.Update(msg)
	return cmd
}

func (m *Model) applyEdit() {
	id := m.selectedID()
	in := m.market.Input(id)
	v, err := in.Parse(m.editor.Value(), m.values[market.FXCNYPerUSD])
	if err != nil {
		// The value stays; the editor stays open so the text can be fixed.
		m.setError(errorSentence(err))
		return
	}
	// Money typed in yuan while showing CNY is already converted by Parse;
	// a bare number while showing CNY means yuan.
	if m.cny && (in.Unit == market.UnitUSD || in.Unit == market.UnitUSDPerMonth) && !hasCurrency(m.editor.Value()) {
		v /= m.values[market.FXCNYPerUSD]
		if v < in.Min || v > in.Max {
			m.setError(in.Label + ": " + in.Format(v, m.currency()) + " is outside what it accepts: " + in.Format(in.Min, m.currency()) + " to " + in.Format(in.Max, m.currency()) + ".")
			return
		}
	}
	m.stopEdit()
	m.change(func(vals *market.Values) { vals[id] = v }, in.Label+" set to "+in.Format(v, m.currency())+".")
}

func (m *Model) stopEdit() {
	m.editing, m.edit = false, editValue
	m.editor.CharLimit = 40
	m.editor.Blur()
}

// hasCurrency reports whether typed text names a currency itself.
func hasCurrency(s string) bool {
	s = strings.ToLower(s)
	for _, w := range []string{"$", "¥", "￥", "usd", "cny", "rmb", "yuan"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// errorSentence turns a parse error into one sentence for the status line.
func errorSentence(err error) string {
	s := err.Error()
	if s != "" && s[len(s)-1] != '.' {
		s += "."
	}
	return s
}
